"""`xueji-central`: token prints a single-use enrollment code as its last line; students
--json lists the registry's copy with the keys of `xueji student list --json`; serve runs."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from desktop.domain.fields import template_headers
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk, id_number, student_payload
from tests.central.live import wait_for_meta

CENTRAL = str(Path(sys.executable).with_name("xueji-central"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CENTRAL, *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_token_prints_a_code_that_enrolls_exactly_one_device(central: Central) -> None:
    done = run("token", "--db-url", central.db_url, "--school-code", SCHOOL_B,
               "--school-name", "测试县第二小学")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert "注册码" in lines[0]
    code = lines[-1]
    first, second = Desk(central.url, SCHOOL_B), Desk(central.url, SCHOOL_B)
    enrolled = first.enroll(code)
    assert enrolled.status_code == 200 and enrolled.json()["school_name"] == "测试县第二小学"
    assert second.enroll(code).status_code == 401
    first.close()
    second.close()


def test_students_lists_the_schools_copy_as_template_rows(central: Central) -> None:
    school_a, school_b = central.desk(SCHOOL_A), central.desk(SCHOOL_B)
    create = school_a.create(student_payload("王小明", seq=11))
    school_a.push(create, school_a.create(student_payload("李华", seq=12)))
    school_a.push(school_a.change("patch", create.record_id, {"home_address": "东街1号"}, 1))
    school_b.push(school_b.create(student_payload("赵六", seq=41)))
    done = run("students", "--db-url", central.db_url, "--school-code", SCHOOL_A, "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["姓名"] for row in rows] == ["李华", "王小明"]  # roster order (pinyin)
    assert list(rows[0])[:-2] == template_headers() and list(rows[0])[-2:] == ["学籍号", "学籍状态"]
    wang = rows[1]
    assert (wang["学籍号"], wang["学籍状态"]) == ("G" + id_number(seq=11), "在籍在读")
    assert (wang["家庭地址"], wang["出生日期"], wang["性别"]) == ("东街1号", "20170305", "男")
    assert wang["成员1姓名"] == "王大明" and wang["学校标识码"] == SCHOOL_A


def test_students_of_an_unknown_school_is_an_error(central: Central) -> None:
    done = run("students", "--db-url", central.db_url, "--school-code", "9999999999", "--json")
    assert done.returncode == 1 and "9999999999" in done.stderr and done.stdout == ""


def test_serve_runs_the_registry_and_logs_no_secrets(db_url: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([CENTRAL, "serve", "--db-url", db_url, "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_for_meta(url, timeout=60)
        code = run("token", "--db-url", db_url, "--school-code", SCHOOL_A).stdout.splitlines()[-1]
        desk = Desk(url, SCHOOL_A)
        assert desk.enroll(code).status_code == 200 and desk.login().status_code == 200
        assert desk.pull().items == ()
        desk.close()
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0].decode()
    assert "/v1/sync/pull" in log  # the access log is written
    assert code not in log and code.replace("-", "") not in log and desk.token not in log
