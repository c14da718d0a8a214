"""Pages that stay light at any corpus size: the glossary in pages of entries, the table of contents once, JSON-LD for citing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.corpus import write_project
from builder.curate import GlossaryEntry
from builder.model import Citation, Term
from builder.render import glossary
from tests.conftest import run_builder

MAX_PAGE_BYTES = 150_000


def _entry(name: str) -> GlossaryEntry:
    term = Term(id=name.lower().replace(" ", "-"), term=name, short="A term.", definition="A term.", citations=[Citation(source="s", quote="a quote")])
    return GlossaryEntry(term, (), ())


def _letters(counts: dict[str, int]) -> list[tuple[str, list[GlossaryEntry]]]:
    return [(letter, [_entry(f"{letter}term {i}") for i in range(n)]) for letter, n in counts.items()]


def test_letters_share_a_page_while_they_fit_and_a_long_letter_has_pages_of_its_own() -> None:
    size = glossary.MAX_TERMS_PER_PAGE
    layout = glossary.letter_pages(_letters({"A": 3, "B": 2, "C": size - 1, "D": 2 * size + 5, "E": 1}))
    assert [(path, span, len(entries)) for path, span, entries in layout] == [
        ("glossary/a-b/entries.md", "A–B", 5),
        ("glossary/c/entries.md", "C", size - 1),
        ("glossary/d/entries.md", "D", size),
        ("glossary/d/entries-2.md", "D", size),
        ("glossary/d/entries-3.md", "D", 5),
        ("glossary/e/entries.md", "E", 1),
    ]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of 40 sources (and its 300 glossary terms), built."""
    project = write_project(tmp_path_factory.mktemp("light") / "project", 40, seed=1)
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def test_no_glossary_page_passes_150_kb(corpus_site: Path) -> None:
    pages = [corpus_site / "glossary.html", *(corpus_site / "glossary").rglob("*.html")]
    heavy = {p.relative_to(corpus_site).as_posix(): p.stat().st_size for p in pages if p.stat().st_size > MAX_PAGE_BYTES}
    assert heavy == {}
    assert len(list((corpus_site / "glossary").glob("*/entries*.html"))) > 1


def test_no_page_passes_150_kb(corpus_site: Path) -> None:
    """The timeline's index with its charts and maps and its pages of events included (their maps' borders written once a page)."""
    heavy = {p.relative_to(corpus_site).as_posix(): p.stat().st_size for p in corpus_site.rglob("*.html") if p.stat().st_size > MAX_PAGE_BYTES}
    assert heavy == {}
    assert (corpus_site / "timeline.html").stat().st_size > MAX_PAGE_BYTES // 2  # the maps and the chart are there


def test_the_table_of_contents_is_written_once(corpus_site: Path) -> None:
    page = (corpus_site / "timeline.html").read_text(encoding="utf-8")
    assert page.count('data-md-component="toc"') == 1
    assert len(re.findall(r'<a [^>]*href="#', page)) < 2 * len(re.findall(r'<h[23][^>]* id="', page)) + 10


def jsonld(page: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)]


def test_an_event_carries_what_citing_it_needs(bundled_site: Path) -> None:
    page = (bundled_site / "timeline" / "1942.html").read_text(encoding="utf-8")
    events = [node for block in jsonld(page) for node in block.get("@graph", []) if node["@type"] == "Event"]
    assert events
    for event in events:
        assert event["@id"].startswith("#") and event["name"] and event["startDate"]
        assert all(work["name"] and "headline" not in work for work in event["subjectOf"])
        assert not {"description", "keywords"} & set(event)
    assert any("correction" in event for event in events), "the editors' corrections stay"


@pytest.mark.browser
@pytest.mark.parametrize("how", ["served", "from disk"])
def test_an_old_link_to_a_glossary_term_lands_on_its_entry(browser, serve, bundled_site: Path, how: str) -> None:
    base = serve(bundled_site) if how == "served" else bundled_site.as_uri() + "/"
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base + "glossary.html#penal-battalion")
    tab.wait_for_url(re.compile(r"glossary/[^/]+/entries(-\d+)?\.html#penal-battalion$"))
    assert tab.locator("h3#penal-battalion").is_visible()
    context.close()


@pytest.mark.browser
def test_without_scripts_an_old_link_lands_on_the_terms_link_to_its_entry(browser, bundled_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(bundled_site.as_uri() + "/glossary.html#penal-battalion")
    link = tab.locator("a#penal-battalion")
    assert link.is_visible()
    assert re.fullmatch(r"glossary/[^/]+/entries(-\d+)?\.html#penal-battalion", link.get_attribute("href"))
    context.close()
