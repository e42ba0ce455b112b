"""XJSP/1, the sync protocol between a desk and the central registry (docs/protocol.md).

The messages are frozen dataclasses with `to_dict`/`from_dict` (JSON objects with the field
names as keys); this module also holds the canonical bytes that get signed, Ed25519 and
X25519 key helpers and the enrollment code format. Pure Python: the desktop client and the
reference server both import it, so it imports nothing else of `desktop`.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import secrets
import types
from functools import cache
from typing import Annotated, Any, Final, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

import orjson
from annotated_types import Interval
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

PROTOCOL = "xjsp/1"
MIN_CLIENT_VERSION = "0.1.0"
CLIENT_VERSION_HEADER = "XJSP-Client-Version"
MAX_BODY_BYTES = 4 * 1024 * 1024  # larger request bodies get 413: halve the batch, keep the ids
MAX_BATCH_CHANGES = 500
MAX_PAGE_ITEMS = 1000
ACCESS_TOKEN_SECONDS = 15 * 60
# Every integer of the protocol is a count, a sequence or a version: 0 … 2^63 - 1 (a signed
# 64-bit column). The bound is in the schema (pydantic and the OpenAPI document read it) and
# in the decoder; integers inside a payload or a snapshot are held to the same range.
MAX_INT = 2**63 - 1
Count = Annotated[int, Interval(ge=0, le=MAX_INT)]

Op = Literal["create", "patch", "delete", "command"]
ResultStatus = Literal["applied", "duplicate", "rejected", "conflict", "held"]
APPLIED: Final = "applied"
DUPLICATE: Final = "duplicate"
REJECTED: Final = "rejected"
CONFLICT: Final = "conflict"
HELD: Final = "held"
RECORD, FINDING = "record", "finding"  # feed item kinds; cases, commands, config come later

M = TypeVar("M", bound="Message")


class ProtocolError(ValueError):
    """A message does not have the shape XJSP/1 gives it."""


class Message:
    """Base of every message: JSON in and out through the dataclass fields."""

    def to_dict(self) -> dict[str, Any]:
        encoded: dict[str, Any] = _encode(self)
        return encoded

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_dict(cls: type[M], data: Any) -> M:
        message: M = _decode(cls, data, cls.__name__)
        return message

    @classmethod
    def from_json(cls: type[M], raw: bytes | str) -> M:
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ProtocolError(f"{cls.__name__}: not JSON") from exc
        return cls.from_dict(data)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApiError(Message):
    """The body of every non-2xx answer is {"error": ApiError}; `message` is for the user."""

    code: str
    message: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Meta(Message):
    protocol: str
    server_version: str
    min_client_version: str
    server_time: str
    epoch: str
    max_body_bytes: Count
    max_batch_changes: int
    server_sign_pub: str
    server_enc_pub: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class EnrollRequest(Message):
    token: str
    school_code: str
    sign_pub: str
    enc_pub: str
    proof: str  # sign(device key, enroll_proof_message(...))
    device_info: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class EnrollResponse(Message):
    device_id: str
    school_code: str
    school_name: str
    server_sign_pub: str
    server_enc_pub: str
    epoch: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ChallengeRequest(Message):
    device_id: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Challenge(Message):
    device_id: str
    nonce: str
    expires_at: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class TokenRequest(Message):
    device_id: str
    nonce: str
    signature: str  # sign(device key, challenge_message(device_id, nonce))


@dataclasses.dataclass(frozen=True, kw_only=True)
class AccessToken(Message):
    access_token: str
    token_type: str = "Bearer"
    expires_in: Count
    expires_at: str
    device_id: str
    school_code: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Change(Message):
    """One outbox row as it travels: the same ids, sequence and payload as stored locally."""

    change_id: str
    device_seq: Count
    record_type: str
    record_id: str
    op: Op
    base_version: Count = 0
    payload: dict[str, Any]
    actor: str = ""
    client_ts: str | None = None  # audit and display only; never decides anything

    def __post_init__(self) -> None:
        check_json_ints(self.payload, "payload")

    def request_hash(self) -> str:
        """What a retry must repeat exactly (client_ts left out). Every field is JSON data
        already, so the fields are hashed as they are, without the generic encoder (the
        registry hashes every change it receives)."""
        body = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name != "client_ts"}
        return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclasses.dataclass(frozen=True, kw_only=True)
class PushBatch(Message):
    protocol: str = PROTOCOL
    device_id: str
    batch_id: str
    changes: tuple[Change, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class FieldConflict(Message):
    field: str
    local_value: Any
    server_value: Any


@dataclasses.dataclass(frozen=True, kw_only=True)
class ChangeError(Message):
    code: str
    message: str
    field: str | None = None
    expected_seq: Count | None = None  # seq_gap: the device_seq the server waits for
    current_state: str | None = None  # invalid_transition: the status the server has
    conflicts: tuple[FieldConflict, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class ChangeResult(Message):
    change_id: str
    device_seq: Count
    status: ResultStatus
    original_status: ResultStatus | None = None  # for duplicate: what the first delivery got
    version: Count | None = None
    assigned: dict[str, str] = dataclasses.field(default_factory=dict)  # e.g. {"xjh": "G…"}
    error: ChangeError | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class PushResult(Message):
    protocol: str = PROTOCOL
    batch_id: str
    high_water: Count  # every device_seq up to here has been decided
    results: tuple[ChangeResult, ...]  # one per change of the batch, in batch order
    released: tuple[ChangeResult, ...] = ()  # held changes this batch let through
    checkpoint: Count  # the school's feed seq after this push


@dataclasses.dataclass(frozen=True, kw_only=True)
class FeedItem(Message):
    seq: Count  # 0 for items of a snapshot
    kind: str  # record | finding (later: case, command, tombstone, config)
    record_type: str
    record_id: str
    version: Count
    snapshot: dict[str, Any]

    def __post_init__(self) -> None:
        check_json_ints(self.snapshot, "snapshot")


@dataclasses.dataclass(frozen=True, kw_only=True)
class PullPage(Message):
    protocol: str = PROTOCOL
    epoch: str
    items: tuple[FeedItem, ...]
    next_cursor: str
    has_more: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class AckRequest(Message):
    cursor: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AckResult(Message):
    cursor: str
    acked_seq: Count


@dataclasses.dataclass(frozen=True, kw_only=True)
class SnapshotPage(Message):
    protocol: str = PROTOCOL
    epoch: str
    items: tuple[FeedItem, ...]
    next_page_token: str | None
    has_more: bool
    cursor: str  # pull from here once the last page is stored


# --- signing ---------------------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes that get hashed and signed. orjson writes
    plain data (str keys; text, integers, booleans, null, lists, objects) byte for byte as
    the standard library does, several times faster (the registry hashes every change it
    receives); floats and anything else go to the standard library."""
    if _plain(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # an integer beyond 64 bits, a lone surrogate
            pass
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode()


_SCALARS = frozenset((str, int, bool, type(None)))


def _plain(value: Any) -> bool:
    kind = value.__class__
    if kind in _SCALARS:
        return True
    if kind is dict:
        if not all(key.__class__ is str for key in value):
            return False
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return False
    return all(item.__class__ in _SCALARS or _plain(item) for item in items)


def enroll_proof_message(token: str, school_code: str, sign_pub: str, enc_pub: str) -> bytes:
    return canonical_json({"purpose": f"{PROTOCOL} enroll", "token": token,
                           "school_code": school_code, "sign_pub": sign_pub, "enc_pub": enc_pub})


def challenge_message(device_id: str, nonce: str) -> bytes:
    return canonical_json({"purpose": f"{PROTOCOL} auth", "device_id": device_id, "nonce": nonce})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ProtocolError("not base64url") from exc


def new_signing_key() -> bytes:
    """A new Ed25519 private key (32 raw bytes)."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def signing_public(private: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw())


def sign(private: bytes, message: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(private).sign(message))


def verify(public: str, message: bytes, signature: str) -> bool:
    """True only for a well-formed key and a signature it made over exactly `message`."""
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public)).verify(unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def new_sealing_key() -> bytes:
    """A new X25519 private key (32 raw bytes), for bundles sealed to its owner."""
    return X25519PrivateKey.generate().private_bytes_raw()


def sealing_public(private: bytes) -> str:
    return b64(X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw())


def key_fingerprint(public: str) -> str:
    return hashlib.sha256(unb64(public)).hexdigest()[:32]


# --- enrollment codes --------------------------------------------------------------------

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_CODE_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def _code_check(body: str) -> str:
    bits = int.from_bytes(hashlib.sha256(body.encode()).digest()[:3], "big") >> 4
    return "".join(_CODE_ALPHABET[(bits >> shift) & 31] for shift in (15, 10, 5, 0))


def new_enrollment_code() -> str:
    """20 characters (16 random + 4 check) shown as four groups of five."""
    body = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    code = body + _code_check(body)
    return "-".join(code[i:i + 5] for i in range(0, 20, 5))


def normalise_enrollment_code(text: str) -> str | None:
    """The 20 characters of a typed code, or None when it is mistyped (check fails)."""
    code = text.strip().upper().translate(_CODE_TYPOS)
    if len(code) != 20 or any(c not in _CODE_ALPHABET for c in code):
        return None
    return code if _code_check(code[:16]) == code[16:] else None


# --- versions ----------------------------------------------------------------------------


def version_tuple(text: str) -> tuple[int, ...]:
    """(0, 1, 0) for "0.1.0" and for "0.1.0rc1": the leading digits of each part."""
    return tuple(_leading_number(part) for part in text.strip().split("."))


def _leading_number(part: str) -> int:
    digits = re.match(r"\d*", part)
    assert digits is not None  # `\d*` matches every string, if only with ""
    return int(digits.group() or 0)


def client_supported(version: str) -> bool:
    return version_tuple(version) >= version_tuple(MIN_CLIENT_VERSION)


# --- JSON codec for the dataclasses above -----------------------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


@cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(cls)


@cache
def _args(kind: Any) -> tuple[Any, ...]:
    return get_args(kind)


@cache
def _decoder(kind: Any) -> Any:
    """How values of this type are decoded (looked up once per type, not once per value)."""
    if kind is Any:
        return lambda _kind, value, _where: value
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _decode_dataclass
    return _DECODERS.get(get_origin(kind), _decode_scalar)


def _decode(kind: Any, value: Any, where: str) -> Any:
    return _decoder(kind)(kind, value, where)


def _decode_union(kind: Any, value: Any, where: str) -> Any:
    options = _args(kind)
    if value is None and type(None) in options:
        return None
    real = [option for option in options if option is not type(None)]
    return _decode(real[0], value, where)


def _decode_literal(kind: Any, value: Any, where: str) -> Any:
    if value not in _args(kind):
        raise ProtocolError(f"{where}: {value!r} is not one of {_args(kind)}")
    return value


def _decode_sequence(kind: Any, value: Any, where: str) -> Any:
    if not isinstance(value, list):
        raise ProtocolError(f"{where}: expected a list")
    items = [_decode(_args(kind)[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
    return tuple(items) if get_origin(kind) is tuple else items


def _decode_mapping(kind: Any, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise ProtocolError(f"{where}: expected an object")
    inner = _args(kind)[1]
    if inner is Any:  # a payload or a snapshot: JSON data, taken as it is
        return dict(value)
    return {k: _decode(inner, v, f"{where}.{k}") for k, v in value.items()}


def _decode_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise ProtocolError(f"{where}: expected an object")
    hints, kwargs = _hints(cls), {}
    for f in _fields(cls):
        if f.name in value:
            kwargs[f.name] = _decode(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ProtocolError(f"{where}: {f.name} is missing")
    return cls(**kwargs)


def _decode_scalar(kind: Any, value: Any, where: str) -> Any:
    fits = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not fits:
        raise ProtocolError(f"{where}: expected {getattr(kind, '__name__', kind)}")
    if kind is int and not 0 <= value <= MAX_INT:
        raise ProtocolError(f"{where}: out of range")
    return value


def check_json_ints(value: Any, where: str, depth: int = 0) -> None:
    """ProtocolError when JSON data holds an integer outside the signed 64-bit range (or
    nests deeper than any message does). Data that plainly fits is passed without naming
    the place of every value; anything else is walked again, naming where it went wrong."""
    if not _plainly_fits(value, depth):
        _check_json_ints(value, where, depth)


_LEAVES = frozenset((str, bool, float, type(None)))


def _plainly_fits(value: Any, depth: int) -> bool:
    """True when the value is plain JSON data within the limits; False when in doubt."""
    if depth >= 64:
        return False
    kind = value.__class__
    if kind in _LEAVES:
        return True
    if kind is int:
        return -MAX_INT - 1 <= value <= MAX_INT
    if kind is dict:
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return False
    if set(map(type, items)) <= _LEAVES:  # the common case, checked in C
        return True
    return all(item.__class__ in _LEAVES or _plainly_fits(item, depth + 1) for item in items)


def _check_json_ints(value: Any, where: str, depth: int = 0) -> None:
    if depth > 64:
        raise ProtocolError(f"{where}: nested too deep")
    if isinstance(value, int) and not isinstance(value, bool):
        if not -MAX_INT - 1 <= value <= MAX_INT:
            raise ProtocolError(f"{where}: integer out of range")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json_ints(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_json_ints(item, f"{where}[{index}]", depth + 1)


_DECODERS = {Union: _decode_union, types.UnionType: _decode_union, Literal: _decode_literal,
             list: _decode_sequence, tuple: _decode_sequence, dict: _decode_mapping}
