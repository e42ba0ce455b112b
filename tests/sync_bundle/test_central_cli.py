"""`xueji-central bundle import` on SQLite and PostgreSQL with a real desk's outbox: an offline
school enrolls by bundle, its request bundle is applied and answered with 学籍号, importing
the same file again applies nothing and answers the same, and refused files get a reason
and no reply file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from central.store.db import init_schema, make_engine, student_history
from central.store.schools import issue_token
from central.store.students import template_rows as central_rows
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from desktop.services.students.update import update_student
from desktop.sync.wire.bundle import BundleReply
from tests.central.test_desk_interop import outbox_changes
from tests.factories import SCHOOL_CODE, valid_row
from tests.sync_bundle.offline import OfflineDesk

CENTRAL = str(Path(sys.executable).with_name("xueji-central"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CENTRAL, *args], capture_output=True, text=True, timeout=120,
                          check=False)


def server_keys(db_url: str) -> tuple[str, str]:
    done = run("bundle", "keys", "--db-url", db_url)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split("：", 1) for line in done.stdout.splitlines())
    return lines["中心签名公钥（Ed25519）"], lines["中心加密公钥（X25519）"]


def import_file(db_url: str, folder: Path, data: bytes,
                name: str) -> tuple[subprocess.CompletedProcess[str], bytes | None]:
    path, reply = folder / f"{name}.xjb", folder / f"{name}-reply.xjb"
    path.write_bytes(data)
    done = run("bundle", "import", "--db-url", db_url, str(path), "--reply-out", str(reply))
    return done, reply.read_bytes() if reply.exists() else None


def issue_code(db_url: str) -> str:
    engine = make_engine(db_url)
    init_schema(engine, int(time.time()))
    code = issue_token(engine, SCHOOL_CODE, int(time.time()), name="测试县第一小学")
    engine.dispose()
    return code


def fill_outbox(ws: Workspace, today: dt.date) -> None:
    wang, li = valid_row("王小明", seq=11), valid_row("李华", seq=12)
    wang_id, _li_id = add_students(ws, [wang, li], today=today).ids
    update_student(ws, wang_id, {**wang, "家庭地址": "广东省佛山市禅城区东街1号"}, today=today)
    apply_change(ws, ChangeRequest(student=li["身份证件号"], change="休学",
                                   effective=dt.date(2026, 11, 2), until=dt.date(2027, 1, 31),
                                   reason="因病"))


def feed_versions(reply: BundleReply) -> list[tuple[str, int]]:
    return [(item.record_id, item.version) for page in reply.pages for item in page.items]


def test_an_offline_school_syncs_its_real_outbox_through_the_cli(
        db_url: str, ws: Workspace, today: dt.date, tmp_path: Path) -> None:
    desk = OfflineDesk(SCHOOL_CODE, *server_keys(db_url))
    done, reply = import_file(db_url, tmp_path, desk.enrollment(issue_code(db_url)), "enroll")
    assert done.returncode == 0 and "设备已注册" in done.stdout and reply, done.stderr
    assert desk.receive(reply).message.enrollment.school_name == "测试县第一小学"  # type: ignore[union-attr]

    fill_outbox(ws, today)
    changes = outbox_changes(ws)
    request = desk.request(*changes)
    done, reply = import_file(db_url, tmp_path, request, "request")
    assert done.returncode == 0 and "应用 4 条" in done.stdout and reply, done.stderr
    first = desk.receive(reply).message
    assert first.push is not None and [r.status for r in first.push.results] == ["applied"] * 4
    assigned = [r.assigned.get("xjh", "") for r in first.push.results]
    assert [x[:1] for x in assigned] == ["G", "G", "", ""]
    snapshots = {item.snapshot["xjh"] for page in first.pages for item in page.items
                 if item.kind == "record"}
    assert set(assigned[:2]) <= snapshots
    engine = make_engine(db_url)
    assert list(central_rows(engine, SCHOOL_CODE)) == list(template_rows(ws, StudentQuery()))
    with engine.connect() as conn:
        history = conn.execute(select(func.count()).select_from(student_history)).scalar()

    done, again = import_file(db_url, tmp_path, request, "request-again")
    assert done.returncode == 0 and "已导入过" in done.stdout and "重复 4 条" in done.stdout
    replay = desk.receive(again).message  # type: ignore[arg-type]
    assert replay.replayed and replay.push is not None
    assert [(r.change_id, r.original_status, r.version, r.assigned) for r in replay.push.results] == [
        (r.change_id, r.status, r.version, r.assigned) for r in first.push.results]
    assert feed_versions(replay) == feed_versions(first) and replay.cursor == first.cursor
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(student_history)).scalar() == history
    assert list(central_rows(engine, SCHOOL_CODE)) == list(template_rows(ws, StudentQuery()))
    engine.dispose()

    done, reply = import_file(db_url, tmp_path, desk.request(*changes), "request-2")
    assert done.returncode == 0 and "重复 4 条" in done.stdout and "提示" not in done.stdout
    done, reply = import_file(db_url, tmp_path, desk.request(*changes, seq=1), "stale")
    assert done.returncode == 1 and "已过时" in done.stderr and reply is None


def test_files_that_are_not_bundles_are_refused_without_a_reply(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    done, reply = import_file(db_url, tmp_path, b"%PDF-1.7\n", "pdf")
    assert (done.returncode, reply, done.stdout) == (1, None, "")
    assert "不是学籍数据包" in done.stderr
    sparse = tmp_path / "huge.xjb"
    with sparse.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    done = run("bundle", "import", "--db-url", db_url, str(sparse), "--reply-out",
               str(tmp_path / "r.xjb"))
    assert done.returncode == 1 and "过大" in done.stderr and not (tmp_path / "r.xjb").exists()
    done = run("bundle", "import", "--db-url", db_url, str(tmp_path / "missing.xjb"),
               "--reply-out", str(tmp_path / "r.xjb"))
    assert done.returncode == 1 and "无法读取" in done.stderr
