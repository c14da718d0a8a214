"""The review gate: nothing the builder wrote is published until an editor has reviewed it.

``add`` and ``suggest`` write what they find (metadata read off a page, a
date the date finder resolved, a note on how) into the source file and name
those fields under ``machine:`` on the source, event or figure. A source or
entry that still names any field there must stay ``draft: true``; the check
refuses to publish it otherwise, one problem per field, at the field's line.
Text that speaks to an editor ("Check it.", "before publishing") is refused
on a published item too, in case a marker was deleted without a rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from builder.load import YamlPath
from builder.model import EventEntry, FigureEntry, SourceMeta
from builder.problems import Problems

if TYPE_CHECKING:
    from builder.check import Source

Reviewed = SourceMeta | EventEntry | FigureEntry
"""The records that may carry the builder's text."""

REWRITE = frozenset({"notes", "date_note", "summary", "method", "because", "inferred", "derived_by", "derived"})
"""Fields in the curators' own words: a machine's version is rewritten, not confirmed."""

TO_EDITOR = re.compile(
    r"(?:^|[.;:]\s+)check\s+it\b|\bbefore\s+publishing\b|\bcompare\s+the\s+text\s+with\s+the\s+original\b|\bthe\s+date\s+finder\b|\bwith\s+the\s+add\s+command\b",
    re.IGNORECASE,
)
"""Words the builder addresses to an editor, which no reader should see."""
_SPOKEN = {
    "source": ("notes", "inferred"),
    "event": ("title", "summary", "date_note", "because"),
    "figure": ("date_note", "method", "derived_by", "derived", "producer"),
}
"""The fields of each kind of record that readers read as the curators' words."""


def check_review(source: Source, problems: Problems) -> None:
    """Report the source, and each of its events and figures, if published while it still carries the builder's unreviewed text."""
    if source.meta.draft:
        return  # a draft source is not published, with all its entries
    items: list[tuple[str, Reviewed, YamlPath]] = [("source", source.meta, ())]
    items += [("event", e, ("events", i)) for i, e in enumerate(source.meta.events) if not e.draft]
    items += [("figure", f, ("figures", i)) for i, f in enumerate(source.meta.figures) if not f.draft]
    for kind, record, path in items:
        _check_item(source, kind, record, path, problems)


def _check_item(source: Source, kind: str, record: Reviewed, path: YamlPath, problems: Problems) -> None:
    what = _name(kind, record)
    marked = record.machine
    # A file's line map is made only when a message needs a line (LoadedFile.lines).
    machine_line = source.file.line_of((*path, "machine")) if marked else 0
    for field in marked:
        value = getattr(record, field)
        line = source.file.line_of((*path, field)) if _given(source, path, field) else machine_line
        shown = f": {_shown(value)}" if _shown(value) else ""
        if field in REWRITE or (field == "title" and kind == "event"):
            how = f"rewrite {field} in your own words, stating only what the source's text supports"
        else:
            how = f"compare {field} with the source's text and correct it, leaving unknown what the text does not show"
        problems.add(
            source.path,
            line,
            f"{what} is published, but its {field} is still the builder's and not reviewed{shown}",
            f"{how}; then delete {field} from machine: on line {machine_line}, or keep {'the source' if kind == 'source' else 'the entry'} draft: true until then",
        )
    for field, text in _spoken(kind, record):
        if field in marked:
            continue
        found = TO_EDITOR.search(text)
        if found:
            problems.add(
                source.path,
                source.file.line_of((*path, *field.split("."))),
                f"{what}: {field} speaks to an editor ({found.group(0).lstrip('.;: ')!r}), and readers would see it: {_shown(text)}",
                "rewrite it in your own words for readers, stating only what the source's text supports",
            )


def _name(kind: str, record: Reviewed) -> str:
    if isinstance(record, (EventEntry, FigureEntry)):
        return f"{kind} {record.id!r}"
    return "the source"


def _given(source: Source, path: YamlPath, field: str) -> bool:
    """Whether the file writes ``field`` at ``path`` (a field left out has no line of its own)."""
    data: object = source.file.data
    for key in path:
        data = data[key] if isinstance(data, (dict, list)) else None  # type: ignore[index]  # a path's keys were read from this data: a string in a mapping, a number in a list
    return isinstance(data, dict) and field in data


def _spoken(kind: str, record: Reviewed) -> Iterator[tuple[str, str]]:
    """(field, text) for every text of ``record`` that readers read as the curators' words."""
    for field in _SPOKEN[kind]:
        value = getattr(record, field)
        if isinstance(value, str):
            yield field, value
        elif isinstance(value, dict):
            yield from ((f"{field}.{k}", v) for k, v in sorted(value.items()) if isinstance(v, str))


def _shown(value: object) -> str:
    """A field's value as a problem quotes it: short, on one line."""
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in value.items())
    text = " ".join(str(value).split())
    return f'"{text if len(text) <= 100 else text[:99].rstrip() + "…"}"'
