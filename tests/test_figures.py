"""The figures: an overview of measures, each measure's pages with the spread in plain words, derived numbers marked, citations linked, pages bounded."""

from __future__ import annotations

import json
import re

from builder import dates
from builder.check import Source
from builder.curate import Figure, MeasureGroup, Site, curate
from builder.model import Measure, SiteInfo, SourceMeta
from builder.pipeline import check_only, render_pages
from builder.render import figures as figures_page
from tests.conftest import FIXTURES
from tests.test_glossary import broken_links

MINI = FIXTURES / "mini"


def test_spread_is_shown_plainly_with_lowest_and_highest() -> None:
    page = render_pages(MINI)["figures/people-detained.md"]
    assert (
        "**2 values from 2 sources; spread 900 to 1,200 people.** Both ends from one value: 900–1,200 people (as stated; An analyst, July 2023)."
    ) in page


def test_derived_number_is_marked_with_who_derived_it() -> None:
    page = render_pages(MINI)["figures/people-detained-per-year.md"]
    row = next(line for line in page.splitlines() if 'id="analyst-yearly-projection"' in line)
    assert "*(derived)*" in row and "*Derived by* the analysts, from their July 2023 count." in row
    assert "about 12,000 people per year" in row
    assert "It was derived from another number: see who derived it below." in page


def test_every_value_links_to_its_citation_in_the_sourcing_note() -> None:
    pages = render_pages(MINI)
    measures = "".join(text for path, text in pages.items() if path.startswith("figures/"))
    links = re.findall(r'<span id="([a-z0-9-]+)"></span>\[[^\]]+\]\(\.\./sources/([a-z0-9-]+)\.md#figure-([a-z0-9-]+)\)', measures)
    assert {figure for figure, _, _ in links} == {"gazette-count", "analyst-count", "analyst-yearly-projection"}
    for figure, source, anchor in links:
        assert anchor == figure
        assert f'<span id="figure-{figure}"></span>' in pages[f"sources/{source}.md"]


def test_overview_has_one_row_per_measure_with_its_anchor_count_and_spread() -> None:
    pages = render_pages(MINI)
    overview = pages["figures.md"]
    assert (
        '| <span id="people-detained"></span>[People detained in July 2023](figures/people-detained.md) | 2 values from 2 sources | 900 to 1,200 people | — |'
    ) in overview
    assert 'id="gazette-count"' not in overview and "<figure" not in overview
    assert broken_links({p: t for p, t in pages.items() if p.startswith("figures")}) == []


def test_a_measure_with_more_figures_than_a_page_holds_is_split(monkeypatch) -> None:
    monkeypatch.setattr(figures_page, "MAX_FIGURES_PER_PAGE", 1)
    content, _ = check_only(MINI)
    site = curate(content)
    pages = figures_page.render(site)
    assert sorted(pages) == ["figures.md", "figures/people-detained-per-year.md", "figures/people-detained.md", "figures/people-detained/2.md"]
    for path, text in pages.items():
        assert len(re.findall(r'^\| <span id="', text, flags=re.M)) <= (len(site.measures) if path == "figures.md" else 1), path
    placed = figures_page.page_of(site)
    for path, text in pages.items():
        for figure_id, page in placed.items():
            assert (f'<span id="{figure_id}">' in text) == (page == path)
    assert broken_links(pages) == []


def test_every_link_to_a_figure_lands_on_the_page_that_holds_it_when_a_measure_is_split(monkeypatch) -> None:
    """Sourcing notes, the data exports' permalinks and the pages' JSON-LD follow a figure to its numbered page."""
    monkeypatch.setattr(figures_page, "MAX_FIGURES_PER_PAGE", 1)
    pages = render_pages(MINI)
    assert "figures/people-detained/2.md" in pages
    assert broken_links(pages) == []
    for row in json.loads(pages["data/figures.json"]):
        page, _, anchor = row["permalink"].partition("#")
        assert f'<span id="{anchor}"></span>' in pages[page.removesuffix(".html") + ".md"], row["permalink"]
        held = pages[page.removesuffix(".html") + ".md"]
        assert f'"@id": "#{anchor}"' in held or f'"@id":"#{anchor}"' in held, row["permalink"]


