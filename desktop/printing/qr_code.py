"""The footer's QR code, module for module the symbol segno makes, in a fifth of the time.

segno picks the data mask by applying each of the eight masks and scoring it in Python loops
over every module, most of the cost of a printed page. Here segno's own encoder steps build
the data codewords; their Reed–Solomon codewords are segno's division done a byte at a time on
an int, and they are placed through a per-version table of where each bit goes (what
segno.make_qr does before masking, module for module), and each mask
is scored on the whole matrix held
as one integer by rows and one by columns (N1 runs, N2 blocks and N4 by bit operations and
bit counts; N3 with segno's own search rule, on the few lines where the pattern occurs), so
the mask chosen is the one segno would choose (same scores, first lowest wins) and the
printed code does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any, cast

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
        # bit k: module k + d (k - d) is in the same line, for d = 7..10 (1..4)
        self.above = tuple(_packed([line >> d] * width, width) for d in range(7, 11))
        self.below = tuple(_packed([(line << d) & line] * width, width) for d in range(1, 5))


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
    """segno's N3: 40 for each 1:1:3:1:1 pattern with four light modules (or the end of the
    line) on one side, by bit operations on the whole matrix; line by line with segno's own
    search where two patterns overlap (segno skips one after the other)."""
    light = ~packed
    found = packed & (light >> 1) & (packed >> 2) & (packed >> 3) & (packed >> 4) \
        & (light >> 5) & (packed >> 6) & masks.finders
    if not found:
        return 0
    if not found & ((found << 4) | (found << 6)):  # no two patterns overlap in a line
        dark_before = dark_after = 0  # within four modules, in the line (its ends are light)
        for shift, inside in zip(range(7, 11), masks.above, strict=True):
            dark_before |= (packed >> shift) & inside
        for shift, inside in zip(range(1, 5), masks.below, strict=True):
            dark_after |= (packed << shift) & inside
        return 40 * (found & (~dark_before | ~dark_after)).bit_count()
    score = 0  # segno's search skips a pattern overlapping one it counted: follow it
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


@cache
def _generator(count: int) -> tuple[int, ...]:
    """segno's generator polynomial of `count` error correction codewords times each byte
    value, as one int (big-endian, `count` bytes): one step of the Reed–Solomon division."""
    exp, log = consts.GALIOS_EXP, consts.GALIOS_LOG
    poly = consts.GEN_POLY[count]
    return (0, *(int.from_bytes(bytes(exp[log[coef] + term] for term in poly), "big")
                 for coef in range(1, 256)))


def _error_words(block: bytes, count: int) -> bytes:
    """The `count` error correction codewords of a data block: segno's synthetic division
    done a byte at a time on the remainder held as one int."""
    generator, top, keep = _generator(count), 8 * (count - 1), (1 << 8 * count) - 1
    remainder = 0
    for byte in block:
        remainder = ((remainder << 8) & keep) ^ generator[(remainder >> top) ^ byte]
    return remainder.to_bytes(count, "big")


def _message(version: int, codewords: bytes) -> bytes:
    """The final message, one byte per bit (data blocks interleaved, then their error
    correction codewords interleaved), as segno.encoder.make_final_message builds it."""
    data_blocks, error_blocks, start = [], [], 0
    for data, errors in _blocks(version):
        block = codewords[start:start + data]
        start += data
        data_blocks.append(block)
        error_blocks.append(_error_words(block, errors))
    ordered = bytearray()
    for blocks in (data_blocks, error_blocks):  # the longer blocks come last, one byte longer
        shortest = min(len(block) for block in blocks)
        ordered += bytes(chain.from_iterable(zip(*blocks, strict=False)))
        ordered += bytes(block[shortest] for block in blocks if len(block) > shortest)
    return b"".join(map(_BYTE_BITS.__getitem__, ordered))


_BYTE_BITS = tuple(format(byte, "08b").encode().translate(_MODULES) for byte in range(256))


@cache
def _placement(version: int) -> tuple[int, Callable[[bytes], tuple[int, ...]]]:
    """(width, pick): pick(bits + bytes(range(256))) gives the modules of the unmasked
    matrix, row by row: each codeword module takes its bit of the final message, placed as
    segno.encoder.add_codewords places it; every other module its value in segno's matrix
    (taken from the 256 bytes after the message)."""
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    order: dict[tuple[int, int], int] = {}
    for start in range(width - 1, 0, -2):
        right = start - 1 if start <= 6 else start  # the timing column is skipped
        for vertical in range(width):
            for column in (right, right - 1):
                upwards = ((right & 2) == 0) ^ (column < 6)
                row = (width - 1 - vertical) if upwards else vertical
                if matrix[row][column] == 0x2:
                    order[(row, column)] = len(order)
    length = _capacity_bits(version)
    indices = [order[(i, j)] if (i, j) in order and order[(i, j)] < length
               else length + matrix[i][j] for i in range(width) for j in range(width)]
    return width, itemgetter(*indices)


@cache
def _blocks(version: int) -> tuple[tuple[int, int], ...]:
    """(data codewords, error correction codewords) of each block of `version` at level M."""
    infos = cast(dict[int, dict[int, Any]], consts.ECC)[version][_LEVEL]
    return tuple((info.num_data, info.num_total - info.num_data)
                 for info in infos for _ in range(info.num_blocks))


@cache
def _capacity_bits(version: int) -> int:
    """The length of the final message of `version` (codewords and remainder bits)."""
    total = sum(data + errors for data, errors in _blocks(version))
    return 8 * total + (7 if 2 <= version <= 6 else 3 if 14 <= version <= 20 or 28 <= version <= 34
                        else 4 if 21 <= version <= 27 else 0)


def penalty(matrix: Sequence[bytes]) -> int:
    """segno's penalty score (encoder.evaluate_mask) of a square matrix of modules (1 dark),
    as the mask choice computes it."""
    width = len(matrix)
    rows = [int(bytes(row).translate(_DIGITS), 2) for row in matrix]
    return _score(_packed(rows, width), _packed(_transposed(rows, width), width), _masks(width))


def _unmasked(payload: str) -> tuple[int, list[int]]:
    """(version, rows of the modules before masking, each an int, column j at bit
    width-1-j, format areas light) of the code for `payload`: segno's encoder steps for
    error level M, no boost, no ECI, as segno.make_qr takes them, up to the data codewords;
    then the same error correction and placement, done on whole bytes and ints."""
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
    bits = bytes(buffer.getbits())
    codewords = int(bits.translate(_DIGITS), 2).to_bytes(len(bits) // 8, "big")
    message = _message(version, codewords)
    width, pick = _placement(version)
    flat = bytes(pick(message.ljust(_capacity_bits(version), b"\x00") + _VALUES)).translate(_DIGITS)
    rows = [int(flat[start:start + width], 2) for start in range(0, width * width, width)]
    return version, rows


_VALUES = bytes(range(256))


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    """The modules (1 dark) of the QR code segno.make_qr(payload, error="m",
    boost_error=False) makes: same version, same mask, same matrix."""
    version, data = _unmasked(payload)
    width = len(data)
    patterns = _patterns(width)
    rows, columns, masks = _packed(data, width), _packed(_transposed(data, width), width), _masks(width)
    scores = [_score(rows ^ by_rows, columns ^ by_columns, masks)
              for by_rows, by_columns in _packed_patterns(width)]
    best = scores.index(min(scores))
    matrix = tuple(bytearray(format(row ^ patterns[best][i], f"0{width}b").encode().translate(_MODULES))
                   for i, row in enumerate(data))
    encoder.add_format_info(matrix, version, _LEVEL, best)
    encoder.add_version_info(matrix, version)
    return matrix
