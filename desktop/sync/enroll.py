"""Enrolling this desk with the registry using a single-use code from the county bureau.

The keys are made (or the ones kept from an earlier attempt are reused) and stored in the
encrypted database first; then the code, the keys and a proof signed with the new key go to
/v1/devices/enroll. A retry after a lost answer presents the same keys and gets the same
device back.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

import httpx

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import (
    device_info,
    normalise_server_url,
    prepare_enrollment,
    record_enrollment,
)
from desktop.sync.auth import checked_meta
from desktop.sync.errors import service_errors
from desktop.sync.transport import HttpProblem, RetryPolicy, Transport
from desktop.sync.wire.protocol import (
    EnrollRequest,
    EnrollResponse,
    enroll_proof_message,
    new_sealing_key,
    new_signing_key,
    normalise_enrollment_code,
    sealing_public,
    sign,
    signing_public,
)

_CODE_ERRORS = {"token_invalid": "sync.code_invalid", "token_expired": "sync.code_invalid",
                "token_used": "sync.code_used", "key_in_use": "sync.code_used"}


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    school_code: str
    school_name: str


def enroll(ws: Workspace, server_url: str, code_text: str, *,
           transport: httpx.BaseTransport | None = None,
           policy: RetryPolicy | None = None) -> Enrollment:
    """Enroll with the code the registrar typed; ServiceError with the reason otherwise."""
    code = normalise_enrollment_code(code_text)
    if code is None:
        raise ServiceError("sync.code_mistyped")
    url = normalise_server_url(server_url)
    info = device_info(ws)
    if info is not None and info.enrolled:
        raise ServiceError("sync.already_enrolled", device=info.device_id)
    keys = prepare_enrollment(ws, url, new_signing_key(), new_sealing_key())
    policy = policy or RetryPolicy()
    with Transport(url, transport=transport) as http, service_errors(url):
        checked_meta(http, policy)
        request = _request(code, keys.school_code, keys.sign_key, keys.enc_key)
        answer = EnrollResponse.from_dict(_send(http, policy, request, keys.school_code))
    record_enrollment(ws, device_id=answer.device_id, school_name=answer.school_name,
                      server_sign_pub=answer.server_sign_pub,
                      server_enc_pub=answer.server_enc_pub, epoch=answer.epoch)
    return Enrollment(answer.device_id, answer.school_code, answer.school_name)


def _request(code: str, school_code: str, sign_key: bytes, enc_key: bytes) -> EnrollRequest:
    sign_pub, enc_pub = signing_public(sign_key), sealing_public(enc_key)
    proof = sign(sign_key, enroll_proof_message(code, school_code, sign_pub, enc_pub))
    return EnrollRequest(token=code, school_code=school_code, sign_pub=sign_pub, enc_pub=enc_pub,
                         proof=proof, device_info={"name": platform.node()[:60],
                                                   "system": platform.system()})


def _send(http: Transport, policy: RetryPolicy, request: EnrollRequest, school: str) -> object:
    body = request.to_json()
    try:
        return policy.run(lambda: http.post("/v1/devices/enroll", body))
    except HttpProblem as exc:
        if exc.code in _CODE_ERRORS:
            raise ServiceError(_CODE_ERRORS[exc.code]) from exc
        if exc.code == "out_of_scope":
            raise ServiceError("sync.code_other_school", school=school) from exc
        raise
