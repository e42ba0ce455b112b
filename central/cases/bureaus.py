"""County bureau (学籍主管部门) accounts: created by the CLI with a one-time printed password
(stored as an argon2id hash), console sessions with their CSRF token, and the list of cases
that wait for a bureau's county."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error
from sqlalchemy import Connection, Engine, select

from central.cases import engine as cases
from central.cases import work as casework
from central.cases.engine import OPEN, Case
from central.cases.kinds import county_party
from central.store.db import bureau_sessions, bureaus
from desktop.domain.ids import new_id

SESSION_SECONDS = 8 * 3600
_HASHER = PasswordHasher()
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


class BureauError(Exception):
    """An account that cannot be created (the Chinese reason is the message)."""


def new_password() -> str:
    """Four groups of four characters, 78 bits: typed once, then kept by the bureau."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def add(engine: Engine, name: str, county: str, now: int) -> str:
    """Create the account; returns its password, which is shown once and never stored."""
    name = name.strip()
    if not name or len(name) > 60:
        raise BureauError("账户名称不能为空，且不超过 60 个字。")
    if not re.fullmatch(r"\d{6}", county):
        raise BureauError("县级行政区划代码应为 6 位数字。")
    password = new_password()
    with engine.begin() as conn:
        if by_name(conn, name) is not None:
            raise BureauError(f"账户“{name}”已经存在。")
        conn.execute(bureaus.insert().values(bureau_id=new_id(), name=name, county=county,
                                             password_hash=_HASHER.hash(password), created_at=now))
    return password


def by_name(conn: Connection, name: str) -> Any:
    return conn.execute(select(bureaus).where(bureaus.c.name == name.strip())).first()


def verify(conn: Connection, name: str, password: str) -> Any:
    """The account when the password is right, else None (the same work either way)."""
    row = by_name(conn, name)
    try:
        _HASHER.verify(row.password_hash if row else _dummy_hash(), password)
    except (Argon2Error, ValueError):
        return None
    return row


@cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so that costs the same as a wrong password."""
    return _HASHER.hash("不存在的账户")


def party(bureau: Any) -> str:
    return county_party(bureau.county)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(conn: Connection, bureau: Any, now: int) -> str:
    """A new console session; returns the cookie value."""
    cookie = secrets.token_urlsafe(32)
    conn.execute(bureau_sessions.delete().where(bureau_sessions.c.expires_at <= now))
    conn.execute(bureau_sessions.insert().values(
        session_hash=_hash(cookie), bureau_id=bureau.bureau_id, csrf=secrets.token_urlsafe(32),
        expires_at=now + SESSION_SECONDS))
    return cookie


def session(conn: Connection, cookie: str | None, now: int) -> tuple[Any, str] | None:
    """(the account, the session's CSRF token) for a live session cookie."""
    if not cookie:
        return None
    row = conn.execute(select(bureau_sessions).where(
        bureau_sessions.c.session_hash == _hash(cookie))).first()
    if row is None or row.expires_at <= now:
        return None
    bureau = conn.execute(select(bureaus).where(bureaus.c.bureau_id == row.bureau_id)).one()
    return bureau, row.csrf


def close_session(conn: Connection, cookie: str | None) -> None:
    if cookie:
        conn.execute(bureau_sessions.delete().where(bureau_sessions.c.session_hash == _hash(cookie)))


def same_token(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def awaiting(conn: Connection, now: int, county: str | None) -> list[Case]:
    """Open cases waiting for the county's bureau (every open case when county is None),
    after marking overdue steps."""
    party_id = county_party(county) if county else None
    casework.sweep(conn, now, party_id)
    ids = cases.case_ids_of(conn, party_id, awaiting=True) if party_id else cases.open_case_ids(conn)
    found = [cases.load(conn, case_id) for case_id in ids]
    return [case for case in found if case is not None and case.state == OPEN]
