"""What a free-text item may hold: one rule for every way a value comes in (Excel, JSON and
the command line, the editor, sync and bundles on the desk and on the registry, the public
guardian-request channel) and one cleaning for every way it goes out.

Never allowed anywhere: C0 and C1 control characters and DEL (tab and line breaks are turned
into spaces by the text parser before this check), lone surrogates, the bidirectional
embeddings, overrides and isolates (U+202A–202E, U+2066–2069, and the marks U+200E, U+200F,
U+061C) that make a name read backwards, and the escape forms that turn back into control
characters on their way through Excel or XML (`_x0001_`, `&#x1;`, `&#1;`).
A personal name holds letters (any script, private-use code points of rare characters
included), combining marks, the middle dot (· • ・ ‧) and
spaces: no digits, no punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.errors import DomainError

NAME_KEYS = frozenset({"name", "former_name"})  # the pupil's and a family member's names
_UNSAFE_CHARS = (r"\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                 r"\ud800-\udfff")
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_LAYOUT_UNSAFE = re.compile(_UNSAFE.pattern.replace(r"\x00-\x1f", r"\x00-\x08\x0b-\x1f"))
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_|&#(?:[xX][0-9A-Fa-f]+|[0-9]+);")
_SPACE_CONTROLS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f\x85]+")  # what str.split() drops
_SUSPECT = re.compile(f"[{_UNSAFE_CHARS}]|_x|&#")
_NAME_OK = re.compile(r"(?:[^\W\d_]|[·•・‧ ])+")
_NAME_MARKS = "·•・‧ "


def check_text(text: str, *, name: bool = False) -> None:
    """DomainError when `text` holds a character or escape no item may hold, or (for a
    personal name) anything but letters, marks, the middle dot and spaces."""
    found = _UNSAFE.search(text)
    if found is not None:
        raise DomainError("text.control", char=code_point(found.group()))
    escape = _ESCAPE.search(text)
    if escape is not None:
        raise DomainError("text.escape", escape=escape.group())
    if name:
        check_name(text)


def check_name(text: str) -> None:
    """DomainError unless a personal name holds only letters, marks, the middle dot and
    spaces."""
    if text and _NAME_OK.fullmatch(text) is None:
        wrong = _first_non_name(text)
        if wrong:
            raise DomainError("name.chars", char=wrong)


def plainly_safe(text: str) -> bool:
    """True when `text` holds no character from the unsafe set (tab and line breaks are in it)
    and no `_x` or `&#`: then `check_raw` passes, and so does `check_text` (names aside) of
    what the text parser makes of it, since joining on single spaces makes no new escape."""
    return _SUSPECT.search(text) is None


def check_raw(text: str) -> None:
    """The check for a cell before parsing: tab and line breaks are allowed here (the text
    parser turns them into spaces), every other unsafe character is not."""
    check_text(_SPACE_CONTROLS.sub(" ", text))


def text_problem(text: str, *, name: bool = False) -> DomainError | None:
    try:
        check_text(text, name=name)
    except DomainError as error:
        return error
    return None


def clean_text(text: str, *, keep_layout: bool = False) -> str:
    """`text` without the characters and escapes no item may hold (for the way out: exports,
    printed forms, terminal output of a database written by an older version). Tabs and
    line breaks become spaces, or stay with `keep_layout` (terminal output)."""
    if _UNSAFE.search(text) is None and _ESCAPE.search(text) is None:
        return text
    if keep_layout:
        return _LAYOUT_UNSAFE.sub("", text)
    text = _UNSAFE.sub("", _SPACE_CONTROLS.sub(" ", text))
    while _ESCAPE.search(text):  # removing one escape may join the halves of another
        text = _ESCAPE.sub("", text)
    return text


def clean_value(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _first_non_name(text: str) -> str:
    for char in text:
        category = unicodedata.category(char)
        if char not in _NAME_MARKS and category[0] not in "LM" and category != "Co":
            return char if char.isprintable() else code_point(char)
    return ""


def record_problems(record: dict[str, object]) -> list[tuple[str, DomainError]]:
    """Every text item of a JSON-shaped record (stored keys, `members` a list of dicts, as
    sync, bundles and the registry carry it) that breaks the rule, as (item, error); the item
    of a family member is `members.<slot>.<key>` (slot from 1)."""
    found = _items_problems(record, "")
    members = record.get("members")
    for index, member in enumerate(members if isinstance(members, list) else []):
        if isinstance(member, dict):
            found += _items_problems(member, f"members.{member.get('slot') or index + 1}.")
    return found


def _items_problems(items: dict[str, object], prefix: str) -> list[tuple[str, DomainError]]:
    found = []
    for key, value in items.items():
        if isinstance(value, str):
            problem = text_problem(value, name=key in NAME_KEYS)
            if problem is not None:
                found.append((prefix + str(key), problem))
    return found
