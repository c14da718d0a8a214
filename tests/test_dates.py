"""EDTF dates: validation, bounds, ordering and wording."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import dates

_NO_DEADLINE = settings(deadline=None)
"""Property tests check results, not speed: on a loaded machine one example may take longer than hypothesis's default deadline."""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1942-07-28", "28 July 1942"),
        ("1942-06", "June 1942"),
        ("1942", "1942"),
        ("1942-06~", "c. June 1942"),
        ("1942~", "c. 1942"),
        ("1942?", "1942 (uncertain)"),
        ("1942-06-XX", "June 1942"),
        ("1942/1945", "1942–1945"),
        ("2025-06/2025-07", "June–July 2025"),
        ("1942-06-01/1942-06-28", "1–28 June 1942"),
        ("1942-06-28/1942-07-03", "28 June – 3 July 1942"),
        ("2022-02-24/2023-10", "24 February 2022 – October 2023"),
        ("2022-09/..", "from September 2022"),
        ("1942/", "from 1942 (end unknown)"),
        ("../1945", "until 1945"),
        ("/1945", "until 1945 (start unknown)"),
        ("XXXX-09-25", "25 September (year not stated)"),
        ("XXXX", "date unknown"),
        ("1942-21", "spring 1942"),
        ("1942-24", "winter 1942–43"),
        ("1942-33", "first quarter of 1942"),
        ("1942-41", "second half of 1942"),
        ("194X", "the 1940s"),
        ("19XX", "1900–1999"),
    ],
)
def test_human_wording(text: str, words: str) -> None:
    assert dates.parse(text).human() == words


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("1942-06", "1942-06-01", "1942-06-30", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("1942-21", "1942-03-01", "1942-05-31", "season"),
        ("1942-24", "1942-12-01", "1943-02-28", "season"),
        ("194X", "1940-01-01", "1949-12-31", "decade"),
        ("2022-09/..", "2022-09-01", None, "month"),
        ("../1945", None, "1945-12-31", "year"),
        ("XXXX-09-25", None, None, "unknown"),
    ],
)
def test_bounds(text: str, lower: str | None, upper: str | None, precision: str) -> None:
    parsed = dates.parse(text)
    assert parsed.iso_bounds() == (lower, upper)
    assert parsed.precision == precision


def test_open_start_is_filed_under_its_end() -> None:
    assert dates.parse("../1945").anchor == dt.date(1945, 12, 31)
    assert not dates.parse("XXXX-09-25").year_known


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "'2023-02-30': February 2023 has no day 30"),
        ("2023-02-29", "'2023-02-29': February 2023 has no day 29"),
        ("XXXX-02-30", "'XXXX-02-30': February has no day 30"),
        ("1942-13", "'1942-13' is not a valid EDTF date"),
        ("1942-06-00", "'1942-06-00' is not a valid EDTF date"),
        ("1945/1942", "'1945/1942': the interval ends before it starts"),
        ("1942-06-30/1942-06-01", "'1942-06-30/1942-06-01': the interval ends before it starts"),
        ("June 1942", "'June 1942' is not a valid EDTF date"),
        ("1942/1943/1944", "'1942/1943/1944' has more than one '/'"),
        ("../..", "'../..' gives neither a start nor an end"),
        ("[1942, 1943]", "'[1942, 1943]' is EDTF the site cannot show in words"),
        ("?1942-06", "'?1942-06' is EDTF the site cannot show in words"),
        ("1X4X", "'1X4X': only the last digits of a year can be unknown"),
        ("0000", "'0000': year 0 is not supported"),
        ("", "empty date"),
    ],
)
def test_invalid_dates(text: str, message: str) -> None:
    with pytest.raises(dates.DateError) as err:
        dates.parse(text)
    assert str(err.value).startswith(message)
    assert str(err.value).endswith(f"({dates.VALID_FORMS})") or "write the earlier date first" in str(err.value)


# --- properties ----------------------------------------------------------------

days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def single(draw: st.DrawFn) -> str:
    """Any single date the site accepts, with a known year."""
    day = draw(days)
    form = draw(st.sampled_from(["day", "month", "year", "season", "decade"]))
    if form == "season":
        return f"{day.year}-{draw(st.integers(21, 41))}"
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year), "decade": str(day.year)[:3] + "X"}[form]
    return text + draw(qualifiers)


