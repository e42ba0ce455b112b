"""Roles are enforced in the services, not only in the views: every public function of
desktop.services that takes a workspace is classified here, each one that writes is called
with a 查看 (viewer) workspace and must refuse with `permission.denied` while the database,
its key slots and the backup folder stay byte for byte as they were; the read-only ones
called with a viewer change nothing either. A new service function that is not classified
fails `test_every_service_function_is_classified`."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import desktop.services
from desktop.models.keyslots import keyslot_path
from desktop.services.accounts import add_account, unlock
from desktop.services.archive_model import KINDS, Location
from desktop.services.archive_write import HandoverInput, lend
from desktop.services.audit_view import AuditQuery
from desktop.services.backup_policy import default_folder
from desktop.services.case_commands import TransferIn
from desktop.services.context import Role, Workspace
from desktop.services.deferral import DeferralInput, register_deferral
from desktop.services.errors import ServiceError
from desktop.services.status_changes import ChangeRequest
from desktop.services.student_write import add_students
from desktop.services.verification import CONSISTENT, Mark
from tests.conftest import FAST_KDF
from tests.factories import valid_row
from tests.services.scans import jpeg

TODAY = dt.date(2026, 11, 26)
VIEWER_PASSWORD = "viewer-pass-1"


class World:
    """A registrar's database with a student, a deferral and a loan, and a viewer on it."""

    def __init__(self, ws: Workspace, db_path: Path) -> None:
        self.row = valid_row()
        self.student = add_students(ws, [self.row], today=TODAY).ids[0]
        self.ref = self.row["身份证件号"]
        self.deferral = register_deferral(ws, DeferralInput(
            "王小小", dt.date(2020, 3, 1), "王大明", "身体原因", "县医院证明", TODAY)).id
        self.loan = lend(ws, self.ref, "张老师", "查阅", TODAY + dt.timedelta(days=7), TODAY).id
        add_account(ws, "viewer1", Role.VIEWER, VIEWER_PASSWORD, FAST_KDF)
        self.folder = db_path.parent / "elsewhere"
        self.folder.mkdir()


def _change(w: World, kind: str) -> ChangeRequest:
    return ChangeRequest(w.ref, kind, TODAY, TODAY + dt.timedelta(days=90))


# Each writer, called the way a view or the CLI calls it.
WRITERS: dict[str, Callable[[World], Any]] = {
    "accounts.add_account": lambda _: ("viewer2", Role.REGISTRAR, "pass-word-22", FAST_KDF),
    "accounts.recovery_key_of": lambda _: (),
    "archive_scans.attach_scan": lambda w: (w.ref, next(iter(KINDS)), jpeg(), "a.jpg"),
    "archive_write.lend": lambda w: (w.ref, "李老师", "查阅", TODAY + dt.timedelta(days=3)),
    "archive_write.record_handover": lambda w: (w.ref, HandoverInput(
        "转学", TODAY, "乙校", "王老师", "李老师", backup_kept=True, copies_kept=True)),
    "archive_write.return_loan": lambda w: (w.loan, TODAY),
    "archive_write.set_item": lambda w: (w.ref, next(iter(KINDS)), True),
    "archive_write.set_location": lambda w: (w.ref, Location("3", "2", "15")),
    "backup_policy.set_backup_folder": lambda w: (w.folder,),
    "deferral.mark_enrolled": lambda w: (w.deferral,),
    "deferral.reapply": lambda w: (w.deferral, "市医院复查证明", "仍需治疗"),
    "deferral.register_deferral": lambda _: (DeferralInput(
        "李小小", dt.date(2020, 5, 1), "李大明", "身体原因", "县医院证明", TODAY),),
    "case_commands.answer_guardian_request": lambda _: ("no-such-request", {"phone": True}),
    "case_commands.answer_transfer": lambda _: ("no-such-case", True),
    "case_commands.request_transfer_in": lambda _: (TransferIn(
        "G110105201509010022", "李小华", "4401030002", "三年级(1)班", "随父母工作调动"),),
    "case_commands.withdraw_case": lambda _: ("no-such-case", "家长改变主意"),
    "demo_load.load_demo": lambda _: (3, 1, TODAY),
    "importing.apply_import": lambda _: ([],),
    "ledger.add_visit": lambda w: (w.ref, TODAY, "家访", "张老师", "已返校"),
    "photos.set_photo": lambda w: (w.student, None),
    "reconcile.apply_reconciliation": lambda _: ([],),
    "status_changes.apply_change": lambda w: (_change(w, "休学"),),
    "status_changes.record_decision": lambda w: (ChangeRequest(w.ref, "审批通过", TODAY),),
    "student_update.update_student": lambda w: (w.student, {**w.row, "联系电话": "13900000000"}),
    "student_write.add_students": lambda _: ([valid_row(name="赵小燕", seq=20)],),
    "sync_conflicts.resolve_conflict": lambda _: ("no-such-conflict", "mine"),
    "sync_device.prepare_enrollment": lambda _: ("https://center.example", b"s" * 32, b"e" * 32),
    "sync_device.set_server_url": lambda _: ("https://center.example",),
    "sync_device.device_keys": lambda _: (),
    "sync_feed.apply_feed_page": lambda _: ([],),
    "verification.record_mark": lambda w: (Mark(CONSISTENT, w.ref),),
    "year_end.run_year_end": lambda _: (dt.date(2027, 7, 10),),
    # the audit log is read by registrars and approvers only
    "audit_view.audit_lines": lambda _: (AuditQuery(),),
    "audit_view.count_audit": lambda _: (AuditQuery(),),
    "audit_view.account_names": lambda _: (),
}

