"""Control characters, direction overrides and formulas through sync: the registry refuses a
pushed record holding them (it runs the desk's own rule), the desk refuses such a snapshot
from the feed (or a bundle) and keeps its record, and the public guardian-request channel
refuses them too; a guardian's address that starts with `=` reaches the school's record and
leaves its export as text, never as a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

from desktop.exchange.files import export_workbook
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.registry.case_commands import answer_guardian_request
from desktop.services.registry.case_list import list_guardian_requests
from desktop.services.registry.feed import FeedEntry, apply_feed_page
from desktop.services.registry.records import local_items
from desktop.services.students.add import add_students
from desktop.sync.client import sync_once
from tests.central.desk import Central, student_payload
from tests.exchange.test_no_formulas import LINK, assert_no_formulas
from tests.factories import valid_row
from tests.sync.helpers import options

TODAY = dt.date(2026, 11, 26)
BAD = ["王\u202e明", "王\x00明", "王_x0007_明", "王&#x1b;明"]


@pytest.mark.parametrize("name", BAD)
def test_the_registry_refuses_a_pushed_record_with_unsafe_text(central: Central, name: str) -> None:
    desk = central.desk()
    payload = student_payload()
    payload["name"] = name
    result = desk.push(desk.create(payload)).results[0]
    assert (result.status, result.error.code) == ("rejected", "invalid_record")
    assert "控制字符" in result.error.message


def test_the_registry_checks_family_members_and_addresses(central: Central) -> None:
    desk = central.desk()
    payload = student_payload()
    payload["home_address"] = "人民路\u20661号"
    first = desk.push(desk.create(payload)).results[0]
    payload = student_payload(seq=12)
    payload["members"][0]["name"] = "王\x07大明"
    second = desk.push(desk.create(payload)).results[0]
    assert [first.error.code, second.error.code] == ["invalid_record", "invalid_record"]


@pytest.mark.parametrize("name", BAD)
def test_the_desk_refuses_such_a_snapshot_from_the_feed(ws: Workspace, name: str) -> None:
    record_id = add_students(ws, [valid_row()], today=TODAY).ids[0]
    with ws.store.reading() as session:
        found = session.get(Student, record_id)
        assert found is not None
        snapshot = {**local_items(found), "name": name, "xjh": None}
    counts = apply_feed_page(ws, [FeedEntry("record", "student", record_id, 5, snapshot),
                                  FeedEntry("record", "student", "rec-new", 1, snapshot)])
    assert counts["refused"] == 2
    with ws.store.reading() as session:
        assert session.get(Student, record_id).name == "王小明"  # type: ignore[union-attr]
        assert session.get(Student, "rec-new") is None


def _guardian(central: Central, row: dict[str, str], changes: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{central.url}/v1/public/guardian-requests", json={
        "school_code": "4406040001", "id_number": row["身份证件号"], "guardian_phone": "13800138001",
        "changes": changes})


def test_the_guardian_channel_refuses_unsafe_text_and_a_formula_leaves_the_export_as_text(
        central: Central, enrolled: Workspace, tmp_path: Path) -> None:
    row = valid_row("王小明", seq=11)
    record_id = add_students(enrolled, [row], today=TODAY).ids[0]
    assert sync_once(enrolled, options=options()).settled
    for bad in ({"home_address": "新街\x1b[2J2号"}, {"home_address": "新街\u202e2号"},
                {"member1.name": "王=大明"}, {"mailing_address": "新街_x0000_2号"}):
        refused = _guardian(central, row, bad)
        assert (refused.status_code, refused.json()["error"]["code"]) == (422, "invalid_value"), bad
    sent = _guardian(central, row, {"home_address": LINK})
    assert sent.status_code == 201, sent.text
    assert sync_once(enrolled, options=options()).settled
    [request] = list_guardian_requests(enrolled)
    answer_guardian_request(enrolled, request.request_id, {"home_address": True})
    assert sync_once(enrolled, options=options()).settled
    with enrolled.store.reading() as session:
        assert session.get(Student, record_id).home_address == LINK  # type: ignore[union-attr]
    out = tmp_path / "export.xlsx"
    export_workbook(enrolled, out)
    assert_no_formulas(out, expected=(LINK,))
