"""The figures table: spread in plain words, derived numbers marked, citations linked, pages bounded."""

from __future__ import annotations

import json
import re

from builder.curate import curate
from builder.pipeline import check_only, render_pages
from builder.render import figures as figures_page
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"


def test_spread_is_shown_plainly_with_lowest_and_highest() -> None:
    page = render_pages(MINI)["figures.md"]
    assert (
        "**2 values from 2 sources; spread 900 to 1,200 people.** Both ends from one value: 900–1,200 people (An analyst, July 2023)."
    ) in page


def test_derived_number_is_marked_with_who_derived_it() -> None:
    page = render_pages(MINI)["figures.md"]
    row = next(line for line in page.splitlines() if 'id="analyst-yearly-projection"' in line)
    assert "*(derived)*" in row and "*Derived by* the analysts, from their July 2023 count." in row
    assert "about 12,000 people per year" in row
    assert "It was derived from another number: see who derived it below." in page


def test_every_value_links_to_its_citation_in_the_sourcing_note() -> None:
    pages = render_pages(MINI)
    links = re.findall(r'<span id="([a-z0-9-]+)"></span>\[[^\]]+\]\(sources/([a-z0-9-]+)\.md#figure-([a-z0-9-]+)\)', pages["figures.md"])
    assert {figure for figure, _, _ in links} == {"gazette-count", "analyst-count", "analyst-yearly-projection"}
    for figure, source, anchor in links:
        assert anchor == figure
        assert f'<span id="figure-{figure}"></span>' in pages[f"sources/{source}.md"]


def test_large_tables_become_an_overview_and_one_page_per_measure(monkeypatch) -> None:
    monkeypatch.setattr(figures_page, "MAX_FIGURES_PER_PAGE", 1)
    content, _ = check_only(MINI)
    site = curate(content)
    pages = figures_page.render(site)
    assert sorted(pages) == ["figures.md", "figures/people-detained-p2.md", "figures/people-detained-per-year.md", "figures/people-detained.md"]
    overview = pages["figures.md"]
    for group in site.measures:
        assert f"{{#{group.measure.id}}}" in overview
    for path, text in pages.items():
        assert len(re.findall(r'^\| <span id="', text, flags=re.M)) <= 1, path
    placed = figures_page.page_of(site)
    for path, text in pages.items():
        for figure_id, page in placed.items():
            assert (f'<span id="{figure_id}">' in text) == (page == path)


def test_figures_data_carries_it_all() -> None:
    pages = render_pages(MINI)
    rows = {r["id"]: r for r in json.loads(pages["data/figures.json"])}
    derived = rows["analyst-yearly-projection"]
    assert derived["derived"] is True and derived["derived_by"] == "the analysts, from their July 2023 count"
    assert derived["value_text"] == "about 12,000 people per year"
    assert rows["gazette-count"]["value_text"] == "more than 1,000 people"
    assert rows["gazette-count"]["permalink"] == "figures.html#gazette-count"
    assert rows["gazette-count"]["citation_permalink"] == "sources/field-report.html#figure-gazette-count"
    assert (rows["analyst-count"]["measure_low"], rows["analyst-count"]["measure_high"]) == (900, 1200)
    header = pages["data/figures.csv"].splitlines()[0].split(",")
    for field in ("value_text", "derived", "in_spread", "permalink", "citation_permalink", "producer", "method", "derived_by"):
        assert field in header
