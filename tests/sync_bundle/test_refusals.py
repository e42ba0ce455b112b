"""Every way a bundle can be wrong is refused with BundleError before anything is returned:
flipped bits anywhere, truncation at every length, bytes appended, the wrong magic or
version, replays and stale sequence numbers, foreign senders, other recipients, zip bombs,
oversize files and malformed content inside a correctly signed and sealed bundle."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable

import pytest

from desktop.sync.wire import bundle_crypto
from desktop.sync.wire.bundle import (
    MAX_BUNDLE_BYTES,
    BundleError,
    SeenBundles,
    build_reply,
    build_request,
    read_enrollment,
)
from desktop.sync.wire.bundle_format import MAX_PLAIN_BYTES
from desktop.sync.wire.protocol import canonical_json, sealing_public
from tests.sync_bundle import samples
from tests.sync_bundle.forge import forge
from tests.sync_bundle.samples import (
    DEVICE_ENC,
    DEVICE_SIGN,
    OTHER_ENC,
    OTHER_SIGN,
    SERVER_ENC,
    device_known,
    open_reply,
    open_request,
)

TO_SERVER, TO_DEVICE = sealing_public(SERVER_ENC), sealing_public(DEVICE_ENC)
REQUEST, REPLY, ENROLL = samples.built()
READERS: dict[str, tuple[bytes, Callable[[bytes], object]]] = {
    "request": (REQUEST, open_request),
    "reply": (REPLY, open_reply),
    "enroll": (ENROLL, lambda data: read_enrollment(data, enc_key=SERVER_ENC)),
}


def refusal(read: Callable[[bytes], object], data: bytes) -> str:
    with pytest.raises(BundleError) as refused:
        read(data)
    assert refused.value.reason  # a Chinese sentence for every refusal
    return refused.value.code


@pytest.mark.parametrize("kind", sorted(READERS))
def test_every_flipped_bit_pattern_at_every_position_is_refused(kind: str) -> None:
    data, read = READERS[kind]
    assert 800 <= len(data) <= 2048
    codes: Counter[str] = Counter()
    for position in range(len(data)):
        for mask in (0x01, 0x80, 0xFF):
            flipped = bytearray(data)
            flipped[position] ^= mask
            codes[refusal(read, bytes(flipped))] += 1
    assert sum(codes.values()) == 3 * len(data)
    assert codes["bundle.damaged"] > 2 * len(data)  # signature or AEAD failure, mostly
    print(f"{kind}: {len(data)} bytes, {sum(codes.values())} flips refused: {dict(codes)}")


@pytest.mark.parametrize("kind", sorted(READERS))
def test_every_truncation_is_refused(kind: str) -> None:
    data, read = READERS[kind]
    codes = Counter(refusal(read, data[:length]) for length in range(len(data)))
    assert sum(codes.values()) == len(data)
    assert codes["bundle.truncated"] == len(data)


def test_appended_bytes_are_refused() -> None:
    for tail in (b"\x00", b"XJB1", REQUEST):
        assert refusal(open_request, REQUEST + tail) == "bundle.damaged"


def test_wrong_magic_and_unknown_version_are_refused_with_their_own_reason() -> None:
    assert refusal(open_request, b"PK\x03\x04" + REQUEST[4:]) == "bundle.not_a_bundle"
    assert refusal(open_request, b"%PDF-1.7\n") == "bundle.not_a_bundle"
    with pytest.raises(BundleError) as refused:
        open_request(REQUEST[:4] + b"\x02" + REQUEST[5:])
    assert refused.value.code == "bundle.unsupported" and "版本 2" in refused.value.reason


def test_an_unknown_suite_is_refused_as_unsupported() -> None:
    forged = forge(canonical_json(samples.request().to_dict()), header={"suite": "sm2-sm3-sm4gcm"})
    assert refusal(open_request, forged) == "bundle.unsupported"


def test_a_request_imported_before_is_a_harmless_replay() -> None:
    seen = SeenBundles(last_seq=1, imported={samples.REQUEST_ID})
    opened = open_request(REQUEST, seen)
    assert opened.replayed and opened.message == samples.request()


def test_an_older_or_equal_sequence_with_a_new_id_is_stale() -> None:
    older = build_request(samples.request(seq=3, bundle_id=samples.REPLY_ID), sign_key=DEVICE_SIGN,
                          server_enc_pub=TO_SERVER)
    for last in (3, 5):
        with pytest.raises(BundleError) as refused:
            open_request(older, SeenBundles(last_seq=last, imported={samples.REQUEST_ID}))
        assert refused.value.code == "bundle.stale"
        assert "第 3 包" in refused.value.reason and f"第 {last} 包" in refused.value.reason
    assert not open_request(older, SeenBundles(last_seq=2)).replayed


def test_replies_replayed_stale_or_answering_someone_else() -> None:
    assert open_reply(REPLY, SeenBundles(1, {samples.REPLY_ID})).replayed
    assert refusal(lambda d: open_reply(d, SeenBundles(1)), REPLY) == "bundle.stale"
    assert refusal(lambda d: open_reply(d, sent=("019ac0de-0000-7000-8000-0000000000ff",)),
                   REPLY) == "bundle.not_our_request"


def test_a_request_signed_by_another_key_is_from_an_unknown_sender() -> None:
    forged = build_request(samples.request(), sign_key=OTHER_SIGN, server_enc_pub=TO_SERVER)
    assert refusal(open_request, forged) == "bundle.unknown_sender"
    # the header claiming the registered key does not help: the signature does not verify
    claimed = forge(canonical_json(samples.request().to_dict()), sign_key=OTHER_SIGN,
                    header={"sender_key": device_known().sign_pub})
    assert refusal(open_request, claimed) == "bundle.damaged"


def test_a_request_from_a_device_of_another_school_is_foreign() -> None:
    assert refusal(lambda d: open_request(d, known=device_known("4401030002")),
                   REQUEST) == "bundle.foreign_device"


def test_a_reply_not_signed_by_the_pinned_server_key_is_refused() -> None:
    forged = build_reply(samples.reply(), sign_key=OTHER_SIGN, device_enc_pub=TO_DEVICE)
    assert refusal(open_reply, forged) == "bundle.unknown_sender"


def test_bundles_for_another_recipient_are_refused() -> None:
    to_other = build_request(samples.request(), sign_key=DEVICE_SIGN,
                             server_enc_pub=sealing_public(OTHER_ENC))
    assert refusal(open_request, to_other) == "bundle.wrong_recipient"
    assert refusal(lambda d: open_reply(d, enc_key=OTHER_ENC), REPLY) == "bundle.wrong_recipient"
    assert refusal(lambda d: open_reply(d, device_id="019ac0de-0000-7000-8000-000000000002"),
                   REPLY) == "bundle.wrong_recipient"
    assert refusal(lambda d: open_reply(d, school="4401030002"), REPLY) == "bundle.wrong_recipient"


def test_a_bundle_of_the_wrong_kind_is_refused() -> None:
    assert refusal(open_request, REPLY) == "bundle.wrong_kind"
    assert refusal(open_reply, REQUEST) == "bundle.wrong_kind"
    assert refusal(open_request, ENROLL) == "bundle.wrong_kind"


def test_an_oversize_file_is_refused_before_it_is_parsed() -> None:
    huge = REQUEST[:7] + bytes(MAX_BUNDLE_BYTES)
    assert refusal(open_request, huge) == "bundle.too_large"


def test_a_declared_body_above_the_limit_is_refused_before_decrypting() -> None:
    forged = forge(b"{}", plain_len=MAX_PLAIN_BYTES + 1)
    assert refusal(open_request, forged) == "bundle.too_large"


def test_a_zip_bomb_is_refused_without_inflating_it() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = b"".join(packer.compress(bytes(1024 * 1024)) for _ in range(64)) + packer.flush()
    assert len(bomb) < 100_000  # 64 MiB of zeros
    assert refusal(open_request, forge(b"{}", packed=bomb, plain_len=1000)) == "bundle.malformed"
    with pytest.raises(BundleError):
        bundle_crypto.decompress(bomb, 1000)


def test_a_body_shorter_than_declared_or_with_trailing_data_is_refused() -> None:
    body = canonical_json(samples.request().to_dict())
    assert refusal(open_request, forge(body, plain_len=len(body) + 1)) == "bundle.malformed"
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packed.compress(body) + packed.flush()
    assert refusal(open_request, forge(body, packed=stream + b"extra")) == "bundle.malformed"
    assert refusal(open_request, forge(body, packed=b"\xff" * 40)) == "bundle.malformed"


@pytest.mark.parametrize("body", [
    b"{not json", b"\xff\xfe", b"[]", b"null", b'{"bundle_id": 1}', b"[" * 100_000,
    canonical_json({**samples.request().to_dict(), "seq": "1"}),
    canonical_json({**samples.request().to_dict(), "push": {"changes": "x"}}),
])
def test_malformed_content_in_a_signed_sealed_bundle_is_refused(body: bytes) -> None:
    assert refusal(open_request, forge(body)) == "bundle.malformed"


@pytest.mark.parametrize("change", [
    {"seq": 2}, {"bundle_id": "019ac0de-0000-7000-8000-0000000000a9"}, {"school_code": "4401030002"},
    {"device_id": "019ac0de-0000-7000-8000-000000000002"}, {"prev_sha256": "0" * 64},
])
def test_a_body_that_disagrees_with_its_header_is_refused(change: dict[str, object]) -> None:
    body = canonical_json({**samples.request().to_dict(), **change})
    assert refusal(open_request, forge(body)) == "bundle.malformed"


def test_changes_that_do_not_fit_the_servers_columns_are_refused() -> None:
    message = samples.request().to_dict()
    message["push"]["changes"][0]["change_id"] = "x" * 37
    assert refusal(open_request, forge(canonical_json(message))) == "bundle.malformed"
    message = samples.request().to_dict()
    message["push"]["changes"][0]["device_seq"] = 2**63
    assert refusal(open_request, forge(canonical_json(message))) == "bundle.malformed"


@pytest.mark.parametrize("header", [
    {"bundle_id": "../../etc/passwd"}, {"seq": -1}, {"seq": True}, {"plain_len": "2"},
    {"kind": "archive"}, {"nonce": "short"}, {"school_code": "a" * 21}, {"to": "zz"},
])
def test_a_signed_header_with_bad_fields_is_refused(header: dict[str, object]) -> None:
    forged = forge(canonical_json(samples.request().to_dict()), header=header)
    assert refusal(open_request, forged) == "bundle.damaged"


def test_a_header_that_is_not_json_is_refused() -> None:
    for raw in (b"\xff", b"[1]", b"{", b"[" * 10_000):
        assert refusal(open_request, forge(raw_header=raw)) == "bundle.damaged"


def test_a_correctly_forged_bundle_is_accepted() -> None:
    """The forger follows the documented layout: its honest output reads back."""
    assert open_request(forge(canonical_json(samples.request().to_dict()))).message == samples.request()
