"""`xueji change --unit`: a paper approval recorded from the command line names its approving
unit, as the 学籍变动 dialog's 审批单位 does; without --unit the unit the rule names is kept;
--unit with a change that is no decision exits 1 with a Chinese sentence and changes nothing.
Runs the CLI in-process on a real encrypted database (test-cost KDF)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.cli.main import main as cli_main
from desktop.models.history import StatusChange
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.add import add_students
from desktop.services.students.read import get_student
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROW = valid_row(name="王小明", seq=11)


@pytest.fixture
def suspended(ws: Workspace, db_path, monkeypatch) -> str:
    """王小明 休学, awaiting 上级学籍主管部门; the database locked for the CLI."""
    [student_id] = add_students(ws, [ROW]).ids
    result = apply_change(ws, ChangeRequest(student=ROW["身份证件号"], change="休学",
                                            effective=dt.date(2026, 9, 1),
                                            until=dt.date(2027, 1, 31), reason="因病"))
    assert result.awaiting == "上级学籍主管部门"
    ws.lock()
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    return student_id


def change(db_path, *extra: str) -> int:
    return cli_main(["change", "--db", str(db_path), "--user", "registrar",
                     "--student", ROW["身份证件号"], *extra])


def last_event(db_path, student_id: str) -> tuple[StatusChange, str]:
    ws = unlock(db_path, "registrar", PASSWORD)
    try:
        with ws.store.reading() as session:
            event = session.scalars(select(StatusChange).where(StatusChange.student_id == student_id)
                                    .order_by(StatusChange.seq.desc())).first()
            session.expunge(event)
        return event, get_student(ws, student_id).status
    finally:
        ws.lock()


def test_the_approving_unit_is_recorded(suspended: str, db_path, capsys) -> None:
    code = change(db_path, "--type", "审批通过", "--unit", "佛山市禅城区教育局", "--date", "2026-09-10")
    assert code == 0, capsys.readouterr().err
    assert "已办理" in capsys.readouterr().out
    event, status = last_event(db_path, suspended)
    assert event.details["result"] == "approved" and event.details["unit"] == "佛山市禅城区教育局"
    assert event.effective_date == dt.date(2026, 9, 10) and status == "休学"


def test_without_unit_the_rule_s_approver_is_kept(suspended: str, db_path, capsys) -> None:
    assert change(db_path, "--type", "审批未通过", "--reason", "材料不全") == 0, capsys.readouterr().err
    event, status = last_event(db_path, suspended)
    assert event.details["unit"] == "上级学籍主管部门" and event.details["result"] == "rejected"
    assert status == "在籍在读"  # a refusal gives back what the pupil had


def test_unit_with_a_change_that_is_no_decision_is_refused(suspended: str, db_path, capsys) -> None:
    before, _status = last_event(db_path, suspended)
    assert change(db_path, "--type", "复学", "--unit", "某单位") == 1
    err = capsys.readouterr().err
    assert "--unit 只用于审批通过、审批未通过" in err and "Traceback" not in err
    after, status = last_event(db_path, suspended)
    assert after.id == before.id and status == "休学"
