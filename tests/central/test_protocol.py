"""XJSP/1 messages without a server: JSON round trips, strict decoding, the canonical bytes
that get signed, Ed25519 signatures, enrollment codes and the client version gate."""

from __future__ import annotations

import json

import pytest

from desktop.sync.wire import protocol as p


def change(**overrides: object) -> p.Change:
    fields = {"change_id": "c1", "device_seq": 1, "record_type": "student", "record_id": "r1",
              "op": "patch", "base_version": 3, "payload": {"home_address": "人民路1号"},
              "actor": "a1", "client_ts": "2026-11-26T08:00:00+08:00"}
    return p.Change(**{**fields, **overrides})  # type: ignore[arg-type]


MESSAGES = [
    p.PushBatch(device_id="d1", batch_id="b1", changes=(change(),)),
    p.PushResult(batch_id="b1", high_water=1, checkpoint=9, results=(
        p.ChangeResult(change_id="c1", device_seq=1, status="conflict", error=p.ChangeError(
            code="conflict", message="冲突", field="phone",
            conflicts=(p.FieldConflict(field="phone", local_value="1", server_value="2"),))),
        p.ChangeResult(change_id="c2", device_seq=2, status="applied", version=4,
                       assigned={"xjh": "G440604201703050110"}))),
    p.PullPage(epoch="e", next_cursor="x", has_more=False, items=(
        p.FeedItem(seq=1, kind="record", record_type="student", record_id="r1", version=2,
                   snapshot={"name": "王小明", "members": [{"name": "李丽"}]}),)),
    p.EnrollRequest(token="t", school_code="s", sign_pub="k", enc_pub="e", proof="p"),
    p.AccessToken(access_token="a", expires_in=900, expires_at="t", device_id="d",
                  school_code="s"),
    p.SnapshotPage(epoch="e", items=(), next_page_token=None, has_more=False, cursor="c"),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_survives_json(message: p.Message) -> None:
    again = type(message).from_json(message.to_json())
    assert again == message
    assert json.loads(message.to_json()) == message.to_dict()


def test_decoding_refuses_wrong_shapes_and_ignores_unknown_keys() -> None:
    good = change().to_dict()
    assert p.Change.from_dict({**good, "future_field": 1}) == change()
    for broken in ({k: v for k, v in good.items() if k != "record_id"}, {**good, "device_seq": "1"},
                   {**good, "device_seq": True}, {**good, "op": "drop"}, {**good, "payload": []}):
        with pytest.raises(p.ProtocolError):
            p.Change.from_dict(broken)
    with pytest.raises(p.ProtocolError):
        p.PushBatch.from_json(b"{not json")


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert p.canonical_json({"b": 1, "a": "学"}) == '{"a":"学","b":1}'.encode()
    with pytest.raises(ValueError):
        p.canonical_json({"x": float("nan")})


def test_request_hash_covers_content_but_not_the_clock() -> None:
    assert change().request_hash() == change(client_ts="2030-01-01T00:00:00Z").request_hash()
    assert change().request_hash() != change(payload={"home_address": "人民路2号"}).request_hash()
    assert change().request_hash() != change(base_version=4).request_hash()


def test_signatures_verify_only_the_signed_bytes_with_the_right_key() -> None:
    key, other = p.new_signing_key(), p.new_signing_key()
    message = p.challenge_message("device", "nonce")
    signature = p.sign(key, message)
    assert p.verify(p.signing_public(key), message, signature)
    assert not p.verify(p.signing_public(other), message, signature)
    assert not p.verify(p.signing_public(key), p.challenge_message("device", "other"), signature)
    assert not p.verify("not-a-key", message, signature)
    assert not p.verify(p.signing_public(key), message, "AAAA")
    assert len(p.key_fingerprint(p.sealing_public(p.new_sealing_key()))) == 32


def test_enrollment_codes_carry_a_check_that_catches_typos() -> None:
    code = p.new_enrollment_code()
    plain = code.replace("-", "")
    assert len(plain) == 20 and code.count("-") == 3
    assert p.normalise_enrollment_code(code.lower()) == plain
    assert p.normalise_enrollment_code(" " + plain.replace("0", "O") + " ") == plain
    caught = 0
    for position in range(20):
        replacement = "2" if plain[position] != "2" else "3"
        typo = plain[:position] + replacement + plain[position + 1:]
        caught += p.normalise_enrollment_code(typo) is None
    assert caught >= 19  # a 20-bit check misses one typo in about a million
    assert p.normalise_enrollment_code(plain[:-1]) is None


def test_client_version_gate() -> None:
    assert p.client_supported(p.MIN_CLIENT_VERSION)
    assert p.client_supported("10.0")
    assert not p.client_supported("0.0.9")
    assert p.version_tuple("0.1.0rc1") == (0, 1, 0)
