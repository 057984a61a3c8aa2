"""Thumbnails of uploaded photos: made once, when the image arrives, so the gallery loads small
files lazily instead of the full scans."""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from archive.models import Photo

THUMBNAIL_BOX = (480, 480)  # the gallery's cards are at most 24rem wide on a 2x screen


def photo_thumbnail(*, photo: Photo) -> None:
    """(Re)make the photo's thumbnail from its image, or drop it when the image is gone. A
    row update: a derived file is no edit, so no history row and no newer version."""
    if not photo.image:
        photo.thumbnail = ""
    else:
        try:
            data = _thumbnail_jpeg(photo)
        except (OSError, UnidentifiedImageError):
            return  # unreadable: the gallery shows the image itself
        photo.thumbnail.save(f"{Path(photo.image.name).stem}.jpg", ContentFile(data), save=False)
    Photo.objects.filter(pk=photo.pk).update(thumbnail=photo.thumbnail.name or "")


def _thumbnail_jpeg(photo: Photo) -> bytes:
    with photo.image.open("rb") as file, Image.open(file) as image:
        small = ImageOps.exif_transpose(image)  # as the camera held it
        small.thumbnail(THUMBNAIL_BOX)
        if small.mode not in ("RGB", "L"):
            small = small.convert("RGB")
        out = BytesIO()
        small.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
