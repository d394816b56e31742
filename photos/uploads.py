"""What an uploaded photo may be, decided before its pixels are decoded.

Every check here reads the file's bytes or its header: a decompression bomb,
a disguised document or a polyglot is refused without its image ever being
expanded in memory. The limits are settings (PHOTO_MAX_UPLOAD_BYTES,
PHOTO_MAX_PIXELS, PHOTO_MAX_FRAMES).
"""

import io
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Decided by decoding, never by the file's name or the browser's say-so.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

# Markup that a browser sniffing the file could run: a polyglot hides a page
# or a script in an image that still decodes. A tag counts with the character
# after it, so that compressed pixel data practically never looks like one.
MARKUP_TAGS = (b"script", b"html", b"body", b"iframe", b"svg", b"object", b"embed")
MARKUP_WORDS = (b"<?php", b"<!doctype", b"javascript:")
TAG_ENDS = b" \t\r\n>/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

EMPTY = _("The file is empty.")
TOO_BIG = _("The file is %(size)s; photos may be up to %(limit)s.")
NOT_AN_IMAGE = _(
    "This is not a JPEG, PNG, WebP or GIF image (whatever its name says). "
    "Export the photo in one of those formats."
)
TOO_MANY_PIXELS = _(
    "The image declares %(width)s x %(height)s pixels; photos may have up to "
    "%(limit)s million pixels."
)
TOO_MANY_FRAMES = _("The animation has %(frames)s frames; the limit is %(limit)s.")
DAMAGED = _("The image is damaged or incomplete (%(reason)s). Upload it again.")
HIDDEN_MARKUP = _(
    "The file carries web page code (HTML or script) beside the image. "
    "Export the photo again from an image editor."
)


@dataclass(frozen=True)
class Upload:
    """An upload that passed every check: its bytes and what they hold."""

    data: bytes
    format: str
    width: int
    height: int
    frames: int


def inspect_upload(file):
    """The checked `Upload` of an uploaded file; ValidationError otherwise."""
    size = file.size
    if not size:
        raise ValidationError(EMPTY, code="empty")
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            TOO_BIG,
            code="too_big",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    data = file.read(limit + 1)  # bounded by the size check
    upload = read_header(data)
    if carries_markup(data):
        raise ValidationError(HIDDEN_MARKUP, code="markup")
    if upload.format == "PNG":
        check_png_ends_at_iend(data)
    check_complete(upload)
    return upload


def carries_markup(data):
    # bytes.find on a lowered copy scans megabytes in milliseconds, where a
    # case-insensitive regular expression takes a good part of a second.
    lowered = data.lower()
    if any(word in lowered for word in MARKUP_WORDS):
        return True
    for tag in MARKUP_TAGS:
        needle = b"<" + tag
        position = lowered.find(needle)
        while position != -1:
            after = lowered[position + len(needle) : position + len(needle) + 1]
            if after and after in TAG_ENDS:
                return True
            position = lowered.find(needle, position + 1)
    return False


def read_header(data):
    """Format, size and frame count, from the header only."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            width, height = image.size
            check_pixels(width, height)
            frames = getattr(image, "n_frames", 1)
            image_format = image.format
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="format") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own limit (the same ceiling) caught it while opening.
        raise ValidationError(
            _("The image declares more than %(limit)s million pixels."),
            code="pixels",
            params={"limit": settings.PHOTO_MAX_PIXELS // 1_000_000},
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise ValidationError(
            DAMAGED, code="damaged", params={"reason": error}
        ) from None
    if frames > settings.PHOTO_MAX_FRAMES:
        raise ValidationError(
            TOO_MANY_FRAMES,
            code="frames",
            params={"frames": frames, "limit": settings.PHOTO_MAX_FRAMES},
        )
    return Upload(data, image_format, width, height, frames)


def check_pixels(width, height):
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="pixels",
            params={
                "width": width,
                "height": height,
                "limit": settings.PHOTO_MAX_PIXELS // 1_000_000,
            },
        )


def check_png_ends_at_iend(data):
    """Walk the PNG's chunks: nothing may follow the IEND chunk."""
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        position += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            if position < len(data):
                raise ValidationError(
                    _("The file goes on after the end of its image."),
                    code="trailing",
                )
            return
    raise ValidationError(
        DAMAGED, code="damaged", params={"reason": _("no end of image")}
    )


def check_complete(upload):
    """Decode just enough to know the image data is all there: a JPEG at an
    eighth of its size, a PNG by its checksums, other formats whole (their
    size is bounded by the pixel ceiling)."""
    try:
        with Image.open(io.BytesIO(upload.data), formats=[upload.format]) as image:
            if upload.format == "PNG":
                image.verify()
                return
            if upload.format == "JPEG":
                image.draft(image.mode, (upload.width // 8, upload.height // 8))
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise ValidationError(
            DAMAGED, code="damaged", params={"reason": error}
        ) from None
