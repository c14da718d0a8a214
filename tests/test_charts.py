"""Charts are drawn from the records: a new figure is a new point, hostile labels stay text, output is stable and small."""

from __future__ import annotations

import dataclasses
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder import charts
from builder.curate import curate
from builder.pipeline import check_only, render_pages
from builder.render import links
from tests.conftest import BACKGROUND, FIXTURES, make_project

SVG = "{http://www.w3.org/2000/svg}"

EXTRA_SOURCE = """---
title: A third count
publisher: {publisher}
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
""" + BACKGROUND

HOSTILE = '"$x^2$ </text><script>alert(1)</script> & <b>bold</b> <a href=\'javascript:alert(2)\'>"'


def site_of(tmp_path: Path, producer: str | None = None, publisher: str = "Third Outlet"):
    extra = {"sources/third-count.md": EXTRA_SOURCE.format(producer=producer, publisher=publisher)} if producer else None
    project = make_project(tmp_path, extra=extra)
    return curate(check_only(project)[0])


def group(site, measure: str):
    return next(g for g in site.measures if g.measure.id == measure)


def parse(svg: str) -> ET.Element:
    """The SVG as XML: parsing fails on anything that is not well-formed."""
    return ET.fromstring(svg)


def accent_group(svg: str) -> ET.Element:
    """The group of marks drawn in the accent colour: the stated values."""
    return next(g for g in parse(svg).iter(f"{SVG}g") if "--chart-accent" in g.get("style", ""))


def points(svg: str) -> int:
    """Dots drawn in the accent colour: one per single value (ranges are bars, not dots)."""
    return sum(1 for _ in accent_group(svg).iter(f"{SVG}circle"))


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in parse(svg).iter(f"{SVG}text")]


def text_x(svg: str, label: str) -> float:
    return float(next(t.get("x") for t in parse(svg).iter(f"{SVG}text") if "".join(t.itertext()) == label))


def every_chart(site) -> list[charts.Chart]:
    drawn = [charts.figure_values(g) for g in site.measures]
    drawn += [charts.timeline_strip(site, "timeline.md", links.layout(site).year_path), charts.publications(site.sources, "sources/index.md")]
    return [c for c in drawn if c is not None]


def test_a_new_figure_is_a_new_point_labelled_with_its_producer_and_date(tmp_path: Path) -> None:
    before = charts.figure_values(group(site_of(tmp_path / "a"), "people-detained"))
    after = charts.figure_values(group(site_of(tmp_path / "b", producer="Third Outlet"), "people-detained"))
    assert before is not None and after is not None
    assert points(after.svg) == points(before.svg) + 1
    assert len(after.rows) == len(before.rows) + 1
    assert "Third Outlet, August 2023" in texts(after.svg)
    assert "1,100 people (as stated)" in texts(after.svg)
    assert "1,100 people (as stated) (Third Outlet, August 2023)" in after.description


def test_a_range_is_a_bar_and_more_than_an_arrow(tmp_path: Path) -> None:
    chart = charts.figure_values(group(site_of(tmp_path), "people-detained"))
    assert chart is not None
    labels = texts(chart.svg)
    assert "900–1,200 people (as stated)" in labels and "more than 1,000 people" in labels
    assert points(chart.svg) == 1  # the range is drawn as a bar, the "more than" as a dot with an arrow
    paths = [p.get("d") for p in accent_group(chart.svg).iter(f"{SVG}path")]
    bar = next(d for d in paths if re.fullmatch(r"M[\d.]+ [\d.]+H[\d.]+", d))
    arrow = next(d for d in paths if d.count("M") == 2)
    (dot,) = accent_group(chart.svg).iter(f"{SVG}circle")
    start, end = (float(v) for v in re.findall(r"[MH]([\d.]+)", bar))
    tip = float(re.match(r"M[\d.]+ [\d.]+H([\d.]+)", arrow).group(1))
    assert start < float(dot.get("cx")) < end, "1,000 lies inside the range 900–1,200"
    assert tip > float(dot.get("cx")), "“more than” points right"


