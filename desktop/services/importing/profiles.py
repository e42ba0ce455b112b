"""Named template profiles: what the columns of one file layout hold, kept for next time.

A profile records, for one layout (the set of its headers), the item each unknown column
holds or that it is left out on purpose, the class each 班号 stands for, and the format its
files come in: a school whose province sends .xls gets .xls offered for its exports. Saving one
writes an audit row; profiles are local settings of this school and are not synced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop.domain.fields import template_headers
from desktop.domain.header_aliases import CLASS_PARTS, LEAVE_OUT, fold_header
from desktop.domain.ids import new_id
from desktop.models.base import utc_now
from desktop.models.import_profile import ImportProfile
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal

MAX_NAME = 40
FILE_FORMATS = ("xlsx", "xls")
TARGETS = frozenset((*template_headers(), *CLASS_PARTS, LEAVE_OUT))


@dataclass(frozen=True)
class TemplateProfile:
    name: str
    headers: tuple[str, ...]  # the layout: folded headers, sorted
    mapping: Mapping[str, str] = field(default_factory=dict)  # folded header -> item
    class_codes: Mapping[str, str] = field(default_factory=dict)  # 班号 -> class name
    file_format: str = "xlsx"  # the format the layout's files come in; exports default to it

    def covers(self, headers: Iterable[str]) -> bool:
        """Whether this profile says what every one of `headers` holds."""
        return all(fold_header(header) in self.mapping for header in headers)


def layout_of(headers: Iterable[str]) -> tuple[str, ...]:
    """The layout key of a header row: its non-empty headers folded, sorted, once each."""
    return tuple(sorted({fold_header(h) for h in headers if h and h.strip()}))


def list_profiles(ws: Workspace) -> tuple[TemplateProfile, ...]:
    with ws.store.reading() as session:
        rows = session.scalars(select(ImportProfile).order_by(ImportProfile.name))
        return tuple(_frozen(row) for row in rows)


def get_profile(ws: Workspace, name: str) -> TemplateProfile:
    """The profile called `name`; ServiceError naming the saved ones when there is none."""
    profiles = list_profiles(ws)
    for profile in profiles:
        if profile.name == name.strip():
            return profile
    raise ServiceError("profile.unknown", name=name,
                       names="、".join(p.name for p in profiles) or "（还没有保存任何模板）")


def profile_for(ws: Workspace, headers: Iterable[str]) -> TemplateProfile | None:
    """The saved profile of the layout these headers make, or None."""
    layout = layout_of(headers)
    return next((p for p in list_profiles(ws) if p.headers == layout), None)


def preferred_export_format(ws: Workspace) -> str:
    """The format exports default to: that of the most recently saved profile, or xlsx."""
    with ws.store.reading() as session:
        latest = session.scalars(
            select(ImportProfile.file_format).order_by(ImportProfile.updated_at.desc())).first()
    return latest if latest in FILE_FORMATS else "xlsx"


def save_profile(ws: Workspace, profile: TemplateProfile) -> None:
    """Create or replace the profile of that name (audited)."""
    ws.require(Role.REGISTRAR)
    name = profile.name.strip()
    if not name or len(name) > MAX_NAME:
        raise ServiceError("profile.name", max_len=MAX_NAME)
    bad = sorted(set(profile.mapping.values()) - TARGETS)
    if bad:
        raise ServiceError("profile.target", items="、".join(bad))
    with ws.store.writing() as session:
        row = session.scalars(select(ImportProfile).where(ImportProfile.name == name)).first()
        before = None if row is None else {"mapping": row.mapping, "class_codes": row.class_codes}
        if row is None:
            row = ImportProfile(id=new_id(), name=name)
            session.add(row)
        row.headers = list(profile.headers)
        row.mapping = dict(profile.mapping)
        row.class_codes = dict(profile.class_codes)
        row.file_format = profile.file_format if profile.file_format in FILE_FORMATS else "xlsx"
        row.updated_at = utc_now()
        session.flush()
        Journal(session, ws.actor).audit(
            "import_profile.save", "import_profile", row.id, before=before,
            after={"name": name, "mapping": row.mapping, "class_codes": row.class_codes,
                   "file_format": row.file_format})


def _frozen(row: ImportProfile) -> TemplateProfile:
    return TemplateProfile(row.name, tuple(row.headers), dict(row.mapping),
                           dict(row.class_codes or {}), row.file_format or "xlsx")
