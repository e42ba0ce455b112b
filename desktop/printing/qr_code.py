"""The footer's QR code, module for module the symbol segno makes, in a fifth of the time.

segno picks the data mask by applying each of the eight masks and scoring it in Python loops
over every module, most of the cost of a printed page. Here segno encodes once with mask 0;
the unmasked data is recovered from that, and each mask is scored on whole rows held as
integers and strings (N1 runs by regular expression, N2 blocks by bit operations, N3 with
segno's own search rule, N4 by bit count), so the mask chosen is the one segno would choose
(same scores, first lowest wins) and the printed code does not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import segno
from segno import consts, encoder

ERROR = "m"
_N3 = "1011101"
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_MODULES = bytes.maketrans(b"01", b"\x00\x01")


@cache
def _layout(width: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(data region, format and version areas) of a symbol `width` modules wide, one int per
    row, column j at bit width-1-j."""
    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1
    reserved = encoder.make_matrix(width, width)
    bare = encoder.make_matrix(width, width, reserve_regions=False)
    region = tuple(_bits([value > 0x1 for value in row]) for row in function)
    areas = tuple(_bits([a != b for a, b in zip(mine, plain, strict=True)])
                  for mine, plain in zip(reserved, bare, strict=True))
    return region, areas


@cache
def _patterns(width: int) -> tuple[tuple[int, ...], ...]:
    """Each mask's modules inside the data region, one int per row."""
    region, _areas = _layout(width)
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


def _n3(text: str, size: int) -> int:
    """segno's N3 over lines of `size` modules joined by one separator: 40 for each 1:1:3:1:1
    pattern with four light modules on one side (or at an edge), searched left to right in
    each line the way segno searches."""
    score = 0
    index = text.find(_N3)
    while index != -1:
        start = index - index % (size + 1)  # where this line begins
        at, after = index - start, index + 7
        if at in (0, size - 7) or "1" not in text[max(index - 4, start):index] \
                or "1" not in text[after:min(after + 4, start + size)]:
            score += 40
        else:
            after = index + 4
        index = text.find(_N3, after)
    return score


def _transposed(rows: Sequence[int], width: int) -> list[int]:
    texts = [format(row, f"0{width}b") for row in rows]
    return [int("".join(column), 2) for column in zip(*texts, strict=True)]


def _n1(lines: Sequence[int], width: int) -> int:
    """N1 of lines held as ints: a run of L >= 5 like modules scores L - 2, that is its
    windows of five like modules (L - 4) plus two."""
    score = 0
    pairs = (1 << (width - 1)) - 1
    for line in lines:
        like = ~(line ^ (line >> 1)) & pairs  # bit k: modules k and k+1 alike
        windows = like & (like >> 1) & (like >> 2) & (like >> 3)
        if windows:
            score += windows.bit_count() + 2 * (windows & ~(windows >> 1)).bit_count()
    return score


def _score(rows: Sequence[int], columns: Sequence[int], width: int) -> int:
    """segno's penalty (N1 + N2 + N3 + N4) of a masked matrix without format information."""
    texts = ("2".join(format(row, f"0{width}b") for row in rows),
             "2".join(format(column, f"0{width}b") for column in columns))
    edge = (1 << (width - 1)) - 1  # pairs of neighbouring columns
    n2 = 0
    for upper, lower in pairwise(rows):
        same = ~(upper ^ lower) & ~(upper ^ (upper >> 1)) & ~(lower ^ (lower >> 1)) & edge
        n2 += 3 * same.bit_count()
    dark = sum(row.bit_count() for row in rows)
    n4 = 10 * int(abs(float(dark) / (width ** 2) * 100 - 50) / 5)
    return _n1(rows, width) + _n1(columns, width) + n2 + _n3(texts[0], width) \
        + _n3(texts[1], width) + n4


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    """The modules (1 dark) of the QR code segno.make_qr(payload, error="m",
    boost_error=False) makes: same version, same mask, same matrix."""
    first = segno.make_qr(payload, error=ERROR, boost_error=False, mask=0)
    width = len(first.matrix)
    _region, areas = _layout(width)
    patterns = _patterns(width)
    data = [int(bytes(row).translate(_DIGITS), 2) & ~areas[i] ^ patterns[0][i]
            for i, row in enumerate(first.matrix)]
    across = _transposed(data, width)
    scores = [_score([row ^ pattern[i] for i, row in enumerate(data)],
                     [column ^ flipped[j] for j, column in enumerate(across)], width)
              for pattern, flipped in zip(patterns, _patterns_across(width), strict=True)]
    best = scores.index(min(scores))
    rows = [row ^ patterns[best][i] for i, row in enumerate(data)]
    matrix = tuple(bytearray(format(row, f"0{width}b").encode().translate(_MODULES)) for row in rows)
    encoder.add_format_info(matrix, first.version, consts.ERROR_MAPPING[ERROR.upper()], best)
    encoder.add_version_info(matrix, first.version)
    return matrix
