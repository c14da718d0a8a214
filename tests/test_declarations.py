"""What each generated page declares is what it carries: the JSON-LD and the last-change date read nothing else.

A page declares the records it presents and those it cites
(:class:`builder.incremental.Page`); :mod:`builder.render.annotate` builds its
JSON-LD and its date from those alone, without reading the page back. A
renderer that declared too little or too much would not fail by itself: here,
for every page of the bundled site and of a 300-source synthetic corpus, the
declarations are checked against the page's own Markdown, read with regular
expressions as only a test may: the records it presents are those whose ids
are its anchors, and the sources it rests on are those its links lead to.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import write_project
from builder.curate import Site, curate
from builder.incremental import Page, Ref
from builder.pipeline import check_only
from builder.render import provenance, site_pages
from tests.conftest import FIXTURES, ROOT

_HEADING_ANCHOR = re.compile(r"^#{1,6} .*\{#([A-Za-z0-9_-]+)[^{}]*\}\s*$", re.MULTILINE)
_SPAN_ANCHOR = re.compile(r'<span id="([A-Za-z0-9_-]+)"></span>')
_LINK = re.compile(r"\]\(([^()\s]+)\)")


def _records(site: Site) -> dict[str, dict]:
    return {"event": site.events_by_id, "figure": site.figures_by_id, "term": site.terms_by_id}


def _note_of(path: str, site: Site) -> str | None:
    """The id of the source whose sourcing note is at ``path`` (relative to docs/), if it is one."""
    own = path.removeprefix("sources/").removesuffix(".md")
    return own if path.startswith("sources/") and own in site.source_records else None


def presented(site: Site, path: str, text: str) -> set[Ref]:
    """The records the page's anchors (headings' ``{#id}``, rows' ``<span id>``) are the ids of; a sourcing note's source."""
    anchors = set(_HEADING_ANCHOR.findall(text)) | set(_SPAN_ANCHOR.findall(text))
    found = {(kind, i) for kind, by_id in _records(site).items() for i in anchors if i in by_id}
    own = _note_of(path, site)
    return found | {("source", own)} if own is not None else found


def cited_sources(site: Site, path: str, text: str) -> tuple[str, ...] | None:
    """The sources the page's text leads to: those whose notes it links to, and those of the records it anchors or links to by ``#id``.

    A sourcing note rests on its own source; an index (``index.md``, and the
    further pages of the sources' index), and a page that leads to no source,
    on every source (``None``).
    """
    if posixpath.basename(path) == "index.md" or path.startswith("sources/pages/"):
        return None
    own = _note_of(path, site)
    if own is not None:
        return (own,)
    ids = {i for _, i in presented(site, path, text)}
    used: set[str] = set()
    for target in _LINK.findall(text):
        page, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
        if resolved.startswith("sources/") and resolved != "sources/index.md":
            used.add(resolved.removeprefix("sources/").removesuffix(".md"))
        if fragment:
            ids.add(fragment)
    used |= {c.source.id for i in ids if i in site.events_by_id for c in site.events_by_id[i].citations}
    used |= {site.figures_by_id[i].source.id for i in ids if i in site.figures_by_id}
    used |= {c.source for i in ids if i in site.terms_by_id for c in site.terms_by_id[i].term.citations}
    return tuple(sorted(s for s in used if s in site.source_records)) or None


def mismatches(site: Site, pages: list[Page]) -> list[str]:
    """Each page whose declarations differ from what its Markdown carries, with what differs."""
    wrong = []
    for page in pages:
        if not page.path.endswith(".md"):
            continue
        text = page.make()
        declared, carried = set(page.describes), presented(site, page.path, text)
        if declared != carried:
            wrong.append(f"{page.path}: declares {sorted(declared - carried)} it does not present, presents {sorted(carried - declared)} it does not declare")
        rests = provenance.rests_on(site, page)
        rests_ids = None if rests is None else tuple(s.id for s in rests)
        expected = cited_sources(site, page.path, text)
        if rests_ids != expected:
            wrong.append(f"{page.path}: rests on {rests_ids}, its text on {expected}")
    return wrong


def _site(root: Path) -> Site:
    content, _ = check_only(root)
    return curate(content)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("declarations") / "corpus", 300)


@pytest.mark.parametrize("which", ["bundled", "mini", "corpus"])
def test_every_page_declares_what_it_presents_and_rests_on(which: str, request: pytest.FixtureRequest) -> None:
    root = {"bundled": ROOT, "mini": FIXTURES / "mini"}.get(which) or request.getfixturevalue("corpus")
    site = _site(root)
    pages = site_pages(site)
    assert mismatches(site, pages) == []
    # Every kind of declaration is exercised: records presented, records cited, pages resting on the whole site.
    kinds = Counter(kind for page in pages for kind, _ in page.describes)
    assert set(kinds) == {"event", "figure", "term", "source"}
    assert any(page.rests_on for page in pages) and any(page.rests_on is None for page in pages)


def test_a_page_that_declares_too_little_or_too_much_is_caught() -> None:
    site = _site(ROOT)
    pages = site_pages(site)
    timeline = next(p for p in pages if p.path.startswith("timeline/") and p.describes)
    glossary = next(p for p in pages if p.path == "glossary.md")
    forgot = dataclasses.replace(timeline, describes=timeline.describes[1:])
    too_many = dataclasses.replace(timeline, describes=(*timeline.describes, ("term", site.glossary[0].term.id)))
    whole = dataclasses.replace(glossary, rests_on=None)
    assert mismatches(site, [timeline, glossary]) == []
    for wrong in (forgot, too_many, whole):
        assert mismatches(site, [wrong]), wrong.path
