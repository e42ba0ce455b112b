"""The bureau console and CLI: accounts with a one-time password stored as argon2, login
with CSRF and rate limit, the list of cases awaiting the county, approve and reject through
CSRF-protected forms, and `xueji-central bureau add` / `cases`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
from sqlalchemy import select

from central.cases import bureaus
from central.store.db import bureaus as bureau_table
from tests.central.cases_kit import COUNTY_A, COUNTY_B, answer, latest, request_transfer, two_schools
from tests.central.desk import Central

CENTRAL = str(Path(sys.executable).with_name("xueji-central"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CENTRAL, *args], capture_output=True, text=True, timeout=120, check=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


class Console:
    """A browser on the console: cookies kept, redirects not followed."""

    def __init__(self, central: Central, name: str, county: str) -> None:
        self.password = bureaus.add(central.engine, name, county, int(central.clock()))
        self.name = name
        self.http = httpx.Client(base_url=central.url, timeout=30)

    def login(self, password: str | None = None, csrf: str | None = None) -> httpx.Response:
        form = self.http.get("/bureau/login")
        token = csrf_of(form.text) if csrf is None else csrf
        return self.http.post("/bureau/login", data={"csrf": token, "name": self.name,
                                                     "password": password or self.password})

    def page(self) -> httpx.Response:
        return self.http.get("/bureau/cases")

    def decide(self, case_id: str, action: str, reason: str = "", csrf: str | None = None) -> httpx.Response:
        token = csrf_of(self.page().text) if csrf is None else csrf
        return self.http.post(f"/bureau/cases/{case_id}/decision",
                              data={"csrf": token, "action": action, "reason": reason})


def open_transfer(central: Central) -> tuple[object, str, str]:
    schools = two_schools(central)
    change = request_transfer(schools.b)
    code = schools.push_one(schools.b, change).assigned["case_code"]
    return schools, change.record_id, code


def test_an_account_gets_a_one_time_password_kept_only_as_argon2(central: Central) -> None:
    done = run("bureau", "add", "--db-url", central.db_url, "--name", "天河区教育局", "--county", COUNTY_B)
    assert done.returncode == 0, done.stderr
    password = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"[2-9A-Z]{4}(-[2-9A-Z]{4}){3}", password) and "只显示这一次" in done.stdout
    with central.engine.begin() as conn:
        stored = conn.execute(select(bureau_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and password not in stored
    again = run("bureau", "add", "--db-url", central.db_url, "--name", "天河区教育局", "--county", COUNTY_B)
    assert again.returncode == 1 and "已经存在" in again.stderr
    bad = run("bureau", "add", "--db-url", central.db_url, "--name", "某局", "--county", "44")
    assert bad.returncode == 1 and "6 位" in bad.stderr
    console = httpx.Client(base_url=central.url)
    token = csrf_of(console.get("/bureau/login").text)
    ok = console.post("/bureau/login", data={"csrf": token, "name": "天河区教育局", "password": password})
    assert ok.status_code == 303 and ok.headers["location"] == "/bureau/cases"
    console.close()


def test_login_needs_the_password_and_the_forms_token(central: Central) -> None:
    console = Console(central, "佛山禅城区教育局", COUNTY_A)
    assert console.page().headers["location"] == "/bureau/login"
    assert console.login(password="WRONG-WRONG-WRONG-WRONG").status_code == 401
    assert console.login(csrf="forged").status_code == 403
    ok = console.login()
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/bureau" in cookie
    page = console.page()
    assert page.status_code == 200 and "目前没有待办理的申请" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "<script" not in page.text
    console.http.post("/bureau/logout", data={"csrf": csrf_of(page.text)})
    assert console.page().status_code == 303


def test_logins_are_rate_limited(central: Central) -> None:
    console = Console(central, "某区教育局", COUNTY_A)
    statuses = [console.login(password="WRONG-WRONG-WRONG-WRONG").status_code for _ in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_the_console_lists_and_approves_the_cases_of_its_county(central: Central) -> None:
    schools, case_id, _code = open_transfer(central)
    receiving = Console(central, "天河区教育局", COUNTY_B)
    sending = Console(central, "禅城区教育局", COUNTY_A)
    receiving.login(), sending.login()
    page = receiving.page().text
    assert "转入学校主管部门审核" in page and "王小明" in page and "2026-12-10" in page
    assert case_id in page and "目前没有待办理的申请" in sending.page().text
    forged = receiving.decide(case_id, "approve", csrf="forged")
    assert forged.status_code == 403 and "页面已过期" in forged.text
    assert latest(schools.a, "case", case_id).snapshot["current_step"]["role"] == "receiving_bureau"
    foreign = sending.decide(case_id, "approve", csrf=csrf_of(sending.page().text))
    assert foreign.status_code == 409 and "尚未轮到本单位" in foreign.text
    done = receiving.decide(case_id, "approve")
    assert done.status_code == 303 and done.headers["location"] == "/bureau/cases?done=approved"
    assert "已同意" in receiving.http.get(done.headers["location"]).text
    assert latest(schools.a, "case", case_id).snapshot["current_step"]["role"] == "sending_school"
    schools.push_one(schools.a, answer(schools.a, case_id, "agree"))
    silent = sending.decide(case_id, "reject")
    assert silent.status_code == 409 and "请填写理由" in silent.text
    assert sending.decide(case_id, "reject", "学籍信息不符").status_code == 303
    assert latest(schools.b, "case", case_id).snapshot["state"] == "rejected"


def test_overdue_cases_are_marked_in_the_console(central: Central) -> None:
    _schools, case_id, _code = open_transfer(central)
    console = Console(central, "天河区教育局", COUNTY_B)
    console.login()
    assert "已逾期" not in console.page().text
    central.clock.advance(16 * 86400)
    assert console.page().status_code == 303  # the session lasts eight hours
    console.login()
    page = console.page().text
    assert case_id in page and "已逾期" in page


def test_the_cli_lists_and_decides_as_a_bureau(central: Central) -> None:
    schools, case_id, code = open_transfer(central)
    bureaus.add(central.engine, "天河区教育局", COUNTY_B, int(central.clock()))
    bureaus.add(central.engine, "禅城区教育局", COUNTY_A, int(central.clock()))
    listed = run("cases", "--db-url", central.db_url, "--bureau", "天河区教育局")
    assert listed.returncode == 0 and code in listed.stdout and "共 1 项待办理" in listed.stdout
    other = run("cases", "--db-url", central.db_url, "--bureau", "禅城区教育局")
    assert "共 0 项待办理" in other.stdout
    nobody = run("cases", "--db-url", central.db_url, "--approve", case_id)
    assert nobody.returncode == 1 and "--bureau" in nobody.stderr
    wrong = run("cases", "--db-url", central.db_url, "--bureau", "禅城区教育局", "--approve", case_id)
    assert wrong.returncode == 1 and "尚未轮到本单位" in wrong.stderr
    approved = run("cases", "--db-url", central.db_url, "--bureau", "天河区教育局", "--approve", code)
    assert approved.returncode == 0 and "转出学校审核" in approved.stdout, approved.stderr
    assert latest(schools.a, "case", case_id).snapshot["current_step"]["role"] == "sending_school"
    no_reason = run("cases", "--db-url", central.db_url, "--bureau", "禅城区教育局", "--reject", case_id)
    assert no_reason.returncode == 1 and "--reason" in no_reason.stderr
    unknown = run("cases", "--db-url", central.db_url, "--bureau", "无此局")
    assert unknown.returncode == 1 and "无此局" in unknown.stderr