# Writes any signed-in account may make: its own password, backups (a copy of the encrypted
# file; no record changes), and the sync bookkeeping that records what the registry answered
# (outbox states, cursor, device chain): running a sync changes no record on the user's word.
ANY_ROLE = {"accounts.change_password", "backup.create_backup", "backup_policy.back_up",
            "backup_policy.backup_before",
            "sync_device.record_enrollment", "sync_device.save_cursor", "sync_device.record_sync_run",
            "sync_device.advance_bundle_chain", "sync_feed.forget_server_versions",
            "sync_outbox.mark_sent", "sync_outbox.mark_sent_via_bundle",
            "sync_results.record_outcomes", "sync_bundle_ids.remember_sent",
            "sync_bundle_ids.remember_read"}

READERS = {
    "archive.archive_deadlines", "archive.archive_index_items", "archive.archive_overview",
    "archive.incomplete_archives", "archive.open_loans", "archive.overdue_loans",
    "archive.read_register", "archive_scans.scan_bytes", "backup_drill.restore_drill",
    "backup_policy.backup_folder", "backup_policy.chosen_folder", "backup_policy.latest_backup",
    "deferral.active_deferrals", "export_selection.export_rows", "id_policy.detail_for",
    "id_policy.full_ids_allowed", "id_policy.numbers_for", "id_policy.row_for",
    "id_policy.rows_for", "id_policy.template_row_for", "id_policy.template_rows_for",
    "importing.plan_import", "integrity.check_database", "ledger.ledger",
    "photo_export.student_photos", "photos.get_photo", "print_data.printable_students",
    "print_registers.class_roster", "print_registers.dropout_register",
    "print_registers.printable_deferral", "print_registers.verification_report",
    "quality.quality_findings", "reconcile.plan_reconciliation", "school_info.list_classes",
    "school_info.school_info", "school_info.sync_summary", "statistics.changes_per_month",
    "sync_case_list.cases_needing_action", "sync_case_list.list_cases",
    "sync_case_list.list_guardian_requests",
    "statistics.school_statistics", "status_changes.history", "status_changes.possible_changes",
    "status_changes.recent_changes", "student_read.get_student", "student_read.possible_duplicates",
    "student_read.search", "student_read.template_rows", "sync_conflicts.list_conflicts",
    "sync_conflicts.open_conflict_count", "sync_device.bundle_chain", "sync_device.device_info",
    "sync_bundle_ids.read_ids", "sync_bundle_ids.sent_ids",
    "sync_outbox.unacknowledged_changes", "sync_outbox.unacknowledged_count",
    "sync_pending.pending_list", "sync_status.list_findings", "sync_status.student_sync_states",
    "sync_status.sync_counts", "tasks.list_tasks", "tasks.overdue_count", "verification.class_summaries",
    "year_end.plan_year_end",
}


