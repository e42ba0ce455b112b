"""Storage errors the user can act on (wrong password, missing file, locked, disk full …).

Each carries a code that desktop.messages turns into one Chinese sentence saying what
happened and what to do.
"""

from __future__ import annotations


class StoreError(Exception):
    """An environment problem with the database or its key files; `code` names which."""

    code = "store.error"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.code)
        self.params = {"detail": detail, **params}


class WrongPassword(StoreError):
    code = "store.wrong_password"


class WrongRecoveryKey(StoreError):
    code = "store.wrong_recovery_key"


class UnknownAccount(StoreError):
    code = "store.unknown_account"


class DatabaseMissing(StoreError):
    code = "store.missing"


class DatabaseExists(StoreError):
    code = "store.exists"


class KeySlotsMissing(StoreError):
    code = "store.keyslots_missing"


class KeySlotsMismatch(StoreError):
    code = "store.keyslots_mismatch"


class NotADatabase(StoreError):
    code = "store.not_a_database"


class DatabaseLocked(StoreError):
    code = "store.locked"


class DiskFull(StoreError):
    code = "store.disk_full"


class ReadOnly(StoreError):
    code = "store.read_only"


class CannotOpen(StoreError):
    """The file is there but SQLite cannot open it: no permission, or a read-only folder
    without the files a read-only open needs."""

    code = "store.cannot_open"


class NewerSchema(StoreError):
    code = "store.newer_schema"


class IntegrityFailed(StoreError):
    code = "store.integrity"


class DiskIO(StoreError):
    code = "store.io"
