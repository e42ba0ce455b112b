"""Another desk of the same school changes a record centrally; this desk's edit is stale.

The same item edited on both sides -> CONFLICT, listed for the registrar, the registry keeps
its value and this desk keeps its own until the registrar decides: 用服务器的 writes the
registry's value here, 用我的 sends a new patch based on the registry's version. A stale
edit of another item is merged, and the desk then shows both edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from central.store.students import template_rows as central_rows
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.conflicts import MINE, SERVER, list_conflicts, resolve_conflict
from desktop.services.registry.status import CONFIRMED, CONFLICTING, TO_SEND, student_sync_states
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from desktop.services.students.school import sync_summary
from desktop.services.students.update import update_student
from desktop.sync.client import sync_once
from tests.central.desk import Central
from tests.factories import SCHOOL_CODE, valid_row
from tests.sync.helpers import assert_converged, options, outbox_states

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
THEIRS, MINE_ADDRESS = "广东省佛山市禅城区中心路8号", "广东省佛山市禅城区本机路6号"


def row_of(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(row for row in rows if row["姓名"] == name)


def desk_row(ws: Workspace, name: str) -> dict[str, Any]:
    return row_of(list(template_rows(ws, StudentQuery())), name)


def registry_row(central: Central, name: str) -> dict[str, Any]:
    return row_of(list(central_rows(central.engine, SCHOOL_CODE)), name)


def state_of(ws: Workspace, name: str) -> str:
    return next(r for r in student_sync_states(ws) if r.name == name).label


def stale_edit(central: Central, ws: Workspace, today: dt.date, item: str, value: str,
               theirs: dict[str, Any]) -> str:
    """王小明 synced; another desk patches `theirs` centrally; this desk edits `item`."""
    wang = valid_row("王小明", seq=11)
    wang_id = add_students(ws, [wang], today=today).ids[0]
    assert sync_once(ws, options=options()).settled
    other = central.desk(SCHOOL_CODE)
    result = other.push(other.change("patch", wang_id, theirs, base_version=1)).results[0]
    assert (result.status, result.version) == ("applied", 2)
    update_student(ws, wang_id, {**wang, item: value}, today=today)
    return wang_id


def test_a_clash_is_listed_and_the_server_value_kept_until_decided(
        central: Central, enrolled: Workspace, today: dt.date) -> None:
    stale_edit(central, enrolled, today, "家庭地址", MINE_ADDRESS, {"home_address": THEIRS})
    report = sync_once(enrolled, options=options())
    assert (report.conflict, report.remaining) == (1, 0) and report.settled
    assert sorted(outbox_states(enrolled).values()) == ["APPLIED", "CONFLICT"]
    [conflict] = list_conflicts(enrolled)
    assert (conflict.field_label, conflict.local_text, conflict.server_text) == \
        ("家庭地址", MINE_ADDRESS, THEIRS)
    assert registry_row(central, "王小明")["家庭地址"] == THEIRS  # the registry kept its value
    assert desk_row(enrolled, "王小明")["家庭地址"] == MINE_ADDRESS  # and so did the desk
    assert state_of(enrolled, "王小明") == CONFLICTING
    assert sync_once(enrolled, options=options()).conflict == 0  # nothing overwritten later
    assert desk_row(enrolled, "王小明")["家庭地址"] == MINE_ADDRESS
    assert sync_summary(enrolled).waiting == 0


def test_taking_the_servers_value_writes_it_here_and_sends_nothing(
        central: Central, enrolled: Workspace, today: dt.date) -> None:
    stale_edit(central, enrolled, today, "家庭地址", MINE_ADDRESS, {"home_address": THEIRS})
    sync_once(enrolled, options=options())
    [conflict] = list_conflicts(enrolled)
    resolve_conflict(enrolled, conflict.id, SERVER)
    assert list_conflicts(enrolled) == [] and state_of(enrolled, "王小明") == CONFIRMED
    assert sync_summary(enrolled).waiting == 0
    assert_converged(central.engine, enrolled)
    with pytest.raises(ServiceError) as again:
        resolve_conflict(enrolled, conflict.id, MINE)
    assert again.value.code == "sync.conflict_resolved"


def test_keeping_mine_sends_a_new_patch_on_the_servers_version(
        central: Central, enrolled: Workspace, today: dt.date) -> None:
    stale_edit(central, enrolled, today, "家庭地址", MINE_ADDRESS, {"home_address": THEIRS})
    sync_once(enrolled, options=options())
    [conflict] = list_conflicts(enrolled)
    done = resolve_conflict(enrolled, conflict.id, MINE)
    assert done.change_id and state_of(enrolled, "王小明") == TO_SEND
    report = sync_once(enrolled, options=options())
    assert (report.applied, report.conflict, report.remaining) == (1, 0, 0)
    assert registry_row(central, "王小明")["家庭地址"] == MINE_ADDRESS
    assert state_of(enrolled, "王小明") == CONFIRMED
    assert_converged(central.engine, enrolled)


def test_a_stale_edit_of_another_item_is_merged_and_both_edits_show_here(
        central: Central, enrolled: Workspace, today: dt.date) -> None:
    stale_edit(central, enrolled, today, "联系电话", "13900139000", {"home_address": THEIRS})
    report = sync_once(enrolled, options=options())
    assert (report.applied, report.conflict, report.updated) == (1, 0, 1)
    row = desk_row(enrolled, "王小明")
    assert (row["家庭地址"], row["联系电话"]) == (THEIRS, "13900139000")
    assert state_of(enrolled, "王小明") == CONFIRMED
    assert_converged(central.engine, enrolled)
