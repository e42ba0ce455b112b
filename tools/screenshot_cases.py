"""The 同步 page's 转学与审批 and 家长申请 tabs, for the README, with a real registry.

Starts `xueji-central serve` on a free loopback port, enrolls the demo school's desk and a
second school's, lets the second school ask for a demo pupil, has the county bureau approve
its step with `xueji-central cases`, files a guardian's request on the public endpoint, and
syncs the demo desk: what the tabs then show is what the registry sent.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

CENTRAL = [sys.executable, "-m", "central.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def central(*args: str) -> str:
    done = subprocess.run([*CENTRAL, *args], check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def start_registry(folder: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    db_url, port = f"sqlite:///{folder / 'central.db'}", free_port()
    server = subprocess.Popen([*CENTRAL, "serve", "--db-url", db_url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{url}/v1/meta", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    return server, url, db_url


def pupils(ws, count: int) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Demo pupils with a resident ID and a phone, as the export template lists them."""
    from desktop.services.students.read import StudentQuery, template_rows

    rows = (r for r in template_rows(ws, StudentQuery()) if len(r["身份证件号"] or "") == 18
            and r["联系电话"] and r.get("学籍状态", "在籍在读") == "在籍在读")
    return [next(rows) for _ in range(count)]


def cases_shots(window, ws, folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.registry.case_commands import TransferIn, request_transfer_in
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from desktop.services.students.school import school_info
    from desktop.sync.client import enroll, sync_once
    from desktop.views.main_window import PAGES

    server, url, db_url = start_registry(folder)
    try:
        code = school_info(ws).code
        enroll(ws, url, central("token", "--db-url", db_url, "--school-code", code,
                                "--school-name", "佛山市禅城区示例学校"))
        sync_once(ws)
        school = NewSchool(code="4406040002", name="佛山市禅城区第二小学", stages="小学,初中")
        other, _key = create_database(folder / "other.db", school, "李老师", "Other-pass-2026")
        enroll(other, url, central("token", "--db-url", db_url, "--school-code", school.code,
                                   "--school-name", school.name))
        moving, asking = pupils(ws, 2)
        request_transfer_in(other, TransferIn(moving["身份证件号"], moving["姓名"], code,
                                              moving["班级"], "随父母工作调动，户籍迁入本学区"),
                            dt.date.today())
        sync_once(other)
        other.lock()
        httpx.post(f"{url}/v1/public/guardian-requests", json={
            "school_code": code, "id_number": asking["身份证件号"],
            "guardian_phone": asking["联系电话"],
            "changes": {"phone": "13912345678", "current_address": "广东省佛山市禅城区祖庙街道新风路8号"}})
        sync_once(ws)
        page = window.sync_page
        window.nav.setCurrentRow(PAGES.index("sync"))
        page.reload()
        window.refresh_after_change()
        page.tabs.setCurrentWidget(page.cases)
        shot(window, "sync-cases.png")
        page.tabs.setCurrentWidget(page.guardian)
        shot(window, "sync-guardian.png")
    finally:
        server.terminate()
        server.wait(timeout=30)
