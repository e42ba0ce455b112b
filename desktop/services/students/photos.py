"""Student photos by the national rule: 26 mm × 32 mm (aspect 26:32), JPEG under 60 KB.

Any JPEG or PNG the registrar picks is turned upright first (a phone or camera writes how it
was held into the EXIF orientation tag, not into the pixels), cropped to the centre at 26:32,
scaled to 260×320 pixels (254 dpi at print size) and compressed until it fits the size limit.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop.models.student import Student
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal

MAX_BYTES = 60 * 1024
SIZE = (260, 320)
MAX_SOURCE_PIXELS = 40_000_000
MAX_SOURCE_BYTES = 20 * 1024 * 1024


def normalise_photo(data: bytes) -> bytes:
    """A JPEG of 26:32 under 60 KB; ServiceError('photo.unreadable') for anything else.

    Only JPEG and PNG are decoded (Pillow's other decoders are never reached), and the pixel
    count is checked from the header before any pixel is decoded."""
    if len(data) > MAX_SOURCE_BYTES:
        raise ServiceError("photo.file_too_big", max_mb=MAX_SOURCE_BYTES // (1024 * 1024))
    try:
        with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ServiceError("photo.too_large")
            image.load()
            picture = _crop(_upright(image).convert("RGB"))
    except Image.DecompressionBombError as exc:
        raise ServiceError("photo.too_large") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ServiceError("photo.unreadable") from exc
    picture = picture.resize(SIZE, Image.Resampling.LANCZOS)
    for quality in range(90, 20, -10):
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=quality, optimize=True, dpi=(254, 254))
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
    raise ServiceError("photo.unreadable")


def _upright(image: Image.Image) -> Image.Image:
    """The picture as the camera's orientation tag says it was held; as stored when the tag
    is missing or unreadable (a damaged EXIF block is no reason to refuse the photo)."""
    try:
        return ImageOps.exif_transpose(image)
    except (ValueError, OSError, SyntaxError, KeyError, TypeError):
        return image


def _crop(image: Image.Image) -> Image.Image:
    target = SIZE[0] / SIZE[1]
    width, height = image.size
    if width / height > target:
        new_width = round(height * target)
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = round(width / target)
    top = (height - new_height) // 2
    return image.crop((0, top, width, top + new_height))


def set_photo(ws: Workspace, student_id: str, jpeg: bytes | None) -> None:
    """Store (or remove, with None) a student's normalised photo."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        student.photo = jpeg
        Journal(session, ws.actor).audit("student.photo", "student", student_id,
                                         after={"photo_bytes": len(jpeg) if jpeg else 0})


def get_photo(ws: Workspace, student_id: str) -> bytes | None:
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        return student.photo if student else None
