"""Checking and re-encoding uploaded images.

An upload is refused on its declared size before anything is read; then Pillow must recognise it as an image
of an accepted format by its content (the file name and the browser's content type are ignored); finally it is
re-encoded from its pixels only (no EXIF, GPS or comments survive), reduced to `MAX_DIMENSION` pixels, and
given a random name by the model.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_DIMENSION = 2000
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Input formats accepted, and the format each is saved in.
OUTPUT_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Refuse absurd pixel counts (decompression bombs) well before Pillow's own limit.
MAX_PIXELS = 40_000_000


class ImageRejected(ValueError):
    """The upload is not an acceptable image; the message is in French, for the person who sent it."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "ACTION_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_size(upload) -> None:
    """Refuse a file over the limit from its size alone (uploads bigger than a few MB are on disk, not read)."""
    limit = max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is None or size > limit:
        raise ImageRejected(
            _(
                "L'image « %(name)s » pèse %(size)s : la taille maximale est de %(limit)s. "
                "Réduisez-la avant de l'envoyer."
            )
            % {
                "name": getattr(upload, "name", ""),
                "size": filesizeformat(size or 0),
                "limit": filesizeformat(limit),
            }
        )


def reencode(upload) -> ContentFile:
    """A clean copy of the uploaded image, or `ImageRejected`. The result's name only carries the extension."""
    check_size(upload)
    name = getattr(upload, "name", "") or ""
    not_an_image = ImageRejected(
        _(
            "Le fichier « %(name)s » n'est pas une image valide : "
            "seules les photos JPEG, PNG, WebP ou GIF sont acceptées."
        )
        % {"name": name}
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                source_format = probe.format
                if source_format not in OUTPUT_FORMAT:
                    raise not_an_image
                if probe.width * probe.height > MAX_PIXELS:
                    raise ImageRejected(
                        _("L'image « %(name)s » est trop grande (%(width)s × %(height)s pixels).")
                        % {"name": name, "width": probe.width, "height": probe.height}
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                output_format = OUTPUT_FORMAT[source_format]
                image = _clean_pixels(image, output_format)
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow refuses to even open it: a real image, too large, not an invalid file.
        raise ImageRejected(
            _("L'image « %(name)s » est trop grande (plus de %(millions)s millions de pixels) : réduisez-la.")
            % {"name": name, "millions": MAX_PIXELS // 1_000_000}
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error

    image.thumbnail((MAX_DIMENSION, MAX_DIMENSION), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if output_format == "JPEG":
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif output_format == "WEBP":
        image.save(buffer, "WEBP", quality=85)
    else:
        image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"image{EXTENSION[output_format]}")


def _clean_pixels(image: Image.Image, output_format: str) -> Image.Image:
    """A new image holding only the pixels (no metadata, no ICC profile, no frames beyond the first)."""
    if output_format == "JPEG":
        mode = "RGB"
    elif image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        mode = "RGBA"
    else:
        mode = "RGB"
    converted = image.convert(mode)
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    return clean
