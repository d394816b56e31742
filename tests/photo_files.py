"""Image files for the photo tests, made with Pillow at run time: nothing
binary is committed, and each file is exactly the case its test names."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

# An EXIF block a phone would write: portrait shot held sideways, with GPS.
ORIENTATION = 0x0112
GPS_IFD = 0x8825
MAKE = 0x010F


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def halves(size=(1600, 1000), left=(220, 20, 60), right=(30, 90, 200), mode="RGB"):
    """An image whose left half is one colour and right half another, so that
    a test can tell which way it was turned."""
    image = Image.new(mode, size, left)
    ImageDraw.Draw(image).rectangle([size[0] // 2, 0, size[0], size[1]], fill=right)
    return image


def jpeg(size=(1600, 1000), **options):
    return encode(halves(size), "JPEG", quality=90, **options)


def phone_photo():
    """A JPEG stored sideways with orientation 6 ("rotate 90° clockwise to
    view"), a camera make and GPS coordinates in its EXIF, and XMP."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (37.0, 33.0, 59.0)
    gps[3] = "E"
    gps[4] = (126.0, 58.0, 41.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret place</x:xmpmeta>'
    return encode(halves((1200, 800)), "JPEG", exif=exif, xmp=xmp, quality=90)


def cmyk_jpeg():
    """Pure red in CMYK: no cyan, full magenta and yellow, no black."""
    return encode(Image.new("CMYK", (900, 600), (0, 255, 255, 0)), "JPEG")


def png_16_bit(value=30000):
    """A 16-bit greyscale PNG of one grey: 30000 of 65535 is 117 of 255."""
    return encode(Image.new("I;16", (500, 400), value), "PNG")


def palette_with_transparency():
    """A palette PNG whose left half is transparent, right half green."""
    image = Image.new("P", (600, 400), 0)
    image.putpalette([0, 0, 0, 0, 160, 0] + [0] * (256 * 3 - 6))
    ImageDraw.Draw(image).rectangle([300, 0, 600, 400], fill=1)
    return encode(image, "PNG", transparency=0)


def png_with_text():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at home, 12 Some Street")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret place</x:xmpmeta>")
    return encode(halves((800, 600)), "PNG", pnginfo=info)


def animated_gif(frames, size=(40, 30)):
    images = [Image.new("P", size, index % 2) for index in range(frames)]
    for image in images:
        image.putpalette([255, 0, 0, 0, 0, 255] + [0] * (256 * 3 - 6))
    return encode(
        images[0],
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=80,
        loop=0,
        comment=b"made at 12 Some Street",
    )


def png_declaring(width, height):
    """A small valid PNG whose header is rewritten to declare `width` x
    `height` pixels: a decompression bomb's calling card."""
    data = bytearray(encode(Image.new("1", (8, 8)), "PNG"))
    start = 8 + 8  # signature, then the IHDR chunk's length and type
    data[start : start + 8] = struct.pack(">II", width, height)
    ihdr = bytes(data[12 : start + 13])
    data[start + 13 : start + 17] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


def polyglot_png():
    """A valid PNG with an HTML page and a script after its end."""
    return encode(halves((200, 100)), "PNG") + (
        b"<html><body><script>alert(document.cookie)</script></body></html>"
    )


def truncated_jpeg():
    data = jpeg((1600, 1000))
    return data[: len(data) // 2]


def tiff():
    return encode(halves((200, 100)), "TIFF")


def psd_header():
    """The start of a Photoshop document: signature, version, channels,
    size, depth and colour mode."""
    return b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, 100, 200, 8, 3) + bytes(64)


NOT_IMAGES = {
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>",
    "html renamed .jpg": b"<!DOCTYPE html><html><body><h1>Hello</h1></body></html>",
    "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    "eps": b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n",
}
