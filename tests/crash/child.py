"""The process the crash trials kill: `python -m tests.crash.child FOLDER OP MODE [KILL_AT]`.

It unlocks the trial's database, writes `ready` on the report file, runs operation OP and
reports every commit it finished (fsync'd before the next step starts), then `done <count>`.

MODE `count`: run to the end and report how many progress-handler calls the operation made
(the parent's calibration). MODE `kill`: SIGKILL itself at progress call KILL_AT. MODE
`timer`: run to the end unless the parent kills it first.

The kill point: every SQLCipher connection the process opens gets a progress handler called
every PROGRESS_OPS virtual-machine instructions, so the kill lands inside a statement (also
inside a COMMIT, or inside SQLite's backup API while a backup copies), at a point chosen
uniformly over the whole operation.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.models import engine as engine_module
from desktop.models import store as store_module
from desktop.services.safekeeping import backup as backup_module
from tests.crash import scenario

PROGRESS_OPS = 10


class _Killer:
    """Counts progress calls once armed; SIGKILLs the process at call `kill_at`."""

    def __init__(self, kill_at: int | None) -> None:
        self.kill_at = kill_at
        self.armed = False
        self.calls = 0

    def __call__(self) -> int:
        if self.armed:
            self.calls += 1
            if self.calls == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return 0


def _instrument(killer: _Killer) -> None:
    real = engine_module.connect_raw

    def connect(path, key, **options):  # type: ignore[no-untyped-def]
        conn = real(path, key, **options)  # create= / read_only= pass through
        conn.set_progress_handler(killer, PROGRESS_OPS)
        return conn

    for module in (engine_module, store_module, backup_module):
        module.connect_raw = connect  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    folder, op, mode = Path(argv[0]), argv[1], argv[2]
    killer = _Killer(int(argv[3]) if mode == "kill" else None)
    _instrument(killer)
    from desktop.services.safekeeping.accounts import unlock

    password = scenario.PASSWORDS[0]
    ws = unlock(folder / scenario.DB_NAME, scenario.USER, password)
    step = OPERATIONS[op]
    prepared = step.prepare(folder)
    scenario.append_report(folder, "ready")
    killer.armed = True
    step.run(ws, folder, prepared)
    killer.armed = False
    scenario.append_report(folder, f"done {killer.calls}")
    ws.lock()
    return 0


class _Step:
    def __init__(self, run: Callable, prepare: Callable[[Path], object] = lambda _f: None) -> None:
        self.run = run
        self.prepare = prepare


def _report(folder: Path, *words: object) -> None:
    scenario.append_report(folder, " ".join(str(w) for w in words))


def _read_workbook(folder: Path) -> object:
    from desktop.exchange.files import read_import

    return read_import(folder / scenario.WORKBOOK)


def _import(ws, folder: Path, sheet) -> None:  # type: ignore[no-untyped-def]
    from desktop.exchange.files import apply_workbook

    result = apply_workbook(ws, sheet, today=scenario.TODAY)
    _report(folder, "committed import", len(result.created))


def _year_end(ws, folder: Path, _prepared) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.changes.year_end import run_year_end

    run_year_end(ws, scenario.JULY)
    _report(folder, "committed year_end")


def _backup(ws, folder: Path, _prepared) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.safekeeping.backup_policy import back_up
    from desktop.services.students.add import add_students

    for round_ in range(scenario.BACKUP_ROUNDS):
        [added] = add_students(ws, [scenario.backup_row(round_)], today=scenario.TODAY).ids
        _report(folder, "committed student", added)
        outcome = back_up(ws, "manual")
        _report(folder, "committed backup", outcome.info.path.name if outcome.info else "-")


def _password(ws, folder: Path, _prepared) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.safekeeping.accounts import change_password

    for index, password in enumerate(scenario.PASSWORDS[1:], start=1):
        change_password(ws, password, scenario.KDF)
        _report(folder, "committed password", index)


def _batch_add(ws, folder: Path, _prepared) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.students.add import add_students

    for batch in range(scenario.BATCHES):
        ids = add_students(ws, scenario.batch_rows(batch), today=scenario.TODAY).ids
        _report(folder, "committed batch", batch, *ids)


def _status_changes(ws, folder: Path, _prepared) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.changes.status import ChangeRequest, apply_change

    for row in scenario.seed_rows()[:scenario.STATUS_CHANGES]:
        result = apply_change(ws, ChangeRequest(
            student=row["身份证件号"], change="休学", effective=scenario.TODAY,
            until=scenario.SUSPENDED_UNTIL, reason="因病"))
        _report(folder, "committed change", result.student_id)


OPERATIONS = {
    "import": _Step(_import, _read_workbook),
    "year_end": _Step(_year_end),
    "backup": _Step(_backup),
    "password": _Step(_password),
    "batch_add": _Step(_batch_add),
    "status_changes": _Step(_status_changes),
}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
