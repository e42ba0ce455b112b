"""Reply bundles that come back after the desk has moved on (found by the sync state machine):
a reply written before the desk's last online sync leaves the feed cursor where it is; a
reply written before the registry started a new epoch is refused and rolls nothing back.
And a save that changes nothing keeps the record's version, so a later edit made on top of
another desk's change still meets its conflict. A desk's first reply brings the school's data
whole without calling it a restore; a reply that replaces a cursor the registry can no longer
serve does."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest

from central.bundle import import_bundle
from central.context import Context
from central.store.db import renew_epoch
from desktop.cli.report_lines import outcome_lines
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import device_info
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, template_rows
from desktop.services.students.update import update_student
from desktop.sync.client import sync_once
from desktop.sync.usb_bundles import export_request, import_reply
from tests.central.conftest import central  # noqa: F401  (fixture)
from tests.central.desk import Central
from tests.factories import valid_row
from tests.sync.conftest import enrolled  # noqa: F401  (fixture)
from tests.sync.helpers import options, outbox_states

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
TODAY = dt.date(2026, 11, 26)


def seq(ws: Workspace) -> int:
    info = device_info(ws)
    cursor = info.cursor if info else None
    assert cursor
    return int(json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["s"])


def county_reply(central: Central, ws: Workspace) -> bytes:  # noqa: F811
    request, _name = export_request(ws)
    return import_bundle(Context(central.engine, central.clock), request).reply


def names(ws: Workspace) -> list[str]:
    return [row["姓名"] for row in template_rows(ws, StudentQuery())]


def test_an_older_reply_leaves_the_feed_cursor_where_it_is(
        central: Central, enrolled: Workspace) -> None:  # noqa: F811
    add_students(enrolled, [valid_row("王小明", seq=11)], today=TODAY)
    reply = county_reply(central, enrolled)
    add_students(enrolled, [valid_row("李华", seq=12)], today=TODAY)
    assert sync_once(enrolled, options=options()).settled
    online = seq(enrolled)
    import_reply(enrolled, reply)
    assert seq(enrolled) == online
    assert set(outbox_states(enrolled).values()) == {"APPLIED"}


def test_a_reply_from_before_a_new_epoch_is_refused_and_rolls_nothing_back(
        central: Central, enrolled: Workspace) -> None:  # noqa: F811
    row = valid_row("王小明", seq=11)
    record_id = add_students(enrolled, [row], today=TODAY).ids[0]
    reply = county_reply(central, enrolled)
    update_student(enrolled, record_id, {**row, "姓名": "李四"}, today=TODAY)
    assert sync_once(enrolled, options=options()).settled
    renew_epoch(central.engine)
    assert sync_once(enrolled, options=options()).restored
    before = (names(enrolled), device_info(enrolled))
    with pytest.raises(ServiceError) as refused:
        import_reply(enrolled, reply)
    assert refused.value.code == "bundle.old_epoch"
    assert (names(enrolled), device_info(enrolled)) == before == (["李四"], before[1])


def test_a_desks_first_reply_is_a_first_copy_not_a_restore(
        central: Central, enrolled: Workspace) -> None:  # noqa: F811
    add_students(enrolled, [valid_row("王小明", seq=11)], today=TODAY)
    assert device_info(enrolled).cursor is None  # enrolled online, never synced
    report = import_reply(enrolled, county_reply(central, enrolled))
    assert report.received >= 1 and not report.restored
    assert "完整恢复" not in "".join(outcome_lines(report.to_dict(), head="", waiting=0, again=""))


def test_a_first_copy_is_told_by_the_request_not_by_the_desk_at_import(
        central: Central, enrolled: Workspace) -> None:  # noqa: F811
    add_students(enrolled, [valid_row("王小明", seq=11)], today=TODAY)
    first = county_reply(central, enrolled)  # no cursor yet
    second = county_reply(central, enrolled)  # still none: no reply was read
    assert sync_once(enrolled, options=options()).settled  # the desk has a cursor now
    for reply in (first, second):
        report = import_reply(enrolled, reply)
        assert report.received >= 1 and not report.restored


def test_a_reply_that_replaces_an_unusable_cursor_is_a_restore(
        central: Central, enrolled: Workspace) -> None:  # noqa: F811
    add_students(enrolled, [valid_row("王小明", seq=11)], today=TODAY)
    assert sync_once(enrolled, options=options()).settled
    renew_epoch(central.engine)  # the desk's cursor belongs to the epoch before
    add_students(enrolled, [valid_row("李华", seq=12)], today=TODAY)
    report = import_reply(enrolled, county_reply(central, enrolled))
    assert report.restored and report.settled
    assert "本次从中心完整恢复了本校数据。" in outcome_lines(report.to_dict(), head="", waiting=0,
                                                        again="")
    assert sorted(names(enrolled)) == ["李华", "王小明"]


def test_a_save_that_changes_nothing_keeps_the_version_and_queues_nothing(
        enrolled: Workspace) -> None:  # noqa: F811
    row = valid_row("王小明", seq=11)
    record_id = add_students(enrolled, [row], today=TODAY).ids[0]
    queued = outbox_states(enrolled)
    update_student(enrolled, record_id, row, today=TODAY)
    assert get_student(enrolled, record_id).version == 1
    assert outbox_states(enrolled) == queued
    update_student(enrolled, record_id, {**row, "姓名": "李四"}, today=TODAY)
    assert get_student(enrolled, record_id).version == 2
