"""The bureau console: log in, list the cases awaiting the bureau's county, approve or
refuse them. Server-rendered HTML forms (central/api/console_html.py), no script.

Sessions are HttpOnly, SameSite=Strict cookies stored hashed; every POST carries a CSRF
token (the login form a cookie-bound one, the rest the session's own), and logins are
rate-limited per address. Decisions run `central.cases.work.decide`, as a desk's do.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from central.api.auth import ContextDep
from central.api.console_html import CaseRow, cases_page, login_page
from central.api.ratelimit import limit
from central.cases import bureaus, codes, deadlines
from central.cases import work as casework
from central.cases.engine import APPROVE, REJECT, Case
from central.store import records
from central.store.records import Refusal

router = APIRouter(prefix="/bureau", include_in_schema=False)
SESSION_COOKIE, LOGIN_COOKIE = "xueji_bureau", "xueji_login"
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                      "form-action 'self'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}
DONE = {"approved": "已同意，申请转入下一环节或办结。", "rejected": "已不同意，申请已退回。"}
FORM_TYPE = "application/x-www-form-urlencoded"


async def _form(request: Request) -> dict[str, str]:
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True, max_num_fields=20).items()}


Form = Annotated[dict[str, str], Depends(_form)]


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303, headers=HEADERS)


def _cookie(response: Response, request: Request, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/bureau",
                        secure=request.url.scheme == "https")


@router.get("")
def home() -> RedirectResponse:
    return _redirect("/bureau/cases")


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = _html(login_page(token))
    _cookie(response, request, LOGIN_COOKIE, token)
    return response


@router.post("/login", dependencies=[Depends(limit("bureau_login"))])
def login(request: Request, form: Form, ctx: ContextDep) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    if not expected or not bureaus.same_token(expected, form.get("csrf")):
        return _html(login_page(expected or secrets.token_urlsafe(24),
                                "页面已过期，请重新登录。"), 403)
    with ctx.engine.begin() as conn:
        bureau = bureaus.verify(conn, form.get("name", ""), form.get("password", ""))
        cookie = bureaus.open_session(conn, bureau, ctx.now()) if bureau else None
    if cookie is None:
        return _html(login_page(expected, "账户名称或密码不正确。"), 401)
    response = _redirect("/bureau/cases")
    _cookie(response, request, SESSION_COOKIE, cookie)
    response.delete_cookie(LOGIN_COOKIE, path="/bureau")
    return response


@router.get("/cases")
def case_list(request: Request, ctx: ContextDep, done: str | None = None) -> Response:
    with ctx.engine.begin() as conn:
        found = bureaus.session(conn, request.cookies.get(SESSION_COOKIE), ctx.now())
        if found is None:
            return _redirect("/bureau/login")
        bureau, csrf = found
        rows = case_rows(conn, ctx.now(), bureaus.awaiting(conn, ctx.now(), bureau.county))
    return _html(cases_page(bureau.name, bureau.county, rows, csrf, DONE.get(done or "")))


@router.post("/cases/{case_id}/decision")
def decision(case_id: str, request: Request, form: Form, ctx: ContextDep) -> Response:
    now = ctx.now()
    with ctx.engine.begin() as conn:
        found = bureaus.session(conn, request.cookies.get(SESSION_COOKIE), now)
        if found is None:
            return _redirect("/bureau/login")
        bureau, csrf = found
        if not bureaus.same_token(csrf, form.get("csrf")):
            return _refused(conn, now, bureau, csrf, "页面已过期或来源不明，请刷新后重新办理。", 403)
    action = {"approve": APPROVE, "reject": REJECT}.get(form.get("action", ""))
    try:
        with ctx.engine.begin() as conn:
            if action is None:
                raise Refusal("invalid_command", "请选择同意或不同意。")
            casework.decide(conn, now, case_id, bureaus.party(bureau), action, by=bureau.name,
                            reason=form.get("reason", "").strip()[:200] or None)
    except Refusal as refusal:
        with ctx.engine.begin() as conn:
            return _refused(conn, now, bureau, csrf, refusal.error.message, 409)
    return _redirect(f"/bureau/cases?done={'approved' if action == APPROVE else 'rejected'}")


def _refused(conn: Connection, now: int, bureau: Any, csrf: str, message: str,
             status: int) -> HTMLResponse:
    rows = case_rows(conn, now, bureaus.awaiting(conn, now, bureau.county))
    return _html(cases_page(bureau.name, bureau.county, rows, csrf, error=message), status)


@router.post("/logout")
def logout(request: Request, form: Form, ctx: ContextDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    with ctx.engine.begin() as conn:
        found = bureaus.session(conn, cookie, ctx.now())
        if found is not None and bureaus.same_token(found[1], form.get("csrf")):
            bureaus.close_session(conn, cookie)
    response = _redirect("/bureau/login")
    response.delete_cookie(SESSION_COOKIE, path="/bureau")
    return response


def case_rows(conn: Connection, now: int, found: list[Case]) -> list[CaseRow]:
    """The console's (and the CLI's) line for each case."""
    today = deadlines.local_date(now)
    return [_case_row(conn, case, today) for case in found]


def _case_row(conn: Connection, case: Case, today: Any) -> CaseRow:
    record = records.load(conn, case.record_id)
    step = case.steps[case.step]
    schools = "、".join(who["school_name"] for who in case.parties.values() if "school_name" in who)
    return CaseRow(case_id=case.case_id, code=codes.printed(case.code) if case.code else case.case_id,
                   change_type=case.change_type, schools=schools,
                   student=f"{record.name}（{record.xjh or '无学籍号'}）" if record else "",
                   step=step["label"], started_on=step["started_on"] or "", due=step["due"] or "",
                   overdue=deadlines.is_overdue(step["due"], today), estimated=bool(step["estimated"]))
