"""Render stage: pure functions from the curated :class:`~builder.curate.Site` to page text.

Each module renders one kind of page and returns ``{path: text}`` with paths
relative to the docs folder; none touches a file. :func:`render_site` gathers
them all for the writer.
"""

from __future__ import annotations

from functools import partial

from builder.curate import Site
from builder.render import data, figures, glossary, home, places, references, sources, tags, timeline
from builder.render.annotate import annotate_page


def render_site(site: Site, keep: sources.Keep | None = None) -> dict[str, str]:
    """Every generated page and data file, by path relative to ``docs/``.

    ``keep`` lets the sourcing notes reuse what an earlier build made from
    an unchanged text (:meth:`builder.cache.TextMemo.keep`); the pages are the
    same with it or without.
    """
    pages: dict[str, str] = {}
    notes = partial(sources.render, keep=keep) if keep is not None else sources.render
    for renderer in (home.render, timeline.render, glossary.render, figures.render, notes, tags.render, references.render, places.render, data.render):
        for path, text in renderer(site).items():
            if path in pages:
                raise ValueError(f"two renderers produced {path}")
            pages[path] = text
    # Annotated one page at a time in place, so the site's text is held once, not twice.
    for path, text in pages.items():
        pages[path] = annotate_page(site, path, text)
    return pages
