"""A school without a network as the central import tests drive it: its keys, its chain of
request bundles, the replies it has read, its feed cursor. It uses only desktop.sync.wire.bundle,
as the desk's own bundle commands do."""

from __future__ import annotations

import datetime as dt

from desktop.domain.ids import new_id
from desktop.sync.wire.bundle import (
    BundleEnroll,
    BundleReply,
    BundleRequest,
    Opened,
    SeenBundles,
    build_enrollment,
    build_request,
    bundle_sha256,
    read_reply,
)
from desktop.sync.wire.protocol import (
    Change,
    EnrollRequest,
    PushBatch,
    enroll_proof_message,
    new_sealing_key,
    new_signing_key,
    normalise_enrollment_code,
    sealing_public,
    sign,
    signing_public,
)
from tests.central.desk import student_payload


class OfflineDesk:
    def __init__(self, school_code: str, server_sign_pub: str, server_enc_pub: str) -> None:
        self.school_code = school_code
        self.server_sign_pub, self.server_enc_pub = server_sign_pub, server_enc_pub
        self.sign_key, self.enc_key = new_signing_key(), new_sealing_key()
        self.device_id = ""
        self.sent: set[str] = set()
        self.seen = SeenBundles()
        self.cursor: str | None = None
        self.bundle_seq, self.prev_sha256, self.change_seq = 0, "", 0

    def enrollment(self, code: str) -> bytes:
        sign_pub, enc_pub = signing_public(self.sign_key), sealing_public(self.enc_key)
        token = normalise_enrollment_code(code) or code
        proof = sign(self.sign_key, enroll_proof_message(token, self.school_code, sign_pub, enc_pub))
        enroll = EnrollRequest(token=code, school_code=self.school_code, sign_pub=sign_pub,
                               enc_pub=enc_pub, proof=proof, device_info={"name": "离线电脑"})
        message = BundleEnroll(bundle_id=new_id(), school_code=self.school_code,
                               created_at=_now(), enroll=enroll)
        self.sent.add(message.bundle_id)
        return build_enrollment(message, sign_key=self.sign_key, server_enc_pub=self.server_enc_pub)

    def request(self, *changes: Change, seq: int | None = None, sign_key: bytes | None = None,
                server_enc_pub: str | None = None) -> bytes:
        """The next request bundle of the chain (or one with a chosen sequence number)."""
        if seq is None:
            self.bundle_seq += 1
        message = BundleRequest(
            bundle_id=new_id(), device_id=self.device_id, school_code=self.school_code,
            seq=seq or self.bundle_seq, prev_sha256=self.prev_sha256, created_at=_now(),
            push=PushBatch(device_id=self.device_id, batch_id=new_id(), changes=changes),
            cursor=self.cursor)
        data = build_request(message, sign_key=sign_key or self.sign_key,
                             server_enc_pub=server_enc_pub or self.server_enc_pub)
        self.sent.add(message.bundle_id)
        if seq is None:
            self.prev_sha256 = bundle_sha256(data)
        return data

    def receive(self, data: bytes) -> Opened[BundleReply]:
        """Read a reply as the desk would and remember it (cursor, device id, replies seen)."""
        opened = read_reply(data, enc_key=self.enc_key, server_sign_pub=self.server_sign_pub,
                            school_code=self.school_code, device_id=self.device_id or None,
                            sent=self.sent, seen=self.seen)
        reply = opened.message
        if reply.enrollment is not None:
            self.device_id = reply.enrollment.device_id
        self.cursor = reply.cursor
        self.seen = SeenBundles(reply.seq, {*self.seen.imported, reply.bundle_id})
        return opened

    def create(self, name: str = "王小明", seq: int = 11) -> Change:
        self.change_seq += 1
        return Change(change_id=new_id(), device_seq=self.change_seq, record_type="student",
                      record_id=new_id(), op="create", payload=student_payload(name, seq=seq),
                      actor="registrar")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