@st.composite
def edtf_strings(draw: st.DrawFn) -> str:
    """Single dates, intervals of two, and intervals open or unknown at one end."""
    kind = draw(st.sampled_from(["single", "interval", "open-end", "open-start"]))
    if kind == "single":
        return draw(single())
    if kind == "open-end":
        return f"{draw(single())}/{draw(st.sampled_from(['..', '']))}"
    if kind == "open-start":
        return f"{draw(st.sampled_from(['..', '']))}/{draw(single())}"
    a, b = dates.parse(draw(single())), dates.parse(draw(single()))
    first, second = sorted((a, b), key=lambda d: (d.lower, d.upper))
    if second.upper < first.lower:
        first, second = second, first
    return f"{first.text}/{second.text}"


def _valid_interval(text: str) -> bool:
    try:
        dates.parse(text)
    except dates.DateError:
        return False
    return True


@_NO_DEADLINE
@given(edtf_strings().filter(_valid_interval))
def test_bounds_are_ordered_and_parsing_is_stable(text: str) -> None:
    parsed = dates.parse(text)
    assert parsed.lower <= parsed.upper
    assert parsed.anchor is not None
    assert dates.parse(parsed.text) == parsed


@_NO_DEADLINE
@given(edtf_strings().filter(_valid_interval))
def test_wording_is_for_people(text: str) -> None:
    words = dates.parse(text).human()
    assert words and words == words.strip()
    for syntax in ("~", "?", "%", "..", "/", "X", "-2", "-3", "-4"):
        assert syntax not in words, (text, words)
    years = [side[:3] for side in text.split("/") if side not in ("", "..")]
    assert all(year in words for year in years), (text, words)


@_NO_DEADLINE
@given(days, days)
def test_interval_spans_both_ends(a: dt.date, b: dt.date) -> None:
    start, end = sorted((a, b))
    parsed = dates.parse(f"{start.isoformat()}/{end.isoformat()}")
    assert (parsed.lower, parsed.upper) == (start, end)


@_NO_DEADLINE
@given(days, days)
def test_order_follows_earliest_day(a: dt.date, b: dt.date) -> None:
    x, y = dates.parse(a.isoformat()), dates.parse(b.isoformat())
    assert (x.sort_key() < y.sort_key()) == (a < b)


@_NO_DEADLINE
@given(edtf_strings().filter(_valid_interval), edtf_strings().filter(_valid_interval))
def test_sorted_by_earliest_day_then_precision(a: str, b: str) -> None:
    x, y = dates.parse(a), dates.parse(b)
    if x.anchor != y.anchor:
        assert (x.sort_key() < y.sort_key()) == (x.anchor < y.anchor)  # type: ignore[operator]
    elif dates.PRECISIONS.index(x.precision) != dates.PRECISIONS.index(y.precision):
        assert (x.sort_key() < y.sort_key()) == (dates.PRECISIONS.index(x.precision) < dates.PRECISIONS.index(y.precision))


@_NO_DEADLINE
@given(days)
def test_more_precise_sorts_first_on_same_start(day: dt.date) -> None:
    first_of_month = day.replace(day=1)
    as_day = dates.parse(first_of_month.isoformat())
    as_month = dates.parse(first_of_month.isoformat()[:7])
    as_year = dates.parse(str(day.year))
    assert as_day.sort_key() < as_month.sort_key()
    if first_of_month.month == 1:
        assert as_month.sort_key() < as_year.sort_key()


@_NO_DEADLINE
@given(days)
def test_day_and_month_wording_round_trip(day: dt.date) -> None:
    assert dates.parse(day.isoformat()).human() == f"{day.day} {calendar.month_name[day.month]} {day.year}"
    assert dates.parse(day.isoformat()[:7] + "~").human() == f"c. {calendar.month_name[day.month]} {day.year}"


@_NO_DEADLINE
@given(single(), single())
def test_overlap_is_symmetric_and_matches_bounds(a: str, b: str) -> None:
    x, y = dates.parse(a), dates.parse(b)
    assert x.overlaps(y) == y.overlaps(x) == (x.lower <= y.upper and y.lower <= x.upper)


@_NO_DEADLINE
@given(edtf_strings().filter(_valid_interval))
def test_memoised_wording_is_the_wording(text: str) -> None:
    assert dates.humanize(text) == dates.humanize.__wrapped__(text)
    assert dates._side(text.split("/")[0]) == dates._side.__wrapped__(text.split("/")[0])
