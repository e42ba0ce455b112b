"""Fixed keys and small sample messages for the bundle tests and the golden vectors.

Every key is sha256 of a label, so anyone can rebuild them: Ed25519 and X25519 private keys
are any 32 bytes. Nothing here depends on the clock or on randomness.
"""

from __future__ import annotations

import hashlib
from typing import Any

from desktop.sync.wire.bundle import (
    BundleEnroll,
    BundleReply,
    BundleRequest,
    Entropy,
    KnownDevice,
    Opened,
    SeenBundles,
    build_enrollment,
    build_reply,
    build_request,
    read_reply,
    read_request,
)
from desktop.sync.wire.protocol import (
    Change,
    ChangeResult,
    EnrollRequest,
    EnrollResponse,
    FeedItem,
    PullPage,
    PushBatch,
    PushResult,
    enroll_proof_message,
    sealing_public,
    sign,
    signing_public,
)


def key(label: str) -> bytes:
    return hashlib.sha256(f"xjb/1 test key: {label}".encode()).digest()


DEVICE_SIGN, DEVICE_ENC = key("device sign"), key("device enc")
SERVER_SIGN, SERVER_ENC = key("server sign"), key("server enc")
OTHER_SIGN, OTHER_ENC = key("other sign"), key("other enc")


def entropy(label: str) -> Entropy:
    """Pinned randomness (tests only): a distinct ephemeral key and nonce per label."""
    return Entropy(ephemeral_key=key(f"ephemeral {label}"), nonce=key(f"nonce {label}")[:12])


SCHOOL = "4406040001"
DEVICE_ID = "019ac0de-0000-7000-8000-000000000001"
REQUEST_ID = "019ac0de-0000-7000-8000-0000000000a1"
REPLY_ID = "019ac0de-0000-7000-8000-0000000000b1"
ENROLL_ID = "019ac0de-0000-7000-8000-0000000000e1"
RECORD_ID = "019ac0de-0000-7000-8000-000000000101"
CHANGE_IDS = ("019ac0de-0000-7000-8000-0000000000c1", "019ac0de-0000-7000-8000-0000000000c2")
CODE = "0123456789ABCDEF44JV"  # a well-formed enrollment code (check characters included)
CURSOR = "eyJlIjoiZXBvY2giLCJyIjoic2Nob29sIiwicyI6M30"
NEXT_CURSOR = "eyJlIjoiZXBvY2giLCJyIjoic2Nob29sIiwicyI6NH0"
EPOCH = "019ac0de-0000-7000-8000-00000000ee01"
AT = "2026-11-26T08:00:00+00:00"

PAYLOAD: dict[str, Any] = {
    "name": "王小明", "sex": "1", "birth_date": "2017-03-05", "id_type": "1",
    "id_number": "440604201703050011", "class_name": "三年级(2)班", "status": "ACTIVE",
    "members": [{"name": "王大明", "relation": "父亲", "guardian": "1", "slot": 1}],
}


def device_known(school: str = SCHOOL, sign_key: bytes = DEVICE_SIGN) -> KnownDevice:
    return KnownDevice(DEVICE_ID, school, signing_public(sign_key))


def changes() -> tuple[Change, ...]:
    create = Change(change_id=CHANGE_IDS[0], device_seq=1, record_type="student",
                    record_id=RECORD_ID, op="create", payload=PAYLOAD, actor="registrar",
                    client_ts="2026-11-26T16:00:00+08:00")
    patch = Change(change_id=CHANGE_IDS[1], device_seq=2, record_type="student",
                   record_id=RECORD_ID, op="patch", base_version=1,
                   payload={"home_address": "广东省佛山市禅城区东街1号"}, actor="registrar")
    return create, patch


def request(seq: int = 1, bundle_id: str = REQUEST_ID, prev: str = "",
            cursor: str | None = CURSOR) -> BundleRequest:
    batch = PushBatch(device_id=DEVICE_ID, batch_id=bundle_id, changes=changes())
    return BundleRequest(bundle_id=bundle_id, device_id=DEVICE_ID, school_code=SCHOOL, seq=seq,
                         prev_sha256=prev, created_at=AT, push=batch, cursor=cursor)


def enrollment() -> BundleEnroll:
    sign_pub, enc_pub = signing_public(DEVICE_SIGN), sealing_public(DEVICE_ENC)
    proof = sign(DEVICE_SIGN, enroll_proof_message(CODE, SCHOOL, sign_pub, enc_pub))
    enroll = EnrollRequest(token=CODE, school_code=SCHOOL, sign_pub=sign_pub, enc_pub=enc_pub,
                           proof=proof, device_info={"name": "教务处电脑"})
    return BundleEnroll(bundle_id=ENROLL_ID, school_code=SCHOOL, created_at=AT, enroll=enroll)


def reply(seq: int = 1, bundle_id: str = REPLY_ID, in_reply_to: str = REQUEST_ID,
          enrolled: bool = False) -> BundleReply:
    applied = ChangeResult(change_id=CHANGE_IDS[0], device_seq=1, status="applied", version=1,
                           assigned={"xjh": "G440604201703050011"})
    merged = ChangeResult(change_id=CHANGE_IDS[1], device_seq=2, status="applied", version=2)
    result = PushResult(batch_id=REQUEST_ID, high_water=2, results=(applied, merged), checkpoint=4)
    item = FeedItem(seq=4, kind="record", record_type="student", record_id=RECORD_ID, version=2,
                    snapshot={**PAYLOAD, "xjh": "G440604201703050011", "xjh_provisional": False})
    page = PullPage(epoch=EPOCH, items=(item,), next_cursor=NEXT_CURSOR, has_more=False)
    enrollment_response = EnrollResponse(
        device_id=DEVICE_ID, school_code=SCHOOL, school_name="测试县第一小学",
        server_sign_pub=signing_public(SERVER_SIGN), server_enc_pub=sealing_public(SERVER_ENC),
        epoch=EPOCH)
    return BundleReply(bundle_id=bundle_id, in_reply_to=in_reply_to, device_id=DEVICE_ID,
                       school_code=SCHOOL, seq=seq, created_at=AT, epoch=EPOCH,
                       push=None if enrolled else result,
                       enrollment=enrollment_response if enrolled else None,
                       pages=(page,), cursor=NEXT_CURSOR)


def open_request(data: bytes, seen: SeenBundles | None = None,
                 known: KnownDevice | None = None) -> Opened[BundleRequest]:
    return read_request(data, enc_key=SERVER_ENC, device=known or device_known(),
                        seen=seen or SeenBundles())


def open_reply(data: bytes, seen: SeenBundles | None = None, device_id: str | None = DEVICE_ID,
               school: str = SCHOOL, sent: tuple[str, ...] = (REQUEST_ID, ENROLL_ID),
               enc_key: bytes = DEVICE_ENC) -> Opened[BundleReply]:
    return read_reply(data, enc_key=enc_key, server_sign_pub=signing_public(SERVER_SIGN),
                      school_code=school, device_id=device_id, sent=sent,
                      seen=seen or SeenBundles())


def built() -> tuple[bytes, bytes, bytes]:
    """A request, a reply and an enroll bundle of the sample messages (fresh randomness)."""
    to_server, to_device = sealing_public(SERVER_ENC), sealing_public(DEVICE_ENC)
    return (build_request(request(), sign_key=DEVICE_SIGN, server_enc_pub=to_server),
            build_reply(reply(), sign_key=SERVER_SIGN, device_enc_pub=to_device),
            build_enrollment(enrollment(), sign_key=DEVICE_SIGN, server_enc_pub=to_server))
