"""Unsaved editor forms (drafts): kept in the encrypted database while a form is open, offered
back after the next unlock, dropped when the form is saved or deliberately discarded.

A draft belongs to the account that typed it; another account never sees it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, select

from desktop.models.base import utc_now
from desktop.models.drafts import EditorDraft
from desktop.services.context import Workspace


@dataclass(frozen=True)
class Draft:
    key: str
    student_id: str | None  # None: a pupil not saved yet
    row: dict[str, str]
    saved_at: dt.datetime

    @property
    def name(self) -> str:
        return self.row.get("姓名", "")


def save_draft(workspace: Workspace, key: str, student_id: str | None,
               row: dict[str, str]) -> None:
    """Keep (or replace) the draft `key` of the signed-in account."""
    payload = json.dumps(row, ensure_ascii=False, sort_keys=True)
    with workspace.store.writing() as session:
        draft = session.get(EditorDraft, key)
        if draft is None:
            draft = EditorDraft(key=key, account_id=workspace.actor.account_id)
            session.add(draft)
        draft.student_id, draft.row, draft.saved_at = student_id, payload, utc_now()


def drop_draft(workspace: Workspace, key: str) -> None:
    with workspace.store.writing() as session:
        session.execute(delete(EditorDraft).where(EditorDraft.key == key))


def list_drafts(workspace: Workspace) -> list[Draft]:
    """The signed-in account's drafts, newest first."""
    with workspace.store.reading() as session:
        rows = session.scalars(select(EditorDraft)
                               .where(EditorDraft.account_id == workspace.actor.account_id)
                               .order_by(EditorDraft.saved_at.desc())).all()
        return [Draft(r.key, r.student_id, json.loads(r.row), r.saved_at) for r in rows]
