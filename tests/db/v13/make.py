"""Makes the schema-v13 register in this folder, as the program of schema v13 wrote it (run
from a checkout of that program, e.g. `git worktree add /tmp/v13 dc276e6`, then
`cd /tmp/v13 && python /path/to/tests/db/v13/make.py /path/to/tests/db/v13`).

school.db (+ its key slots) holds three pupils and a changed one, their outbox rows each with
its own copy of its payload; school.xjbak is a backup of it. Password: tests.conftest.PASSWORD.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from desktop.models.keyslots import KdfParams
from desktop.models.migrations import SCHEMA_VERSION
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.safekeeping.backup import create_backup
from desktop.services.students.add import add_students
from desktop.services.students.update import update_student
from tests.conftest import PASSWORD
from tests.factories import SCHOOL_CODE, valid_row


def main(out: Path) -> None:
    assert SCHEMA_VERSION == 13, "run this with the program of schema v13"
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    school = NewSchool(code=SCHOOL_CODE, name="测试学校", stages="小学")
    ws, _ = create_database(work / "school.db", school, "registrar", PASSWORD,
                            KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    today = dt.date(2026, 11, 26)
    added = add_students(ws, [valid_row(name=name, seq=11 + i, birth=dt.date(2016, 2, 1 + i))
                              for i, name in enumerate(("张伟", "欧阳修", "李丽"))], today=today)
    update_student(ws, added.ids[0], valid_row(name="张伟", seq=11, birth=dt.date(2016, 2, 1))
                   | {"联系电话": "13900139000"})
    create_backup(ws, work / "school.xjbak")
    ws.lock()
    for path in work.iterdir():
        if path.name.startswith("school."):
            shutil.copy(path, out / path.name)
    shutil.rmtree(work)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
