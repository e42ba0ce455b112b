"""Key slots: the random data key wrapped by each account's password, kept beside the database.

File `<db>.keys` (JSON, no secrets in the clear): the database id and, per account, the
Argon2id parameters and salt plus the AES-256-GCM-wrapped data key. A password change
rewrites this small file only; the database itself is never re-encrypted.

Argon2 and AES-GCM are imported when a key is wrapped or unwrapped (or by `load_ciphers`), not
with this module: the unlock screen reads the account names without them.
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.models.durable import write_atomically
from desktop.models.errors import KeySlotsMismatch, KeySlotsMissing, UnknownAccount, WrongPassword

FORMAT = "xueji-keyslots/1"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: 3 passes over 64 MiB with 2 lanes takes about 0.2 s on an old PC."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


@dataclass(frozen=True)
class Slot:
    user: str
    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams


# What a key-slot file may ask of Argon2id: an edited file must neither hang the unlock
# (time 10^8) nor exhaust memory (4 TB) nor make the library fail (8 KiB).
KDF_BOUNDS = {"time_cost": (1, 16), "memory_kib": (8 * 1024, 2 * 1024 * 1024),
              "parallelism": (1, 16)}


def _checked(slot: Slot) -> Slot:
    """`slot` if its KDF settings are within bounds and its fields decode; ValueError else
    (the file is then refused as damaged: the recovery key is the way out)."""
    for name, (low, high) in KDF_BOUNDS.items():
        value = getattr(slot.kdf, name)
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"kdf {name} out of bounds")
    if not isinstance(slot.user, str):
        raise ValueError("user")
    for text in (slot.salt, slot.nonce, slot.wrapped):
        base64.b64decode(text, validate=True)
    return slot


def keyslot_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def load_ciphers() -> None:
    """Import Argon2 and AES-GCM in the calling thread now. An unlock does so before its unwrap
    thread starts (services.safekeeping.key_unwrap), so two threads never import at once."""
    import argon2.low_level  # noqa: F401
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401


def _kek(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(password.encode("utf-8"), salt, kdf.time_cost, kdf.memory_kib,
                           kdf.parallelism, 32, Type.ID)


def _aad(db_id: str, user: str) -> bytes:
    return f"{FORMAT}|{db_id}|{user}".encode()


def wrap(db_id: str, user: str, password: str, data_key: bytes, kdf: KdfParams) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_kek(password, salt, kdf)).encrypt(nonce, data_key, _aad(db_id, user))
    return Slot(user, _b64(salt), _b64(nonce), _b64(sealed), kdf)


def unwrap(db_id: str, slot: Slot, password: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _kek(password, base64.b64decode(slot.salt), slot.kdf)
    try:
        return AESGCM(kek).decrypt(base64.b64decode(slot.nonce), base64.b64decode(slot.wrapped),
                                   _aad(db_id, slot.user))
    except InvalidTag as exc:
        raise WrongPassword() from exc


@dataclass
class KeySlotFile:
    """The slots of one database, read from and written atomically to `<db>.keys`."""

    db_id: str
    slots: dict[str, Slot]

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        if not path.exists():
            raise KeySlotsMissing(str(path))
        try:
            doc = json.loads(path.read_text("utf-8"))
            slots = {s["user"]: _checked(Slot(**{**s, "kdf": KdfParams(**s["kdf"])}))
                     for s in doc["slots"]}
            return cls(db_id=str(doc["db_id"]), slots=slots)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise KeySlotsMismatch(str(path)) from exc

    def save(self, path: Path) -> None:
        doc = {"format": FORMAT, "db_id": self.db_id,
               "slots": [asdict(slot) for slot in self.slots.values()]}
        write_atomically(path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))

    def unlock(self, user: str, password: str) -> bytes:
        if user not in self.slots:
            decoy = next(iter(self.slots.values()), None)
            if decoy is not None:  # the same Argon2 work as a wrong password: no timing tell
                with contextlib.suppress(WrongPassword):
                    unwrap(self.db_id, decoy, password)
            raise UnknownAccount(user=user)
        return unwrap(self.db_id, self.slots[user], password)

    def set_password(self, user: str, password: str, data_key: bytes, kdf: KdfParams) -> None:
        self.slots[user] = wrap(self.db_id, user, password, data_key, kdf)
