"""Code tables (民族, 身份证件类型, 是否 …) loaded from resources/codes/*.csv.

Input accepts the names the national template writes (汉族, 居民身份证, 是), their listed
aliases and the codes themselves; records store codes; output writes names again.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from desktop.domain.data import read_rows


@dataclass(frozen=True)
class CodeTable:
    """One code table: code -> name, plus every accepted spelling -> code."""

    key: str
    names: dict[str, str]
    extra: dict[str, dict[str, str]] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)

    def code_for(self, text: str) -> str | None:
        """The code a template value stands for (name, alias or code), or None."""
        return self._lookup.get(_fold(text))

    def name_of(self, code: str | None) -> str:
        """The display name of a stored code ('' for no value)."""
        if code is None or code == "":
            return ""
        return self.names.get(code, code)

    def attribute(self, code: str, column: str) -> str:
        """An extra column of a row, e.g. `stage` of 入学方式 or `for_student` of 证件类型."""
        return self.extra.get(code, {}).get(column, "")


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Compared spelling: half-width, trimmed, upper case, 其它 read as 其他."""
    return unicodedata.normalize("NFKC", text).strip().upper().replace("其它", "其他")


@cache
def _ambiguous() -> frozenset[tuple[str, str]]:
    return frozenset((row["table"], _fold(row["value"]))
                     for row in read_rows("codes/ambiguous.csv"))


def ambiguous_choices(key: str, text: str) -> list[str] | None:
    """The names to choose from when `text` could mean several items of table `key`
    (是 for 是否留守儿童), else None. Listed in resources/codes/ambiguous.csv."""
    if (key, _fold(text)) not in _ambiguous():
        return None
    return list(table(key).names.values())


def _build(key: str, rows: list[dict[str, str]]) -> CodeTable:
    names: dict[str, str] = {}
    extra: dict[str, dict[str, str]] = {}
    lookup: dict[str, str] = {}
    for row in rows:
        code, name = row["code"], row["name"]
        names[code] = name
        extra[code] = {k: v for k, v in row.items() if k not in ("code", "name", "aliases")}
        aliases = [a for a in row.get("aliases", "").split("|") if a]
        for spelling in [code, name, *aliases]:
            lookup.setdefault(_fold(spelling), code)
    return CodeTable(key=key, names=names, extra=extra, _lookup=lookup)


@cache
def table(key: str) -> CodeTable:
    """The code table stored in resources/codes/<key>.csv."""
    return _build(key, read_rows(f"codes/{key}.csv"))


_STAGE_OF_SCHOOL = {"小学": "义务教育", "初中": "义务教育", "高中": "高中"}


def codes_for_stages(key: str, school_stages: tuple[str, ...] | list[str]) -> list[str]:
    """The codes of table `key` a school running `school_stages` (小学, 初中, 高中) may use:
    a code whose `stage` column names another stage (e.g. 高中 入学方式 for a primary school,
    a 初中 班级类型, 借读) is left out; codes of a table without stages are all kept. A stage is
    a school stage or 义务教育 (小学 and 初中)."""
    codes = table(key)
    wanted = {*school_stages, *(_STAGE_OF_SCHOOL.get(stage, stage) for stage in school_stages)}
    return [code for code in codes.names
            if not codes.attribute(code, "stage") or codes.attribute(code, "stage") in wanted]
