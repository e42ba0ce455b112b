"""Schools and their single-use enrollment tokens (issued by the county bureau)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import Connection, Engine, select

from central.store.db import enrollment_tokens, insert_ignore, recipient_cursors, schools
from desktop.domain.ids import new_id
from desktop.sync.wire.protocol import new_enrollment_code, normalise_enrollment_code

TOKEN_HOURS = 72


def token_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def school_by_code(conn: Connection, code: str) -> Any:
    return conn.execute(select(schools).where(schools.c.code == code)).first()


def school_by_id(conn: Connection, school_id: str) -> Any:
    return conn.execute(select(schools).where(schools.c.school_id == school_id)).one()


def ensure_school(engine: Engine, code: str, now: int, name: str = "", region: str = "") -> str:
    """The school's id, creating the school (and its feed) the first time its code is seen."""
    with engine.begin() as conn:
        existing = school_by_code(conn, code)
        if existing is not None:
            school_id: str = existing.school_id
            return school_id
        school_id = new_id()
        conn.execute(schools.insert().values(
            school_id=school_id, code=code, name=name or code,
            region=region or _region_from_code(code), created_at=now))
        insert_ignore(conn, recipient_cursors, {"recipient_id": school_id, "last_seq": 0,
                                                "floor_seq": 0})
        return school_id


def _region_from_code(code: str) -> str:
    return code[:6] if re.fullmatch(r"\d{6,}", code) else "000000"


def issue_token(engine: Engine, school_code: str, now: int, hours: int = TOKEN_HOURS,
                name: str = "", region: str = "") -> str:
    """A new single-use enrollment code for the school, valid for `hours`."""
    school_id = ensure_school(engine, school_code, now, name, region)
    code = new_enrollment_code()
    with engine.begin() as conn:
        conn.execute(enrollment_tokens.insert().values(
            token_hash=token_hash(normalise_enrollment_code(code) or code), school_id=school_id,
            expires_at=now + hours * 3600))
    return code
