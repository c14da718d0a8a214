"""Sourcing notes and the sources index: reuse limits, agreement, sorting, pages."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.check import Content, Source, check
from builder.curate import Event, EventCitation, Figure, MeasureGroup, Site, curate
from builder.curate.agreement import MAX_NAMED, EventIndex, MeasureIndex, _center, dates_agree, figures_agree, place_event, place_figure
from builder.dates import parse
from builder.load import load_tree
from builder.model import EventEntry, FigureEntry, Measure, SiteInfo, SourceMeta
from builder.pipeline import check_only, render_pages
from builder.problems import Problems
from builder.render import data, links
from builder.render import sources as sources_page
from tests.conftest import BACKGROUND, FIXTURES, ROOT

MINI = FIXTURES / "mini"


def _site(root: Path):
    content, _ = check_only(root)
    return curate(content)


def _mini_with(tmp_path: Path, edit) -> Path:
    shutil.copytree(MINI / "sources", tmp_path / "sources")
    edit(tmp_path / "sources")
    return tmp_path


def test_note_lists_speakers_hedges_and_disagreement(tmp_path: Path) -> None:
    # Text enough that the reproduction budget leaves room for every excerpt.
    pages = render_pages(_mini_with(tmp_path, lambda folder: (folder / "second-account.md").write_text((folder / "second-account.md").read_text() + BACKGROUND * 12)))
    note = pages["sources/second-account.md"]
    assert "- **Ivan Petrov** — 1 mention: told reporters" in note
    assert "**Named inside quotations (1)**" in note and "- **commander** — 1 mention: told us" in note
    assert "*probably* (chances and guesses): “Colonel Ivan Petrov" in note
    assert "*not verified* (not verified): “The count **has not been verified**, according to" in note
    assert "- [The order is issued](../timeline/1942.md#order-issued), dated 28 July 1942 here. 1 other source reports it: 0 with a date that can mean the same day, 1 with one that cannot." in note
    assert "    - [Field report:" in note and "dates it June 1942; this source dates it 28 July 1942." in note
    assert r"this source gives [900–1,200 people \(as stated\)]" in note and "1 other source gives 1 figure: 1 agrees with it, 0 do not." in note
    assert "(Example Gazette): agrees." in note and "see [every value](../figures/people-detained.md)" in note


def _reuse_total(note: str) -> tuple[int, int]:
    match = re.search(r"\| Shown on this site \| .*, ([\d,]+) characters; budget ([\d,]+) characters, the publisher's limit \|", note)
    assert match, note
    return int(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))


@pytest.mark.parametrize("limit", [150, 260, 1000])
def test_excerpts_never_pass_the_reuse_limit(tmp_path: Path, limit: int) -> None:
    def edit(folder: Path) -> None:
        report = folder / "field-report.md"
        text = report.read_text().replace("limit: 400", f"limit: {limit}")
        text += "\nThe gazette said the count was probably low. Officials reportedly disputed it, according to the Example Herald.\n"
        report.write_text(text)

    site = _site(_mini_with(tmp_path, edit))
    profile = next(p for p in site.sources if p.source.id == "field-report")
    note = sources_page.render_note(profile, site)
    used, allowed = _reuse_total(note)
    assert allowed == limit and used <= limit
    excerpts = len(re.findall(r"^ *- .*“", note.split("## Who it relies on")[1], flags=re.M))
    if limit == 150:
        assert re.search(r"excerpts? left out: the publisher allows", note)
    else:
        assert not re.search(r"excerpts? left out", note) and excerpts == 3


def test_reuse_limit_error_lists_every_quote(tmp_path: Path) -> None:
    root = _mini_with(tmp_path, lambda folder: (folder / "field-report.md").write_text((folder / "field-report.md").read_text().replace("limit: 400", "limit: 50")))
    problems = Problems()
    check(load_tree(root, problems), problems)
    [problem] = [p for p in problems.errors if "publisher's limit" in p.message]
    assert problem.message.startswith("the quotes from field-report show 72 of its characters, over its publisher's limit of 50 (sources/field-report.md:10); this quote passes it")
    for quote in ('"The order was issued in June 1942." (34)', '"more than 1,000 people were detained" (36)'):
        assert quote in problem.message


def test_figures_and_dates_agree_by_their_wording() -> None:
    site = _site(MINI)
    figures = site.figures_by_id
    at_least = replace(figures["gazette-count"], qualifier="at-least", value=49000)
    assert figures_agree(at_least, replace(at_least, qualifier="exact", value=50554))
    assert not figures_agree(replace(at_least, qualifier="more-than", value=50000), replace(at_least, qualifier="exact", value=49001))
    assert not figures_agree(replace(at_least, qualifier="more-than", value=1000), replace(at_least, qualifier="exact", value=1000))
    about = replace(at_least, qualifier="approximately", value=5200)
    assert figures_agree(about, replace(about, qualifier="exact", value=5700))
    assert not figures_agree(about, replace(about, qualifier="exact", value=6000))
    nearly = replace(at_least, qualifier="nearly", value=100)
    assert figures_agree(nearly, replace(nearly, qualifier="exact", value=95))
    assert not figures_agree(nearly, replace(nearly, qualifier="exact", value=101))
    assert figures_agree(figures["gazette-count"], figures["analyst-count"])
    assert dates_agree(parse("2022-02"), parse("2022-02-24"))
    assert not dates_agree(parse("1942-06"), parse("1942-07-28"))
    assert dates_agree(parse("XXXX-09-25"), parse("2023-09-25"))
    assert dates_agree(None, parse("1942"))


def test_index_is_sortable_markup_with_keys() -> None:
    index = render_pages(MINI)["sources/index.md"]
    assert '<div class="sortable" markdown>' in index and index.rstrip().endswith("</div>")
    assert "| Source | Publisher | Published | Kind | Language | Items | Relies on | Hedges |" in index
    assert '<span data-sort="2023-10-26"></span>26 October 2023' in index
    assert '<span data-sort=""></span>*unknown*' in index


def test_index_is_split_into_linked_pages() -> None:
    site = _site(MINI)
    pages = sources_page.render_index(site, per_page=1)
    assert sorted(pages) == ["sources/index.md", "sources/pages/2.md"]
    for path, text in pages.items():
        rows = [line for line in text.splitlines() if line.startswith("| [")]
        assert len(rows) == 1, path
    assert "Pages: **1** · [2](pages/2.md) · [Next →](pages/2.md)" in pages["sources/index.md"]
    assert "Pages: [← Previous](../index.md) · [1](../index.md) · **2**\n" in pages["sources/pages/2.md"]
    assert "](../second-account.md)" in pages["sources/pages/2.md"]
    # The publications chart only on the first page.
    assert 'id="chart-sources"' in pages["sources/index.md"] and "chart-sources" not in pages["sources/pages/2.md"]


def test_index_pager_stays_small_however_many_pages() -> None:
    def pager(count: int, current: int) -> str:
        paths = sources_page.index_pages(count * sources_page.SOURCES_PER_PAGE)
        assert len(paths) == count
        return links.pager(paths[current - 1], paths)

    middle = pager(50, 25)
    assert middle == (
        "Pages: [← Previous](24.md) · [1](../index.md) · … · [23](23.md) · [24](24.md) · **25** · [26](26.md) · [27](27.md) · … · [50](50.md) · [Next →](26.md)"
    )
    assert pager(5000, 2500).count("](") == middle.count("](")
    assert pager(50, 1).startswith("Pages: **1** · [2](pages/2.md) · [3](pages/3.md) · … · [50](pages/50.md) · [Next")
    assert pager(50, 50).endswith("[48](48.md) · [49](49.md) · **50**")
    per_page = sources_page.SOURCES_PER_PAGE
    assert sources_page.index_pages(0) == ["sources/index.md"] and sources_page.index_pages(per_page) == ["sources/index.md"]
    assert sources_page.index_pages(per_page + 1) == ["sources/index.md", "sources/pages/2.md"]


# --- agreement at scale: an in-memory corpus where every source reports one event and counts one measure ----------


def _crowd(n: int) -> Content:
    """``n`` sources on one event (dated on nine different days) and one measure (values 1,000 up, every third exact)."""
    measure = Measure(id="deserters", label="Deserters", unit="people")
    sources = []
    for i in range(n):
        described = {"title": "The assault", "summary": "An assault."} if i == 0 else {}
        event = EventEntry(id="assault", date=None if i % 7 == 6 else f"2023-0{1 + i % 9}-1{i % 10}", quote="the assault", **described)
        figure = FigureEntry(id=f"count-{i:04d}", measure="deserters", value=1000 + 10 * i, qualifier="exact" if i % 3 == 0 else "approximately", quote="the assault")
        meta = SourceMeta(title=f"Report {i}", language="en", kind="news", events=[event], figures=[figure])
        sources.append(Source(f"report-{i:04d}", meta, "Text of the assault.", None))  # type: ignore[arg-type]
    return Content(SiteInfo(title="Crowd", summary="Generated."), tuple(sources), (), (measure,), ())


@pytest.fixture(scope="module")
def crowd() -> Site:
    return curate(_crowd(500))


def test_note_size_does_not_grow_with_the_sources_of_a_measure(crowd: Site) -> None:
    small = curate(_crowd(20))
    notes = [sources_page.render_note(site.sources_by_id["report-0007"], site) for site in (small, crowd)]
    # Only the counts differ ("19" against "499"): the note names the same few sources whatever their number.
    assert abs(len(notes[1]) - len(notes[0])) < 40
    section = notes[1].split("## Other sources on the same events and figures")[1]
    named = [line for line in section.splitlines() if line.startswith("    - [Report")]
    assert len(named) == 2 * MAX_NAMED
    assert "499 other sources report it" in section and "499 other sources give 499 figures" in section
    assert "    - …and 496 more: see [the event](../timeline/2023.md#assault)" in section


def test_agreement_counts_every_other_source_exactly(crowd: Site) -> None:
    figures = [f for g in crowd.measures for f in g.figures]
    [event] = crowd.events
    for profile in crowd.sources[:60]:
        [placed] = profile.figure_agreement
        others = [f for f in figures if f.source.id != profile.source.id]
        assert placed.others == len(others) == 499 and placed.other_sources == 499
        assert placed.agree == sum(figures_agree(placed.mine, f) for f in others)
        assert placed.disagree == len(others) - placed.agree
        assert all(c.agrees == figures_agree(c.mine, c.theirs) for c in placed.nearest)
        [dated] = profile.event_agreement
        mine = next(c for c in event.citations if c.source.id == profile.source.id)
        theirs = [c for c in event.citations if c is not mine]
        assert dated.undated == sum(c.date is None for c in theirs)
        assert dated.disagree == sum(not dates_agree(mine.date, c.date) for c in theirs)
        assert dated.agree == len(theirs) - dated.disagree - dated.undated
        # Disagreements are named first, nearest date first.
        if dated.disagree:
            assert not dated.named[0].agrees
            gaps = [_gap(c.mine, c.theirs) for c in dated.named if not c.agrees]
            assert gaps == sorted(gaps)


def _gap(a, b) -> int:
    return max(b.lower.toordinal() - a.upper.toordinal(), a.lower.toordinal() - b.upper.toordinal())


def test_sources_export_is_bounded_and_counts_the_rest(crowd: Site) -> None:
    record = data.source_record(crowd.sources_by_id["report-0007"])
    assert len(record["agrees"]) + len(record["disagrees"]) == 2 * MAX_NAMED
    [event] = record["event_agreement"]
    assert event["event"] == "assault" and event["other_sources"] == 499
    assert event["agree"] + event["disagree"] + event["undated"] == 499
    [figure] = record["figure_agreement"]
    assert figure == {"figure": "count-0007", "measure": "deserters", "other_figures": 499, "other_sources": 499, "agree": figure["agree"], "disagree": 499 - figure["agree"]}


_QUALIFIERS = ("stated", "exact", "approximately", "nearly", "more-than", "at-least", "at-most", "up-to")


@st.composite
def _figures(draw) -> list[Figure]:
    measure = Measure(id="m", label="M", unit="people")
    out = []
    for i in range(draw(st.integers(1, 25))):
        source = Source(f"s{draw(st.integers(0, 8))}", SourceMeta(title="S", language="en", kind="news"), "", None)  # type: ignore[arg-type]
        low = draw(st.integers(-50, 200))
        ranged = draw(st.booleans())
        high = low + draw(st.integers(0, 60))
        value = None if ranged else float(low)
        out.append(Figure(f"f{i}", measure, source, value, float(low) if ranged else None, float(high) if ranged else None, draw(st.sampled_from(_QUALIFIERS)), None, None, None, None, "q"))
    return out


@given(_figures())
def test_placing_a_figure_counts_as_comparing_every_pair(figures: list[Figure]) -> None:
    group = MeasureGroup(figures[0].measure, tuple(figures))
    index = MeasureIndex(group)
    for figure in figures:
        own = [f for f in figures if f.source.id == figure.source.id]
        placed = place_figure(figure, index, own)
        others = [f for f in figures if f.source.id != figure.source.id]
        assert placed.others == len(others)
        assert placed.agree == sum(figures_agree(figure, f) for f in others)
        by_distance = sorted(abs(_center(f) - _center(figure)) for f in others)
        assert [abs(_center(c.theirs) - _center(figure)) for c in placed.nearest] == by_distance[:MAX_NAMED]


@given(st.lists(st.sampled_from(["1942", "1942-06", "1942-07-28", "1942-06-30", "1942-07", "1943", None, "1942-21", "1941/1942"]), min_size=2, max_size=30))
def test_placing_a_date_counts_as_comparing_every_pair(texts: list[str | None]) -> None:
    sources = [Source(f"s{i:02d}", SourceMeta(title=f"S{i}", language="en", kind="news"), "", None) for i in range(len(texts))]  # type: ignore[arg-type]
    citations = tuple(EventCitation(s, "q", parse(t) if t else None, None, describes=i == 0) for i, (s, t) in enumerate(zip(sources, texts)))
    event = Event("e", parse("1942"), None, "E", "S.", (), (), (), citations, None)
    index = EventIndex(event)
    for source, mine in zip(sources, citations):
        placed = place_event(source, index)
        assert placed is not None
        theirs = [c for c in citations if c is not mine]
        assert placed.disagree == sum(not dates_agree(mine.date, c.date) for c in theirs)
        assert placed.undated == sum(c.date is None for c in theirs)
        assert len(placed.named) == min(MAX_NAMED, len(theirs))
        assert [c.agrees for c in placed.named] == sorted(c.agrees for c in placed.named)


def test_sort_script_is_local_and_listed() -> None:
    script = (ROOT / "docs" / "assets" / "sources.js").read_text(encoding="utf-8")
    assert "http" not in script and "import(" not in script
    assert "md_in_html" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_index_sorts_in_a_browser_and_reads_without_script(browser, serve, bundled_site: Path) -> None:
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(base + "sources/index.html", wait_until="networkidle")
    table = tab.locator(".sortable table")

    def column(n: int) -> list[str]:
        return [c.strip() for c in table.locator(f"tbody tr td:nth-child({n})").all_inner_texts()]

    tab.locator(".sortable th button", has_text="Publisher").click()
    publishers = column(2)
    known = [p for p in publishers if p != "unknown"]
    assert known == sorted(known, key=str.casefold) and publishers[len(known):] == ["unknown"] * (len(publishers) - len(known))
    assert tab.locator(".sortable th").nth(1).get_attribute("aria-sort") == "ascending"
    tab.locator(".sortable th button", has_text="Publisher").click()
    assert [p for p in column(2) if p != "unknown"] == list(reversed(known))
    tab.locator(".sortable th button", has_text="Items").click()
    items = [int(x) for x in column(6)]
    assert items == sorted(items)
    assert [u for u in requests if not u.startswith(base)] == []
    context.close()

    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(base + "sources/index.html")
    assert page.locator(".sortable table tbody tr").count() == len(list((ROOT / "sources").glob("*.md")))
    assert page.locator("th button").count() == 0
    plain.close()


def test_every_sources_export_field_is_documented() -> None:
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    documented = about.split("- `data/sources.json`")[1].split("\n## ")[0]
    record = json.loads(render_pages(MINI)["data/sources.json"])[0]
    fields = set(record) | set(record["event_agreement"][0]) | set(record["figure_agreement"][0]) | set(record["disagrees"][0])
    assert [f for f in sorted(fields) if f"`{f}`" not in documented and not re.search(rf"[{{ ]{f}[,}}]", documented)] == []
