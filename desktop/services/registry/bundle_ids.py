"""Which USB bundles this desk wrote and which replies it read (docs/protocol.md, "On the desk").

A reply is only accepted when it answers a request this desk exported, and a reply read
before is a harmless replay: both need the bundle ids, kept as `meta` rows inside the
encrypted database (one row per bundle, key = kind prefix + the id's 32 hex digits).
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.models.accounts import Meta
from desktop.services.context import Workspace

SENT, READ = "xjbs:", "xjbr:"  # + 32 hex digits: within the 40 of meta.key
FIRST = "xjbn:"  # a request that carried no feed cursor: its reply's snapshot is a first copy


def remember_sent(ws: Workspace, bundle_id: str, *, with_cursor: bool = True) -> None:
    """A request bundle was written (before the outbox rows are marked with its id);
    `with_cursor`: whether it carried a feed cursor."""
    _remember(ws, bundle_id, *((SENT,) if with_cursor else (SENT, FIRST)))


def sent_without_cursor(ws: Workspace) -> set[str]:
    """The requests written before this desk had a feed cursor."""
    return _ids(ws, FIRST)


def remember_read(ws: Workspace, bundle_id: str) -> None:
    """A reply bundle was applied."""
    _remember(ws, bundle_id, READ)


def sent_ids(ws: Workspace) -> set[str]:
    return _ids(ws, SENT)


def read_ids(ws: Workspace) -> set[str]:
    return _ids(ws, READ)


def _key(prefix: str, bundle_id: str) -> str:
    return prefix + bundle_id.replace("-", "").lower()


def _remember(ws: Workspace, bundle_id: str, *prefixes: str) -> None:
    """One row per prefix, in one transaction."""
    with ws.store.writing() as session:
        for key in (_key(prefix, bundle_id) for prefix in prefixes):
            if session.get(Meta, key) is None:
                session.add(Meta(key=key, value=bundle_id))


def _ids(ws: Workspace, prefix: str) -> set[str]:
    with ws.store.reading() as session:
        return set(session.scalars(select(Meta.value).where(Meta.key.startswith(prefix,
                                                                                 autoescape=True))))
