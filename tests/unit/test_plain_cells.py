"""Region codes and dates as the template writes them: the quick reading of six or twelve
ASCII digits (a region) or eight (a date) gives the value or the error the full reading gives
to any other spelling (full-width digits, spaces, other scripts' digits)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import DomainError
from desktop.domain.regions import parse_region12
from desktop.domain.values import parse_date
from tests.fuzz import profile

_KNOWN = ["440604", "110105", "210922", "810000", "999999", "000000"]
_CODES = st.one_of(
    st.sampled_from(_KNOWN).flatmap(lambda code: st.sampled_from([code, code + "000000",
                                                                  code + "012003"])),
    st.text(st.sampled_from("0123456789４ ١²"), min_size=1, max_size=14),
)


def _outcome(text: str, parse: Callable[[str], object] = parse_region12) -> object:
    try:
        return parse(text)
    except DomainError as error:
        return error.code, error.params


@profile.quick(300)
@given(_CODES)
def test_a_plain_code_reads_as_the_full_reading_reads_it(text: str) -> None:
    """A leading space sends the text to the full reading (spaces are dropped there)."""
    assert _outcome(text) == _outcome(" " + text)


def test_six_digits_are_a_county_padded_and_twelve_are_kept() -> None:
    assert parse_region12("440604") == "440604000000"
    assert parse_region12("440604012003") == "440604012003"
    assert _outcome("4406041") == ("region.format", {})
    assert _outcome("999999") == ("region.unknown", {"region": "999999"})


@profile.quick(300)
@given(st.one_of(st.dates().map(lambda day: f"{day:%Y%m%d}"),
                 st.text(st.sampled_from("0123456789４ ١²-"), min_size=6, max_size=10)))
def test_a_plain_date_reads_as_the_full_reading_reads_it(text: str) -> None:
    """Eight ASCII digits are YYYYMMDD as they stand; a leading space sends the text to the
    full reading, which drops it: the date, or the error with its params, is the same (an
    error names the text as written, space and all)."""
    assert _spaceless(_outcome(text, parse_date)) == _spaceless(_outcome(" " + text, parse_date))


def _spaceless(outcome: object) -> object:
    if isinstance(outcome, tuple):
        code, params = outcome
        return code, {key: value.lstrip(" ") for key, value in params.items()}
    return outcome
