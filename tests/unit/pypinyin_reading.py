"""What pypinyin itself reads for a text taken as a whole, with the name readings of
resources/names/char_readings.csv applied: the reference the names' pinyin table and
desktop.domain.names are checked against."""

from __future__ import annotations

from desktop.domain.data import read_rows


def pypinyin_reading(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    readings = {row["char"]: row["pinyin"] for row in read_rows("names/char_readings.csv")}
    out = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=list):
        reading = readings.get(piece, piece)
        if reading.isascii() and reading.isalpha():
            out.append(reading.lower())
    return out
