"""The footer's QR code is chosen quickly but is the very symbol segno makes: the same
modules for footer payloads and for payloads of every length up to version 11 (version
information from version 7 on), and a printed card is byte for byte the one drawn from segno's own
matrix."""

from __future__ import annotations

import random
import re
import string
from typing import Any

import pytest
import segno
import segno.encoder

from desktop.printing import layout, student_card
from desktop.printing.qr_code import penalty, qr_matrix
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def _segno(payload: str) -> tuple[bytes, ...]:
    return tuple(bytes(row) for row in segno.make_qr(payload, error="m", boost_error=False).matrix)


def _payloads(count: int, seed: int) -> list[str]:
    chooser = random.Random(seed)
    letters = string.ascii_letters + string.digits + ":-"
    return ["".join(chooser.choice(letters) for _ in range(chooser.randint(1, 220)))
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_same_modules_as_segno_for_any_payload(seed: int) -> None:
    for payload in _payloads(150, seed):
        assert tuple(bytes(row) for row in qr_matrix(payload)) == _segno(payload), payload


def test_same_modules_as_segno_for_long_and_numeric_payloads() -> None:
    """Versions 12 to 25 (blocks of two sizes, 3 and 4 remainder bits), and payloads segno
    writes in numeric or alphanumeric mode: the error correction and the placement done on
    whole bytes give segno's modules."""
    chooser = random.Random(7)
    payloads = ["".join(chooser.choice(string.ascii_letters) for _ in range(length))
                for length in range(230, 860, 45)]
    payloads += ["".join(chooser.choice(string.digits) for _ in range(length)) for length in (1, 9, 60, 400)]
    payloads += ["XUEJI:" + "".join(chooser.choice(string.ascii_uppercase) for _ in range(length))
                 for length in (3, 50, 300)]
    for payload in payloads:
        assert tuple(bytes(row) for row in qr_matrix(payload)) == _segno(payload), payload


def _planted(chooser: random.Random, width: int) -> list[bytes]:
    """A random matrix with 1:1:3:1:1 patterns planted in rows, some overlapping (10111011101,
    1011101011101), some at the ends of a line, some beside light runs."""
    rows = [bytearray(chooser.choice((0, 1)) for _ in range(width)) for _ in range(width)]
    pieces = ([1, 0, 1, 1, 1, 0, 1], [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1],
              [1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0])
    for _ in range(chooser.randint(0, 3 * width)):
        piece = chooser.choice(pieces)
        start = chooser.choice((0, width - len(piece), chooser.randint(0, width - len(piece))))
        rows[chooser.randrange(width)][start:start + len(piece)] = bytes(piece)
    if chooser.random() < 0.5:  # the same patterns down the columns too
        rows = [bytearray(column) for column in zip(*rows, strict=True)]
    return [bytes(row) for row in rows]


def test_penalty_is_segnos_for_any_matrix() -> None:
    """The mask scoring on packed ints (runs, blocks, 1:1:3:1:1 patterns, the dark share) gives
    segno's penalty, patterns overlapping or at an end of a line included."""
    chooser = random.Random(11)
    for _ in range(300):
        width = chooser.choice((21, 25, 29, 33, 45, 57))
        matrix = _planted(chooser, width)
        expected = segno.encoder.evaluate_mask([bytearray(row) for row in matrix], width, width)
        assert penalty(matrix) == expected, matrix


def test_same_modules_as_segno_for_footer_payloads() -> None:
    for version in range(1, 40):
        payload = f"xueji:0192f3a4-7b2c-7d00-8e4f-{version:012d}:{version}:{version * 7919:012x}"
        assert tuple(bytes(row) for row in qr_matrix(payload)) == _segno(payload)


def test_a_card_prints_the_same_bytes_as_with_segnos_matrix(ws, monkeypatch) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11), valid_row(name="李四", seq=13)])
    students = printable_students(ws, class_name="三年级(2)班")
    quick = student_card.build(students)
    monkeypatch.setattr(layout, "qr_matrix",
                        lambda payload: segno.make_qr(payload, error="m", boost_error=False).matrix)
    assert student_card.build(students) == quick


def _path_drawn_qr(canvas: Any, payload: str, x: float, y: float, size: float) -> None:
    """The footer QR code drawn as before: reportlab's path object, one rect() per run."""
    matrix = qr_matrix(payload)
    count = len(matrix)
    cell = size / (count + 4)
    path = canvas.beginPath()
    for row, modules in enumerate(matrix):
        top = y + (count - row + 1) * cell
        for run in re.finditer(rb"\x01+", modules):
            path.rect(x + (run.start() + 2) * cell, top, (run.end() - run.start()) * cell, cell)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


def test_the_path_written_in_one_go_is_the_path_objects(ws, monkeypatch) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11), valid_row(name="李四", seq=13)])
    students = printable_students(ws, class_name="三年级(2)班")
    quick = student_card.build(students)
    monkeypatch.setattr(layout, "draw_qr", _path_drawn_qr)
    assert student_card.build(students) == quick
