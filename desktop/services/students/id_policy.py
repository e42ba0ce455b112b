"""Who may see whole ID numbers: not a 查看 (viewer) account, whatever the screen offers.

The services that hand students to views, prints and exports pass them through here, so a
viewer gets 110105********002X (region code and last four) for every identity number and
for 学籍号 (a G 学籍号 carries the ID number), and a "show full numbers" choice in a view
cannot undo that. Registrars and approvers get the numbers; the views still mask them by
default and show them whole only when the user asks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.domain.idnumber import mask
from desktop.services.context import Role, Workspace
from desktop.services.students.dto import StudentDetail, StudentRow

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def full_ids_allowed(ws: Workspace) -> bool:
    return ws.actor.role is not Role.VIEWER


def mask_xjh(xjh: str | None) -> str | None:
    """G110105********002X for a 学籍号 (its letter kept)."""
    return xjh[:1] + mask(xjh[1:]) if xjh else xjh


def mask_number(number: str | None) -> str | None:
    return mask(number) if number else number


def row_for(ws: Workspace, row: StudentRow) -> StudentRow:
    if full_ids_allowed(ws):
        return row
    return dataclasses.replace(row, id_number=mask_number(row.id_number), xjh=mask_xjh(row.xjh))


def rows_for(ws: Workspace, rows: Iterable[StudentRow]) -> tuple[StudentRow, ...]:
    return tuple(row_for(ws, row) for row in rows)


def detail_for(ws: Workspace, detail: StudentDetail) -> StudentDetail:
    if full_ids_allowed(ws):
        return detail
    values = {**detail.values, "id_number": mask_number(detail.values.get("id_number"))}
    members = tuple({**m, "id_number": mask_number(m.get("id_number"))} for m in detail.members)
    return dataclasses.replace(detail, values=values, members=members, xjh=mask_xjh(detail.xjh))


def template_row_for(ws: Workspace, row: dict[str, Any]) -> dict[str, Any]:
    """A template-shaped row: every `…身份证件号` column and 学籍号 masked for a viewer."""
    if full_ids_allowed(ws):
        return row
    return {key: _masked_cell(key, value) for key, value in row.items()}


def template_rows_for(ws: Workspace, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield template_row_for(ws, row)


def _masked_cell(key: str, value: Any) -> Any:
    if not isinstance(value, str) or not value:
        return value
    if key.endswith("身份证件号"):
        return mask(value)
    if key == "学籍号":
        return mask_xjh(value)
    return value


def numbers_for(ws: Workspace, item: T, *fields: str) -> T:
    """A frozen dataclass with the named ID-number fields masked for a viewer."""
    if full_ids_allowed(ws):
        return item
    masked: Mapping[str, Any] = {f: (mask_xjh if f == "xjh" else mask_number)(getattr(item, f))
                                 for f in fields}
    return dataclasses.replace(item, **masked)
