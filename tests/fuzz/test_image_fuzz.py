"""Hostile pictures: student photos (normalise_photo then set_photo) and archive scans
(attach_scan) with random bytes, damaged and truncated JPEG/PNG/PDF files, other image
formats and decompression bombs. Each ends in a stored, well-formed result or a refusal with
a Chinese sentence; a refusal writes nothing."""

from __future__ import annotations

import io
import time

import pytest
from hypothesis import given
from PIL import Image

from desktop.services.archive.scans import attach_scan
from desktop.services.archive.shapes import KINDS
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.photos import MAX_BYTES, SIZE, get_photo, normalise_photo, set_photo
from tests.dbutil import counts
from tests.factories import valid_row
from tests.fuzz import profile, samples
from tests.services.scans import big_png, png_header_only

TABLES = ("student", "audit_log", "outbox", "archive_blob", "archive_attachment")
KIND = next(iter(KINDS))


@pytest.fixture
def pupil(ws: Workspace) -> str:
    return add_students(ws, [valid_row()]).ids[0]


def import_photo(ws: Workspace, student_id: str, data: bytes) -> str:
    """The photo flow of the editor; returns the refusal's code ("" if stored)."""
    before, photo = counts(ws, *TABLES), get_photo(ws, student_id)
    try:
        jpeg = normalise_photo(data)
    except Exception as exc:
        profile.assert_refusal(exc)
        assert counts(ws, *TABLES) == before and get_photo(ws, student_id) == photo
        return str(getattr(exc, "code", ""))
    with Image.open(io.BytesIO(jpeg)) as picture:
        assert (picture.format, picture.size) == ("JPEG", SIZE)
    assert len(jpeg) <= MAX_BYTES
    set_photo(ws, student_id, jpeg)
    profile.note("photo stored")
    assert get_photo(ws, student_id) == jpeg
    return ""


def import_scan(ws: Workspace, student_id: str, data: bytes) -> str:
    """Attach a scan; returns the refusal's code ("" if attached)."""
    before = counts(ws, *TABLES)
    try:
        attach_scan(ws, student_id, KIND, data, "扫描件.jpg")
    except Exception as exc:
        profile.assert_refusal(exc)
        assert counts(ws, *TABLES) == before, "a refused scan wrote something"
        return str(getattr(exc, "code", ""))
    profile.note("scan attached")
    after = counts(ws, *TABLES)
    assert after["archive_attachment"] - before["archive_attachment"] in (0, 1)
    return ""


@profile.quick(150)
@given(data=samples.mutated(samples.image_samples()))
def test_photos(ws: Workspace, pupil: str, data: bytes) -> None:
    import_photo(ws, pupil, data)


@profile.quick(150)
@given(data=samples.mutated(samples.scan_samples()))
def test_scans(ws: Workspace, pupil: str, data: bytes) -> None:
    import_scan(ws, pupil, data)


@profile.long(3000)
@given(data=samples.mutated(samples.image_samples()))
def test_photos_long(ws: Workspace, pupil: str, data: bytes) -> None:
    import_photo(ws, pupil, data)


@profile.long(3000)
@given(data=samples.mutated(samples.scan_samples()))
def test_scans_long(ws: Workspace, pupil: str, data: bytes) -> None:
    import_scan(ws, pupil, data)


BOMBS = [png_header_only(100_000, 100_000), png_header_only(2**31 - 1, 2**31 - 1),
         png_header_only(1, 2**31 - 1), big_png(12_000, 12_000)]


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("data", BOMBS, ids=["100k²", "2³¹²", "1×2³¹", "12k² real"])
def test_decompression_bombs_are_refused_quickly(ws: Workspace, pupil: str, data: bytes) -> None:
    """A few kilobytes that claim (or really hold) more pixels than the limits allow."""
    started = time.monotonic()
    assert import_photo(ws, pupil, data) == "photo.too_large"
    assert import_scan(ws, pupil, data) == "archive.scan_too_many_pixels"
    assert get_photo(ws, pupil) is None
    assert counts(ws, "archive_attachment")["archive_attachment"] == 0
    assert time.monotonic() - started < 10
