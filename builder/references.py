"""Check stage for the editors' notes: every reference they cite exists, and each correction is one.

The bibliography (``sources/references.yml``) is validated like the other
curated files (:mod:`builder.model`); this module checks what spans files:
the reference ids that notes on sources, events, figures and glossary terms
name, that no fact is corrected twice, that a correction changes something,
and that a corrected date still falls in an era.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from builder import dates
from builder.load import LoadedFile, YamlPath
from builder.model import EditorNote, Era, EventNote, Reference, Term
from builder.problems import Problems

if TYPE_CHECKING:
    from builder.check import Source


def notes_in(source: Source) -> Iterator[tuple[YamlPath, EditorNote]]:
    """Every editors' note in a source file, with where it is: on the source, its events and its figures."""
    meta = source.meta
    for k, note in enumerate(meta.editor_notes):
        yield ("editor_notes", k), note
    for i, event in enumerate(meta.events):
        for k, note in enumerate(event.editor_notes):
            yield ("events", i, "editor_notes", k), note
    for i, figure in enumerate(meta.figures):
        for k, note in enumerate(figure.editor_notes):
            yield ("figures", i, "editor_notes", k), note


def check_notes(
    sources: Sequence[Source],
    terms: Sequence[Term],
    glossary: LoadedFile | None,
    references: Sequence[Reference],
    references_file: LoadedFile | None,
    eras: Sequence[Era],
    problems: Problems,
) -> None:
    """Report unknown reference ids, corrections that correct nothing or twice, and unused references (warnings)."""
    known = {r.id for r in references}
    if references_file is not None and isinstance(references_file.data, list):
        # An entry that failed validation is reported there; notes citing it are not reported again.
        known |= {str(item["id"]) for item in references_file.data if isinstance(item, dict) and "id" in item}
    cited: set[str] = set()
    located: list[tuple[LoadedFile, YamlPath, EditorNote]] = [(s.file, path, note) for s in sources for path, note in notes_in(s)]
    if glossary is not None and isinstance(glossary.data, list):
        positions = {item.get("id"): i for i, item in enumerate(glossary.data) if isinstance(item, dict)}
        located += [(glossary, (positions.get(t.id, 0), "editor_notes", k), note) for t in terms for k, note in enumerate(t.editor_notes)]
    for file, path, note in located:
        for j, cite in enumerate(note.cites):
            cited.add(cite.ref)
            if cite.ref not in known:
                close = difflib.get_close_matches(cite.ref, sorted(known), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "add the work to sources/references.yml first, with only the details you have seen"
                problems.add(file.rel, file.line_of((*path, "cites", j)), f"note cites unknown reference {cite.ref!r}", fix)
    for source in sources:
        _check_event_corrections(source, eras, problems)
        _check_figure_corrections(source, problems)
    _check_event_corrections_once(sources, problems)
    if references_file is not None and isinstance(references_file.data, list):
        positions = {item.get("id"): i for i, item in enumerate(references_file.data) if isinstance(item, dict)}
        for reference in references:
            if reference.id not in cited and not problems.errors:
                problems.add(
                    references_file.rel,
                    references_file.line_of((positions.get(reference.id, 0), "id")),
                    f"reference {reference.id!r} is cited by no note",
                    "cite it in an editor_notes: entry, or remove it",
                    warning=True,
                )


def _check_event_corrections(source: Source, eras: Sequence[Era], problems: Problems) -> None:
    from builder.curate.events import (
        era_of,  # the curate package imports the check stage
    )

    for i, event in enumerate(source.meta.events):
        for k, note in enumerate(event.editor_notes):
            fix = note.corrects
            if fix is None:
                continue
            where = ("events", i, "editor_notes", k, "corrects")
            if fix.date is not None:
                if event.date is not None and dates.parse(fix.date).text == dates.parse(event.date).text:
                    problems.add(source.path, source.file.line_of((*where, "date")), f"event {event.id!r}: the correction gives the source's own date {fix.date}", "give the date the editors' references support, or remove date: from corrects:")
                when = dates.parse(fix.date)
                if eras and when.year_known and era_of(when, tuple(eras)) is None:
                    problems.add(source.path, source.file.line_of((*where, "date")), f"event {event.id!r} corrected to {fix.date} falls in no era", "add or widen an era in sources/eras.yml")
            if fix.title is not None and event.title is not None and fix.title == event.title:
                problems.add(source.path, source.file.line_of((*where, "title")), f"event {event.id!r}: the correction gives the entry's own title", "write the corrected title, or remove title: from corrects:")
            if fix.actors is not None and sorted(fix.actors) == sorted(event.actors):
                problems.add(source.path, source.file.line_of((*where, "actors")), f"event {event.id!r}: the correction gives the entry's own actors", "name who acted as the editors' references say, or remove actors: from corrects:")
            if fix.title is not None and event.title is None:
                problems.add(source.path, source.file.line_of((*where, "title")), f"event {event.id!r}: a title is corrected on an entry that has none", "put the note on the entry that gives the event's title and summary")


def _check_figure_corrections(source: Source, problems: Problems) -> None:
    for i, figure in enumerate(source.meta.figures):
        corrections = [(k, n.corrects) for k, n in enumerate(figure.editor_notes) if n.corrects is not None]
        for k, fix in corrections[1:]:
            problems.add(source.path, source.file.line_of(("figures", i, "editor_notes", k, "corrects")), f"figure {figure.id!r} is corrected by more than one note", "put everything the editors correct in one note's corrects:")
        for k, fix in corrections[:1]:
            where = ("figures", i, "editor_notes", k, "corrects")
            if fix.value is not None and fix.value == figure.value and (fix.qualifier or "exact") == figure.qualifier:
                problems.add(source.path, source.file.line_of((*where, "value")), f"figure {figure.id!r}: the correction gives the source's own value", "give the number the editors' references support, or remove value:")
            if fix.date is not None and figure.as_of is not None and dates.parse(fix.date).text == dates.parse(figure.as_of).text:
                problems.add(source.path, source.file.line_of((*where, "date")), f"figure {figure.id!r}: the correction gives the source's own date {fix.date}", "give the date the references support, or remove date:")


def _check_event_corrections_once(sources: Iterable[Source], problems: Problems) -> None:
    """One correction of each fact of an event, whichever source's entry carries it."""
    seen: dict[tuple[str, str], str] = {}
    for source in sources:
        for i, event in enumerate(source.meta.events):
            for k, note in enumerate(event.editor_notes):
                if not isinstance(note, EventNote) or note.corrects is None:
                    continue
                for field in ("date", "title", "actors"):
                    if getattr(note.corrects, field) is None:
                        continue
                    line = source.file.line_of(("events", i, "editor_notes", k, "corrects", field))
                    here = f"{source.path}:{line}"
                    first = seen.setdefault((event.id, field), here)
                    if first != here:
                        problems.add(source.path, line, f"event {event.id!r}: its {field} is corrected twice (also {first})", "keep one correction of each fact")