def _measure_site(count: int, quote: str = "text") -> Site:
    """One measure counted ``count`` times, once by each of ``count`` sources (each figure quoting ``quote``), and a measure counted once."""
    busy = Measure(id="deserters", label="Deserters", unit="people")
    rare = Measure(id="tribunals", label="Tribunals", unit="courts")

    def figure(i: int, measure: Measure) -> Figure:
        source = Source(f"source-{i:05d}", SourceMeta(title=f"Report {i:05d}", language="en", kind="news"), "text", None)  # type: ignore[arg-type]
        return Figure(f"{measure.id}-{i:05d}", measure, source, 1000 + i % 7, None, None, "", dates.parse(f"{1500 + i}"), "A ministry", None, None, quote)

    groups = (MeasureGroup(busy, tuple(figure(i, busy) for i in range(count))), MeasureGroup(rare, (figure(0, rare),)))
    return Site(info=SiteInfo(title="Scale", summary="A generated corpus."), eras=(), events=(), measures=groups, glossary=(), sources=())


def test_measure_pages_hold_at_most_their_bound_of_figures_and_the_chart_only_on_the_first() -> None:
    size = figures_page.MAX_FIGURES_PER_PAGE
    site = _measure_site(2 * size + 7)
    pages = figures_page.render(site)
    paths = ["figures/deserters.md", "figures/deserters/2.md", "figures/deserters/3.md"]
    assert sorted(pages) == sorted(["figures.md", *paths, "figures/tribunals.md"])
    rows = [re.findall(r'^\| <span id="(deserters-\d+)"></span>', pages[p], flags=re.M) for p in paths]
    assert [len(r) for r in rows] == [size, size, 7]
    assert [i for r in rows for i in r] == [f"deserters-{i:05d}" for i in range(2 * size + 7)]
    assert [pages[p].count('<figure class="chart"') for p in paths] == [1, 0, 0]
    assert f"The chart and this page show the first {size} values of {2 * size + 7}" in pages[paths[0]]
    assert "[Next →](3.md)" in pages[paths[1]] and "[← Previous](../deserters.md)" in pages[paths[1]]
    placed = figures_page.page_of(site)
    assert all(f'<span id="{figure_id}">' in pages[path] for figure_id, path in placed.items())
    assert broken_links(pages) == []


def test_a_measure_page_stays_light_however_many_figures_and_however_long_their_quotes() -> None:
    """Pages of figures quoting 1,500 characters each hold fewer rows; none is longer than a page of the usual short quotes."""
    long_quote = ("A long account of the count, " * 60)[:1500]
    short = figures_page.render(_measure_site(1_000))
    long = figures_page.render(_measure_site(1_000, long_quote))
    for pages in (short, long):
        measure = {p: t for p, t in pages.items() if p.startswith("figures/deserters")}
        assert max(len(t.encode()) for t in measure.values()) < 80_000, {p: len(t.encode()) for p, t in measure.items()}
        assert sum(len(re.findall(r'^\| <span id="deserters-', t, flags=re.M)) for t in measure.values()) == 1_000
    assert len([p for p in long if p.startswith("figures/deserters")]) > len([p for p in short if p.startswith("figures/deserters")])
    for page in figures_page.pages(_measure_site(1_000, long_quote)):
        assert len(page.figures) == 1 or sum(figures_page.words(f) for f in page.figures) <= figures_page.MAX_WORDS_PER_PAGE


def test_a_figure_longer_than_a_page_allows_has_a_page_of_its_own() -> None:
    site = _measure_site(3, "word " * (figures_page.MAX_WORDS_PER_PAGE // 5))
    assert [len(p.figures) for p in figures_page.pages(site)] == [1, 1, 1, 1]


def test_overview_does_not_grow_with_the_figures_of_a_measure() -> None:
    small = figures_page.render(_measure_site(30))["figures.md"]
    large = figures_page.render(_measure_site(3_000))["figures.md"]
    assert re.sub(r"\d[\d,]*", "N", large) == re.sub(r"\d[\d,]*", "N", small)


def test_figures_data_carries_it_all() -> None:
    pages = render_pages(MINI)
    rows = {r["id"]: r for r in json.loads(pages["data/figures.json"])}
    derived = rows["analyst-yearly-projection"]
    assert derived["derived"] is True and derived["derived_by"] == "the analysts, from their July 2023 count"
    assert derived["value_text"] == "about 12,000 people per year"
    assert rows["gazette-count"]["value_text"] == "more than 1,000 people"
    assert rows["gazette-count"]["permalink"] == "figures/people-detained.html#gazette-count"
    assert rows["gazette-count"]["citation_permalink"] == "sources/field-report.html#figure-gazette-count"
    assert (rows["analyst-count"]["measure_low"], rows["analyst-count"]["measure_high"]) == (900, 1200)
    header = pages["data/figures.csv"].splitlines()[0].split(",")
    for field in ("value_text", "derived", "in_spread", "permalink", "citation_permalink", "producer", "method", "derived_by"):
        assert field in header
