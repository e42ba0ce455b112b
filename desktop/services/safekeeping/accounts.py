"""Creating a database, unlocking it, passwords and the recovery key.

The data key is random; each account's password wraps it in the key-slot file; the printed
recovery key is the data key itself and opens the database when every other file is lost.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.domain import recovery_key
from desktop.domain.errors import DomainError
from desktop.domain.ids import new_id
from desktop.models import errors as store_errors
from desktop.models.accounts import Account, Meta
from desktop.models.keyslots import KdfParams, KeySlotFile, keyslot_path
from desktop.models.school import School
from desktop.models.store import Store
from desktop.services.context import Actor, Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.safekeeping import login_guard
from desktop.services.safekeeping.key_unwrap import Unwrapped, unwrap_data_key
from desktop.services.safekeeping.login_guard import LoginGuard
from desktop.services.safekeeping.passwords import check_password_rule


@dataclass(frozen=True)
class NewSchool:
    code: str
    name: str
    system: str = "6-3-3"
    stages: str = "小学,初中,高中"
    region_code: str | None = None


def create_database(path: Path, school: NewSchool, username: str, password: str,
                    kdf: KdfParams | None = None) -> tuple[Workspace, str]:
    """A new encrypted database with its school and first registrar; returns the recovery key."""
    _check_school(school)
    check_password_rule(password)
    if path.exists() or keyslot_path(path).exists():
        raise store_errors.DatabaseExists(str(path))
    data_key = secrets.token_bytes(recovery_key.KEY_BYTES)
    store = Store.create(path, data_key)
    try:
        actor = _fill_new_database(store, school, username)
        slots = KeySlotFile(db_id=store.db_id, slots={})
        slots.set_password(username, password, data_key, kdf or KdfParams())
        slots.save(keyslot_path(path))
    except BaseException:
        store.close()
        for leftover in (path, keyslot_path(path), *path.parent.glob(path.name + "-*")):
            leftover.unlink(missing_ok=True)
        raise
    return Workspace(store, actor, _device_id(store)), recovery_key.encode(data_key)


def _fill_new_database(store: Store, school: NewSchool, username: str) -> Actor:
    account = Account(id=new_id(), username=username, display_name=username,
                      role=Role.REGISTRAR.value)
    actor = _actor(account)
    with store.writing() as session:
        session.add(account)
        session.add(School(id=new_id(), code=school.code, name=school.name, system=school.system,
                           stages=school.stages, region_code=school.region_code))
        session.add(Meta(key="device_id", value=new_id()))
        journal = Journal(session, actor)
        journal.audit("account.create", "account", account.id, after={"username": username})
        journal.audit("school.create", "school", school.code,
                      after={"code": school.code, "name": school.name})
    return actor


def _check_school(school: NewSchool) -> None:
    if not (len(school.code) == 10 and school.code.isdigit()):
        raise ServiceError("school.code_format", value=school.code)
    if not school.name.strip():
        raise ServiceError("school.name_required")


def unlock(path: Path, username: str, password: str, guard: LoginGuard | None = None) -> Workspace:
    """Open the database as `username`; WrongPassword/UnknownAccount if that fails, and
    LoginThrottled while the wait after repeated wrong passwords runs (login_guard)."""
    return open_unwrapped(path, username, unwrap_data_key(path, username, password, guard), guard)


def open_unwrapped(path: Path, username: str, unwrapped: Unwrapped,
                   guard: LoginGuard | None = None) -> Workspace:
    """The second half of an unlock: open the database with the key the password unwrapped
    (key_unwrap), sign `username` in and note the wrong passwords before."""
    guard = guard or login_guard.GUARD
    try:
        store = Store.open(path, unwrapped.data_key)
    except store_errors.WrongPassword as exc:
        raise store_errors.KeySlotsMismatch(str(path)) from exc
    if store.db_id != unwrapped.db_id:
        store.close()
        raise store_errors.KeySlotsMismatch(str(path))
    ws = _workspace(store, username)
    _note_failures(ws, guard.succeeded(path, username))
    return ws


def _note_failures(ws: Workspace, failures: int) -> None:
    """Wrong passwords before this sign-in go on the account and into the audit log (not on
    a database that can only be read)."""
    if not failures or ws.store.read_only:
        return
    with ws.store.writing() as session:
        account = session.get(Account, ws.actor.account_id)
        if account is not None:
            account.failed_logins = failures
        Journal(session, ws.actor).audit("account.failed_logins", "account", ws.actor.account_id,
                                         after={"failures": failures})


def open_with_recovery_key(path: Path, key_text: str, username: str) -> Workspace:
    """Open the database with the printed recovery key alone (no key-slot file needed)."""
    try:
        data_key = recovery_key.decode(key_text)
    except DomainError as exc:
        raise store_errors.WrongRecoveryKey(reason=exc.code) from exc
    if not path.is_file():
        raise store_errors.DatabaseMissing(str(path))
    try:
        store = Store.open(path, data_key)
    except store_errors.WrongPassword as exc:
        raise store_errors.WrongRecoveryKey(reason="mismatch") from exc
    return _workspace(store, username)


def _workspace(store: Store, username: str) -> Workspace:
    with store.reading() as session:
        account = session.scalar(select(Account).where(Account.username == username))
    if account is None or not account.active:
        store.close()
        raise store_errors.UnknownAccount(user=username)
    return Workspace(store, _actor(account), _device_id(store))


def change_password(ws: Workspace, new_password: str, kdf: KdfParams | None = None) -> None:
    """Re-wrap the data key for the signed-in account. The database file is not touched."""
    check_password_rule(new_password)
    path = keyslot_path(ws.store.path)
    slots = _slots_or_new(path, ws.store.db_id)
    slots.set_password(ws.actor.username, new_password, ws.store.key, kdf or KdfParams())
    with ws.store.writing() as session:
        Journal(session, ws.actor).audit("account.password", "account", ws.actor.account_id)
    slots.save(path)


def reset_password(path: Path, username: str, key_text: str, new_password: str,
                   kdf: KdfParams | None = None) -> None:
    """Set a new password with the recovery key; rebuilds a lost key-slot file."""
    check_password_rule(new_password)
    ws = open_with_recovery_key(path, key_text, username)
    try:
        change_password(ws, new_password, kdf)
    finally:
        ws.lock()
    login_guard.GUARD.succeeded(path, username)  # the new password may be tried at once


def _slots_or_new(path: Path, db_id: str) -> KeySlotFile:
    try:
        slots = KeySlotFile.load(path)
    except (store_errors.KeySlotsMissing, store_errors.KeySlotsMismatch):
        return KeySlotFile(db_id=db_id, slots={})
    return slots if slots.db_id == db_id else KeySlotFile(db_id=db_id, slots={})


def add_account(ws: Workspace, username: str, role: Role, password: str,
                kdf: KdfParams | None = None) -> None:
    """A new account that unlocks the same database with its own password."""
    ws.require(Role.REGISTRAR)
    check_password_rule(password)
    path = keyslot_path(ws.store.path)
    slots = KeySlotFile.load(path)
    if username in slots.slots:
        raise ServiceError("account.exists", user=username)
    account = Account(id=new_id(), username=username, display_name=username, role=role.value)
    with ws.store.writing() as session:
        session.add(account)
        Journal(session, ws.actor).audit("account.create", "account", account.id,
                                         after={"username": username, "role": role.value})
    slots.set_password(username, password, ws.store.key, kdf or KdfParams())
    slots.save(path)


def _actor(account: Account) -> Actor:
    return Actor(account.id, account.username, account.display_name, Role(account.role))


def _device_id(store: Store) -> str:
    with store.reading() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "device_id")) or ""


def recovery_key_of(ws: Workspace) -> str:
    """The recovery key of the open database, for a registrar who lost the printed sheet."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        Journal(session, ws.actor).audit("recovery.shown", "account", ws.actor.account_id)
    return recovery_key.encode(ws.store.key)
