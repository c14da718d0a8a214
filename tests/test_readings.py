"""Figures read from their quotes: the number reader, the figure and date checks, and the trust report's readings."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from builder.model import FigureEntry, Measure
from builder.numbers import read
from builder.pipeline import check_only, render_pages
from builder.readings import check_date, check_figure, figure_readings
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("convicting nearly 100 soldiers per week", [("nearly 100", 100, None, None, "nearly")]),
        ("10,000 were executed", [("10,000", 10000, None, None, "stated")]),
        ("10 000 men", [("10 000", 10000, None, None, "stated")]),
        ("1.5 million people", [("1.5 million", 1_500_000, None, None, "stated")]),
        ("ten thousand were shot", [("ten thousand", 10000, None, None, "stated")]),
        ("a hundred and twenty men", [("a hundred and twenty", 120, None, None, "stated")]),
        ("twenty-five thousand troops", [("twenty-five thousand", 25000, None, None, "stated")]),
        ("between 49,000 and 50,000 deserters", [("between 49,000 and 50,000", None, 49000, 50000, "stated")]),
        ("between three and ten years", [("between three and ten", None, 3, 10, "stated")]),
        ("only 15% to 18% were", [("15% to 18%", None, 15, 18, "stated")]),
        ("more than 1,000 deserters", [("more than 1,000", 1000, None, None, "more-than")]),
        ("at least two years", [("at least two", 2, None, None, "at-least")]),
        ("up to 10 years in prison", [("up to 10", 10, None, None, "up-to")]),
        ("no more than 10 of them", [("no more than 10", 10, None, None, "at-most")]),
        ("Some 25,878 were detained", [("Some 25,878", 25878, None, None, "approximately")]),
        ("over 50,000 troops", [("over 50,000", 50000, None, None, "more-than")]),
        ("Almost 60% of respondents", [("Almost 60%", 60, None, None, "nearly")]),
        ("exactly 10,201 were shot", [("exactly 10,201", 10201, None, None, "exact")]),
        ("100 or more soldiers", [("100 or more", 100, None, None, "at-least")]),
    ],
)
def test_reads_numbers_as_written(text: str, expected: list[tuple]) -> None:
    assert [(r.words, r.value, r.low, r.high, r.qualifier) for r in read(text)] == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one and a half million", 1_500_000), ("two and a half", 2.5), ("a million", 1_000_000), ("a dozen", 12),
        ("seventy-three thousand four hundred", 73_400), ("one million two hundred thousand", 1_200_000), ("three quarters", 0.75),
    ],
)
def test_reads_numbers_in_words(words: str, value: float) -> None:
    (reading,) = read(f"they counted {words} in all")
    assert reading.words == words and reading.value == pytest.approx(value)


def test_reads_shares_and_vague_quantities_apart_from_counts() -> None:
    (third,) = read("about a third of them in public")
    assert third.fraction and third.qualifier == "approximately" and third.value == pytest.approx(1 / 3)
    (hundreds,) = read("hundreds of soldiers")
    assert hundreds.vague and hundreds.value is None and hundreds.numbers() == ()
    (tens,) = read("tens of thousands of troops")
    assert tens.vague and tens.words == "tens of thousands"


def test_dates_and_identifiers_are_not_figures() -> None:
    assert read("On 18 July 2023, Order No. 227 was read out in 1942") == []
    assert [r.words for r in read("since February 2022, over 50,000 have deserted")] == ["over 50,000"]


def test_reads_percent_unit_and_rate() -> None:
    (share,) = read("65% of those names matched")
    assert share.percent
    (weekly,) = read("nearly 100 soldiers per week")
    assert weekly.rate == "week" and weekly.unit.startswith("soldiers")
    (yearly,) = read("around 5,200 convictions annually")
    assert yearly.rate == "year"
    area, other = read("around 160 square kilometres (60 square miles) of land")
    assert area.unit.startswith("square kilometres") and other.unit.startswith("square miles")


def _figure(**fields: object) -> FigureEntry:
    return FigureEntry.model_validate({"id": "f", "measure": "m", **fields})


def _messages(entry: FigureEntry, unit: str = "soldiers") -> list[str]:
    return [f"{f.field}: {f.message} ({f.fix})" for f in check_figure(entry, unit)]


def test_a_number_as_the_quote_states_it_passes() -> None:
    assert _messages(_figure(value=100, qualifier="nearly", quote="convicting nearly 100 soldiers per week"), "convictions per week") == []
    assert _messages(_figure(value=10000, quote="10,000 were executed, about a third of them in public")) == []
    assert _messages(_figure(low=3, high=10, quote="between three and ten years"), "years") == []
    assert _messages(_figure(value=10201, qualifier="exact", quote="exactly 10,201 were shot")) == []


def test_the_default_qualifier_is_stated_not_exact() -> None:
    entry = _figure(value=10000, quote="10,000 were executed")
    assert entry.qualifier == "stated"
    assert _messages(entry.model_copy(update={"qualifier": "exact"})) == [
        "qualifier: the quote says '10,000' without saying it is exact or counted; qualifier is exact (write qualifier: stated, or leave it out)"
    ]


def test_a_qualifier_other_than_the_words_is_an_error() -> None:
    assert _messages(_figure(value=160, qualifier="more-than", quote="around 160 square kilometres"), "square kilometres") == [
        "qualifier: the quote says 'around 160'; qualifier is more-than (write qualifier: approximately)"
    ]


def test_a_range_must_be_the_quotes_range() -> None:
    assert _messages(_figure(low=3, high=12, quote="between three and ten years"), "years") == [
        "low: the quote says 'between three and ten'; low and high are 3 and 12 (write the number the quote states, or mark the figure derived: and say how)"
    ]


def test_a_quote_without_a_number_is_reported() -> None:
    assert _messages(_figure(value=5, quote="many soldiers were shot")) == [
        "value: the quote states no number (\"many soldiers were shot\"); value is 5 (quote the words that state the number, or mark the figure derived: and say how)"
    ]


def test_units_must_be_the_quotes() -> None:
    assert _messages(_figure(value=60, quote="around 160 square kilometres (60 square miles)"), "square kilometres") == [
        "measure: the quote says '60 square miles'; the measure's unit is square kilometres (use a measure in the unit the quote states, or mark the figure derived: and say how it was converted)"
    ]
    assert _messages(_figure(value=65, quote="65 of those names matched"), "percent")[0].startswith("measure: the quote says '65'; the measure's unit is percent")
    assert _messages(_figure(value=100, qualifier="nearly", quote="nearly 100 soldiers per week"), "convictions per year") == [
        (
            "measure: the quote says 'nearly 100 soldiers'; the measure's unit is convictions per year; the quote gives a number per week "
            "(use a measure in the unit the quote states, or mark the figure derived: and say how it was converted)"
        )
    ]
    assert _messages(_figure(value=10, qualifier="up-to", quote="up to 10 years in prison"), "soldiers")[0].startswith("measure:")


def test_a_derived_figure_names_its_basis_and_keeps_its_hedge() -> None:
    quote = "10,000 were executed, about a third of them in public"
    assert _messages(_figure(value=33, qualifier="approximately", derived="'about a third', as a percentage", quote=quote), "percent") == []
    assert _messages(_figure(value=3333, qualifier="approximately", derived="a third of 10,000", quote=quote)) == []
    assert _messages(_figure(value=33, qualifier="at-least", derived="'about a third', as a percentage", quote=quote), "percent") == [
        "qualifier: the quote says 'about a third'; qualifier is at-least (write qualifier: approximately, or approximately for a rounded result)"
    ]
    assert _messages(_figure(value=33, derived="as a percentage", quote=quote), "percent")[0].startswith("derived: derived: 'as a percentage' does not name what the quote states")


def test_dates_in_quotes_checked_against_the_entry() -> None:
    assert check_date("Stalin signed it on 28 July 1942", "1942-07-28", "date") is None
    wrong = check_date("Stalin signed it on 28 July 1942", "1942-06", "date")
    assert wrong is not None and wrong.message == "the quote says '28 July 1942'; date is 1942-06 (June 1942)"
    assert check_date("Stalin signed it on 28 July 1942", "1942-06", "date", note="The order is dated by its publication.") is None
    # Open intervals, dates the entry's date agrees with, and year-less months compared in the entry's years.
    assert check_date("deserted since February 2022", "2025", "as_of") is None
    assert check_date("in 1941 and in 1942", "1942", "date") is None
    assert check_date("an estimate last December of 50,554", "2024-12", "as_of") is None
    assert check_date("an estimate last December of 50,554", "2024-11", "as_of") is not None
    assert check_date("on September 25", "XXXX-09-25", "date") is None


def test_a_figures_as_of_is_checked_against_its_quote() -> None:
    entry = _figure(value=1000, qualifier="more-than", as_of="2022", quote="In July 2023 more than 1,000 people were detained")
    assert _messages(entry, "people") == ["as_of: the quote says 'July 2023'; as_of is 2022 (make as_of what the quote says, or add date_note: saying why they differ)"]


def test_every_bundled_figure_is_read_from_its_quote() -> None:
    content, _ = check_only(ROOT)
    rows = figure_readings(content.sources, content.measures)
    assert len(rows) == sum(len(s.meta.figures) for s in content.sources) > 0
    assert [r.figure for r in rows if not r.ok] == []
    third = next(r for r in rows if r.figure == "public-executions-share-1941")
    assert third.words == "about a third" and third.value == "33"


def test_readers_see_stated_numbers_as_stated_and_derived_ones_as_derived() -> None:
    pages = render_pages(ROOT)
    executions = pages["figures/soldiers-executed-after-detention-1941.md"]
    row = next(line for line in executions.splitlines() if 'id="blocking-detachments-executions-1941"' in line)
    # The source's round number is shown as it states it; the editors' archival count beside it is exact.
    source_says = row.split("*the source says*")[1]
    assert r"10,000 soldiers \(as stated\)" in source_says and "exactly" not in source_says
    assert "exactly 10,201 soldiers" in row
    share = pages["figures/share-of-1941-executions-in-public.md"]
    row = next(line for line in share.splitlines() if 'id="public-executions-share-1941"' in line)
    assert "about 33%" in row and "*(derived)*" in row
    assert "*Derived by the site's editors from the quote:* The source says 'about a third'" in row
    records = {r["id"]: r for r in json.loads(pages["data/figures.json"])}
    executed = records["blocking-detachments-executions-1941"]
    assert (executed["source_value"], executed["source_qualifier"]) == (10000, "stated")
    assert (executed["value"], executed["status"]) == (10201, "corrected")
    assert records["public-executions-share-1941"]["derived"] is True
    assert records["public-executions-share-1941"]["derivation"].startswith("The source says 'about a third'")


def test_figure_readings_mark_a_figure_its_quote_contradicts() -> None:
    figures = [
        _figure(id="as-quoted", value=100, qualifier="nearly", quote="nearly 100 soldiers were convicted"),
        _figure(id="contradicted", value=120, qualifier="nearly", quote="nearly 100 soldiers were convicted"),
        _figure(id="left-out", value=5, quote="5 soldiers", draft=True),
    ]
    source = SimpleNamespace(id="report", meta=SimpleNamespace(draft=False, figures=figures))
    rows = figure_readings([source], [Measure(id="m", label="Soldiers convicted", unit="soldiers")])
    assert [(r.figure, r.words, r.value, r.ok) for r in rows] == [("as-quoted", "nearly 100", "100", True), ("contradicted", "nearly 100", "120", False)]
