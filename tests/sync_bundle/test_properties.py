"""Property tests of the readers: whatever bytes arrive (random, a mutated valid bundle, or
arbitrary JSON correctly signed and sealed) the only exception is the documented BundleError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.sync.wire.bundle import BundleError, read_enrollment
from desktop.sync.wire.protocol import canonical_json
from tests.sync_bundle import samples
from tests.sync_bundle.forge import forge
from tests.sync_bundle.samples import SERVER_ENC, open_reply, open_request

REQUEST, REPLY, ENROLL = samples.built()
READ: list[Callable[[bytes], object]] = [
    open_request, open_reply, lambda data: read_enrollment(data, enc_key=SERVER_ENC)]
VALID = {REQUEST: open_request, REPLY: open_reply, ENROLL: READ[2]}
PROFILE = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def read_or_refuse(read: Callable[[bytes], object], data: bytes) -> bool:
    """True when the bundle was accepted; a BundleError is a refusal; anything else fails."""
    try:
        read(data)
    except BundleError as refused:
        assert refused.reason
        return False
    return True


@PROFILE
@given(st.binary(max_size=4096), st.sampled_from(READ))
def test_random_bytes_are_refused(data: bytes, read: Callable[[bytes], object]) -> None:
    assert not read_or_refuse(read, data)


@PROFILE
@given(st.binary(max_size=2048), st.integers(0, 3), st.sampled_from(READ))
def test_random_bytes_behind_a_valid_prelude_are_refused(
        tail: bytes, length_kind: int, read: Callable[[bytes], object]) -> None:
    header_len = [0, 1, len(tail), 65535][length_kind]
    data = b"XJB1\x01" + header_len.to_bytes(2, "big") + tail
    assert not read_or_refuse(read, data)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, bytes]:
    original = draw(st.sampled_from(sorted(VALID)))
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["set", "insert", "delete", "truncate", "splice"]))
        if action == "set" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[position:position + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[position:]
        else:
            data[position:position] = original[draw(st.integers(0, len(original))):][:128]
    return original, bytes(data)


@PROFILE
@given(mutated())
def test_mutations_of_a_valid_bundle_are_refused(case: tuple[bytes, bytes]) -> None:
    original, data = case
    assert read_or_refuse(VALID[original], data) == (data == original)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=8)
REQUEST_KEYS = sorted(samples.request().to_dict())
HEADER_KEYS = ["bundle_id", "kind", "school_code", "sender", "sender_key", "recipient", "to", "seq",
               "prev_sha256", "in_reply_to", "ephemeral", "nonce", "plain_len", "format"]


@PROFILE
@given(st.dictionaries(st.sampled_from(REQUEST_KEYS), json_values, max_size=4),
       st.dictionaries(st.sampled_from(HEADER_KEYS), json_values, max_size=2))
def test_arbitrary_json_signed_and_sealed_is_refused_cleanly(
        body_changes: dict[str, Any], header_changes: dict[str, Any]) -> None:
    body = canonical_json({**samples.request().to_dict(), **body_changes})
    read_or_refuse(open_request, forge(body, header=header_changes))


@PROFILE
@given(st.binary(max_size=512), st.integers(0, 2000))
def test_arbitrary_deflate_streams_are_refused_cleanly(packed: bytes, plain_len: int) -> None:
    assert not read_or_refuse(open_request, forge(b"", packed=packed, plain_len=plain_len))
