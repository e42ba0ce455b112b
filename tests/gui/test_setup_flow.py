"""The first-run wizard as plain Python (services.safekeeping.setup_flow): steps, errors, the
created files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain import recovery_key
from desktop.models.keyslots import keyslot_path
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.setup_flow import SetupFlow
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE


@pytest.fixture
def flow(db_path: Path) -> Iterator[SetupFlow]:
    flow = SetupFlow(db_path, kdf=FAST_KDF)
    yield flow
    if flow.workspace is not None:
        flow.workspace.lock()


def at_account(flow: SetupFlow) -> SetupFlow:
    assert flow.submit_school(SCHOOL_CODE, "测试县第一小学", "6-3-3", ["小学"])
    return flow


def test_steps_school_account_recovery_done(flow: SetupFlow, db_path: Path) -> None:
    assert flow.step == "school"
    assert flow.submit_school(f" {SCHOOL_CODE} ", " 测试县第一小学 ", "5-4-3", ["初中", "小学"])
    assert (flow.step, flow.errors) == ("account", {})
    assert flow.school is not None
    assert (flow.school.code, flow.school.name, flow.school.system) == (
        SCHOOL_CODE, "测试县第一小学", "5-4-3")
    assert flow.school.stages == "小学,初中"  # in the order of the stages, not of the clicks
    assert not db_path.exists()

    assert flow.submit_account(" registrar ", PASSWORD, PASSWORD)
    assert (flow.step, flow.errors) == ("recovery", {})
    assert flow.workspace is not None
    assert flow.workspace.actor.username == "registrar"

    assert flow.confirm_recovery(True)
    assert (flow.step, flow.errors) == ("done", {})


def test_database_and_key_file_exist_after_the_account_step(flow: SetupFlow, db_path: Path) -> None:
    at_account(flow)
    assert not db_path.exists() and not keyslot_path(db_path).exists()
    assert flow.submit_account("registrar", PASSWORD, PASSWORD)
    assert db_path.is_file()
    assert keyslot_path(db_path).is_file()
    assert keyslot_path(db_path).name == db_path.name + ".keys"
    groups = flow.recovery_key.split("-")
    assert len(groups) == 14
    assert all(re.fullmatch(r"[0-9A-Z]{4}", g) for g in groups)
    assert flow.workspace is not None
    assert recovery_key.decode(flow.recovery_key) == flow.workspace.store.key
    unlock(db_path, "registrar", PASSWORD).lock()  # the password really opens it


@pytest.mark.parametrize(("code", "name", "system", "stages", "expected"), [
    ("440604000", "测试小学", "6-3-3", ["小学"], {"school_code": "school.code_format"}),
    ("44060400012", "测试小学", "6-3-3", ["小学"], {"school_code": "school.code_format"}),
    ("44060400AB", "测试小学", "6-3-3", ["小学"], {"school_code": "school.code_format"}),
    (SCHOOL_CODE, "   ", "6-3-3", ["小学"], {"school_name": "school.name_required"}),
    (SCHOOL_CODE, "测试小学", "6-3-3", [], {"stages": "setup.stages"}),
    (SCHOOL_CODE, "测试小学", "6-3-3", ["大学"], {"stages": "setup.stages"}),
    (SCHOOL_CODE, "测试小学", "7-2-3", ["小学"], {"system": "setup.system"}),
    ("", "", "", [], {"school_code": "school.code_format", "school_name": "school.name_required",
                      "system": "setup.system", "stages": "setup.stages"}),
])
def test_bad_school_keeps_the_step(flow: SetupFlow, code: str, name: str, system: str,
                                   stages: list[str], expected: dict[str, str]) -> None:
    assert not flow.submit_school(code, name, system, stages)
    assert flow.step == "school"
    assert flow.errors == expected
    assert flow.school is None


def test_errors_are_cleared_by_a_good_submission(flow: SetupFlow) -> None:
    assert not flow.submit_school("1", "", "6-3-3", ["小学"])
    assert flow.errors
    at_account(flow)
    assert flow.errors == {}


@pytest.mark.parametrize(("username", "password", "again", "expected"), [
    ("registrar", "short7!", "short7!", {"password": "password.weak"}),
    ("registrar", "onlyletters", "onlyletters", {"password": "password.weak"}),
    ("registrar", "1234567890", "1234567890", {"password": "password.weak"}),
    ("registrar", PASSWORD, PASSWORD + "x", {"again": "setup.password_mismatch"}),
    ("  ", PASSWORD, PASSWORD, {"username": "setup.username"}),
])
def test_bad_account_is_refused_and_creates_nothing(flow: SetupFlow, db_path: Path, username: str,
                                                    password: str, again: str,
                                                    expected: dict[str, str]) -> None:
    at_account(flow)
    assert not flow.submit_account(username, password, again)
    assert flow.step == "account"
    assert flow.errors == expected
    assert flow.workspace is None and flow.recovery_key == ""
    assert not db_path.exists() and not keyslot_path(db_path).exists()


def test_back_from_account_returns_to_school(flow: SetupFlow) -> None:
    at_account(flow)
    flow.back()
    assert flow.step == "school"
    flow.back()
    assert flow.step == "school"


def test_back_never_goes_past_the_created_database(flow: SetupFlow) -> None:
    at_account(flow)
    assert flow.submit_account("registrar", PASSWORD, PASSWORD)
    flow.back()
    assert flow.step == "recovery"


def test_recovery_must_be_confirmed(flow: SetupFlow) -> None:
    at_account(flow)
    assert flow.submit_account("registrar", PASSWORD, PASSWORD)
    assert not flow.confirm_recovery(False)
    assert flow.step == "recovery"
    assert flow.errors == {"confirm": "setup.confirm_recovery"}
    assert flow.confirm_recovery(True)
    assert (flow.step, flow.errors) == ("done", {})
