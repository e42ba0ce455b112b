"""A database in a place that cannot be written (a read-only USB stick or folder, no write
permission): it opens for reading through SQLite's read-only mode, says so, refuses every
write with a Chinese sentence, and leaves every byte as it was. As root the test cannot take
write permission away, so the check of the place is answered "no"; SQLite's read-only open,
its refusals and the files are real. "Unable to open" is said in Chinese, not as SQLite's
English."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.messages import describe
from desktop.models import errors, store
from desktop.models.engine import translate
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.login_guard import LoginGuard
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.conftest import PASSWORD
from tests.factories import valid_row


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


def test_a_read_only_place_opens_for_reading_and_changes_nothing(
        created: tuple[Workspace, str], db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = created[0]
    add_students(ws, [valid_row()])
    ws.lock()
    before = snapshot(db_path.parent)
    monkeypatch.setattr(store, "writable", lambda _path: False)
    reader = unlock(db_path, "registrar", PASSWORD, LoginGuard())
    try:
        assert reader.store.read_only
        assert [row.name for row in search(reader, StudentQuery()).rows] == ["王小明"]
        with pytest.raises(errors.StoreError) as refused:
            add_students(reader, [valid_row("李小红", seq=12)])
        assert refused.value.code == "store.read_only"
        assert "不能保存" in describe(refused.value.code, refused.value.params)
    finally:
        reader.lock()
    assert snapshot(db_path.parent) == before


def test_unable_to_open_is_said_in_chinese() -> None:
    mapped = translate(Exception("unable to open database file"))
    assert isinstance(mapped, errors.CannotOpen)
    sentence = describe(mapped.code, getattr(mapped, "params", {}))
    assert "无法打开数据库文件" in sentence and "unable" not in sentence
