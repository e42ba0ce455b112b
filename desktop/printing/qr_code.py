"""The footer's QR code, module for module the symbol segno makes, in a fifth of the time.

segno picks the data mask by applying each of the eight masks and scoring it in Python loops
over every module, most of the cost of a printed page. Here segno's own encoder steps build
the symbol up to its placed codewords (what segno.make_qr does before masking), and each mask
is scored on the whole matrix held
as one integer by rows and one by columns (N1 runs, N2 blocks and N4 by bit operations and
bit counts; N3 with segno's own search rule, on the few lines where the pattern occurs), so
the mask chosen is the one segno would choose (same scores, first lowest wins) and the
printed code does not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import cast

from segno import consts, encoder

_LEVEL = consts.ERROR_LEVEL_M  # error correction M, as segno.make_qr(error="m")
_N3 = "1011101"
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_MODULES = bytes.maketrans(b"01", b"\x00\x01")


@cache
def _region(width: int) -> tuple[int, ...]:
    """The data region of a symbol `width` modules wide (where masks apply), one int per row,
    column j at bit width-1-j."""
    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1
    return tuple(_bits([value > 0x1 for value in row]) for row in function)


@cache
def _patterns(width: int) -> tuple[tuple[int, ...], ...]:
    """Each mask's modules inside the data region, one int per row."""
    region = _region(width)
    masks = encoder.get_data_mask_functions(False)
    return tuple(tuple(_bits([fn(i, j) for j in range(width)]) & region[i] for i in range(width))
                 for fn in masks)


@cache
def _patterns_across(width: int) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(_transposed(pattern, width)) for pattern in _patterns(width))


def _bits(flags: Sequence[object]) -> int:
    value = 0
    for flag in flags:
        value = (value << 1) | (1 if flag else 0)
    return value


def _n3(line: str, size: int) -> int:
    """segno's N3 in one line: 40 for each 1:1:3:1:1 pattern with four light modules on one
    side (or at an edge), searched left to right the way segno searches."""
    score = 0
    index = line.find(_N3)
    while index != -1:
        after = index + 7
        if index in (0, size - 7) or "1" not in line[max(index - 4, 0):index] \
                or "1" not in line[after:after + 4]:
            score += 40
        else:
            after = index + 4
        index = line.find(_N3, after)
    return score


def _transposed(rows: Sequence[int], width: int) -> list[int]:
    texts = [format(row, f"0{width}b") for row in rows]
    return [int("".join(column), 2) for column in zip(*texts, strict=True)]


def _packed(lines: Sequence[int], width: int) -> int:
    """All lines in one int, line i at bit (width + 1) * i, one light bit between lines."""
    value = 0
    for index, line in enumerate(lines):
        value |= line << ((width + 1) * index)
    return value


class _Masks:
    """Bit masks over a packed matrix `width` modules wide."""

    def __init__(self, width: int) -> None:
        stride, line = width + 1, (1 << width) - 1
        self.width, self.stride, self.line = width, stride, line
        self.pairs = _packed([line >> 1] * width, width)  # bit k: modules k and k+1 of a line
        self.blocks = _packed([line >> 1] * (width - 1), width)  # ... and of the next line
        self.finders = _packed([line >> 6] * width, width)  # where seven modules start


@cache
def _masks(width: int) -> _Masks:
    return _Masks(width)


@cache
def _packed_patterns(width: int) -> tuple[tuple[int, int], ...]:
    """Each mask pattern packed by rows and by columns."""
    return tuple((_packed(rows, width), _packed(columns, width))
                 for rows, columns in zip(_patterns(width), _patterns_across(width), strict=True))


def _n1(packed: int, masks: _Masks) -> int:
    """N1: a run of L >= 5 like modules in a line scores L - 2, that is its windows of five
    like modules (L - 4) plus two."""
    like = ~(packed ^ (packed >> 1)) & masks.pairs  # bit k: modules k and k+1 alike
    windows = like & (like >> 1) & (like >> 2) & (like >> 3)
    return windows.bit_count() + 2 * (windows & ~(windows >> 1)).bit_count()


def _n2(packed: int, masks: _Masks) -> int:
    """N2: 3 for each 2 × 2 block of like modules."""
    below = packed >> masks.stride
    same = ~(packed ^ below) & ~(packed ^ (packed >> 1)) & ~(below ^ (below >> 1)) & masks.blocks
    return 3 * same.bit_count()


def _n3_lines(packed: int, masks: _Masks) -> int:
    """segno's N3 over the lines that hold a 1:1:3:1:1 pattern at all (most hold none)."""
    light = ~packed
    found = packed & (light >> 1) & (packed >> 2) & (packed >> 3) & (packed >> 4) \
        & (light >> 5) & (packed >> 6) & masks.finders
    score = 0
    while found:
        index = ((found & -found).bit_length() - 1) // masks.stride
        text = format((packed >> (masks.stride * index)) & masks.line, f"0{masks.width}b")
        score += _n3(text, masks.width)
        found &= ~(masks.line << (masks.stride * index))
    return score


def _score(rows: int, columns: int, masks: _Masks) -> int:
    """segno's penalty (N1 + N2 + N3 + N4) of a masked matrix without format information,
    packed by rows and by columns."""
    width = masks.width
    n4 = 10 * int(abs(float(rows.bit_count()) / (width ** 2) * 100 - 50) / 5)
    return _n1(rows, masks) + _n1(columns, masks) + _n2(rows, masks) \
        + _n3_lines(rows, masks) + _n3_lines(columns, masks) + n4


def _unmasked(payload: str) -> tuple[int, tuple[bytearray, ...]]:
    """(version, modules before masking, format areas light) of the code for `payload`:
    segno's encoder steps for error level M, no boost, no ECI, as segno.make_qr takes them,
    without its module-by-module masking."""
    segments = encoder.prepare_data(payload, None, None)
    version = encoder.find_version(segments, _LEVEL, eci=False, micro=False)
    buffer = encoder.Buffer()
    versions = encoder.version_range(version)
    for segment in segments:
        encoder.write_segment(buffer, segment, None, versions, False)
    capacity = cast(dict[int, dict[int, int]], consts.SYMBOL_CAPACITY)[version][_LEVEL]
    encoder.write_terminator(buffer, capacity, None, len(buffer))
    encoder.write_padding_bits(buffer, version, len(buffer))
    encoder.write_pad_codewords(buffer, version, capacity, len(buffer))
    message = encoder.make_final_message(version, _LEVEL, buffer)
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    encoder.add_codewords(matrix, message, version)
    return version, matrix


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    """The modules (1 dark) of the QR code segno.make_qr(payload, error="m",
    boost_error=False) makes: same version, same mask, same matrix."""
    version, unmasked = _unmasked(payload)
    width = len(unmasked)
    patterns = _patterns(width)
    data = [int(bytes(row).translate(_DIGITS), 2) for row in unmasked]
    rows, columns, masks = _packed(data, width), _packed(_transposed(data, width), width), _masks(width)
    scores = [_score(rows ^ by_rows, columns ^ by_columns, masks)
              for by_rows, by_columns in _packed_patterns(width)]
    best = scores.index(min(scores))
    matrix = tuple(bytearray(format(row ^ patterns[best][i], f"0{width}b").encode().translate(_MODULES))
                   for i, row in enumerate(data))
    encoder.add_format_info(matrix, version, _LEVEL, best)
    encoder.add_version_info(matrix, version)
    return matrix
