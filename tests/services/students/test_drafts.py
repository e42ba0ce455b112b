"""Editor drafts: kept per account in the database, replaced on each save, dropped on demand,
still there after the database is locked and opened again."""

from __future__ import annotations

from pathlib import Path

from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.drafts import drop_draft, list_drafts, save_draft
from tests.conftest import PASSWORD


def test_a_draft_is_kept_replaced_and_dropped(ws: Workspace) -> None:
    save_draft(ws, "new:1", None, {"姓名": "张", "性别": "男"})
    save_draft(ws, "new:1", None, {"姓名": "张三", "性别": "男"})
    drafts = list_drafts(ws)
    assert [(d.key, d.student_id, d.name) for d in drafts] == [("new:1", None, "张三")]
    assert drafts[0].row == {"姓名": "张三", "性别": "男"}
    drop_draft(ws, "new:1")
    assert list_drafts(ws) == []


def test_a_draft_survives_locking(created, db_path: Path, fast_kdf) -> None:
    ws, _recovery = created
    save_draft(ws, "s-1", "s-1", {"姓名": "李四"})
    ws.lock()
    again = unlock(db_path, "registrar", PASSWORD)
    try:
        assert [d.row for d in list_drafts(again)] == [{"姓名": "李四"}]
    finally:
        again.lock()
