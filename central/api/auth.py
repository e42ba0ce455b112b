"""Device enrollment and access tokens.

A device enrolls once with a single-use code issued for its school and registers its Ed25519
key; after that it signs a fresh challenge to get a 15-minute bearer token. The token names
the device and its school, and every sync endpoint is scoped to that school.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, select

from central.api.ratelimit import limit
from central.context import Context, DeviceScope, get_context, iso
from central.errors import ApiProblem
from central.store.db import (
    access_tokens,
    auth_challenges,
    devices,
    enrollment_tokens,
    id_claims,
    insert_ignore,
    load_identity,
)
from central.store.schools import school_by_code, school_by_id, token_hash
from desktop.domain.ids import new_id
from desktop.sync.wire.protocol import (
    ACCESS_TOKEN_SECONDS,
    AccessToken,
    Challenge,
    ChallengeRequest,
    EnrollRequest,
    EnrollResponse,
    ProtocolError,
    TokenRequest,
    challenge_message,
    enroll_proof_message,
    normalise_enrollment_code,
    sealing_public,
    signing_public,
    unb64,
    verify,
)

CHALLENGE_SECONDS = 300
router = APIRouter(prefix="/v1", tags=["设备与认证"])
_bearer = HTTPBearer(auto_error=False, description="POST /v1/auth/token 得到的访问令牌")
ContextDep = Annotated[Context, Depends(get_context)]


@router.post("/devices/enroll", response_model=EnrollResponse,
             dependencies=[Depends(limit("enroll"))])
def enroll(request: EnrollRequest, ctx: ContextDep) -> EnrollResponse:
    """Register a device's keys with a single-use enrollment code of its school."""
    code = normalise_enrollment_code(request.token)
    if code is None:
        raise ApiProblem(401, "token_invalid", "注册码有误，请核对后重新输入。")
    message = enroll_proof_message(code, request.school_code, request.sign_pub, request.enc_pub)
    if not verify(request.sign_pub, message, request.proof) or not _is_key(request.enc_pub):
        raise ApiProblem(401, "proof_invalid", "设备密钥校验失败，无法注册。")
    with ctx.engine.begin() as conn:
        device_id = _use_token(conn, ctx.now(), code, request)
        identity, school = load_identity(conn), school_by_code(conn, request.school_code)
    return EnrollResponse(device_id=device_id, school_code=school.code, school_name=school.name,
                          server_sign_pub=signing_public(identity.sign_key),
                          server_enc_pub=sealing_public(identity.enc_key), epoch=identity.epoch)


def _use_token(conn: Connection, now: int, code: str, request: EnrollRequest) -> str:
    token = conn.execute(select(enrollment_tokens).where(
        enrollment_tokens.c.token_hash == token_hash(code)).with_for_update()).first()
    if token is None:
        raise ApiProblem(401, "token_invalid", "注册码无效，请向县级学籍管理部门重新申请。")
    school = school_by_id(conn, token.school_id)
    if school.code != request.school_code:
        raise ApiProblem(403, "out_of_scope", "该注册码不是发给本校的。")
    if token.used_at is not None:
        return _same_device_or_refuse(conn, token.device_id, request.sign_pub)
    if token.expires_at <= now:
        raise ApiProblem(401, "token_expired", "注册码已过期，请向县级学籍管理部门重新申请。")
    device_id = new_id()
    if not insert_ignore(conn, id_claims, {"kind": "sign_key", "value": request.sign_pub,
                                           "record_id": device_id, "school_id": token.school_id,
                                           "claimed_at": now}):
        raise ApiProblem(409, "key_in_use", "该设备密钥已经注册过。")  # keys are unique nationally
    conn.execute(devices.insert().values(
        device_id=device_id, school_id=token.school_id, sign_pub=request.sign_pub,
        enc_pub=request.enc_pub, device_info=request.device_info, status="active",
        high_water=0, acked_seq=0, enrolled_at=now))
    conn.execute(enrollment_tokens.update().where(enrollment_tokens.c.token_hash == token.token_hash)
                 .values(used_at=now, device_id=device_id))
    return device_id


