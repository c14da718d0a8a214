"""The glossary: checks on terms, where the sources use them, snippets within reuse limits, the page and each term's pages."""

from __future__ import annotations

import posixpath
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from builder import dates
from builder.check import Source
from builder.curate import Event, EventCitation, GlossaryEntry, Site, TermUse, curate
from builder.curate.glossary import SNIPPET_CHARS, _snippet
from builder.model import Citation, SiteInfo, SourceMeta, Term
from builder.pipeline import check_only, render_pages
from builder.quotes import normalize
from builder.render import glossary as glossary_page
from tests.conftest import FIXTURES, ROOT, check_messages

TERM = """- id: {id}
  term: {term}
  short: A short line.
  definition: A definition.
  citations:
    - source: field-report
      quote: blocking units
"""


def _mini(tmp_path: Path, glossary_extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini" / "sources", root / "sources")
    glossary = root / "sources" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8") + glossary_extra
    if replace:
        text = text.replace(*replace)
    glossary.write_text(text, encoding="utf-8")
    return root


# --- checks ------------------------------------------------------------------------


def test_term_used_in_no_source_is_a_warning(tmp_path: Path) -> None:
    root = _mini(tmp_path, TERM.format(id="gulag", term="Gulag"))
    assert check_messages(root) == [
        "warning: sources/glossary.yml:13: term 'gulag' is used in no source: none of 'Gulag' occurs in a published source's text "
        "(check the spelling, add the form the sources use to aliases, or remove the term)"
    ]


def test_term_used_only_by_a_draft_source_is_a_warning(tmp_path: Path) -> None:
    root = _mini(tmp_path, TERM.format(id="analysts", term="analyst"))
    assert check_messages(root) == []
    second = root / "sources" / "second-account.md"
    second.write_text(second.read_text(encoding="utf-8").replace("kind: analysis\n", "kind: analysis\ndraft: true\n"), encoding="utf-8")
    assert [p.split(":")[:3] for p in check_messages(root)] == [["warning", " sources/glossary.yml", "13"]]


def test_definition_that_cites_nothing_is_an_error(tmp_path: Path) -> None:
    fix = "(add citations: with at least one '- source: <source id>' and 'quote: <verbatim words from it>')"
    cited = '  citations:\n    - source: field-report\n      quote: New "blocking units" were formed\n'
    empty = _mini(tmp_path / "a", replace=(cited, "  citations: []\n"))
    assert check_messages(empty) == [f"sources/glossary.yml:9: citations: the definition cites nothing {fix}"]
    missing = _mini(tmp_path / "b", "- id: gazette\n  term: gazette\n  short: A paper.\n  definition: A paper.\n")
    assert check_messages(missing) == ["sources/glossary.yml:12: missing required field 'citations' (add it; see CONTRIBUTING.md)"]
    bare = _mini(tmp_path / "c", replace=(cited, "  citations:\n"))
    assert check_messages(bare) == [f"sources/glossary.yml:9: citations: the definition cites nothing {fix}"]


def test_transliteration_needs_an_original_and_a_non_latin_original_needs_one(tmp_path: Path) -> None:
    root = _mini(tmp_path, replace=("  original: заградительные отряды\n", ""))
    assert check_messages(root) == [
        "sources/glossary.yml:1: transliteration without original (add original: the term in its own script, or remove transliteration:)"
    ]
    root = _mini(tmp_path / "b", replace=("  transliteration: zagraditelʹnyye otryady\n", ""))
    assert check_messages(root) == [
        "sources/glossary.yml:1: original in a non-Latin script without transliteration (add transliteration: its romanization, BGN/PCGN for Russian)"
    ]


def test_bundled_transliterations_are_consistent() -> None:
    """BGN/PCGN throughout: the soft sign as ’ (never ' or ʹ), ё as ë, and every Cyrillic original romanized."""
    terms = yaml.safe_load((ROOT / "sources" / "glossary.yml").read_text(encoding="utf-8"))
    for term in terms:
        original, latin = term.get("original"), term.get("transliteration")
        if original is None:
            continue
        assert latin, term["id"]
        assert not any("CYRILLIC" in unicodedata.name(c, "") for c in latin), term["id"]
        assert "'" not in latin and "ʹ" not in latin, term["id"]
        assert original.count("ь") <= latin.count("’"), term["id"]
        assert ("ё" in original) == ("ë" in latin), term["id"]


# --- uses, snippets, events -------------------------------------------------------


def _entry(root: Path, term_id: str):
    site = curate(check_only(root)[0])
    return site, site.terms_by_id[term_id]


def test_uses_count_and_first_use_quoted() -> None:
    site, entry = _entry(FIXTURES / "mini", "blocking-units")
    (use,) = entry.uses
    assert (use.source.id, use.count) == ("field-report", 1)
    assert use.first == 'New "blocking units" were formed around July, the gazette said.'
    assert (use.cut_before, use.cut_after) == (False, False)
    assert entry.events == ("units-formed",)


def test_snippet_is_cut_at_words_around_the_match() -> None:
    text = "Start. " + "word " * 60 + "barrier troops " + "more " * 60 + "end."
    start = text.index("barrier troops")
    words, before, after = _snippet(text, start, start + len("barrier troops"), SNIPPET_CHARS)
    assert len(words) <= SNIPPET_CHARS and "barrier troops" in words
    assert words.startswith("word") and words.endswith("more")
    assert before and after


def test_snippet_keeps_abbreviations_in_the_sentence() -> None:
    text = "Before. Stalin issued Stavka Directive No. 227 in June. After."
    start = text.index("Stavka")
    assert _snippet(text, start, start + 6, SNIPPET_CHARS) == ("Stalin issued Stavka Directive No. 227 in June.", False, False)


def test_snippets_stay_within_the_reuse_limit(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    report = root / "sources" / "field-report.md"
    content, _ = check_only(root)
    quoted = sum(len(normalize(q)) for s in content.sources if s.id == "field-report" for e in (*s.meta.events, *s.meta.figures) for q in [e.quote])
    quoted += sum(len(normalize(c.quote)) for t in content.terms for c in t.citations if c.source == "field-report")
    # Room for the quotes but not for a snippet: the page links instead.
    report.write_text(report.read_text(encoding="utf-8").replace("limit: 400", f"limit: {quoted + 20}"), encoding="utf-8")
    site, entry = _entry(root, "blocking-units")
    (use,) = entry.uses
    assert use.first is None and use.count == 1
    profile = next(p for p in site.sources if p.source.id == "field-report")
    assert profile.quoted_chars == quoted <= profile.source.meta.reuse.limit
    page = entries(render_pages(root))
    assert "the first use is not quoted here, to stay within the publisher's reuse limit" in page
    assert "[read it in the original](https://example.org/report)" in page


def test_shown_snippets_count_against_the_limit() -> None:
    site, entry = _entry(FIXTURES / "mini", "blocking-units")
    profile = next(p for p in site.sources if p.source.id == "field-report")
    content, _ = check_only(FIXTURES / "mini")
    (source,) = [s for s in content.sources if s.id == "field-report"]
    quotes = [e.quote for e in (*source.meta.events, *source.meta.figures)] + [c.quote for t in content.terms for c in t.citations if c.source == "field-report"]
    assert profile.quoted_chars == sum(len(normalize(q)) for q in quotes) + len(entry.uses[0].first)
    assert profile.quoted_chars <= source.meta.reuse.limit


def test_bundled_site_respects_every_reuse_limit() -> None:
    site = curate(check_only(ROOT)[0])
    for profile in site.sources:
        assert profile.shown.within, profile.source.id
        if profile.source.meta.reuse:
            assert profile.shown.chars <= profile.source.meta.reuse.limit, profile.source.id


def test_every_bundled_term_is_used_and_anchored() -> None:
    _, warnings = check_only(ROOT)
    assert not [w for w in warnings if "used in no source" in w.message]
    pages = render_pages(ROOT)
    page = entries(pages)
    for term in yaml.safe_load((ROOT / "sources" / "glossary.yml").read_text(encoding="utf-8")):
        assert f"{{#{term['id']} .glossary-entry}}" in page
        # The index keeps every term's anchor, where older links and the tooltips land.
        assert f"{{#{term['id']} .glossary-moved}}" in pages["glossary.md"]
    assert broken_links({path: text for path, text in pages.items() if path.startswith("glossary")}) == []


@pytest.mark.parametrize("name", ["blocking units", "Blocking Units"])
def test_events_found_by_name_in_their_quotes(name: str, tmp_path: Path) -> None:
    root = _mini(tmp_path, replace=("term: blocking units", f"term: {name}"))
    _, entry = _entry(root, "blocking-units")
    assert entry.events == ("units-formed",)


# --- size: the glossary page does not grow with the sources ---------------------------


def _source(i: int) -> Source:
    return Source(f"source-{i:05d}", SourceMeta(title=f"Report {i:05d}", language="en", kind="news"), "text", None)  # type: ignore[arg-type]


def _event(i: int, source: Source) -> Event:
    when = dates.parse(f"{1500 + i}-01-01")  # one a year: every event is on its year's page
    citation = EventCitation(source=source, quote="text", date=when, reported=None, describes=True, followed=True)
    return Event(f"event-{i:05d}", when, None, f"Event {i:05d}", "Summary.", (), (), (), (citation,), None)


def _site(sources: int, events: int = 0) -> Site:
    """One term used once by each of ``sources`` sources and named by ``events`` events, and a term used by one source."""
    corpus = [_source(i) for i in range(sources)]
    timeline = tuple(_event(i, corpus[0]) for i in range(events))
    busy = Term(id="barrier-troops", term="barrier troops", short="Troops behind the line.", definition="Troops behind the line.", citations=[Citation(source="source-00000", quote="text")])
    rare = Term(id="penal-unit", term="penal unit", short="A unit of convicts.", definition="A unit of convicts.", citations=[Citation(source="source-00000", quote="text")])
    uses = tuple(TermUse(s, 1, f"the barrier troops in {s.meta.title}") for s in corpus)
    glossary = (GlossaryEntry(busy, uses, tuple(e.id for e in timeline)), GlossaryEntry(rare, uses[:1], ()))
    return Site(info=SiteInfo(title="Scale", summary="A generated corpus."), eras=(), events=timeline, measures=(), glossary=glossary, sources=())


def broken_links(pages: dict[str, str]) -> list[str]:
    """Links from one page of ``pages`` to another (or to itself) whose page or anchor is not there."""
    broken = []
    for path, text in pages.items():
        markdown = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)  # JSON-LD quotes the sources' words, links and all
        for target in re.findall(r"(?<!\\)\]\(([^)\s]+)\)", markdown):
            page, _, anchor = target.partition("#")
            if re.match(r"[a-z][a-z0-9+.-]*:", page):
                continue  # another site's address
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
            if resolved not in pages and not resolved.startswith(("glossary", "figures")):
                continue  # a page these tests did not render
            if resolved not in pages or anchor and not re.search(rf'\{{#{re.escape(anchor)}[ }}]|id="{re.escape(anchor)}"', pages[resolved]):
                broken.append(f"{path}: {target}")
    return broken


def _numbers_out(text: str) -> str:
    return re.sub(r"\d[\d,]*", "N", text)


def entries(pages: dict[str, str]) -> str:
    """The glossary's entries: its letters' pages, in order."""
    return "\n".join(text for path, text in sorted(pages.items()) if re.fullmatch(r"glossary/[^/]+/entries(-\d+)?\.md", path))


def test_glossary_page_does_not_grow_with_the_sources_that_use_a_term() -> None:
    small = glossary_page.render(_site(300, events=5))["glossary/b-p/entries.md"]
    large = glossary_page.render(_site(3_000, events=500))["glossary/b-p/entries.md"]
    # The same page but for the counts: the same few uses and events, and a link to them all.
    assert _numbers_out(large) == _numbers_out(small)
    assert "**Used in [3,000 sources](../barrier-troops.md)**, for example:" in large
    assert large.count("- [Report ") == glossary_page.EXAMPLE_USES + 1  # one more for the rare term
    # The events follow the 3,000 uses, 200 lines a page: the first is on page 16.
    assert "**On the timeline: [500 events](../barrier-troops/16.md#on-the-timeline).**" in large


def test_a_term_used_by_few_sources_is_listed_in_full_without_pages_of_its_own() -> None:
    pages = glossary_page.render(_site(glossary_page.LISTED_USES, events=glossary_page.LISTED_EVENTS))
    assert sorted(pages) == ["glossary.md", "glossary/b-p/entries.md", "glossary/index.md"]
    page = pages["glossary/b-p/entries.md"]
    assert f"**Used in {glossary_page.LISTED_USES} sources:**" in page
    assert page.count("- [Report ") == glossary_page.LISTED_USES + 1
    assert page.count("- [Event ") == glossary_page.LISTED_EVENTS


def test_term_pages_list_every_use_then_every_event_200_lines_a_page() -> None:
    site = _site(1_000, events=30)
    pages = glossary_page.render(site)
    paths = ["glossary/barrier-troops.md"] + [f"glossary/barrier-troops/{n}.md" for n in range(2, 7)]
    assert sorted(pages) == sorted(["glossary.md", "glossary/index.md", "glossary/b-p/entries.md", *paths])
    listed = [re.findall(r"^- \[(Report \d+|Event \d+)\]", pages[p], flags=re.M) for p in paths]
    assert [len(lines) for lines in listed] == [200, 200, 200, 200, 200, 30]
    assert [line for lines in listed for line in lines] == [f"Report {i:05d}" for i in range(1_000)] + [f"Event {i:05d}" for i in range(30)]
    assert "## On the timeline {#on-the-timeline}" in pages[paths[-1]] and "{#on-the-timeline}" not in pages[paths[0]]
    pager = next(line for line in pages[paths[2]].splitlines() if line.startswith("Pages:"))
    assert "Pages: ← Previous · 1 · 2 · **3** · 4 · 5 · 6 · Next →" == re.sub(r"\[([^]]+)\]\([^)]*\)", r"\1", pager)
    assert broken_links(pages) == []


def test_sources_that_use_a_term_most_come_first() -> None:
    site = _site(5)
    uses = list(site.glossary[0].uses)
    uses[3] = TermUse(uses[3].source, 4, uses[3].first)
    entry = GlossaryEntry(site.glossary[0].term, tuple(uses), ())
    assert [u.source.id for u in glossary_page.ranked_uses(entry)] == ["source-00003", "source-00000", "source-00001", "source-00002", "source-00004"]
