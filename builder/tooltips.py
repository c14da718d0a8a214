"""Glossary tooltips on every page: a Python-Markdown extension that marks each term's first mention.

Registered in ``mkdocs.yml`` under ``markdown_extensions`` as
``builder.tooltips``, so MkDocs and Zensical, which both render pages with
Python-Markdown, run it on generated and hand-written pages alike. It reads
the glossary the builder exports (``docs/data/glossary.json``) and needs
nothing from the engine: its links point at ``/glossary.md#<term id>``, which
both engines resolve against the docs folder and rewrite relative to each page
when ``validation: absolute_links: relative_to_docs`` is set (and check, so a
missing anchor fails a strict build).

A marked mention is a link to the full entry, described (``aria-describedby``)
by the term's short definition, which ``overrides/partials/styles/glossary.css`` shows on hover and
keyboard focus and ``glossary.js`` also on tap::

    <span class="glossary-term">
      <a class="glossary-term__link" href="/glossary.md#nkvd" aria-describedby="glossary-tip-nkvd">NKVD</a>
      <small class="glossary-term__tip" role="tooltip" data-search-exclude="">
        <span id="glossary-tip-nkvd">The Soviet People's Commissariat…</span>
        <a href="/glossary.md#nkvd" tabindex="-1">Glossary entry</a>
      </small>
    </span>

Without JavaScript it is still a link to the entry, and hover and focus still
show the definition.
"""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from builder.search import EXCLUDE
from builder.terms import TermMatcher

log = logging.getLogger("mkdocs.extensions.builder.tooltips")

SKIPPED_TAGS = frozenset({"a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label", "math", "pre", "samp", "script", "select", "style", "svg", "textarea", "title", "var"})
"""Elements whose text is never marked: links, headings, code and the like."""
WRAPPER_CLASS = "glossary-term"
ENTRY_CLASS = "glossary-entry"
"""A heading with this class and a term's id as its id starts that term's entry: the term is not marked inside it."""
HEADINGS = {f"h{n}": n for n in range(1, 7)}

_ESCAPED = re.compile(f"{STX}(\\d+){ETX}")
_STASHED = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")
_RAW_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")


@dataclass(frozen=True)
class Glossary:
    """What the tooltips need: a matcher for all terms and each term's short definition."""

    matcher: TermMatcher
    short: dict[str, str]
    """Term id -> one-line definition."""

    @classmethod
    def from_records(cls, records: list[dict[str, Any]]) -> "Glossary":
        """From the rows of ``glossary.json``: ``id``, ``term``, ``aliases`` and ``short``."""
        rows = [r for r in records if isinstance(r, dict) and r.get("id") and r.get("term")]
        names = [(str(r["id"]), str(name)) for r in rows for name in (r["term"], *(r.get("aliases") or []))]
        return cls(TermMatcher(names), {str(r["id"]): str(r.get("short") or r["term"]) for r in rows})


_loaded: dict[Path, tuple[tuple[int, int], Glossary]] = {}
_reported: set[Path] = set()


