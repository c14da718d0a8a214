"""Adds to each generated page what lets people cite it: its last-change date and its JSON-LD."""

from __future__ import annotations

import hashlib
import json

from builder.curate import Site
from builder.memo import checked_in_process, in_process
from builder.render import jsonld, provenance

SITE_MAPPINGS = ("events_by_id", "figures_by_id", "terms_by_id", "sources_by_id", "source_records", "rank")
"""The site's look-up tables: a page's memo notes the records it looks up in them, not the whole tables."""
SITE_LISTS = ("sources", "events", "measures", "glossary", "tags")
"""The site's whole lists, compared by identity: a page that reads one is annotated again at every build."""

_ANNOTATED = checked_in_process(SITE_MAPPINGS, SITE_LISTS)
"""Annotated pages, by path and text, kept while the records they read are unchanged (a server's next build)."""
_DIGESTS = in_process()
"""Each page's digest, by path, while its text is the same string (a server's next build)."""


def annotate_page(site: Site, path: str, text: str) -> str:
    """The page with the last-change date in its metadata and JSON-LD after its text.

    The theme shows the date under "Cite this page"; the metadata block that
    :func:`builder.render.markdown.front` writes gains ``updated`` (ISO 8601 at
    the date's own precision) and ``updated_words`` (the date for people).
    """
    if not path.endswith(".md") or not text.startswith("---\n"):
        return text
    # Keyed by a digest of the text, not the text: a server would hold the whole site twice. A
    # page another memo kept is the very string it was: its digest is not made again. (That
    # holds the text of the pages made afresh at every build: 4 MB of 19 at 1,000 sources.)
    digest = _DIGESTS.get_same(path, (text,), lambda: hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
    return _ANNOTATED.get_checked((path, digest), site, lambda view: _annotate(view, path, text))


def _annotate(site: Site, path: str, text: str) -> str:
    shown = provenance.anchors(text)  # both blocks below start from the records the page shows
    sources = provenance.rests_on(site, path, text, shown)
    # Index pages rest on every source: the site works their date out once.
    meta = provenance.front_matter(site.last_change if sources is None else provenance.last_change(sources))
    if meta:
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(meta.items()))
        head, sep, rest = text[4:].partition("\n---\n")
        text = f"---\n{head}\n{lines}---\n{rest}" if sep else text
    data = jsonld.render(site, path, text, shown)
    if data is not None:
        text = text.rstrip("\n") + "\n\n" + jsonld.script(data) + "\n"
    return text
