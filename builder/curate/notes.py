"""The editors' notes as the site shows them: each with the works it cites, and what it corrects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from builder.model import EditorNote, Reference


@dataclass(frozen=True)
class Cited:
    """One work a note rests on, with the pages the editors have seen."""

    reference: Reference
    pages: str | None


@dataclass(frozen=True)
class Note:
    """An editors' note: their words, the works cited, and the facts it corrects."""

    text: str
    cites: tuple[Cited, ...]
    corrects: tuple[tuple[str, str], ...] = ()
    """``(field, the site's value as written)`` for each fact the note corrects: date, title, actors, value."""
    on: str | None = None
    """Id of the source whose entry carries the note (``None`` for a glossary term's)."""

    @property
    def correction(self) -> bool:
        return bool(self.corrects)


def curated_notes(notes: Iterable[EditorNote], references: Mapping[str, Reference], on: str | None = None) -> tuple[Note, ...]:
    """The notes with their references looked up (the check stage made sure each exists)."""
    out = []
    for note in notes:
        fix = getattr(note, "corrects", None)
        corrects = tuple((name, _written(value)) for name, value in (fix.model_dump(exclude_none=True).items() if fix is not None else ()))
        out.append(Note(note.text, tuple(Cited(references[c.ref], c.pages) for c in note.cites), corrects, on))
    return tuple(out)


def _written(value: object) -> str:
    """A corrected value as text: numbers without a needless ``.0``, a list of names joined by commas."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
