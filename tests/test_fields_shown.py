"""Every field of a source is exported, or listed here with where it goes instead: a new field cannot be left out of the exports unnoticed."""

from __future__ import annotations

from pathlib import Path

from builder.curate import curate
from builder.model import SourceMeta
from builder.pipeline import check_only
from builder.render.data import source_record

ROOT = Path(__file__).resolve().parent.parent

NOT_EXPORTED_AS_IS = {
    "accessed": "shown on the note only: when the curators read it, not a fact about the source",
    "editor_notes": "exported as notes, with the works they cite",
    "reuse": "exported as reuse_limit",
    "draft": "a draft source is not published",
    "machine": "a source that names a field under machine: must be a draft, and drafts are not published",
}


def test_every_source_field_is_exported_or_said_why_not() -> None:
    site = curate(check_only(ROOT)[0])
    record = source_record(site.sources[0])
    missing = {name for name in SourceMeta.model_fields if name not in record}
    assert missing == set(NOT_EXPORTED_AS_IS), "export the new field in builder/render/data.py source_record, or say here why not"
