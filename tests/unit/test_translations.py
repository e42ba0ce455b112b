"""The English translation file resources/translations/xueji_en.ts: every message is translated,
keeps the {placeholders} of its Chinese source, and every error sentence of desktop.messages is
there to translate (context "messages")."""

from __future__ import annotations

import importlib.util
import shutil
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.messages import TEXT

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "xueji_en.ts"


def messages() -> list[tuple[str, str, ET.Element | None]]:
    """(context, source, translation element) for every message of the file."""
    root = ET.parse(TS).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "",
             message.find("translation"))
            for context in root.findall("context") for message in context.findall("message")]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


MESSAGES = messages()
IDS = [f"{context}:{source[:20]}" for context, source, _ in MESSAGES]


def test_file_has_messages() -> None:
    assert len(MESSAGES) > 0


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_translated(context: str, source: str, translation: ET.Element | None) -> None:
    assert translation is not None, f"{context}: {source!r} has no <translation>"
    assert translation.get("type") != "unfinished", f"{context}: {source!r} is unfinished"
    assert (translation.text or "").strip(), f"{context}: {source!r} has an empty translation"


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_placeholders_kept(context: str, source: str, translation: ET.Element | None) -> None:
    assert translation is not None
    assert placeholders(translation.text or "") == placeholders(source), (
        f"{context}: {source!r} -> {translation.text!r}")


def test_every_error_sentence_is_in_messages_context() -> None:
    in_file = {source for context, source, _ in MESSAGES if context == "messages"}
    missing = sorted(set(TEXT.values()) - in_file)
    assert not missing, f"error sentences missing from context 'messages': {missing}"


def test_every_source_string_is_translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `tools/translations.py update` would collect from the views today (the literal
    tr() calls and the run-time strings) is already in the file and translated: a new Chinese
    sentence is not shown untranslated in the English UI."""
    tool_file = TS.parents[2] / "tools" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations_tool", tool_file)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    copy = tmp_path / "resources" / "translations" / TS.name
    copy.parent.mkdir(parents=True)
    shutil.copyfile(TS, copy)
    monkeypatch.setattr(tool, "TS", copy)
    tool.update()
    root = ET.parse(copy).getroot()
    missing = [f"{context.findtext('name') or ''}: {message.findtext('source')}"
               for context in root.findall("context") for message in context.findall("message")
               if (message.find("translation") is None
                   or message.find("translation").get("type") == "unfinished")]  # type: ignore[union-attr]
    assert not missing, f"untranslated: {missing}"
