"""The real desk's outbox, pushed as it is: rows written by add_students, update_student and
apply_change on an encrypted school database are all applied, and the registry's copy then
lists exactly what `xueji student list --json` lists on the desk."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from central.store.students import template_rows as central_rows
from desktop.models.outbox import OutboxEntry
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from desktop.services.students.update import update_student
from desktop.sync.wire.protocol import Change
from tests.central.desk import Central
from tests.factories import SCHOOL_CODE, valid_row


def outbox_changes(ws: Workspace) -> list[Change]:
    with ws.store.reading() as session:
        rows = session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)).all()
        return [Change(change_id=r.change_id, device_seq=r.device_seq, record_type=r.record_type,
                       record_id=r.record_id, op=r.op, base_version=r.base_version,  # type: ignore[arg-type]
                       payload=r.payload, actor=r.actor, client_ts=r.created_at.isoformat())
                for r in rows]


def test_a_desks_outbox_is_applied_and_both_sides_list_the_same(
        central: Central, ws: Workspace, today: dt.date) -> None:
    wang, li = valid_row("王小明", seq=11), valid_row("李华", seq=12)
    wang_id, _li_id = add_students(ws, [wang, li], today=today).ids
    update_student(ws, wang_id, {**wang, "家庭地址": "广东省佛山市禅城区东街1号"}, today=today)
    apply_change(ws, ChangeRequest(student=li["身份证件号"], change="休学",
                                   effective=dt.date(2026, 11, 2), until=dt.date(2027, 1, 31),
                                   reason="因病"))
    changes = outbox_changes(ws)
    assert [c.op for c in changes] == ["create", "create", "patch", "command"]
    desk = central.desk(SCHOOL_CODE)
    result = desk.push(*changes)
    assert [r.status for r in result.results] == ["applied"] * 4, result
    assert result.high_water == 4 and [r.version for r in result.results] == [1, 1, 2, 2]
    on_desk = list(template_rows(ws, StudentQuery()))
    in_registry = list(central_rows(central.engine, SCHOOL_CODE))
    assert [row["学籍状态"] for row in in_registry] == ["休学", "在籍在读"]
    assert in_registry == on_desk
    assert desk.push(*changes).results[0].status == "duplicate"
