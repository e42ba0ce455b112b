"""Golden vectors pin the .xjb bytes: fixed keys and a pinned ephemeral key and nonce give
exactly the stored files, and the stored files read back as the messages they were made of."""

from __future__ import annotations

import json

import pytest

from desktop.sync.wire.bundle import bundle_sha256, read_enrollment
from desktop.sync.wire.protocol import canonical_json, key_fingerprint, sealing_public
from tests.sync_bundle import samples
from tests.sync_bundle.golden import BUILDS, VECTORS, inputs
from tests.sync_bundle.samples import DEVICE_ENC, SERVER_ENC, open_reply, open_request


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_the_writer_reproduces_the_vector_byte_for_byte(name: str) -> None:
    _label, _message, build = BUILDS[name]
    assert build() == (VECTORS / name).read_bytes()


def test_inputs_json_describes_the_vectors() -> None:
    stored = json.loads((VECTORS / "inputs.json").read_text(encoding="utf-8"))
    assert stored == inputs()
    for name, vector in stored["vectors"].items():
        assert bundle_sha256((VECTORS / name).read_bytes()) == vector["sha256"]
        assert len(bytes.fromhex(vector["nonce"])) == 12


def test_the_stored_vectors_read_back_as_their_messages() -> None:
    request = open_request((VECTORS / "request.xjb").read_bytes())
    assert request.message == samples.request() and not request.replayed
    reply = open_reply((VECTORS / "reply.xjb").read_bytes())
    assert reply.message == samples.reply()
    enroll = read_enrollment((VECTORS / "enroll.xjb").read_bytes(), enc_key=SERVER_ENC)
    assert enroll.message == samples.enrollment()


RECIPIENTS = {"request.xjb": SERVER_ENC, "enroll.xjb": SERVER_ENC, "reply.xjb": DEVICE_ENC}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_the_layout_is_the_documented_one(name: str) -> None:
    data = (VECTORS / name).read_bytes()
    header_len = int.from_bytes(data[5:7], "big")
    raw = data[7:7 + header_len]
    header = json.loads(raw)
    body_len = int.from_bytes(data[7 + header_len:11 + header_len], "big")
    assert data[:5] == b"XJB1\x01" and len(data) == 75 + header_len + body_len
    assert raw == canonical_json(header)
    assert header["kind"] == name.removesuffix(".xjb")
    assert header["to"] == key_fingerprint(sealing_public(RECIPIENTS[name]))
