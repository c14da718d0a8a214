"""The builder's own pages to HTML for MkDocs, with a CommonMark engine instead of Python-Markdown.

MkDocs converts every page with Python-Markdown, which is most of the time a
build takes once the builder has written a few thousand pages. The pages the
builder writes (:data:`builder.pipeline.GENERATED`) use a small, known part
of Markdown: paragraphs, emphasis, links, code spans, lists, tables, headings
with ``{#id .class}``, a ``{: .class }`` line under a paragraph, ``<div
markdown>`` blocks and inline HTML the builder made safe. For these pages the
hook (:mod:`builder.mkdocs_hook`) swaps the page's render step for
:func:`render_page`, which converts them with pulldown-cmark (``pyromark``)
and then does, on the HTML, what the site's Python-Markdown extensions and
MkDocs' own tree processors do:

- a ``{: .class }`` line gives its paragraph that class (``attr_list``);
- the ``markdown`` attribute of a ``<div markdown>`` is dropped (``md_in_html``);
- every heading gets its id (the one written, else a unique slug of its text)
  and a permalink, and the table of contents is made from them (``toc``);
- the first mention of each glossary term is marked (``builder.tooltips``,
  with the same matcher and the same markup);
- links are made relative and checked by MkDocs' own code, so ``mkdocs build
  --strict`` still fails on a link to a missing page or anchor;
- the ids on the page are listed, for the anchor check of links to it.

Hand-written pages under ``docs/`` (which contributors may write in any
Markdown the site's extensions accept) go through Python-Markdown as before.
A configuration this module does not reproduce (another Markdown extension,
other ``toc`` options) sends every page through Python-Markdown:
:func:`supported` says which. ``tests/test_pagehtml.py`` checks that both
paths give the same document for every generated page of the bundled site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyromark
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from builder.pipeline import GENERATED
from builder.search import SEARCH_EXCLUDED
from builder.terms import Match
from builder.tooltips import (
    ENTRY_CLASS,
    HEADINGS,
    SKIPPED_TAGS,
    WRAPPER_CLASS,
    Glossary,
    load_glossary,
)

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
_EXTENSIONS = frozenset({"attr_list", "fenced_code", "md_in_html", "tables", "toc", "builder.tooltips"})
"""The ``markdown_extensions`` whose effect on generated pages :func:`render_page` reproduces (MkDocs adds ``toc``, ``tables`` and ``fenced_code`` itself)."""
_TOC_OPTIONS = frozenset({"permalink", "toc_depth"})
_TOOLTIP_DEFAULTS = {"data": "docs/data/glossary.json", "page": "/glossary.md", "label": "Glossary entry"}

_PARAGRAPH_ATTRS = re.compile(r"<p>([^\n<]*(?:<(?!/p>)[^\n<]*)*(?:\n[^\n<]*(?:<(?!/p>)[^\n<]*)*)*?)\n\{:\s*([^}\n]*?)\s*\}</p>")
"""A paragraph whose last line is an attribute list, as pulldown-cmark leaves it: ``<p>text\\n{: .class }</p>``."""
_INLINE_ATTRS = re.compile(r"<(a|em|strong|code)((?:\s[^>]*)?)>((?:(?!<\1[\s>]).)*?)</\1>\{:?[ ]*([#.][^}\n]*?)[ ]*\}", re.DOTALL)
"""An inline element followed by an attribute list, as pulldown-cmark leaves it: ``<a href="x">text</a>{#id .class}``."""
_INLINE_ATTRS_END = re.compile(r"</(?:a|em|strong|code)>\{")
"""What every match of :data:`_INLINE_ATTRS` ends with: few pages have one, and looking for it is cheap where the whole pattern is not."""
_MARKDOWN_ATTR = re.compile(r'(<(?:div|section|details|summary|figure|aside|article)\b[^>]*?)\s+markdown(?:="[^"]*")?(?=[\s/>])')
_TOKEN = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
"""A script, style or comment whole, else one tag (its closing slash and name in groups 1 and 2)."""
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(r'([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?')
_HEADING = re.compile(r"<(h[1-6])\b([^>]*)>(.*?)</\1>", re.DOTALL)
_IDS = re.compile(r'\s(?:id|name)="([^"]*)"')
"""Ids (and ``<a name>``) on the page; in text ``"`` is written ``&quot;``, so only attributes match."""
_LINK = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')
_ENTITY = re.compile(r"&(?!quot;)[#a-zA-Z0-9]+;")
"""Entities split the text Python-Markdown's tooltips see (it sets each aside); ``&quot;`` is a plain ``"`` there."""
_LONE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
_RAW = " data-pagehtml-raw"
"""Marks, while a page is converted, each tag the page itself wrote as HTML, which Python-Markdown sets aside."""
_RAW_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")
_BLOCK_END = re.compile(r"^(</[a-zA-Z][a-zA-Z0-9]*>[ \t]*\n)(?=[^\n])", re.MULTILINE)
"""A line that only closes an HTML block, with text right under it."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def generated(src_uri: str) -> bool:
    """Whether the page at ``src_uri`` (relative to the docs folder) is one the builder writes."""
    return any(src_uri.startswith(path) if path.endswith("/") else src_uri == path for path in GENERATED)


def supported(config: Any) -> bool:
    """Whether :func:`render_page` reproduces every Markdown extension and option ``config`` (MkDocs') sets."""
    extensions = {e if isinstance(e, str) else "" for e in config["markdown_extensions"]}
    toc = (config["mdx_configs"] or {}).get("toc", {})
    return extensions <= _EXTENSIONS and {"attr_list", "toc"} <= extensions and set(toc) <= _TOC_OPTIONS


@dataclass(frozen=True)
class Rendered:
    """What MkDocs' render step leaves on a page."""

    content: str
    toc_tokens: list[Any]
    title: str | None
    """The first heading's text (HTML-escaped) when the page starts with a level-1 heading, as MkDocs takes it."""
    anchor_ids: frozenset[str]


def render_page(page: Page, config: Any, files: Any) -> None:
    """:meth:`mkdocs.structure.pages.Page.render` for a generated page: the same fields, set from :func:`to_html`."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    links = _RelativePathTreeprocessor(page.file, files, config)
    mdx = config["mdx_configs"] or {}
    toc = mdx.get("toc", {})
    tooltips = None
    if "builder.tooltips" in config["markdown_extensions"]:
        options = _TOOLTIP_DEFAULTS | mdx.get("builder.tooltips", {})
        glossary = load_glossary(Path(options["data"]))
        if glossary is not None:
            tooltips = _Tooltips(glossary, options["page"], options["label"])
    rendered = to_html(page.markdown, link=links.path_to_url, permalink=toc.get("permalink", False), toc_depth=toc.get("toc_depth", 6), tooltips=tooltips)
    page.content = rendered.content
    page.toc = get_toc(rendered.toc_tokens)
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchor_ids)
    page.links_to_anchors = links.links_to_anchors


def to_html(markdown: str, *, link=lambda url: url, permalink: bool | str = False, toc_depth: int | str = 6, tooltips: _Tooltips | None = None) -> Rendered:
    """A generated page's Markdown as HTML, with its table of contents.

    ``link`` maps each link's and image's address to the one written (MkDocs
    makes them relative and reports broken ones). Deterministic: the same
    text gives the same HTML.
    """
    # Python-Markdown leaves the page's own HTML as written: its links are not
    # made relative, nor its text marked when it is a block. Marked here so
    # that the passes below can tell it from what the Markdown made.
    # Python-Markdown ends a block of HTML at its closing tag, CommonMark only at
    # a blank line: one is put under a closing tag that has text right under it.
    markdown = _BLOCK_END.sub("\\1\n", markdown)
    text = pyromark.html(_RAW_START.sub(r"<\1" + _RAW, markdown), options=_OPTIONS)
    text = _PARAGRAPH_ATTRS.sub(_paragraph_with_attrs, text)
    if _INLINE_ATTRS_END.search(text):
        text = _INLINE_ATTRS.sub(_inline_with_attrs, text)
    used = set(_IDS.findall(text))
    counters: dict[str, int] = {}
    tokens: list[Any] = []  # Python-Markdown's toc tokens, as MkDocs reads them
    title: list[str] = []
    top, bottom = _depth(toc_depth)

    def heading(match: re.Match[str]) -> str:
        tag, attrs, inner = match.groups()
        if _RAW in attrs:
            return match.group(0)  # the page's own HTML: Python-Markdown leaves it as written
        level = int(tag[1])
        name = strip_tags(inner)
        values = _attrs(f"<{tag}{attrs}>")
        ident = values.get("id") or unique(slugify(html.unescape(name), "-"), used, counters)
        values["id"] = ident
        # Python-Markdown writes an element's attributes in lexical order.
        attrs = "".join(f' {key}="{html.escape(value)}"' for key, value in sorted(values.items()))
        if match.start() == 0 and level == 1:
            title.append(name)
        if top <= level <= bottom:
            tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        if permalink not in (False, None):
            mark = "&para;" if permalink is True else html.escape(str(permalink))
            inner += f'<a class="headerlink" href="#{html.escape(ident)}" title="Permanent link">{mark}</a>'
        return f"<{tag}{attrs}>{inner}</{tag}>"

    text = _HEADING.sub(heading, text.lstrip())
    anchors = frozenset(html.unescape(i) for i in _IDS.findall(text))
    if tooltips is not None:
        text = tooltips.mark(text)
    text = _MARKDOWN_ATTR.sub(r"\1", _LINK.sub(_made_relative(link), text)).replace(_RAW, "")
    return Rendered(text.rstrip("\n"), nest_toc_tokens(tokens), title[0] if title else None, anchors)


def _made_relative(link):
    def replace(match: re.Match[str]) -> str:
        if _RAW in match.group(1):
            return match.group(0)
        return match.group(1) + html.escape(link(html.unescape(match.group(2)))) + match.group(3)

    return replace


def _depth(toc_depth: int | str) -> tuple[int, int]:
    """``toc``'s ``toc_depth``: a deepest level, or ``"top-bottom"``."""
    if isinstance(toc_depth, str) and "-" in toc_depth:
        first, last = toc_depth.split("-", 1)
        return int(first), int(last)
    return 1, int(toc_depth)


def _inline_with_attrs(match: re.Match[str]) -> str:
    tag, attrs, inner, written = match.groups()
    if _RAW in attrs:
        return match.group(0)  # the page's own HTML: Python-Markdown reads no attribute list after it
    values = _attrs(f"<{tag}{attrs}>")
    classes: list[str] = []
    for part in written.split():
        if part.startswith("."):
            classes.append(part[1:])
        elif part.startswith("#"):
            values["id"] = part[1:]
        else:
            return match.group(0)  # key=value pairs: not in the builder's pages; left for the comparison test to catch
    if classes:
        values["class"] = " ".join([values["class"], *classes] if values.get("class") else classes)
    # Python-Markdown writes an element's attributes in lexical order.
    written_attrs = "".join(f' {key}="{html.escape(value)}"' for key, value in sorted(values.items()))
    return f"<{tag}{written_attrs}>{inner}</{tag}>"


def _paragraph_with_attrs(match: re.Match[str]) -> str:
    body, attrs = match.groups()
    classes: list[str] = []
    ident = ""
    for part in attrs.lstrip(":").split():
        if part.startswith("."):
            classes.append(part[1:])
        elif part.startswith("#"):
            ident = part[1:]
        else:
            return match.group(0)  # key=value pairs: not in the builder's pages; left for the comparison test to catch
    out = ""
    if classes:
        out += f' class="{html.escape(" ".join(classes))}"'
    if ident:
        out += f' id="{html.escape(ident)}"'
    return f"<p{out}>{body}</p>"


class _Tooltips:
    """Marks the first mention of each glossary term, as :class:`builder.tooltips.TooltipTreeprocessor` does on Python-Markdown's tree."""

    def __init__(self, glossary: Glossary, page: str, label: str) -> None:
        self.glossary = glossary
        self.page = page
        self.label = _as_python_markdown_writes(label)

    def mark(self, text: str) -> str:
        seen: set[str] = set()
        out: list[str] = []
        copied = 0  # text[:copied] is in out
        # One frame per open element: its tag, whether its text is left alone, its
        # own terms (those of the glossary entry it is in) and, as in the tree
        # processor, the entry scope its later children are in (level, terms).
        frames: list[_Frame] = [_Frame("", False, frozenset())]
        places = _Places.of(self.glossary, text)
        size = len(text)
        horizon = size + 1 if places is None else places.horizon(seen)
        cursor = 0
        while cursor < size:
            if cursor >= horizon:
                break  # no term left to mark from here on
            token = _TOKEN.search(text, cursor)
            start = size if token is None else token.start()
            # The text up to the tag, matched again only where a term may be marked.
            if start > cursor and (places is None or places.may_mark(cursor, start, text, seen)):
                escaped = text[cursor:start]
                marked = self._text(escaped, frames[-1], seen)
                if marked is not escaped:
                    out += (text[copied:cursor], marked)
                    copied = start
                    if places is not None:
                        horizon = places.horizon(seen)
            if token is None:
                break
            cursor = token.end()
            closing, name = token.group(1, 2)
            if name is None:
                continue
            name = name.lower()
            if closing:
                for depth in range(len(frames) - 1, 0, -1):
                    if frames[depth].tag == name:
                        del frames[depth:]
                        break
                continue
            raw = token.group(0)
            parent = frames[-1]
            level = HEADINGS.get(name)
            attrs = {}
            # The attributes are read only where they can matter: a glossary
            # class (an entity may spell one), or a block of the page's own HTML.
            if level is not None or " class=" in raw or _RAW in raw:
                if ENTRY_CLASS in raw or WRAPPER_CLASS in raw or "&" in raw or (len(frames) == 1 and _RAW in raw):
                    attrs = _attrs(raw)
            if level is not None and level <= parent.entry_level:
                parent.entry_level, parent.entry_own = 7, parent.own
            if level is not None and ENTRY_CLASS in attrs.get("class", "").split() and attrs.get("id"):
                parent.entry_level, parent.entry_own = level, parent.own | {attrs["id"]}
            if name in _VOID or raw.endswith("/>"):
                continue
            # A block of the page's own HTML is left alone (Python-Markdown sets it
            # aside whole), unless its content is Markdown (md_in_html).
            block = len(frames) == 1 and _RAW in raw and "markdown" not in attrs
            if block or name in SKIPPED_TAGS or WRAPPER_CLASS in attrs.get("class", "").split():
                cursor = _closing(text, name, cursor)  # nothing inside is marked: passed over whole
                continue
            frames.append(_Frame(name, False, parent.entry_own))
        if not out:
            return text
        out.append(text[copied:])
        return "".join(out)

    def _text(self, escaped: str, frame: _Frame, seen: set[str]) -> str:
        if frame.skipped or not escaped.strip():
            return escaped
        own = frame.entry_own
        pieces: list[str] = []
        changed = False
        # Work stretch by stretch between entities, on the unescaped text.
        position = 0
        for entity in [*_ENTITY.finditer(escaped), None]:
            end = entity.start() if entity else len(escaped)
            plain = html.unescape(escaped[position:end])
            cursor = 0
            for match in self.glossary.matcher.find(plain) if plain.strip() else ():
                if match.key in seen or match.key in own:
                    continue
                seen.add(match.key)
                changed = True
                pieces.append(html.escape(plain[cursor : match.start], quote=False))
                pieces.append(self._tooltip(match.key, plain[match.start : match.end]))
                cursor = match.end
            pieces.append(html.escape(plain[cursor:], quote=False))
            if entity:
                pieces.append(entity.group(0))
                position = entity.end()
        return "".join(pieces) if changed else escaped

    def _tooltip(self, key: str, words: str) -> str:
        href = html.escape(f"{self.page}#{key}")
        tip = html.escape(f"glossary-tip-{key}")
        short = _as_python_markdown_writes(self.glossary.short.get(key, ""))
        return (
            f'<span class="{WRAPPER_CLASS}"><a aria-describedby="{tip}" class="{WRAPPER_CLASS}__link" href="{href}">{html.escape(words, quote=False)}</a>'
            f'<small class="{WRAPPER_CLASS}__tip" {SEARCH_EXCLUDED} role="tooltip"><span class="{WRAPPER_CLASS}__short" id="{tip}">{short}</span> '
            f'<a class="{WRAPPER_CLASS}__more" href="{href}" tabindex="-1">{self.label}</a></small></span>'
        )


class _Places:
    """Where a page's HTML, tags and all, names a glossary term whose first mention may still be unmarked.

    Most stretches of text between two tags name no term: matching each one
    again is most of what marking a page costs. The matcher runs once over the
    whole page instead, and finds at least what matching each stretch finds:
    the characters fold the same way (except a capital sigma, lowered to a
    final sigma or not depending on what surrounds it and on whether the text
    has a letter whose lower case is two letters, so a page with one is
    matched stretch by stretch), a stretch is bounded by ``>`` and ``<``,
    which end a word as the stretch's ends do, and where the matcher keeps one
    of two overlapping names of a term, the one kept overlaps the stretch as
    well. Only a stretch with an entity is read differently (unescaped, split
    at the entity), so such a stretch is always matched again. A stretch that
    no place overlaps, or only places of terms already marked, has nothing to
    mark; past the last place of an unmarked term and the last ``&``, nothing
    on the page has.
    """

    __slots__ = ("_carried", "_ends", "_horizon", "_keys", "_last_entity", "_marked", "_next", "_starts")

    def __init__(self, matches: list[Match], last_entity: int) -> None:
        self._starts = [m.start for m in matches]
        self._ends = [m.end for m in matches]
        self._keys = [m.key for m in matches]
        self._last_entity = last_entity
        self._next = 0  # the first place not yet passed
        self._carried: list[int] = []  # places passed that reach past where the last stretch began
        self._marked = -1  # how many terms were marked when the horizon was found
        self._horizon = 0

    @classmethod
    def of(cls, glossary: Glossary, text: str) -> _Places | None:
        """The places of ``text``; ``None`` where they cannot stand in for matching each stretch."""
        if "\u03a3" in text:
            return None
        matches = sorted(m for found in glossary.matcher.find_each(text).values() for m in found)
        return cls(matches, text.rfind("&") + 1)

    def horizon(self, seen: set[str]) -> int:
        """Where the last place of a term not in ``seen``, or the last ``&``, ends: no stretch after it has anything to mark."""
        if len(seen) != self._marked:  # terms are only ever added to ``seen``
            self._marked = len(seen)
            self._horizon = max([self._last_entity, *(end for end, key in zip(self._ends, self._keys) if key not in seen)])
        return self._horizon

    def may_mark(self, start: int, end: int, text: str, seen: set[str]) -> bool:
        """Whether the stretch ``text[start:end]`` may have a term to mark; stretches are asked about in order."""
        starts = self._starts
        index, size = self._next, len(starts)
        if index < size and starts[index] >= end and not self._carried:
            return text.find("&", start, end) >= 0  # no place in the stretch
        if text.find("&", start, end) >= 0:
            return True
        ends, keys = self._ends, self._keys
        while index < size and starts[index] < start:
            if ends[index] > start:
                self._carried.append(index)
            index += 1
        self._next = index
        if self._carried:
            self._carried = [i for i in self._carried if ends[i] > start]
            if any(keys[i] not in seen for i in self._carried):
                return True
        while index < size and starts[index] < end:
            if keys[index] not in seen:
                return True
            index += 1
        return False


def _closing(text: str, name: str, start: int) -> int:
    """Where the element ``name`` opened just before ``start`` ends: after its closing tag (the end of ``text`` if it has none)."""
    tags = _SAME_TAG.get(name)
    if tags is None:
        tags = _SAME_TAG[name] = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(text, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return len(text)


_SAME_TAG: dict[str, re.Pattern[str]] = {}


def _as_python_markdown_writes(text: str) -> str:
    """Text set on an element, escaped as Python-Markdown's serializer does: an ``&`` that starts an entity is kept."""
    return _LONE_AMPERSAND.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


class _Frame:
    """An open element, for :class:`_Tooltips`."""

    __slots__ = ("entry_level", "entry_own", "own", "skipped", "tag")

    def __init__(self, tag: str, skipped: bool, own: frozenset[str]) -> None:
        self.tag = tag
        self.skipped = skipped
        self.own = own
        self.entry_level = 7
        self.entry_own = own


def _attrs(tag: str) -> dict[str, str]:
    body = _TAG.sub("", tag, count=1).rstrip(">").rstrip("/")
    return {m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), "")) for m in _ATTR.finditer(body)}