def service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function of desktop.services whose first parameter is the workspace."""
    for info in pkgutil.iter_modules(desktop.services.__path__):
        module = importlib.import_module(f"desktop.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["ws"]:
                yield f"{info.name}.{name}", function


FUNCTIONS = dict(service_functions())


def fingerprint(ws: Workspace) -> str:
    """Every row of every table, the key-slot file and the backup folder's file names."""
    digest = hashlib.sha256()
    with ws.store.reading() as session:
        tables = session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).scalars().all()
        for table in tables:
            for row in session.execute(text(f'SELECT * FROM "{table}" ORDER BY rowid')):
                digest.update(repr(tuple(row)).encode())
    digest.update(keyslot_path(ws.store.path).read_bytes())
    folder = default_folder(ws.store.path)
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    digest.update(repr(names).encode())
    return digest.hexdigest()


@pytest.fixture
def world(ws: Workspace, db_path: Path) -> World:
    return World(ws, db_path)


@pytest.fixture
def viewer(world: World, db_path: Path) -> Iterator[Workspace]:
    viewer = unlock(db_path, "viewer1", VIEWER_PASSWORD)
    yield viewer
    viewer.lock()


def test_every_service_function_is_classified() -> None:
    known = set(WRITERS) | ANY_ROLE | READERS
    assert sorted(set(FUNCTIONS) - known) == [], "classify these in tests/services/test_access.py"
    assert sorted(known - set(FUNCTIONS)) == [], "these are no longer service functions"


def call(name: str, viewer: Workspace, arguments: Any) -> Any:
    """Positional arguments, keyword arguments (a dict), or both (a dict last)."""
    if isinstance(arguments, dict):
        return FUNCTIONS[name](viewer, **arguments)
    if arguments and isinstance(arguments[-1], dict) and name.startswith("sync_"):
        return FUNCTIONS[name](viewer, *arguments[:-1], **arguments[-1])
    return FUNCTIONS[name](viewer, *arguments)


def refuse(ws: Workspace, viewer: Workspace, world: World, name: str,
           arguments: Callable[[World], Any]) -> None:
    before = fingerprint(ws)
    with pytest.raises(ServiceError) as caught:
        result = call(name, viewer, arguments(world))
        if inspect.isgenerator(result):
            list(result)
    assert caught.value.code == "permission.denied", caught.value.code
    assert fingerprint(ws) == before, f"{name} changed something before refusing"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_viewer_is_refused_and_nothing_changes(ws: Workspace, viewer: Workspace,
                                                 world: World, name: str) -> None:
    refuse(ws, viewer, world, name, WRITERS[name])


def _without_arguments(name: str) -> bool:
    parameters = list(inspect.signature(FUNCTIONS[name]).parameters.values())[1:]
    return all(p.default is not p.empty or p.kind is p.VAR_POSITIONAL for p in parameters)


@pytest.mark.parametrize("name", sorted(n for n in READERS if _without_arguments(n)))
def test_reading_as_a_viewer_changes_nothing(ws: Workspace, viewer: Workspace, world: World,
                                             name: str) -> None:
    before = fingerprint(ws)
    try:
        result = FUNCTIONS[name](viewer)
        if inspect.isgenerator(result):
            list(result)
    except ServiceError as exc:  # e.g. no backup yet, not enrolled: a refusal is a reading too
        assert exc.code != "permission.denied", f"{name} refuses a viewer"
    assert fingerprint(ws) == before


def test_an_approver_records_verification_but_no_student_changes(
        ws: Workspace, world: World, db_path: Path) -> None:
    add_account(ws, "approver1", Role.APPROVER, "approver-pass-1", FAST_KDF)
    approver = unlock(db_path, "approver1", "approver-pass-1")
    try:
        with pytest.raises(ServiceError) as caught:
            FUNCTIONS["student_write.add_students"](approver, [valid_row(name="赵小燕", seq=20)])
        assert caught.value.code == "permission.denied"
        FUNCTIONS["verification.record_mark"](approver, Mark(CONSISTENT, world.ref), TODAY)
    finally:
        approver.lock()