def test_values_are_placed_in_the_order_of_their_size(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    measure = group(site, "people-detained")
    model = next(f for f in measure.figures if f.value is not None)
    values = [7, 3000, 0, 512.5, 45]
    made = tuple(dataclasses.replace(model, id=f"v{i}", value=v, qualifier="stated", producer=f"Counter {i}") for i, v in enumerate(values))
    chart = charts.figure_values(measure, made)
    assert chart is not None
    dots = [float(c.get("cx")) for c in accent_group(chart.svg).iter(f"{SVG}circle")]
    assert len(dots) == len(values)
    assert sorted(range(len(values)), key=lambda i: dots[i]) == sorted(range(len(values)), key=lambda i: values[i])
    # Drawn to scale from zero: 3,000 is about six times as far from the axis's start as 512.5.
    zero = dots[values.index(0)]
    assert (dots[1] - zero) / (dots[3] - zero) == pytest.approx(3000 / 512.5, rel=0.01)
    ticks = [t for t in texts(chart.svg) if re.fullmatch(r"[\d,]+", t)]
    assert [int(t.replace(",", "")) for t in ticks] == sorted(int(t.replace(",", "")) for t in ticks)
    assert [text_x(chart.svg, t) for t in ticks] == sorted(text_x(chart.svg, t) for t in ticks)
    rows = [next(c for c in parse(chart.svg).iter(f"{SVG}circle") if float(c.get("cx")) == x).get("cy") for x in dots]
    assert len(set(rows)) == len(values), "one row per value"


def test_many_values_share_one_strip_whose_size_does_not_grow_with_them(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    measure = group(site, "people-detained")
    model = next(f for f in measure.figures if f.value is not None)

    def strip(count: int) -> charts.Chart:
        made = tuple(dataclasses.replace(model, id=f"v{i}", value=float(i % 97) * 10, qualifier="stated", producer=f"Counter {i}") for i in range(count))
        chart = charts.figure_values(measure, made)
        assert chart is not None
        return chart

    small, large = strip(200), strip(2000)
    assert len(large.rows) == 2000 and all(f"(Counter {i}, " in large.description for i in range(2000))  # the text alternative keeps every value
    assert points(large.svg) == points(small.svg) == 97  # 97 distinct values: one dot each, however often they occur
    drawing = lambda chart: len(re.sub(r"<desc .*?</desc>", "", chart.svg))  # noqa: E731
    assert drawing(large) < 1.05 * drawing(small) < 6_000
    assert "0 people (as stated)" in texts(large.svg) and "960 people (as stated)" in texts(large.svg)


def test_labels_are_text_never_markup_or_math(tmp_path: Path) -> None:
    site = site_of(tmp_path, producer=HOSTILE, publisher=HOSTILE)
    chart = charts.figure_values(group(site, "people-detained"))
    sources = charts.publications(site.sources, "sources/index.md")
    assert chart is not None and sources is not None
    for drawn in (chart, sources):
        root = parse(drawn.svg)
        tags = {el.tag.removeprefix(SVG) for el in root.iter()}
        assert not tags & {"script", "foreignObject", "b", "style", "image"}
        assert all(not a.get("href", "").startswith("javascript") for a in root.iter(f"{SVG}a"))
        assert "<script" not in drawn.svg and "<b>" not in drawn.svg
        label = next(t for t in texts(drawn.svg) if "alert(1)" in t)
        assert "$x^2$" in label and "<script>" in label  # shown as typed, not as math or markup
        assert "<b>bold</b> <a href='javascript:alert(2)'>" in root.find(f"{SVG}desc").text

        class Tags(HTMLParser):
            found: list[str] = []

            def handle_starttag(self, tag, attrs):
                self.found.append(tag)

        parser = Tags()
        parser.feed(drawn.html())
        assert "script" not in parser.found and "b" not in parser.found


def test_every_chart_is_well_formed_self_contained_svg_ready_to_inline(tmp_path: Path) -> None:
    site = site_of(tmp_path, producer="Third Outlet")
    drawn = every_chart(site)
    assert {c.id for c in drawn} == {"chart-figures-people-detained", "chart-timeline", "chart-sources"}
    for chart in drawn:
        svg = chart.svg
        assert svg.startswith("<svg ") and "<?xml" not in svg and "DOCTYPE" not in svg
        assert "<metadata" not in svg and "<style" not in svg and "@import" not in svg
        root = parse(svg)
        assert root.get("role") == "img" and root.get("class") == "chart__svg"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title and desc is not None and desc.text == chart.description
        assert root.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
        assert "width" not in root.attrib and re.fullmatch(r"0 0 480 \d+(\.\d)?", root.get("viewBox"))
        assert {el.get("id") for el in root.iter() if el.get("id")} == {f"{chart.id}-title", f"{chart.id}-desc"}
        # Nothing that fetches: no scheme, no protocol-relative address, no url() reference.
        hrefs = [el.get("href") for el in root.iter() if el.get("href")]
        assert all(not re.match(r"[a-z]+:|//", h) for h in hrefs), hrefs
        assert "url(" not in svg and "xlink" not in svg
        # Colours come from the page: currentColor or the chart variables, never a fixed colour on its own.
        assert not re.search(r'(?:fill|stroke)[=:]"?#', svg)
        # Coordinates: at most one decimal, no exponent, no negative zero.
        numbers = [v for el in root.iter() for k, v in el.attrib.items() if k in ("x", "y", "cx", "cy", "r", "font-size")]
        numbers += [n for el in root.iter(f"{SVG}path") for n in re.findall(r"[-\d.e]+", el.get("d"))]
        assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) and n != "-0" for n in numbers), numbers


