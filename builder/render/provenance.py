"""Which sources each generated page rests on, and the date of the page's last change."""

from __future__ import annotations

import re

from builder import dates
from builder.check import Source
from builder.curate import Site, newest_date
from builder.incremental import Page

_QUALIFIERS = re.compile(r"[~?%]")


def rests_on(site: Site, page: Page) -> tuple[Source, ...] | None:
    """The sources the page rests on, in the order of their ids: those of the records it declares (:class:`~builder.incremental.Page`).

    A source declared is one the page rests on; an event, figure or term
    brings the sources it cites. ``None`` for a page that declares none, or
    whose records cite none: it summarises the whole site and rests on every source.
    """
    if page.rests_on is None:
        return None
    used: set[str] = set()
    for kind, key in (*page.describes, *page.rests_on):
        if kind == "source":
            used.add(key)
        elif kind == "event":
            used.update(c.source.id for c in site.events_by_id[key].citations)
        elif kind == "figure":
            used.add(site.figures_by_id[key].source.id)
        elif kind == "term":
            used.update(c.source for c in site.terms_by_id[key].term.citations)
        else:
            raise ValueError(f"{page.path} declares a {kind}, which cites no source")
    if not used:
        return None
    by_id = site.source_records
    return tuple(by_id[s] for s in sorted(used) if s in by_id)


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
