"""Machine drafts for a source file: events, figures and glossary terms, marked ``draft: true``.

:func:`suggest_text` adds the drafts to a source file's text; it is what the
``suggest`` command runs on a file and ``add`` runs before writing a new one.
Running it again adds only what is not drafted yet: an entry whose quote (and,
for figures, number) is already in the file is not drafted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from builder.load import load_tree
from builder.problems import Problems
from builder.suggest.draft import Drafts, Known, draft, slugify
from builder.suggest.yamlblock import Entry, FrontmatterError, add_entries

__all__ = ["Known", "SuggestError", "Suggested", "known_in", "slugify", "suggest_text"]


class SuggestError(ValueError):
    """The source file cannot be drafted for; the message says why."""


@dataclass(frozen=True)
class Suggested:
    text: str
    """The file's new text."""
    drafts: Drafts


def known_in(root: Path, skip: str | None = None) -> Known:
    """Measures, glossary names and the ids in use in the project at ``root`` (the source ``skip`` left out)."""
    tree = load_tree(root, Problems())
    measures: dict[str, tuple[str, str]] = {}
    for item in (tree.data_files["measures"].data or []) if "measures" in tree.data_files else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            measures[item["id"]] = (str(item.get("label", "")), str(item.get("unit", "")))
    names: list[tuple[str, str]] = []
    for item in (tree.data_files["glossary"].data or []) if "glossary" in tree.data_files else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            for name in [item.get("term"), *(item.get("aliases") or [])]:
                if isinstance(name, str) and name.strip():
                    names.append((item["id"], name))
    events: set[str] = set()
    figures: set[str] = set()
    for file in tree.articles:
        if file.stem == skip or not isinstance(file.data, dict):
            continue
        events.update(str(e.get("id")) for e in file.data.get("events") or [] if isinstance(e, dict))
        figures.update(str(f.get("id")) for f in file.data.get("figures") or [] if isinstance(f, dict))
    return Known(measures, tuple(names), frozenset(events), frozenset(figures))


def suggest_text(source_id: str, text: str, known: Known) -> Suggested:
    """``text`` (a whole source file) with drafts added to its frontmatter.

    Raises:
        SuggestError: when the file has no readable frontmatter or no text, or is not in English.
    """
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise SuggestError("the file has no YAML frontmatter (run add on the saved page instead)")
    try:
        front, body = handler.split(text)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
    except (ValueError, yaml.YAMLError) as err:
        raise SuggestError(f"the frontmatter cannot be read ({' '.join(str(err).split())[:200]}); run check for details") from None
    if not isinstance(meta, dict):
        raise SuggestError("the frontmatter is not a mapping of fields; run check for details")
    language = str(meta.get("language") or "en")
    if language.split("-")[0].lower() != "en":
        raise SuggestError(f"the source's language is {language!r}; drafts follow English wording, so annotate it by hand")
    body = body.strip("\n")
    if not body.strip():
        raise SuggestError("the file has no article text after its frontmatter")
    existing = {name: [e for e in (meta.get(name) or []) if isinstance(e, dict)] for name in ("events", "figures", "terms")}
    for name in ("events", "figures", "terms"):
        if meta.get(name) is not None and not isinstance(meta.get(name), list):
            raise SuggestError(f"{name}: is not a list; run check for details")
    published = meta.get("published")
    drafts = draft(source_id, body, str(published) if published else None, existing, known)
    for entry in (*drafts.events, *drafts.figures):
        _mark_machine(entry)
    try:
        new_text = add_entries(text, {"events": drafts.events, "figures": drafts.figures, "terms": drafts.terms})
    except FrontmatterError as err:
        raise SuggestError(str(err)) from None
    return Suggested(new_text, drafts)


UNMARKED = frozenset({"id", "quote", "draft"})
"""Draft fields not named under ``machine:``: the id is a handle, the quote is checked word for word, and draft is the flag itself."""


def _mark_machine(entry: Entry) -> None:
    """Name under ``machine:`` every field the drafting filled in, so none is published before an editor reviews it."""
    written = [key for key, value in entry.fields.items() if key not in UNMARKED and value is not None]
    if written:
        fields = {key: value for key, value in entry.fields.items() if key != "draft"}
        entry.fields = {**fields, "machine": written, **({"draft": entry.fields["draft"]} if "draft" in entry.fields else {})}
