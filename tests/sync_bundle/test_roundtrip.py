"""Bundles round-trip: what a builder writes, the matching reader returns unchanged; the
encoding is deterministic apart from the ephemeral key and nonce; nothing in the format
names a file; the refusal sentences are the ones desktop.messages shows."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.messages import TEXT, describe
from desktop.sync.wire.bundle import (
    REASONS,
    BundleError,
    Header,
    build_enrollment,
    build_reply,
    build_request,
    bundle_sha256,
    file_name,
    peek,
    read_enrollment,
)
from desktop.sync.wire.protocol import sealing_public
from tests.sync_bundle import samples
from tests.sync_bundle.samples import (
    DEVICE_ENC,
    DEVICE_SIGN,
    SERVER_ENC,
    SERVER_SIGN,
    entropy,
    open_reply,
    open_request,
)

TO_SERVER, TO_DEVICE = sealing_public(SERVER_ENC), sealing_public(DEVICE_ENC)


def make_request(**kwargs: object) -> bytes:
    return build_request(samples.request(**kwargs), sign_key=DEVICE_SIGN,  # type: ignore[arg-type]
                         server_enc_pub=TO_SERVER)


def test_a_request_round_trips() -> None:
    data = make_request()
    opened = open_request(data)
    assert opened.message == samples.request()
    assert (opened.header.kind, opened.header.sender, opened.header.seq) == ("request", samples.DEVICE_ID, 1)
    assert opened.sha256 == bundle_sha256(data) and not opened.replayed


def test_a_reply_and_an_enrollment_reply_round_trip() -> None:
    for message in (samples.reply(), samples.reply(enrolled=True, in_reply_to=samples.ENROLL_ID)):
        data = build_reply(message, sign_key=SERVER_SIGN, device_enc_pub=TO_DEVICE)
        assert open_reply(data).message == message
    enrolled = samples.reply(enrolled=True, in_reply_to=samples.ENROLL_ID)
    data = build_reply(enrolled, sign_key=SERVER_SIGN, device_enc_pub=TO_DEVICE)
    assert open_reply(data, device_id=None).message.enrollment == enrolled.enrollment


def test_an_enrollment_round_trips_self_signed() -> None:
    data = build_enrollment(samples.enrollment(), sign_key=DEVICE_SIGN, server_enc_pub=TO_SERVER)
    opened = read_enrollment(data, enc_key=SERVER_ENC)
    assert opened.message == samples.enrollment()
    assert opened.header.sender == "" and opened.header.sender_key == samples.enrollment().enroll.sign_pub


def test_a_cumulative_request_of_many_changes_round_trips() -> None:
    change = samples.changes()[1]
    many = tuple(dataclasses.replace(change, change_id=f"{i:08x}-0000-7000-8000-000000000000",
                                     device_seq=i + 1) for i in range(3000))
    message = samples.request()
    message = dataclasses.replace(message, push=dataclasses.replace(message.push, changes=many))
    data = build_request(message, sign_key=DEVICE_SIGN, server_enc_pub=TO_SERVER)
    assert len(data) < len(message.to_json()) / 5  # compressed
    assert open_request(data).message == message


def test_encoding_is_deterministic_apart_from_the_random_parts() -> None:
    pinned = entropy("determinism")
    first, second = (build_request(samples.request(), sign_key=DEVICE_SIGN,
                                   server_enc_pub=TO_SERVER, entropy=pinned) for _ in range(2))
    assert first == second
    fresh_a, fresh_b = make_request(), make_request()
    assert fresh_a != fresh_b
    assert peek(fresh_a).ephemeral != peek(fresh_b).ephemeral
    assert peek(fresh_a).nonce != peek(fresh_b).nonce
    assert open_request(fresh_a).message == open_request(fresh_b).message
    same_header = {**peek(fresh_a).to_dict(), "ephemeral": "", "nonce": ""}
    assert same_header == {**peek(fresh_b).to_dict(), "ephemeral": "", "nonce": ""}


def test_the_format_holds_no_file_names_or_paths() -> None:
    """The container has fixed fields only: no member names, so nothing to traverse."""
    assert {f.name for f in dataclasses.fields(Header)} == {
        "format", "suite", "compression", "kind", "bundle_id", "school_code", "sender",
        "sender_key", "recipient", "to", "seq", "prev_sha256", "in_reply_to", "ephemeral",
        "nonce", "plain_len"}
    data = make_request()
    header_len = int.from_bytes(data[5:7], "big")
    assert set(json.loads(data[7:7 + header_len])) == {f.name for f in dataclasses.fields(Header)}
    values = [v for k, v in json.loads(data[7:7 + header_len]).items() if k != "format"]
    assert not any("/" in str(v) or "\\" in str(v) or ".." in str(v) for v in values)


def test_path_like_text_inside_a_change_is_only_data(tmp_path: object) -> None:
    change = dataclasses.replace(samples.changes()[0],
                                 payload={"home_address": "../../etc/passwd", "photo": "C:\\x\\..\\y"})
    message = samples.request()
    message = dataclasses.replace(message, push=dataclasses.replace(message.push, changes=(change,)))
    data = build_request(message, sign_key=DEVICE_SIGN, server_enc_pub=TO_SERVER)
    assert open_request(data).message.push.changes[0].payload["home_address"] == "../../etc/passwd"


def test_file_name_uses_checked_fields_only() -> None:
    header = peek(make_request())
    assert file_name(header) == f"XJB1-{samples.SCHOOL}-request-{samples.REQUEST_ID}.xjb"
    hostile = dataclasses.replace(header, school_code="../../x", bundle_id="a/b\\c")
    name = file_name(hostile)
    assert "/" not in name and "\\" not in name and ".." not in name


def test_a_builder_refuses_to_write_a_bundle_a_reader_would_refuse() -> None:
    with pytest.raises(ValueError, match="cannot build"):
        build_request(samples.request(bundle_id="not-a-uuid"), sign_key=DEVICE_SIGN,
                      server_enc_pub=TO_SERVER)


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_refusal_has_the_same_sentence_in_desktop_messages(code: str) -> None:
    assert TEXT[code] == REASONS[code]
    params = {"found": "版本 2", "expected": "学校上报数据包", "limit_mb": 64, "seq": 3, "last": 5,
              "detail": "注册码无效。"}
    assert BundleError(code, **params).reason == describe(code, params)


def test_the_replayed_sentence_says_already_imported() -> None:
    assert "已导入过" in REASONS["bundle.replayed"]
