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
from desktop.services.archive.shapes import KINDS, Location
from desktop.services.archive.write import HandoverInput, lend
from desktop.services.changes.deferral import DeferralInput, register_deferral
from desktop.services.changes.status import ChangeRequest
from desktop.services.changes.verification import CONSISTENT, Mark
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.profiles import TemplateProfile
from desktop.services.registry.case_commands import TransferIn
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.safekeeping.audit_view import AuditQuery
from desktop.services.safekeeping.backup_policy import default_folder
from desktop.services.students.add import add_students
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
    "safekeeping.accounts.add_account": lambda _: ("viewer2", Role.REGISTRAR, "pass-word-22", FAST_KDF),
    "safekeeping.accounts.recovery_key_of": lambda _: (),
    "archive.scans.attach_scan": lambda w: (w.ref, next(iter(KINDS)), jpeg(), "a.jpg"),
    "archive.write.lend": lambda w: (w.ref, "李老师", "查阅", TODAY + dt.timedelta(days=3)),
    "archive.write.record_handover": lambda w: (w.ref, HandoverInput(
        "转学", TODAY, "乙校", "王老师", "李老师", backup_kept=True, copies_kept=True)),
    "archive.write.return_loan": lambda w: (w.loan, TODAY),
    "archive.write.set_item": lambda w: (w.ref, next(iter(KINDS)), True),
    "archive.write.set_location": lambda w: (w.ref, Location("3", "2", "15")),
    "safekeeping.backup_policy.set_backup_folder": lambda w: (w.folder,),
    "changes.deferral.mark_enrolled": lambda w: (w.deferral,),
    "changes.deferral.reapply": lambda w: (w.deferral, "市医院复查证明", "仍需治疗"),
    "changes.deferral.register_deferral": lambda _: (DeferralInput(
        "李小小", dt.date(2020, 5, 1), "李大明", "身体原因", "县医院证明", TODAY),),
    "registry.case_commands.answer_guardian_request": lambda _: ("no-such-request", {"phone": True}),
    "registry.case_commands.answer_transfer": lambda _: ("no-such-case", True),
    "registry.case_commands.request_transfer_in": lambda _: (TransferIn(
        "G110105201509010022", "李小华", "4401030002", "三年级(1)班", "随父母工作调动"),),
    "registry.case_commands.withdraw_case": lambda _: ("no-such-case", "家长改变主意"),
    "importing.demo_load.load_demo": lambda _: (3, 1, TODAY),
    "importing.apply.apply_import": lambda _: ([],),
    "changes.dropout_ledger.add_visit": lambda w: (w.ref, TODAY, "家访", "张老师", "已返校"),
    "students.photos.set_photo": lambda w: (w.student, None),
    "importing.reconcile.apply_reconciliation": lambda _: ([],),
    "changes.status.apply_change": lambda w: (_change(w, "休学"),),
    "changes.status.record_decision": lambda w: (ChangeRequest(w.ref, "审批通过", TODAY),),
    "changes.paper_approval.record_paper_decision": lambda w: (ChangeRequest(w.ref, "审批通过", TODAY),),
    "students.update.update_student": lambda w: (w.student, {**w.row, "联系电话": "13900000000"}),
    "students.add.add_students": lambda _: ([valid_row(name="赵小燕", seq=20)],),
    "registry.conflicts.resolve_conflict": lambda _: ("no-such-conflict", "mine"),
    "registry.device.prepare_enrollment": lambda _: ("https://center.example", b"s" * 32, b"e" * 32),
    "registry.device.set_server_url": lambda _: ("https://center.example",),
    "registry.device.device_keys": lambda _: (),
    "registry.feed.apply_feed_page": lambda _: ([],),
    "changes.verification.record_mark": lambda w: (Mark(CONSISTENT, w.ref),),
    "changes.year_end.run_year_end": lambda _: (dt.date(2027, 7, 10),),
    "importing.profiles.save_profile": lambda _: (TemplateProfile("甲校名单", ("姓名",)),),
    "students.intake.import_preschool": lambda _: ([], "学前.xlsx"),
    "students.intake.import_handover": lambda _: ([], "交接.xlsx"),
    "students.correction.correct_controlled": lambda w: (w.student, {"姓名": "王晓明"}, "户口簿登记",
                                                         "户口簿复印件"),
    # the audit log is read by registrars and approvers only
    "safekeeping.audit_view.audit_lines": lambda _: (AuditQuery(),),
    "safekeeping.audit_view.count_audit": lambda _: (AuditQuery(),),
    "safekeeping.audit_view.account_names": lambda _: (),
}

