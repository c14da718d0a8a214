"""Glossary tooltips: which words are marked, and the markup readers and screen readers get."""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from builder.terms import TermMatcher
from builder.tooltips import load_glossary

TERMS = [
    {"id": "barrier-troops", "term": "barrier troops", "aliases": ["blocking detachments", "заградотряд"], "short": "Units behind the front that stop retreat."},
    {"id": "blocking", "term": "blocking", "aliases": [], "short": "Stopping a move."},
    {"id": "nkvd", "term": "NKVD", "aliases": [], "short": "The Soviet interior ministry."},
    {"id": "penal-colony", "term": "penal colony", "aliases": [], "short": "A prison camp."},
    {"id": "desertion", "term": "desertion", "aliases": ["deserter"], "short": "Leaving service <for good> & \"never\" returning."},
    {"id": "dpr", "term": "Donetsk People's Republic", "aliases": [], "short": "A Moscow-backed entity."},
    {"id": "smersh", "term": "SMERSH (Death to Spies)", "aliases": [], "short": "Soviet counter-intelligence."},
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(TERMS), encoding="utf-8")
    return path


def render(source: str, data: Path) -> str:
    return markdown.markdown(source, extensions=["attr_list", "toc", "builder.tooltips"], extension_configs={"builder.tooltips": {"data": str(data)}})


def marked(html: str) -> list[tuple[str, str]]:
    """(term id, words) of every marked mention, in order."""
    return re.findall(r'<a aria-describedby="glossary-tip-([a-z-]+)" class="glossary-term__link" href="[^"]*">([^<]*)</a>', html)


def matches(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.key, text[m.start : m.end]) for m in matcher.find(text)]


# --- the matcher ---------------------------------------------------------------


@pytest.fixture
def matcher() -> TermMatcher:
    return TermMatcher((t["id"], name) for t in TERMS for name in (t["term"], *t["aliases"]))


def test_plurals(matcher: TermMatcher) -> None:
    text = "Two penal colonies, many deserters, some desertions and NKVDs."
    assert matches(matcher, text) == [("penal-colony", "penal colonies"), ("desertion", "deserters"), ("desertion", "desertions"), ("nkvd", "NKVDs")]


def test_case_is_ignored(matcher: TermMatcher) -> None:
    assert matches(matcher, "Barrier Troops, BARRIER TROOPS and nkvd") == [("barrier-troops", "Barrier Troops"), ("barrier-troops", "BARRIER TROOPS"), ("nkvd", "nkvd")]


def test_longest_match_wins(matcher: TermMatcher) -> None:
    assert matches(matcher, "NKVD blocking detachments, then blocking alone") == [
        ("nkvd", "NKVD"),
        ("barrier-troops", "blocking detachments"),
        ("blocking", "blocking"),
    ]


def test_never_inside_a_longer_word(matcher: TermMatcher) -> None:
    assert matches(matcher, "antidesertion desertionist unblocking blocking_x NKVD2 xnkvd") == []


def test_names_across_line_breaks_and_typographic_quotes(matcher: TermMatcher) -> None:
    text = "the barrier\ntroops of the Donetsk People’s Republic"
    assert matches(matcher, text) == [("barrier-troops", "barrier\ntroops"), ("dpr", "Donetsk People’s Republic")]


def test_aliases_in_other_scripts(matcher: TermMatcher) -> None:
    assert matches(matcher, "слово заградотряд здесь") == [("barrier-troops", "заградотряд")]


def test_each_term_counted_on_its_own(matcher: TermMatcher) -> None:
    found = matcher.find_each("blocking detachments and blocking")
    assert {key: len(ms) for key, ms in found.items()} == {"barrier-troops": 1, "blocking": 2}


def test_a_name_written_out_beats_another_terms_plural() -> None:
    both = TermMatcher([("unit", "unit"), ("units", "units")])
    assert [m.key for m in both.find("units and unit")] == ["units", "unit"]


def test_no_terms_finds_nothing() -> None:
    assert TermMatcher([]).find("anything at all") == []


# --- the Markdown extension ----------------------------------------------------------


def test_first_mention_per_page_only(data: Path) -> None:
    html = render("The NKVD, and again the NKVD.\n\nA third NKVD.", data)
    assert marked(html) == [("nkvd", "NKVD")]


