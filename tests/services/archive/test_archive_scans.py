"""Scanned pages of the 学籍档案 register on real encrypted databases: stored once by SHA-256,
read back unchanged, unreadable in the database files on disk, kept out of the outbox, and
refused (with nothing written) when they are not JPEG/PNG/PDF, damaged, too big or bombs."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models.outbox import OutboxEntry
from desktop.services.archive.read import read_register
from desktop.services.archive.scans import MAX_BYTES, attach_scan, scan_bytes
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.students.add import add_students
from tests.conftest import FAST_KDF
from tests.dbutil import counts, files_beside
from tests.factories import valid_row
from tests.services import scans

TABLES = ("archive_blob", "archive_attachment", "outbox", "audit_log")


@pytest.fixture
def student(ws: Workspace) -> str:
    [student_id] = add_students(ws, [valid_row()], today=dt.date(2026, 11, 26)).ids
    return student_id


def test_the_same_scan_attached_twice_is_stored_once(ws: Workspace, student: str) -> None:
    data = scans.png()
    first = attach_scan(ws, student, "basic_form", data, "C:\\扫描\\基本信息表.png")
    second = attach_scan(ws, student, "other", data, "副本.png")
    again = attach_scan(ws, student, "basic_form", data, "再次.png")
    assert first.sha256 == second.sha256 == hashlib.sha256(data).hexdigest()
    assert (first.file_name, first.mime, first.size) == ("基本信息表.png", "image/png", len(data))
    assert again == first
    assert counts(ws, "archive_blob", "archive_attachment") == {"archive_blob": 1,
                                                                "archive_attachment": 2}
    register = read_register(ws, student)
    assert [s.kind for s in register.scans] == ["basic_form", "other"]
    assert {line.kind: line.scans for line in register.lines}["basic_form"] == 1


def test_a_scan_reads_back_byte_for_byte(ws: Workspace, student: str) -> None:
    for data, name in ((scans.jpeg(), "a.jpg"), (scans.pdf(), "b.pdf")):
        scan = attach_scan(ws, student, "certificates", data, name)
        assert scan_bytes(ws, scan.id) == (scan, data)
    with pytest.raises(ServiceError) as caught:
        scan_bytes(ws, "no-such-id")
    assert caught.value.code == "archive.scan_not_found"


def test_scan_bytes_are_not_readable_on_disk_nor_in_the_outbox(ws: Workspace, student: str) -> None:
    marker = scans.MARKER.encode()
    data = scans.pdf()
    assert marker in data and marker in scans.png()
    attach_scan(ws, student, "basic_form", scans.png(), "form.png")
    scan = attach_scan(ws, student, "certificates", data, "proof.pdf")
    files = files_beside(ws.store.path)
    assert ws.store.path in files
    assert [f.name for f in files if marker in f.read_bytes()] == []
    with ws.store.reading() as session:
        entries = list(session.scalars(select(OutboxEntry)
                                       .where(OutboxEntry.record_type == "archive_attachment")))
    assert [e.payload["sha256"] for e in entries][-1] == scan.sha256
    assert all(set(e.payload) == {"student_id", "kind", "sha256", "file_name", "mime", "size"}
               for e in entries)
    assert all(scans.MARKER not in str(e.payload) for e in entries)


@pytest.mark.parametrize(("data", "code"), [
    (b"just some text, not a scan", "archive.scan_type"),
    (b"GIF89a" + b"\x00" * 64, "archive.scan_type"),
    (b"", "archive.scan_type"),
    (scans.truncated_jpeg(), "archive.scan_unreadable"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "archive.scan_unreadable"),
    (scans.pdf()[:-200], "archive.scan_unreadable"),
    (scans.big_png(9000, 9000), "archive.scan_too_many_pixels"),
    (scans.png_header_only(30000, 30000), "archive.scan_too_many_pixels"),
    (b"%PDF-1.4 %%EOF", "archive.scan_unreadable"),
    (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
     b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF", "archive.scan_unreadable"),
], ids=["text", "gif", "empty", "truncated-jpeg", "broken-png", "cut-pdf", "81-megapixels",
        "bomb-header", "14-byte-pdf", "pdf-without-pages"])
def test_bad_files_are_refused_with_nothing_written(ws: Workspace, student: str, data: bytes,
                                                    code: str) -> None:
    before = counts(ws, *TABLES)
    with pytest.raises(ServiceError) as caught:
        attach_scan(ws, student, "photo", data, "scan")
    assert caught.value.code == code
    assert counts(ws, *TABLES) == before


def test_a_file_over_twenty_megabytes_is_refused(ws: Workspace, student: str) -> None:
    data = b"%PDF-1.4\n" + b"0" * MAX_BYTES + b"\n%%EOF\n"
    with pytest.raises(ServiceError) as caught:
        attach_scan(ws, student, "photo", data, "huge.pdf")
    assert (caught.value.code, caught.value.params) == ("archive.scan_too_big", {"max_mb": 20})
    assert counts(ws, "archive_blob")["archive_blob"] == 0


def test_a_viewer_cannot_attach_but_can_read(ws: Workspace, student: str, db_path: Path) -> None:
    scan = attach_scan(ws, student, "photo", scans.jpeg(), "photo.jpg")
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    try:
        with pytest.raises(ServiceError) as caught:
            attach_scan(viewer, student, "photo", scans.png(), "other.png")
        assert caught.value.code == "permission.denied"
        assert scan_bytes(viewer, scan.id)[0] == scan
    finally:
        viewer.lock()
    assert counts(ws, "archive_blob")["archive_blob"] == 1
