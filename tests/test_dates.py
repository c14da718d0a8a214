"""EDTF dates: validation, bounds, ordering and wording."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import dates


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1942-07-28", "28 July 1942"),
        ("1942-06", "June 1942"),
        ("1942", "1942"),
        ("1942-06~", "c. June 1942"),
        ("1942?", "1942 (uncertain)"),
        ("1942/1945", "1942–1945"),
        ("2025-06/2025-07", "June–July 2025"),
        ("2022-09/..", "from September 2022"),
        ("XXXX-09-25", "25 September (year not stated)"),
        ("1942-21", "spring 1942"),
    ],
)
def test_human_wording(text: str, words: str) -> None:
    assert dates.parse(text).human() == words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "'2023-02-30': February 2023 has no day 30"),
        ("2023-02-29", "'2023-02-29': February 2023 has no day 29"),
        ("1942-13", "'1942-13' is not a valid EDTF date"),
        ("1945/1942", "'1945/1942': the interval ends before it starts"),
        ("June 1942", "'June 1942' is not a valid EDTF date"),
    ],
)
def test_invalid_dates(text: str, message: str) -> None:
    with pytest.raises(dates.DateError) as err:
        dates.parse(text)
    assert str(err.value).startswith(message)


def test_bounds() -> None:
    assert (dates.parse("1942-06").lower, dates.parse("1942-06").upper) == (dt.date(1942, 6, 1), dt.date(1942, 6, 30))
    assert dates.parse("2024-02").upper == dt.date(2024, 2, 29)
    assert not dates.parse("XXXX-09-25").year_known


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def edtf_strings(draw: st.DrawFn) -> str:
    day = draw(days)
    form = draw(st.sampled_from(["day", "month", "year"]))
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[form]
    return text + draw(st.sampled_from(["", "~", "?"]))


@given(edtf_strings())
def test_bounds_contain_each_other(text: str) -> None:
    parsed = dates.parse(text)
    assert parsed.lower <= parsed.upper
    assert dates.parse(parsed.text) == parsed


@given(days, days)
def test_interval_spans_both_ends(a: dt.date, b: dt.date) -> None:
    start, end = sorted((a, b))
    parsed = dates.parse(f"{start.isoformat()}/{end.isoformat()}")
    assert (parsed.lower, parsed.upper) == (start, end)


@given(days)
def test_more_precise_sorts_first_on_same_start(day: dt.date) -> None:
    first_of_month = day.replace(day=1)
    as_day = dates.parse(first_of_month.isoformat())
    as_month = dates.parse(first_of_month.isoformat()[:7])
    as_year = dates.parse(str(day.year))
    assert as_day.sort_key() < as_month.sort_key()
    if first_of_month.month == 1:
        assert as_month.sort_key() < as_year.sort_key()


@given(days, days)
def test_order_follows_earliest_day(a: dt.date, b: dt.date) -> None:
    x, y = dates.parse(a.isoformat()), dates.parse(b.isoformat())
    assert (x.sort_key() < y.sort_key()) == (a < b)


@given(edtf_strings())
def test_human_wording_names_the_year(text: str) -> None:
    assert text[:4].lstrip("0") in dates.parse(text).human()
