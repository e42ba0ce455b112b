"""学籍档案 register, scanned pages: JPEG, PNG or PDF files attached to a document of the
checklist, kept inside the encrypted database and addressed by the SHA-256 of their bytes,
so the same scan is stored once however often it is attached.

A file is accepted only if its first bytes say JPEG, PNG or PDF, it is at most 20 MB, and
(for an image) Pillow decodes it within a pixel limit, so truncated files and decompression
bombs are refused before anything is written. The outbox records the hash and the file's
metadata, never its bytes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePath

from sqlalchemy import select

from desktop.domain.ids import new_id
from desktop.models.archive import ArchiveAttachment, ArchiveBlob
from desktop.models.base import utc_now
from desktop.services.archive.shapes import Scan
from desktop.services.archive.write import check_kind
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.lookup import find_student

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 80_000_000  # an A3 page at 600 dpi is about 70 million pixels
NAME_MAX = 200
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
          (b"%PDF-", "application/pdf"))
_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG"}


def scan_type(data: bytes) -> str:
    """The MIME type of an acceptable scan; ServiceError if the bytes are not one."""
    if len(data) > MAX_BYTES:
        raise ServiceError("archive.scan_too_big", max_mb=MAX_BYTES // (1024 * 1024))
    mime = next((mime for magic, mime in _MAGIC if data.startswith(magic)), None)
    if mime is None:
        raise ServiceError("archive.scan_type")
    if mime == "application/pdf":
        _check_pdf(data)
    else:
        _check_image(data, _PIL_FORMAT[mime])
    return mime


def _check_pdf(data: bytes) -> None:
    """A whole PDF ends with its %%EOF marker (a cut-off download does not) and opens as a
    document of at least one page (`%PDF-1.4 %%EOF` alone does not)."""
    if b"%%EOF" not in data[-1024:]:
        raise ServiceError("archive.scan_unreadable")
    from pypdf import PdfReader  # loaded with the first PDF scan, not at start

    try:
        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as exc:
        raise ServiceError("archive.scan_unreadable") from exc
    if pages < 1:
        raise ServiceError("archive.scan_unreadable")


def _check_image(data: bytes, expected_format: str) -> None:
    from PIL import Image, UnidentifiedImageError  # loaded with the first scan, not at start

    too_many = ServiceError("archive.scan_too_many_pixels", max_mp=MAX_PIXELS // 1_000_000)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                raise ServiceError("archive.scan_unreadable")
            if image.width * image.height > MAX_PIXELS:
                raise too_many
            image.draft("L", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # decodes every byte: a truncated or corrupt file fails here
    except Image.DecompressionBombError as exc:  # Pillow's own limit, far above ours
        raise too_many from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ServiceError("archive.scan_unreadable") from exc


def attach_scan(ws: Workspace, student: str, kind: str, data: bytes, file_name: str) -> Scan:
    """Attach a scan to one document of the student's checklist. Attaching the same bytes to
    the same document again changes nothing and returns the attachment already there."""
    ws.require(Role.REGISTRAR)
    check_kind(kind)
    mime = scan_type(data)
    digest = hashlib.sha256(data).hexdigest()
    name = PurePath(file_name.replace("\\", "/")).name.strip()[-NAME_MAX:] or digest[:12]
    with ws.store.writing() as session:
        pupil = find_student(session, student)
        existing = session.scalars(select(ArchiveAttachment).where(
            ArchiveAttachment.student_id == pupil.id, ArchiveAttachment.kind == kind,
            ArchiveAttachment.sha256 == digest)).first()
        if existing is not None:
            return scan_of(existing)
        if session.get(ArchiveBlob, digest) is None:
            session.add(ArchiveBlob(sha256=digest, size=len(data), data=data, created_at=utc_now()))
        row = ArchiveAttachment(id=new_id(), student_id=pupil.id, kind=kind, sha256=digest,
                                file_name=name, mime=mime, size=len(data),
                                added_by=ws.actor.account_id, added_at=utc_now())
        session.add(row)
        Journal(session, ws.actor).change(
            "archive.attach", "archive_attachment", row.id, op="create",
            payload={"student_id": pupil.id, "kind": kind, "sha256": digest, "file_name": name,
                     "mime": mime, "size": len(data)})
        return scan_of(row)


def scan_bytes(ws: Workspace, attachment_id: str) -> tuple[Scan, bytes]:
    """An attached scan and its bytes, as they were added."""
    with ws.store.reading() as session:
        row = session.get(ArchiveAttachment, attachment_id)
        if row is None:
            raise ServiceError("archive.scan_not_found")
        data = session.scalar(select(ArchiveBlob.data).where(ArchiveBlob.sha256 == row.sha256))
        return scan_of(row), bytes(data or b"")


def scan_of(row: ArchiveAttachment) -> Scan:
    return Scan(row.id, row.kind, row.sha256, row.file_name, row.mime, row.size, row.added_at)
