"""Every field of a source is shown on its sourcing note, or listed here with where it goes instead: a new field cannot be left off the note unnoticed."""

from __future__ import annotations

import dataclasses

from builder.curate import curate
from builder.model import Reuse, SourceMeta
from builder.pipeline import check_only
from builder.render import figures as figures_page
from builder.render import links
from builder.render import sources as sources_page
from tests.conftest import FIXTURES

NOT_ON_NOTE = {
    "events": "shown as the events the site uses the source for, by their curated titles",
    "figures": "shown as the figures the site uses the source for, by their curated values",
    "terms": "term drafts: a draft is not published",
    "machine": "a source that names a field under machine: must be a draft, and drafts are not published",
    "draft": "a draft source is not published",
    "editor_notes": "shown as the editors' notes, with the works they cite (tests/test_references.py)",
}
"""Fields that are not a row or a line of their own on the note, and why."""

MARKED = {
    "title": "Zqx title",
    "publisher": "Zqx Publisher",
    "authors": ["Zqx Author"],
    "url": "https://example.org/zqx-original",
    "archive_url": "https://example.org/zqx-archived",
    "published": "1911-11-11",
    "accessed": "1912-12-12",
    "language": "zqx",
    "kind": "reference",
    "reuse": Reuse(statement="Zqx statement", limit=4321),
    "inferred": {"publisher": "Zqx how it was inferred"},
    "notes": "Zqx curators' notes",
}
SHOWN_AS = {"published": "1911-11-11", "accessed": "12 December 1912", "authors": "Zqx Author", "reuse": "Zqx statement", "inferred": "Zqx how it was inferred"}
"""What the note shows of a marked value that is not its text as it stands."""


def test_every_source_field_is_on_its_note_or_said_why_not() -> None:
    assert set(SourceMeta.model_fields) == set(MARKED) | set(NOT_ON_NOTE), "show the new field in builder/render/sources.py (_metadata), mark it here, or say in NOT_ON_NOTE why not"
    site = curate(check_only(FIXTURES / "mini")[0])
    profile = site.sources[0]
    marked = dataclasses.replace(profile, source=dataclasses.replace(profile.source, meta=profile.source.meta.model_copy(update=MARKED)))
    note = sources_page.render_note(marked, links.Lookups(site, figures_page.page_of(site)))
    missing = [name for name, value in MARKED.items() if str(SHOWN_AS.get(name, value)) not in note]
    assert missing == []
