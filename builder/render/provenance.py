"""Which sources each generated page rests on, and the date of the page's last change."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from builder import dates
from builder.check import Source
from builder.curate import Site, newest_date

_QUALIFIERS = re.compile(r"[~?%]")


_HEADING_ANCHOR = re.compile(r"^#{1,6} .*\{#([A-Za-z0-9_-]+)[^{}]*\}\s*$", re.MULTILINE)
_SPAN_ANCHOR = re.compile(r'<span id="([A-Za-z0-9_-]+)"></span>')
_LINK = re.compile(r"\]\(([^()\s]+)\)")


def anchors(text: str) -> set[str]:
    """Ids of the records a generated page shows: its heading anchors and row anchors."""
    return set(_HEADING_ANCHOR.findall(text)) | set(_SPAN_ANCHOR.findall(text))


def rests_on(site: Site, path: str, text: str, shown: set[str] | None = None) -> tuple[Source, ...] | None:
    """The sources the generated page at ``path`` (relative to docs/) rests on.

    Read off the page itself, so it holds whatever pages the renderers make:
    the sources it links to, and the sources of the events, figures and terms
    it shows or links to. A sourcing note rests on its own source; index
    pages, and pages that name no source, summarise the whole site and rest
    on every source: ``None`` for those.

    Args:
        shown: the page's :func:`anchors`, when the caller has them already (left unchanged).
    """
    if posixpath.basename(path) == "index.md":
        return None
    by_id = site.source_records
    if path.startswith("sources/"):
        own = path.removeprefix("sources/").removesuffix(".md")
        return (by_id[own],) if own in by_id else ()
    folder = posixpath.dirname(path)
    shown = set(anchors(text) if shown is None else shown)
    used: set[str] = set()
    # A page links to the same notes and events many times over: each distinct target is resolved once.
    for target in set(_LINK.findall(text)):
        page, _, fragment = target.partition("#")
        # A link within the page (``#id``) names no other page.
        source_id = _linked_source(folder, page) if page else None
        if source_id is not None:
            used.add(source_id)
        if fragment:
            shown.add(fragment)
    # Look up the ids the page shows: a scan of every record per page is quadratic in the corpus.
    used |= {c.source.id for i in shown if i in site.events_by_id for c in site.events_by_id[i].citations}
    used |= {site.figures_by_id[i].source.id for i in shown if i in site.figures_by_id}
    used |= {c.source for i in shown if i in site.terms_by_id for c in site.terms_by_id[i].term.citations}
    if not used:
        return None
    return tuple(by_id[s] for s in sorted(used) if s in by_id)


@lru_cache(maxsize=1 << 16)
def _linked_source(folder: str, page: str) -> str | None:
    """The id of the sourcing note that ``page``, linked from a page in ``folder``, is; ``None`` for any other page.

    Memoised: every page of a folder links to the same notes.
    """
    resolved = posixpath.normpath(posixpath.join(folder, page))
    if resolved.startswith("sources/") and resolved != "sources/index.md":
        return resolved.removeprefix("sources/").removesuffix(".md")
    return None


def last_change(sources: tuple[Source, ...]) -> dates.Edtf | None:
    """The date of a page's last change: the newest publication or access date of its sources.

    A page says only what its sources say, so it changes when a newer source
    is added or re-read. Deriving the date from the content keeps the build
    deterministic (the wall clock would make every build differ) and works
    without version control. ``None`` when no source the page uses is dated.
    """
    return newest_date(sources)


def machine_date(date: dates.Edtf) -> str | None:
    """The date as ISO 8601 at its own precision (``2023-08``), for ``<time datetime>`` and JSON-LD.

    Qualifiers (approximate, uncertain) are dropped; an interval gives its
    end; ``None`` when a digit is unspecified (``XXXX-09-25``) or the end is open.
    """
    side = date.text.split("/")[-1]
    if not side or side == ".." or "X" in side:
        return None
    return _QUALIFIERS.sub("", side)


def front_matter(date: dates.Edtf | None) -> dict[str, str]:
    """The page metadata the theme shows under "Cite this page"."""
    if date is None:
        return {}
    meta = {"updated_words": date.human()}
    iso = machine_date(date)
    if iso:
        meta["updated"] = iso
    return meta