def load_glossary(path: Path) -> Glossary | None:
    """The glossary exported at ``path``, read once per change of the file; ``None`` if it cannot be read.

    MkDocs makes a new Markdown instance, and so a new extension, for every
    page; the matcher is built once and kept while the file is unchanged.
    """
    resolved = path.resolve()
    try:
        stat = resolved.stat()
    except OSError:
        _report_once(resolved, f"glossary tooltips: {path} not found; terms are not marked (run 'python -m builder build', which writes it)")
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _loaded.get(resolved)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        records = json.loads(resolved.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        _report_once(resolved, f"glossary tooltips: cannot read {path} ({err}); terms are not marked")
        return None
    glossary = Glossary.from_records(records if isinstance(records, list) else [])
    _loaded[resolved] = (stamp, glossary)
    _reported.discard(resolved)
    return glossary


def _report_once(path: Path, message: str) -> None:
    """One warning per unreadable file, not one per page."""
    if path not in _reported:
        _reported.add(path)
        log.warning(message)


class TooltipTreeprocessor(Treeprocessor):
    """Marks the first mention of each glossary term on a page."""

    def __init__(self, md: Markdown, data: Path, page: str, label: str) -> None:
        super().__init__(md)
        self.data = data
        self.page = page
        self.label = label

    def run(self, root: etree.Element) -> None:
        # Read when a page is converted, not when the extension is set up:
        # MkDocs sets extensions up to validate its configuration before its
        # hooks have written the glossary.
        glossary = load_glossary(self.data)
        if glossary is None:
            return
        self.glossary = glossary
        self.seen: set[str] = set()
        self._walk(root, frozenset())

    def _walk(self, element: etree.Element, own: frozenset[str]) -> None:
        """Mark terms in ``element``'s text and its children's, in document order."""
        if element.text:
            element.text, marks = self._mark(element.text, own)
            for index, mark in enumerate(marks):
                element.insert(index, mark)
        # A heading of a glossary entry starts the scope in which its term is left alone.
        entry_level, entry_own = 7, own
        index = 0
        while index < len(element):
            child = element[index]
            level = HEADINGS.get(child.tag)
            if level is not None and level <= entry_level:
                entry_level, entry_own = 7, own
            if level is not None and ENTRY_CLASS in (child.get("class") or "").split() and child.get("id"):
                entry_level, entry_own = level, own | {str(child.get("id"))}
            if not _skipped(child):
                self._walk(child, entry_own)
            index += 1
            if child.tail:
                child.tail, marks = self._mark(child.tail, entry_own)
                for offset, mark in enumerate(marks):
                    element.insert(index + offset, mark)
                index += len(marks)

    def _mark(self, text: str, own: frozenset[str]) -> tuple[str, list[etree.Element]]:
        """Split ``text`` at the terms to mark: the text before the first, and a wrapper per term (the rest in tails)."""
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        marks: list[etree.Element] = []
        head = text
        last: etree.Element | None = None
        cursor = 0
        for start, end in self._markable(text):
            for match in self.glossary.matcher.find(text[start:end]):
                if match.key in self.seen or match.key in own:
                    continue
                self.seen.add(match.key)
                begin, finish = start + match.start, start + match.end
                before = text[cursor:begin]
                if last is None:
                    head = before
                else:
                    last.tail = before
                last = self._tooltip(match.key, text[begin:finish])
                marks.append(last)
                cursor = finish
        if last is not None:
            last.tail = text[cursor:]
        return head, marks

    def _markable(self, text: str) -> list[tuple[int, int]]:
        """Stretches of ``text`` outside raw HTML that Markdown set aside (inline ``<a>``, ``<code>``…)."""
        if STX not in text:
            return [(0, len(text))]
        stretches = []
        depth = 0
        cursor = 0
        for placeholder in _STASHED.finditer(text):
            if depth == 0:
                stretches.append((cursor, placeholder.start()))
            depth = max(0, depth + self._depth_change(int(placeholder.group(1))))
            cursor = placeholder.end()
        if depth == 0:
            stretches.append((cursor, len(text)))
        return stretches

    def _depth_change(self, index: int) -> int:
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[index] if index < len(blocks) else ""
        if not isinstance(raw, str):
            return 0
        tag = _RAW_TAG.match(raw.strip())
        if tag is None or tag.group(2).lower() not in SKIPPED_TAGS or raw.rstrip().endswith("/>"):
            return 0
        return -1 if tag.group(1) else 1

    def _tooltip(self, key: str, words: str) -> etree.Element:
        href = f"{self.page}#{key}"
        tip_id = f"glossary-tip-{key}"
        wrapper = etree.Element("span", {"class": WRAPPER_CLASS})
        link = etree.SubElement(wrapper, "a", {"class": f"{WRAPPER_CLASS}__link", "href": href, "aria-describedby": tip_id})
        link.text = words
        # <small> (a side comment), not <span>: Material's search index drops an
        # excluded element by tag, and a <span> inside it would end the exclusion.
        tip = etree.SubElement(wrapper, "small", {"class": f"{WRAPPER_CLASS}__tip", "role": "tooltip", EXCLUDE: ""})
        short = etree.SubElement(tip, "span", {"class": f"{WRAPPER_CLASS}__short", "id": tip_id})
        short.text = self.glossary.short.get(key, "")
        short.tail = " "
        more = etree.SubElement(tip, "a", {"class": f"{WRAPPER_CLASS}__more", "href": href, "tabindex": "-1"})
        more.text = self.label
        return wrapper


def _skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
        return True
    return WRAPPER_CLASS in (element.get("class") or "").split()


class GlossaryTooltipsExtension(Extension):
    """``builder.tooltips`` in ``markdown_extensions``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "data": ["docs/data/glossary.json", "the glossary the builder exports; a relative path is taken from the folder the site is built in"],
            "page": ["/glossary.md", "link to the glossary page; an absolute link is resolved against the docs folder"],
            "label": ["Glossary entry", "text of the link to the full entry inside a tooltip"],
            "priority": [1, "treeprocessor priority: after inline Markdown, attribute lists and the table of contents, before links are made relative"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        processor = TooltipTreeprocessor(md, Path(self.getConfig("data")), self.getConfig("page"), self.getConfig("label"))
        md.treeprocessors.register(processor, "glossary_tooltips", self.getConfig("priority"))


def makeExtension(**kwargs: Any) -> GlossaryTooltipsExtension:
    return GlossaryTooltipsExtension(**kwargs)
