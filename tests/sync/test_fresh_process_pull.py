"""A pull in a fresh desk process (`xueji sync`, nothing imported beforehand but what the
command itself loads): a transfer case, a guardian's request, the pupil's status the case
moves and a record another device of the school added all apply, against the real registry
on loopback. In-process tests import every model at collection and cannot see a table whose
model nobody loaded on this path."""

from __future__ import annotations

import httpx
import pytest

from desktop.services.context import Workspace
from desktop.services.registry.case_list import list_cases, list_guardian_requests
from desktop.services.students.read import StudentQuery, search
from tests.central.cases_kit import COUNTY_B, bureau_decides
from tests.central.desk import Central, student_payload
from tests.factories import SCHOOL_CODE
from tests.sync.test_cases_online import ask_for, pupil_at_a, status_of, synced
from tests.sync.test_cli import xueji

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_a_fresh_process_applies_cases_requests_and_records_from_the_feed(
        central: Central, enrolled: Workspace, school_b: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    case_id = ask_for(school_b, row)
    synced(school_b)
    bureau_decides(central, COUNTY_B, case_id, "approve")
    sent = httpx.post(f"{central.url}/v1/public/guardian-requests", json={
        "school_code": SCHOOL_CODE, "id_number": row["身份证件号"], "guardian_phone": "13800138001",
        "changes": {"phone": "13912345678"}})
    assert sent.status_code == 201, sent.text
    other = central.desk(SCHOOL_CODE)  # a second device of the school
    other.push(other.create(student_payload(name="赵小燕", seq=401)))

    done = xueji(enrolled, "sync")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "同步完成" in done.stdout
    [incoming] = list_cases(enrolled)
    assert (incoming.case_id, incoming.role, incoming.action_needed) == (case_id, "转出学校", True)
    assert status_of(enrolled, record_id) == "TRANSFER_OUT_PENDING"
    [request] = list_guardian_requests(enrolled)
    assert request.state == "open" and request.student_name == "王小明"
    assert search(enrolled, StudentQuery(text="赵小燕")).total == 1
    tasks = xueji(enrolled, "tasks")
    assert tasks.returncode == 0 and "王小明" in tasks.stdout, tasks.stdout + tasks.stderr