# Writes any signed-in account may make: its own password, backups (a copy of the encrypted
# file; no record changes), and the sync bookkeeping that records what the registry answered
# (outbox states, cursor, device chain): running a sync changes no record on the user's word.
ANY_ROLE = {
    "safekeeping.accounts.change_password", "safekeeping.backup.create_backup",
    "safekeeping.backup_policy.back_up", "safekeeping.backup_policy.backup_before",
    "registry.device.record_enrollment", "registry.device.save_cursor",
    "registry.device.record_sync_run", "registry.device.advance_bundle_chain",
    "registry.feed.forget_server_versions", "registry.outbox.mark_sent",
    "registry.outbox.mark_sent_via_bundle", "registry.results.record_outcomes",
    "registry.results.record_outcomes_and_mark_sent",
    "registry.bundle_ids.remember_sent", "registry.bundle_ids.remember_read",
}

READERS = {
    "archive.read.archive_deadlines", "archive.read.archive_index_items",
    "archive.read.archive_overview", "archive.read.incomplete_archives", "archive.read.open_loans",
    "archive.read.overdue_loans", "archive.read.read_register", "archive.scans.scan_bytes",
    "safekeeping.backup_drill.restore_drill", "safekeeping.backup_policy.backup_folder",
    "safekeeping.backup_policy.chosen_folder", "safekeeping.backup_policy.latest_backup",
    "changes.deferral.active_deferrals", "reports.export_selection.export_rows",
    "students.id_policy.detail_for", "students.id_policy.full_ids_allowed",
    "students.id_policy.numbers_for", "students.id_policy.row_for", "students.id_policy.rows_for",
    "students.id_policy.template_row_for", "students.id_policy.template_rows_for",
    "importing.apply.plan_import", "safekeeping.integrity.check_database",
    "changes.dropout_ledger.ledger", "reports.photo_export.student_photos",
    "students.photos.get_photo", "students.printable.printable_students",
    "reports.registers.class_roster", "reports.registers.dropout_register",
    "reports.registers.printable_deferral", "reports.registers.verification_report",
    "changes.data_quality.quality_findings", "importing.reconcile.plan_reconciliation",
    "students.school.list_classes", "students.school.school_info", "students.school.sync_summary",
    "reports.statistics.changes_per_month", "registry.case_list.cases_needing_action",
    "registry.case_list.list_cases", "registry.case_list.list_guardian_requests",
    "reports.statistics.school_statistics", "changes.status.history",
    "changes.status.possible_changes", "changes.status.awaiting_approval",
    "changes.status.recent_changes", "students.read.get_student",
    "students.read.search", "students.read.template_rows",
    "registry.conflicts.list_conflicts", "registry.conflicts.open_conflict_count",
    "registry.device.bundle_chain", "registry.device.device_info", "registry.bundle_ids.read_ids",
    "registry.bundle_ids.sent_ids", "registry.bundle_ids.sent_without_cursor",
    "registry.outbox.unacknowledged_changes",
    "registry.outbox.waiting_changes", "registry.outbox.changes_by_id",
    "registry.outbox.unacknowledged_count", "registry.pending.pending_list",
    "registry.status.list_findings", "registry.status.student_sync_states",
    "registry.status.sync_counts", "changes.tasks.list_tasks", "changes.tasks.overdue_count",
    "changes.verification.class_summaries", "changes.year_end.plan_year_end",
    "changes.year_end.year_end_backup_folder", "importing.classes.compose_classes",
    "importing.profiles.get_profile", "importing.profiles.list_profiles",
    "importing.profiles.profile_for", "importing.profiles.preferred_export_format",
    "students.intake.waiting_pupils",
    "students.read.same_id_number",
    "students.intake.controlled_items", "students.lookup.student_id_of",
    "reports.entrance_handover.handover_rows", "students.photo_targets.photo_targets",
}


def service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function of desktop.services whose first parameter is the workspace."""
    for info in pkgutil.walk_packages(desktop.services.__path__, "desktop.services."):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["ws"]:
                yield f"{info.name.removeprefix('desktop.services.')}.{name}", function


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
    if (arguments and isinstance(arguments[-1], dict) and name.startswith("registry.")
            and not name.startswith("registry.case_commands.")):
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
            FUNCTIONS["students.add.add_students"](approver, [valid_row(name="赵小燕", seq=20)])
        assert caught.value.code == "permission.denied"
        FUNCTIONS["changes.verification.record_mark"](approver, Mark(CONSISTENT, world.ref), TODAY)
    finally:
        approver.lock()