def _same_device_or_refuse(conn: Connection, device_id: str | None, sign_pub: str) -> str:
    """A retry of the enrollment that used the code gets the same device back."""
    device = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    if device is None or device.sign_pub != sign_pub:
        raise ApiProblem(401, "token_used", "注册码已被使用，请向县级学籍管理部门重新申请。")
    same: str = device.device_id
    return same


@router.post("/auth/challenge", response_model=Challenge, dependencies=[Depends(limit("auth"))])
def challenge(request: ChallengeRequest, ctx: ContextDep) -> Challenge:
    """A nonce for the device to sign (valid for five minutes, once)."""
    now = ctx.now()
    with ctx.engine.begin() as conn:
        _active_device(conn, request.device_id)
        _forget_expired(conn, request.device_id, now)
        nonce = secrets.token_urlsafe(24)
        conn.execute(auth_challenges.insert().values(
            nonce=nonce, device_id=request.device_id, expires_at=now + CHALLENGE_SECONDS))
    return Challenge(device_id=request.device_id, nonce=nonce,
                     expires_at=iso(now + CHALLENGE_SECONDS))


@router.post("/auth/token", response_model=AccessToken, dependencies=[Depends(limit("auth"))])
def token(request: TokenRequest, ctx: ContextDep) -> AccessToken:
    """Exchange a signed challenge for a 15-minute access token."""
    now = ctx.now()
    with ctx.engine.begin() as conn:
        device = _active_device(conn, request.device_id)
        _use_challenge(conn, now, request, device.sign_pub)
        secret = secrets.token_urlsafe(32)
        conn.execute(access_tokens.insert().values(
            token_hash=_hash(secret), device_id=device.device_id, school_id=device.school_id,
            expires_at=now + ACCESS_TOKEN_SECONDS))
        school = school_by_id(conn, device.school_id)
    return AccessToken(access_token=secret, expires_in=ACCESS_TOKEN_SECONDS,
                       expires_at=iso(now + ACCESS_TOKEN_SECONDS), device_id=device.device_id,
                       school_code=school.code)


def _use_challenge(conn: Connection, now: int, request: TokenRequest, sign_pub: str) -> None:
    row = conn.execute(select(auth_challenges).where(
        auth_challenges.c.nonce == request.nonce,
        auth_challenges.c.device_id == request.device_id).with_for_update()).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise ApiProblem(401, "challenge_invalid", "认证已失效，请重新认证。")
    if not verify(sign_pub, challenge_message(request.device_id, request.nonce), request.signature):
        raise ApiProblem(401, "signature_invalid", "设备签名无效，认证失败。")
    conn.execute(auth_challenges.update().where(auth_challenges.c.nonce == request.nonce)
                 .values(used_at=now))


def _forget_expired(conn: Connection, device_id: str, now: int) -> None:
    """Keep the device's challenges and tokens to the live ones."""
    for table in (auth_challenges, access_tokens):
        conn.execute(table.delete().where(table.c.device_id == device_id,
                                          table.c.expires_at <= now))


def _active_device(conn: Connection, device_id: str) -> Any:
    device = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    if device is None:
        raise ApiProblem(401, "device_unknown", "本设备尚未注册，请先用注册码注册。")
    if device.status != "active":
        raise ApiProblem(403, "device_revoked", "本设备已被停用，请联系县级学籍管理部门。")
    return device


def _is_key(text: str) -> bool:
    try:
        return len(unb64(text)) == 32
    except ProtocolError:
        return False


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def current_device(ctx: ContextDep,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                   ) -> DeviceScope:
    """The device behind the bearer token; 401 when it is missing, unknown or expired."""
    if credentials is None:
        raise ApiProblem(401, "token_missing", "缺少访问令牌，请先认证。")
    with ctx.engine.begin() as conn:
        row = conn.execute(select(access_tokens).where(
            access_tokens.c.token_hash == _hash(credentials.credentials))).first()
        if row is None:
            raise ApiProblem(401, "token_invalid", "访问令牌无效，请重新认证。")
        if row.expires_at <= ctx.now():
            raise ApiProblem(401, "token_expired", "访问令牌已过期，请重新认证。")
        _active_device(conn, row.device_id)
    return DeviceScope(device_id=row.device_id, school_id=row.school_id)


DeviceDep = Annotated[DeviceScope, Depends(current_device)]
