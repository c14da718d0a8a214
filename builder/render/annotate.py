"""Adds to each generated page what lets people cite it: its last-change date and its JSON-LD."""

from __future__ import annotations

import json

from builder.curate import Site
from builder.incremental import Page
from builder.render import jsonld, provenance


def annotate_page(site: Site, page: Page, text: str) -> str:
    """The page with the last-change date in its metadata and JSON-LD after its text, both from what ``page`` declares.

    The theme shows the date under "Cite this page"; the metadata block that
    :func:`builder.render.markdown.front` writes gains ``updated`` (ISO 8601 at
    the date's own precision) and ``updated_words`` (the date for people).
    """
    if not page.path.endswith(".md") or not text.startswith("---\n"):
        return text
    sources = provenance.rests_on(site, page)
    # Index pages rest on every source: the site works their date out once.
    meta = provenance.front_matter(site.last_change if sources is None else provenance.last_change(sources))
    if meta:
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(meta.items()))
        head, sep, rest = text[4:].partition("\n---\n")
        text = f"---\n{head}\n{lines}---\n{rest}" if sep else text
    data = jsonld.render(site, page.path, page.describes)
    if data is not None:
        text = text.rstrip("\n") + "\n\n" + jsonld.script(data) + "\n"
    return text
