"""Endpoints anyone may call, standing in for the national mobile channel: a transfer's
progress by its case code, and guardian requests (submit, then follow by request code).

They answer steps, dates and outcomes only, never a name, an ID number or a value a
guardian sent, and each is rate-limited per client address.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import select

from central.api.auth import ContextDep
from central.api.ratelimit import limit
from central.cases import codes, deadlines, guardian
from central.cases import engine as cases
from central.cases import view as case_view
from central.errors import ApiProblem
from central.store.db import id_claims

router = APIRouter(prefix="/v1/public", tags=["公开查询"])
CodePath = Annotated[str, Path(min_length=4, max_length=20, description="回执上打印的查询码")]
NO_CASE = "没有这个查询码对应的转学申请，请核对查询码。"
NO_REQUEST = "没有这个查询码对应的申请，请核对查询码。"


class PublicStep(BaseModel):
    label: str
    state: str
    state_label: str
    started_on: str | None
    due: str | None
    decided_on: str | None
    overdue: bool


class PublicCase(BaseModel):
    code: str
    type: str
    state: str
    state_label: str
    current_step: PublicStep | None
    steps: list[PublicStep]
    opened_on: str
    closed_on: str | None


Item = Annotated[str, StringConstraints(max_length=120)]


class GuardianRequestIn(BaseModel):
    school_code: str = Field(min_length=1, max_length=20, description="学校标识码")
    id_number: str = Field(min_length=1, max_length=20, description="学生身份证件号")
    guardian_phone: str = Field(min_length=5, max_length=20, description="监护人电话（学籍中已登记的）")
    changes: dict[str, Item] = Field(min_length=1, max_length=len(guardian.SAFE_ITEMS),
                                     description="要修改的项目及新内容：" + "、".join(guardian.SAFE_ITEMS))


class GuardianReceipt(BaseModel):
    code: str
    state: str
    items: list[str]


class PublicItem(BaseModel):
    field: str
    label: str
    outcome: str  # pending | accepted | rejected


class PublicGuardianRequest(BaseModel):
    code: str
    state: str
    state_label: str
    submitted_at: str
    answered_at: str | None
    items: list[PublicItem]


@router.get("/cases/{code}", response_model=PublicCase,
            dependencies=[Depends(limit("case_lookup"))])
def case_progress(code: CodePath, ctx: ContextDep) -> PublicCase:
    """The steps and dates of a transfer case (no names, no ID numbers)."""
    stored = codes.normalise(code)
    with ctx.engine.begin() as conn:
        case_id = conn.scalar(select(id_claims.c.record_id).where(
            id_claims.c.kind == "case_code", id_claims.c.value == stored)) if stored else None
        case = cases.load(conn, case_id) if case_id else None
    if case is None:
        raise ApiProblem(404, "case_not_found", NO_CASE)
    return PublicCase(**case_view.public(case, deadlines.local_date(ctx.now())))


@router.post("/guardian-requests", response_model=GuardianReceipt, status_code=201,
             dependencies=[Depends(limit("guardian_submit"))])
def submit_guardian_request(request: GuardianRequestIn, ctx: ContextDep) -> GuardianReceipt:
    """A guardian asks the school to update contact items; answers the request code."""
    try:
        with ctx.engine.begin() as conn:
            code = guardian.submit(conn, ctx.now(), request.school_code, request.id_number,
                                   request.guardian_phone, dict(request.changes))
    except guardian.GuardianProblem as problem:
        status = 404 if problem.code == "guardian_unverified" else 422
        raise ApiProblem(status, problem.code, problem.message) from problem
    return GuardianReceipt(code=codes.printed(code), state=guardian.OPEN, items=sorted(request.changes))


@router.get("/guardian-requests/{code}", response_model=PublicGuardianRequest,
            dependencies=[Depends(limit("guardian_lookup"))])
def guardian_request_state(code: CodePath, ctx: ContextDep) -> PublicGuardianRequest:
    """Whether the school has answered, item by item (the values are not shown)."""
    with ctx.engine.begin() as conn:
        request = guardian.by_code(conn, code)
    if request is None:
        raise ApiProblem(404, "request_not_found", NO_REQUEST)
    return PublicGuardianRequest(**guardian.public_view(request))
