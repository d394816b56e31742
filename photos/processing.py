"""From a checked upload to the files that are stored: a clean original and
its renditions, all made here, once, with Pillow.

Every file is re-encoded from pixels, so nothing of the upload but its image
survives: no EXIF (GPS included), XMP, IPTC, comments or bytes hidden after
the image. The phone's orientation is applied to the pixels first, and colour
is converted to sRGB, the space browsers assume.
"""

import io
import struct
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms, ImageOps

from .uploads import DAMAGED

OG_SIZE = (1200, 630)
# Faces sit above the middle of most portraits: crop a little high.
OG_CENTERING = (0.5, 0.35)
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}
# Originals are kept for later crops and wider renditions: high quality.
ORIGINAL_OPTIONS = {
    "JPEG": {"quality": 92},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 92},
    "GIF": {},
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SIXTEEN_BIT_MODES = {"I", "I;16", "I;16B", "I;16L", "I;16N"}


@dataclass
class Processed:
    """What will be stored for one photo: file contents by name suffix."""

    width: int
    height: int
    original_extension: str
    original: bytes
    widths: list[int]
    renditions: dict[str, bytes] = field(default_factory=dict)


def rendition_widths(width):
    """The configured widths narrower than the photo, and the photo's own
    width when it is narrower than the widest (never an enlargement)."""
    widest = max(settings.PHOTO_RENDITION_WIDTHS)
    return sorted(
        {w for w in settings.PHOTO_RENDITION_WIDTHS if w < width} | {min(width, widest)}
    )


def process(upload):
    """The `Processed` files of a checked `Upload`."""
    try:
        with Image.open(io.BytesIO(upload.data), formats=[upload.format]) as image:
            animated = upload.frames > 1
            if animated:
                still = ImageOps.exif_transpose(image)
            else:
                # In place: a camera photo is not held twice in memory.
                ImageOps.exif_transpose(image, in_place=True)
                still = image
            still = to_srgb(still)
            still.info = {}
            if animated:
                original, extension = save_animation(image, upload.format)
            else:
                original, extension = save_still(still, upload.format)
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise ValidationError(
            DAMAGED, code="damaged", params={"reason": error}
        ) from None
    processed = Processed(
        width=still.width,
        height=still.height,
        original_extension=extension,
        original=original,
        widths=rendition_widths(still.width),
    )
    base = working_copy(still, max(max(processed.widths), OG_SIZE[0]))
    for width in processed.widths:
        size = (width, max(1, round(still.height * width / still.width)))
        resized = base.resize(size, Image.Resampling.LANCZOS)
        processed.renditions[f"{width}w.webp"] = encode(resized, "WEBP", WEBP_OPTIONS)
        jpeg = flatten(resized)
        processed.renditions[f"{width}w.jpg"] = encode(jpeg, "JPEG", JPEG_OPTIONS)
    og = ImageOps.fit(
        flatten(base), OG_SIZE, Image.Resampling.LANCZOS, centering=OG_CENTERING
    )
    processed.renditions["og.jpg"] = encode(og, "JPEG", JPEG_OPTIONS)
    return processed


def working_copy(image, widest):
    """The image brought down to between one and two times the widest output
    by a cheap integer reduction (box averaging), so that each rendition
    resamples a few megapixels rather than the whole camera photo; this is
    what Pillow's `reducing_gap` does, once for all renditions."""
    factor = image.width // widest
    return image.reduce(factor) if factor >= 2 else image


def to_srgb(image):
    """The image in RGB, RGBA or L, its colours in sRGB."""
    icc = image.info.get("icc_profile")
    if image.mode in SIXTEEN_BIT_MODES:
        # Pillow would clip 16-bit grey to white when converting: scale it.
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "P":
        has_alpha = "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    elif image.mode in ("LA", "PA", "RGBa", "La"):
        image = image.convert("RGBA")
    elif image.mode == "1":
        image = image.convert("L")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(
                image, source, SRGB, outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: fall back to Pillow's conversion
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    return image


def flatten(image):
    """For JPEG, which has no transparency: composed on white."""
    if image.mode != "RGBA":
        return image
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, image).convert("RGB")


def encode(image, image_format, options):
    buffer = io.BytesIO()
    # Empty exif and xmp say so explicitly: nothing is carried over.
    image.save(buffer, image_format, exif=b"", xmp=b"", **options)
    return buffer.getvalue()


def save_still(image, upload_format):
    """The original as a still: in its own format, except a GIF, whose
    palette would lose the sRGB conversion (it is kept as PNG)."""
    image_format = "PNG" if upload_format == "GIF" else upload_format
    if image_format == "JPEG":
        image = flatten(image)
    return encode(image, image_format, ORIGINAL_OPTIONS[image_format]), EXTENSIONS[
        image_format
    ]


def save_animation(image, upload_format):
    """An animated GIF or WebP keeps its frames and timing, nothing else."""
    frames = []
    durations = []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append(image.convert("RGBA"))
        durations.append(image.info.get("duration", 100))
    buffer = io.BytesIO()
    first, *rest = frames
    first.info = {}
    first.save(
        buffer,
        upload_format,
        save_all=True,
        append_images=rest,
        duration=durations,
        loop=image.info.get("loop", 0),
        comment=b"",
        exif=b"",
        xmp=b"",
        **ORIGINAL_OPTIONS[upload_format],
    )
    return buffer.getvalue(), EXTENSIONS[upload_format]
