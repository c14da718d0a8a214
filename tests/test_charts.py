"""Charts are drawn from the records: a new figure is a new point, hostile labels stay text, output is stable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import charts
from builder.curate import curate
from builder.pipeline import check_only, render_pages
from builder.render import links
from tests.conftest import FIXTURES, make_project

SVG = "{http://www.w3.org/2000/svg}"

EXTRA_SOURCE = """---
title: A third count
publisher: Third Outlet
authors: []
url: null
published: "2024-03-05"
language: en
kind: news
figures:
  - id: third-count
    measure: people-detained
    value: 1100
    as_of: "2023-08"
    producer: {producer}
    quote: "1,100 people were held"
---
By August 2023, 1,100 people were held, the outlet counted.
"""


def site_of(tmp_path: Path, producer: str | None = None):
    extra = {"sources/third-count.md": EXTRA_SOURCE.format(producer=producer)} if producer else None
    project = make_project(tmp_path, extra=extra)
    return curate(check_only(project)[0])


def group(site, measure: str):
    return next(g for g in site.measures if g.measure.id == measure)


def points(svg: str) -> int:
    """Dots drawn in the accent colour: one per single value (ranges are bars, not dots)."""
    root = ET.fromstring(svg)
    return sum(1 for use in root.iter(f"{SVG}use") if "--chart-accent" in use.get("style", ""))


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_a_new_figure_is_a_new_point_labelled_with_its_producer_and_date(tmp_path: Path) -> None:
    before = charts.figure_values(group(site_of(tmp_path / "a"), "people-detained"))
    after = charts.figure_values(group(site_of(tmp_path / "b", producer="Third Outlet"), "people-detained"))
    assert before is not None and after is not None
    assert points(after.svg) == points(before.svg) + 1
    assert len(after.rows) == len(before.rows) + 1
    assert "Third Outlet, August 2023" in texts(after.svg)
    assert "1,100 people" in texts(after.svg)
    assert "1,100 people (Third Outlet, August 2023)" in after.description


def test_a_range_is_a_bar_and_more_than_an_arrow(tmp_path: Path) -> None:
    chart = charts.figure_values(group(site_of(tmp_path), "people-detained"))
    assert chart is not None
    labels = texts(chart.svg)
    assert "900–1,200 people" in labels and "more than 1,000 people" in labels
    assert points(chart.svg) == 1  # the range is drawn as a bar, the "more than" as a dot with an arrow


def test_a_measure_with_one_value_has_no_chart(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    single = [g for g in site.measures if len(g.figures) == 1]
    assert single
    assert charts.figure_values(single[0]) is None
    assert charts.embed(None) == ""


def test_labels_are_text_never_markup_or_math(tmp_path: Path) -> None:
    hostile = '"$x^2$ </text><script>alert(1)</script> & <b>bold</b> <a href=\'javascript:alert(2)\'>"'
    site = site_of(tmp_path, producer=hostile)
    chart = charts.figure_values(group(site, "people-detained"))
    assert chart is not None
    root = ET.fromstring(chart.svg)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"script", "foreignObject", "b"}
    assert all(not a.get("href", "").startswith("javascript") for a in root.iter(f"{SVG}a"))
    label = next(t for t in texts(chart.svg) if "alert(1)" in t)
    assert "$x^2$" in label and "<script>" in label  # shown as typed, not as math or markup
    assert "<b>bold</b> <a href='javascript:alert(2)'>" in chart.description

    class Tags(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.found.append(tag)

    parser = Tags()
    parser.feed(chart.html())
    assert "script" not in parser.found and "b" not in parser.found


def test_the_svg_is_ready_to_inline(tmp_path: Path) -> None:
    chart = charts.figure_values(group(site_of(tmp_path), "people-detained"))
    assert chart is not None
    svg = chart.svg
    assert svg.startswith("<svg ") and "<?xml" not in svg and "DOCTYPE" not in svg
    assert "<metadata" not in svg and "<style" not in svg and "DejaVu" not in svg
    assert not re.search(r"#0f0f0\d", svg), "a drawing colour was not turned into the page's"
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "width" not in root.attrib and root.get("viewBox")
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | {h[1:] for h in re.findall(r'href="(#[^"]+)"', svg)}
    assert set(ids) - {title.get("id"), desc.get("id")} <= referenced, "ids that nothing uses would clash between charts"


def test_same_records_same_bytes_and_ids_unique_between_charts(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    first = charts.figure_values(group(site, "people-detained"))
    again = charts.figure_values(group(site, "people-detained"))
    assert first is not None and again is not None and first.svg == again.svg
    strip = charts.timeline_strip(site, "timeline.md", links.layout(site).year_path)
    assert strip is not None
    ids = re.findall(r' id="([^"]+)"', first.html() + strip.html())
    assert len(ids) == len(set(ids))


def test_timeline_strip_links_every_year_with_events_to_its_page(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    pages = render_pages(make_project(tmp_path / "pages"))
    chart = charts.timeline_strip(site, "timeline.md", links.layout(site).year_path)
    assert chart is not None
    hrefs = {a.get("href") for a in ET.fromstring(chart.svg).iter(f"{SVG}a")}
    years = {e.date.anchor.year for e in site.events if e.date.anchor}
    assert hrefs == {f"timeline/{y}.html" for y in years}
    assert all(h.removesuffix(".html") + ".md" in pages for h in hrefs)
    assert [row[0] for row in chart.rows] == [(str(y), f"timeline/{y}.html") for y in sorted(years)]


def test_timeline_strip_counts_events_per_year(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    chart = charts.timeline_strip(site, "index.md", links.layout(site).year_path)
    assert chart is not None
    counted = {row[0][0]: int(row[2]) for row in chart.rows}
    expected: dict[str, int] = {}
    for event in site.events:
        if event.date.anchor:
            expected[str(event.date.anchor.year)] = expected.get(str(event.date.anchor.year), 0) + 1
    assert counted == expected


def test_publications_draw_dated_sources_and_say_how_many_are_not_dated(tmp_path: Path) -> None:
    site = site_of(tmp_path / "a")
    undated = sum(1 for p in site.sources if not p.source.meta.published)
    chart = charts.publications(site.sources, "sources/index.md")
    if chart is not None:
        assert f"{undated} source" in chart.caption
    more = site_of(tmp_path / "b", producer="Third Outlet")
    added = charts.publications(more.sources, "sources/index.md")
    assert added is not None
    assert ("Third Outlet", "1", "5 March 2024", "5 March 2024") in added.rows
    assert "Third Outlet: 5 March 2024" in added.description
    assert points(added.svg) >= 1  # dated to the day: a dot
    assert any(t.startswith("Third Outlet (1)") for t in texts(added.svg))


def test_page_url_names_built_pages() -> None:
    assert charts.page_url("index.md", "timeline/1942.md") == "timeline/1942.html"
    assert charts.page_url("sources/index.md", "sources/a.md#figure-x") == "a.html#figure-x"
    assert charts.page_url("timeline/1942.md", "figures.md#m") == "../figures.html#m"


@pytest.mark.parametrize("page", ["figures.md", "timeline.md"])
def test_owning_pages_embed_their_chart(page: str) -> None:
    text = render_pages(FIXTURES / "mini")[page]
    assert '<figure class="chart"' in text
    block = text[text.index('<figure class="chart"') : text.index("</figure>")]
    assert "\n\n" not in block, "a blank line inside the block would end Markdown's raw HTML"