def test_markup_is_an_accessible_link_with_its_definition(data: Path) -> None:
    html = render("A word on desertion.", data)
    root = etree.fromstring(f"<div>{html}</div>")
    wrapper = root.find(".//span[@class='glossary-term']")
    assert wrapper is not None
    link, tip = list(wrapper)
    assert link.tag == "a" and link.get("href") == "/glossary.md#desertion" and link.text == "desertion"
    described = root.find(f".//*[@id='{link.get('aria-describedby')}']")
    assert described is not None and described.text == 'Leaving service <for good> & "never" returning.'
    assert tip.get("role") == "tooltip" and "data-search-exclude" in tip.attrib
    more = tip.find("a")
    assert more is not None and more.get("href") == "/glossary.md#desertion" and more.get("tabindex") == "-1"
    assert wrapper.tail == "."
    # The definition is text from contributors: escaped, never markup.
    assert "&lt;for good&gt; &amp;" in html


@pytest.mark.parametrize(
    "source",
    [
        "# The NKVD",
        "### NKVD {#x}",
        "See [the NKVD](page.md).",
        "See <https://example.org/NKVD>.",
        "The `NKVD` in code.",
        "    NKVD in a code block",
        'Raw <a href="x.html">NKVD</a> link and <code>NKVD</code>.',
        "<div>\nNKVD in a raw HTML block\n</div>",
    ],
)
def test_never_in_links_headings_or_code(data: Path, source: str) -> None:
    assert marked(render(source, data)) == []


def test_text_after_a_link_is_still_marked(data: Path) -> None:
    html = render('See [the NKVD](page.md) and <a href="x">NKVD</a>, then desertion and the NKVD.', data)
    assert marked(html) == [("desertion", "desertion"), ("nkvd", "NKVD")]
    assert '<a href="page.md">the NKVD</a>' in html


def test_nested_inline_markup(data: Path) -> None:
    html = render("Some *penal colonies* and **a deserter**.", data)
    assert marked(html) == [("penal-colony", "penal colonies"), ("desertion", "deserter")]
    assert "<em><span class=\"glossary-term\">" in html


def test_escaped_characters_match(data: Path) -> None:
    html = render("The SMERSH \\(Death to Spies\\) was formed.", data)
    assert marked(html) == [("smersh", "SMERSH (Death to Spies)")]


def test_tables_and_lists_are_marked(data: Path) -> None:
    html = render("| a | b |\n| --- | --- |\n| NKVD | x |\n\n- a penal colony\n", data)
    assert marked(html) == [("nkvd", "NKVD"), ("penal-colony", "penal colony")]


def test_not_inside_its_own_glossary_entry(data: Path) -> None:
    source = (
        "### NKVD {#nkvd .glossary-entry}\n\nThe NKVD ran the blocking detachments.\n\n"
        "### desertion {#desertion .glossary-entry}\n\nDesertion, said the NKVD.\n\n"
        "## Elsewhere\n\nDesertion again.\n"
    )
    assert marked(render(source, data)) == [("barrier-troops", "blocking detachments"), ("nkvd", "NKVD"), ("desertion", "Desertion")]


def test_a_term_already_shown_is_not_split_into_shorter_ones(data: Path) -> None:
    html = render("blocking detachments here; blocking detachments there.", data)
    assert marked(html) == [("barrier-troops", "blocking detachments")]


def test_missing_glossary_warns_once_when_pages_are_converted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = {"builder.tooltips": {"data": str(tmp_path / "missing.json")}}
    with caplog.at_level(logging.WARNING):
        # MkDocs sets the extensions up to validate its configuration, before its hook writes the glossary.
        md = markdown.Markdown(extensions=["builder.tooltips"], extension_configs=config)
        assert caplog.records == []
        first, second = md.convert("The NKVD."), markdown.markdown("The NKVD.", extensions=["builder.tooltips"], extension_configs=config)
    assert marked(first) == marked(second) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"glossary tooltips: {tmp_path / 'missing.json'} not found; terms are not marked (run 'python -m builder build', which writes it)"
    ]


def test_glossary_reread_when_it_changes(data: Path) -> None:
    first = load_glossary(data)
    assert load_glossary(data) is first
    data.write_text(json.dumps(TERMS[:1]), encoding="utf-8")
    second = load_glossary(data)
    assert second is not first and marked(render("The NKVD and barrier troops.", data)) == [("barrier-troops", "barrier troops")]
