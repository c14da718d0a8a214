"""Glossary tooltips across the built bundled site: where they are, and that every one leads to its entry."""

from __future__ import annotations

import gzip
import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

NEVER_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Tooltips(HTMLParser):
    """Collects marked terms with the elements they sit in, and every id on the page."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.terms: list[tuple[str, str, tuple[str, ...]]] = []
        """(href, aria-describedby, enclosing tags) of each term link."""
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and "glossary-term__link" in a.get("class", "").split():
            self.terms.append((a["href"], a.get("aria-describedby", ""), tuple(t for t, _ in self.stack)))
        if tag not in self.VOID:
            self.stack.append((tag, a.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break


def _parse(path: Path) -> _Tooltips:
    parser = _Tooltips()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_tooltips_on_generated_pages(bundled_site: Path) -> None:
    for page in ("index.html", "timeline.html", "glossary.html", "figures/russian-deserters-since-2022.html"):
        assert _parse(bundled_site / page).terms, page


def test_every_tooltip_is_well_placed_and_leads_to_its_entry(bundled_site: Path) -> None:
    glossary_ids = _parse(bundled_site / "glossary.html").ids
    pages = sorted(bundled_site.rglob("*.html"))
    marked = 0
    for page in pages:
        parsed = _parse(page)
        rel = page.relative_to(bundled_site).as_posix()
        described = [d for _, d, _ in parsed.terms]
        assert len(described) == len(set(described)), f"{rel}: a term is marked twice"
        for href, tip, enclosing in parsed.terms:
            marked += 1
            assert not NEVER_INSIDE & set(enclosing[:-1]), f"{rel}: a term marked inside {enclosing}"
            assert tip in parsed.ids, f"{rel}: aria-describedby {tip!r} names no element"
            target, _, anchor = href.partition("#")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)) == "glossary.html", f"{rel}: {href}"
            assert anchor in glossary_ids and tip == f"glossary-tip-{anchor}", f"{rel}: {href}"
    assert marked >= 20


def test_glossary_page_never_marks_a_term_in_its_own_entry(bundled_site: Path) -> None:
    html = "".join(page.read_text(encoding="utf-8") for page in sorted((bundled_site / "glossary").glob("*/entries*.html")))
    entries = re.split(r'<h3 class="glossary-entry" id="', html)[1:]
    assert len(entries) >= 20
    for entry in entries:
        term_id = entry.split('"', 1)[0]
        assert f"glossary-tip-{term_id}\"" not in entry, term_id


def pagefind_text(site: Path) -> dict[str, str]:
    """What Pagefind indexed of each page, as text: its fragments (gzip, after a ``pagefind_dcd`` mark) by address."""
    found = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = html.unescape(data["content"])
    return found


def test_definitions_stay_out_of_the_search_indexes(bundled_site: Path) -> None:
    indexed = pagefind_text(bundled_site)
    shorts = {t["id"]: t["short"] for t in json.loads((bundled_site / "data" / "glossary.json").read_text(encoding="utf-8"))}
    timeline = indexed["/timeline.html"]
    assert "NKVD" in timeline and "glossary-tip-nkvd" in (bundled_site / "timeline.html").read_text(encoding="utf-8")
    assert shorts["nkvd"] not in timeline
    assert not [url for url, text in indexed.items() if "Glossary entry" in text]
    disk = (bundled_site / "search" / "titles.js").read_text(encoding="utf-8")
    assert "NKVD" in disk and "Glossary entry" not in disk and json.dumps(shorts["nkvd"])[1:-1] not in disk
