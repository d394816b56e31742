"""Uploads: every bad file is refused with a clear message before its image is
decoded; odd but honest photos are accepted and come out right."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from photos.processing import process
from photos.uploads import inspect_upload

from . import photo_files as files


def refusal(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        inspect_upload(files.upload(data, name))
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("kind", sorted(files.NOT_IMAGES))
def test_a_file_that_is_no_image_is_refused_whatever_its_name(kind):
    message = refusal(files.NOT_IMAGES[kind], name="photo.jpg")
    assert "not a JPEG, PNG, WebP or GIF image" in message


@pytest.mark.parametrize(
    "data", [files.tiff(), files.psd_header()], ids=["tiff", "psd"]
)
def test_images_in_other_formats_are_refused(data):
    assert "not a JPEG, PNG, WebP or GIF image" in refusal(data, name="photo.png")


def test_a_png_followed_by_a_page_and_a_script_is_refused():
    data = files.polyglot_png()
    Image.open(io.BytesIO(data)).verify()  # the image itself is valid
    assert "web page code" in refusal(data, name="photo.png")


def test_a_png_followed_by_any_other_bytes_is_refused():
    data = files.encode(files.halves((200, 100)), "PNG") + b"\x00extra bytes"
    assert "goes on after the end of its image" in refusal(data, name="photo.png")


@pytest.mark.parametrize("width, height", [(14000, 14000), (1, 200_000_000)])
def test_a_decompression_bomb_is_refused_from_its_header(width, height):
    data = files.png_declaring(width, height)
    assert len(data) < 1000
    message = refusal(data, name="bomb.png")
    assert "million pixels" in message


def test_the_pixel_ceiling_is_the_setting(settings):
    settings.PHOTO_MAX_PIXELS = 1000 * 1000
    message = refusal(files.jpeg((1200, 1000)))
    assert "1200 x 1000 pixels" in message
    assert "up to 1 million pixels" in message


def test_a_truncated_file_is_refused():
    assert "damaged or incomplete" in refusal(files.truncated_jpeg())


def test_a_truncated_png_is_refused():
    data = files.encode(files.halves((400, 300)), "PNG")
    assert "damaged or incomplete" in refusal(data[: len(data) - 30], "a.png")


def test_an_empty_file_is_refused():
    assert refusal(b"") == "The file is empty."


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 10_000
    data = files.jpeg((1600, 1000))
    assert len(data) > 10_000
    message = refusal(data)
    assert "photos may be up to 9.8\xa0KB" in message


def test_an_animation_of_more_frames_than_the_limit_is_refused(settings):
    limit = settings.PHOTO_MAX_FRAMES
    message = refusal(files.animated_gif(limit + 1), name="dance.gif")
    assert f"{limit + 1} frames; the limit is {limit}" in message


def test_an_animation_within_the_limit_is_accepted(settings):
    upload = inspect_upload(files.upload(files.animated_gif(12), "dance.gif"))
    assert (upload.format, upload.frames) == ("GIF", 12)


def stored(data, name="photo.jpg"):
    return process(inspect_upload(files.upload(data, name)))


def opened(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_cmyk_jpeg_comes_out_in_rgb_with_its_colours():
    result = stored(files.cmyk_jpeg())
    for data in (result.original, result.renditions["400w.jpg"]):
        image = opened(data)
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((100, 100))
        assert red > 200 and green < 60 and blue < 60


def test_a_16_bit_png_keeps_its_grey_rather_than_turning_white():
    result = stored(files.png_16_bit(30000), name="grey.png")
    for data in (result.original, result.renditions["400w.webp"]):
        image = opened(data).convert("L")
        assert abs(image.getpixel((10, 10)) - 117) <= 2


def test_a_palette_image_keeps_its_transparency_in_webp_and_is_white_in_jpeg():
    result = stored(files.palette_with_transparency(), name="logo.png")
    webp = opened(result.renditions["400w.webp"])
    assert webp.mode == "RGBA"
    assert webp.getpixel((50, 50))[3] == 0
    assert webp.getpixel((350, 50))[3] == 255
    jpeg = opened(result.renditions["400w.jpg"])
    assert jpeg.getpixel((50, 50)) >= (245, 245, 245)
    red, green, blue = jpeg.getpixel((350, 50))
    assert green > 120 and red < 40 and blue < 40


def test_a_rotated_phone_photo_is_turned_upright():
    result = stored(files.phone_photo())
    # Stored 1200 x 800 with "rotate 90° clockwise": upright it is 800 x 1200,
    # and the left half (red) of the sensor image is now the top.
    assert (result.width, result.height) == (800, 1200)
    for data in (result.original, result.renditions["800w.jpg"]):
        image = opened(data)
        assert image.height > image.width
        top = image.getpixel((image.width // 2, image.height // 5))
        bottom = image.getpixel((image.width // 2, image.height * 4 // 5))
        assert top[0] > 150 and top[2] < 120, top
        assert bottom[2] > 150 and bottom[0] < 100, bottom


def every_file(result):
    return {"original": result.original, **result.renditions}


def test_no_stored_file_carries_exif_gps_or_xmp():
    result = stored(files.phone_photo())
    for name, data in every_file(result).items():
        image = opened(data)
        assert not image.getexif(), name
        assert not image.getexif().get_ifd(files.GPS_IFD), name
        assert "xmp" not in image.info and "exif" not in image.info, name
        assert b"secret place" not in data and b"PhoneMaker" not in data, name


def test_png_text_and_xmp_are_not_kept():
    result = stored(files.png_with_text(), name="photo.png")
    for name, data in every_file(result).items():
        assert b"Some Street" not in data and b"secret place" not in data, name
        assert not opened(data).getexif(), name


def test_an_animated_gif_keeps_its_frames_but_not_its_comment():
    result = stored(files.animated_gif(12), name="dance.gif")
    original = Image.open(io.BytesIO(result.original))
    assert (original.format, original.n_frames) == ("GIF", 12)
    assert b"Some Street" not in result.original
    assert opened(result.renditions["og.jpg"]).size == (1200, 630)


def test_renditions_are_made_at_each_width_up_to_the_photo_own():
    result = stored(files.jpeg((2000, 1250)))
    assert result.widths == [400, 800, 1200, 1600]
    for width in result.widths:
        assert opened(result.renditions[f"{width}w.webp"]).format == "WEBP"
        jpeg = opened(result.renditions[f"{width}w.jpg"])
        assert jpeg.format == "JPEG"
        assert jpeg.size == (width, round(1250 * width / 2000))
    assert opened(result.renditions["og.jpg"]).size == (1200, 630)


def test_a_small_photo_is_never_enlarged():
    result = stored(files.jpeg((500, 300)))
    assert result.widths == [400, 500]
    assert opened(result.renditions["500w.jpg"]).size == (500, 300)


@pytest.mark.parametrize(
    "data",
    [
        files.png_declaring(14000, 14000),
        files.png_declaring(1, 200_000_000),
        files.polyglot_png(),
    ],
    ids=["bomb square", "bomb line", "polyglot"],
)
def test_bombs_and_polyglots_are_refused_without_decoding_a_pixel(monkeypatch, data):
    def decode(*args, **kwargs):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)
    monkeypatch.setattr(Image.Image, "load", decode)
    with pytest.raises(ValidationError):
        inspect_upload(files.upload(data, "photo.png"))
