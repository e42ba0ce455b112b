"""Writes resources/names/pinyin_table.json: pypinyin's reading (Style.NORMAL, errors=list)
of every character it knows and of the first two characters of every phrase it reads as a
whole, so a name's syllables are looked up without loading pypinyin (0.2 s of CPU) unless a
name holds a longer run. tests/unit/test_pinyin_table.py checks the table against the
installed pypinyin entry by entry; run this again when pypinyin is upgraded.

    python tools/build_pinyin_table.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pypinyin
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

OUT = Path(__file__).resolve().parents[1] / "resources" / "names" / "pinyin_table.json"


def reading(text: str) -> str:
    """pypinyin's reading of `text` as names.py asks for it, syllables joined by spaces."""
    pieces = lazy_pinyin(text, style=Style.NORMAL, errors=list)  # type: ignore[arg-type]
    assert all(" " not in piece for piece in pieces), (text, pieces)
    return " ".join(pieces)


def table() -> dict[str, str]:
    texts = sorted({chr(code) for code in PINYIN_DICT} | {p[:2] for p in PHRASES_DICT})
    return {text: reading(text) for text in texts}


def main() -> None:
    data = {"pypinyin": pypinyin.__version__, "readings": table()}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(data['readings'])} readings from pypinyin {pypinyin.__version__}")


if __name__ == "__main__":
    main()
