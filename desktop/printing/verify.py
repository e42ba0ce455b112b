"""Checking a paper copy against the database: every printed page carries the record id, the
record version and a short hash of what was printed (in its footer text and QR code). Given
that code — typed, scanned from the QR code, or read from a PDF — say whether the paper still
matches the record, was printed before a later change, or does not match at all."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.printing.layout import version_hash
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.printable import printable_students

_FOOTER = re.compile(r"记录\s*([0-9a-f][0-9a-f-]{7,35})\s*版本\s*(\d+)\s*校验\s*([0-9a-f]{12})")
_PAYLOAD = re.compile(r"xueji:([0-9a-f][0-9a-f-]{7,35}):(\d+):([0-9a-f]{12})")

MATCH, OUTDATED, MISMATCH, NEWER, UNKNOWN = "一致", "已过时", "不一致", "版本超前", "查无此记录"


@dataclass(frozen=True)
class PrintMark:
    record_id: str
    version: int
    digest: str


@dataclass(frozen=True)
class PrintCheck:
    mark: PrintMark
    outcome: str  # one of MATCH … UNKNOWN
    name: str = ""
    current_version: int = 0

    @property
    def explanation(self) -> str:
        printed, now = self.mark.version, self.current_version
        return {
            MATCH: "纸面内容与数据库当前记录一致。",
            OUTDATED: f"打印后记录已修改（纸面为第 {printed} 版，数据库现为第 {now} 版），请重新打印。",
            MISMATCH: f"纸面与数据库第 {printed} 版的内容不符：纸面可能被改动过，请核对原件。",
            NEWER: f"纸面为第 {printed} 版，数据库只有第 {now} 版：不是从本数据库打印的，"
                   "或数据库已还原为较早的备份。",
            UNKNOWN: "数据库中没有这条记录：可能不是本校打印的文件。",
        }[self.outcome]


def marks_in_text(text: str) -> list[PrintMark]:
    """Every footer or QR code found in the text, in order, each once."""
    found: dict[tuple[str, int, str], None] = {}
    for pattern in (_FOOTER, _PAYLOAD):
        for record_id, version, digest in pattern.findall(text.lower()):
            found[(record_id, int(version), digest)] = None
    return [PrintMark(*key) for key in found]


def marks_in_pdf(data: bytes) -> list[PrintMark]:
    """The footers of a PDF this desk printed (a scanned paper copy has no text: type the
    code from its footer instead)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ServiceError("verify_print.not_a_pdf") from exc
    return marks_in_text(text)


def check_marks(ws: Workspace, marks: Iterable[PrintMark]) -> list[PrintCheck]:
    return [check_mark(ws, mark) for mark in marks]


def check_mark(ws: Workspace, mark: PrintMark) -> PrintCheck:
    try:
        current = printable_students(ws, mark.record_id)[0]
    except ServiceError:
        return PrintCheck(mark, UNKNOWN)
    name = current.row.get("姓名", "")
    if mark.version > current.version:
        return PrintCheck(mark, NEWER, name, current.version)
    if mark.version < current.version:
        return PrintCheck(mark, OUTDATED, name, current.version)
    same = version_hash(current.snapshot) == mark.digest
    return PrintCheck(mark, MATCH if same else MISMATCH, name, current.version)