def test_same_records_same_bytes_and_ids_unique_between_charts(tmp_path: Path) -> None:
    first = [c.html() for c in every_chart(site_of(tmp_path / "a", producer="Third Outlet"))]
    again = [c.html() for c in every_chart(site_of(tmp_path / "b", producer="Third Outlet"))]
    assert first == again
    ids = re.findall(r' id="([^"]+)"', "".join(first))
    assert len(ids) == len(set(ids))


def test_timeline_strip_links_every_year_with_events_to_its_page(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    pages = render_pages(make_project(tmp_path / "pages"))
    chart = charts.timeline_strip(site, "timeline.md", links.layout(site).year_path)
    assert chart is not None
    hrefs = {a.get("href") for a in parse(chart.svg).iter(f"{SVG}a")}
    years = {e.date.anchor.year for e in site.events if e.date.anchor}
    assert hrefs == {f"timeline/{y}.html" for y in years}
    assert all(h.removesuffix(".html") + ".md" in pages for h in hrefs)
    assert [row[0] for row in chart.rows] == [(str(y), f"timeline/{y}.html") for y in sorted(years)]
    bars = [a for a in parse(chart.svg).iter(f"{SVG}a") if a.find(f"{SVG}path") is not None]
    assert [b.find(f"{SVG}title").text for b in bars] == ["1942: 2 events"]
    home = charts.timeline_strip(site, "index.md", links.layout(site).year_path)
    assert home is not None and 'href="timeline/1942.html"' in home.svg


def test_timeline_strip_counts_events_per_year_and_bars_grow_with_them(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    chart = charts.timeline_strip(site, "index.md", links.layout(site).year_path)
    assert chart is not None
    counted = {row[0][0]: int(row[2]) for row in chart.rows}
    expected: dict[str, int] = {}
    for event in site.events:
        if event.date.anchor:
            expected[str(event.date.anchor.year)] = expected.get(str(event.date.anchor.year), 0) + 1
    assert counted == expected
    spans = [charts._Span("Early", "era-a", (1941, 1942, 1943), (1, 4, 2)), charts._Span("Late", "era-b", (2022, 2023), (3, 0))]
    body = "".join(charts._strip_body(spans, {1941: "a.html", 1942: "b.html", 1943: "c.html", 2022: "d.html"}))
    heights = [-float(h) for h in re.findall(r'<path d="M[\d.]+ [\d.]+v(-[\d.]+)', body)]
    assert len(heights) == 4, "a bar for each year with events, none for 2023"
    assert heights[1] > heights[3] > heights[2] > heights[0]  # 4, 3, 2 and 1 events
    assert heights[1] == pytest.approx(4 * heights[0], rel=0.01)


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
    assert any(t.startswith("Third Outlet (1)") for t in texts(added.svg))
    # Dated to the day: a dot, a round-capped mark of no length; the 2024 source lies right of the gazette's October 2023.
    (dots,) = [p for p in parse(added.svg).iter(f"{SVG}path") if "round" in p.get("style", "")]
    marks = [(float(x0), float(y), float(x1)) for x0, y, x1 in re.findall(r"M([\d.]+) ([\d.]+)H([\d.]+)", dots.get("d"))]
    assert len(marks) == 2 and all(x0 == x1 for x0, _, x1 in marks)
    (gazette, _, _), (third, _, _) = sorted(marks, key=lambda m: m[1])  # rows in the order of their first date
    assert third > gazette


def fake_sources(count: int, precision: str = "day") -> list[SimpleNamespace]:
    """Profiles with only what the sources chart reads: publisher and date, spread over 2019–2024."""
    out = []
    for i in range(count):
        year, month, day = 2019 + i % 6, 1 + i * 7 % 12, 1 + i * 11 % 28
        published = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}", "year": str(year)}[precision]
        meta = SimpleNamespace(published=published, publisher=f"Outlet {i % 15:02d}")
        out.append(SimpleNamespace(source=SimpleNamespace(meta=meta)))
    return out


@pytest.mark.parametrize("precision", ["day", "month"])
def test_the_sources_chart_stays_the_same_size_however_many_sources(precision: str) -> None:
    small, large = (charts.publications(fake_sources(n, precision), "sources/index.md") for n in (300, 6000))
    assert small is not None and large is not None
    assert len(large.rows) == len(small.rows) == charts.MAX_PUBLISHER_ROWS
    assert "4 other publishers" in large.description
    assert len(large.svg) < 1.1 * len(small.svg) and len(large.svg) < 12_000
    parse(large.svg)


def test_charts_need_no_plotting_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_of(tmp_path, producer="Third Outlet")
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # importing it now raises ImportError
    assert len(every_chart(site)) == 3


def test_page_url_names_built_pages() -> None:
    assert charts.page_url("index.md", "timeline/1942.md") == "timeline/1942.html"
    assert charts.page_url("sources/index.md", "sources/a.md#figure-x") == "a.html#figure-x"
    assert charts.page_url("timeline/1942.md", "figures.md#m") == "../figures.html#m"


def test_axis_steps_are_round_and_cover_the_values() -> None:
    assert charts._ticks(0, 1308) == [0, 300, 600, 900, 1200]
    assert charts._ticks(0, 1.09) == pytest.approx([0, 0.25, 0.5, 0.75, 1.0])
    assert [charts.number(v) for v in charts._ticks(0, 1.3)] == ["0", "0.3", "0.6", "0.9", "1.2"]
    assert charts._ticks(-40, 40) == [-40, -20, 0, 20, 40]
    assert [charts._n(v) for v in (0.04, -0.04, 12.0, 3.25, 1e7)] == ["0", "0", "12", "3.2", "10000000"]


@pytest.mark.parametrize("page", ["figures", "timeline.md", "sources/index.md"])
def test_owning_pages_embed_their_chart(page: str) -> None:
    pages = render_pages(FIXTURES / "mini")
    # The figures chart is on the measure's own section, wherever the figures pages put it.
    text = pages[page] if page in pages else next(t for path, t in sorted(pages.items()) if path.startswith(page) and "<figure" in t)
    assert '<figure class="chart"' in text
    block = text[text.index('<figure class="chart"') : text.index("</figure>")]
    assert "\n\n" not in block, "a blank line inside the block would end Markdown's raw HTML"
    parse(block[block.index("<svg") : block.index("</svg>") + 6])
