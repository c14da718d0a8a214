"""Check stage, ids: one id names one thing.

Events, figures, measures and glossary terms are each found by their id:
pages carry it as an anchor (``timeline/1942.md#order-227``,
``glossary.md#order-227``), and the JSON-LD of a page gives each record it
presents the ``@id`` ``#<id>``. An id that two kinds share would give the
site two records under one ``@id``, and two anchors of the same name where
the kinds meet, so it is refused with both places named. A figure's anchor in
its sourcing note (``figure-<id>``) and the glossary's letter headings
(``letter-a``) are ids as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from builder.load import LoadedFile, YamlPath
from builder.problems import Problems

_LETTER = re.compile(r"letter-([a-z]|other)")
"""The glossary page's letter headings (builder/render/glossary.py)."""


def check_ids(sources: list[Any], lists: Mapping[str, list[tuple[Any, YamlPath]]], data_files: Mapping[str, LoadedFile], problems: Problems) -> None:
    """Report each id used by two kinds of record, at the later one, naming the first.

    Args:
        sources: the checked sources (their events and figures), in id order.
        lists: each curated list's valid records with their places (``measures``, ``glossary``).
        data_files: the curated files, for the lines of their records.
    """
    kinds: dict[str, str] = {}
    for rid, kind, _, _ in _ids(sources, lists, data_files):
        if kinds.setdefault(rid, kind) != kind:
            break
    else:
        if not any(kind == "term" and _LETTER.fullmatch(rid) for rid, kind in kinds.items()):
            return  # nearly every build: only ids and kinds were kept, the places are found for a message
    owners: dict[str, tuple[str, _Place]] = {}
    for rid, kind, place, draft in _ids(sources, lists, data_files):
        first = owners.get(rid)
        if first is None:
            owners[rid] = (kind, place)
        elif first[0] != kind:
            other, where = first
            problems.add(*place.at(), f"{kind} id {rid!r} is already the id of {_a(other)} ({':'.join(map(str, where.at()))}); links, anchors and JSON-LD would mix the two up", f"give the {kind} another id", warning=draft)
    for rid, (kind, where) in owners.items():
        if kind == "term" and _LETTER.fullmatch(rid):
            problems.add(*where.at(), f"term id {rid!r} is the anchor of a letter heading on the glossary page", "give the term another id")


class _Place(NamedTuple):
    """Where an id is given: its line is looked up only for a message, since a file's line map costs a parse of its YAML."""

    rel: str
    file: LoadedFile | None
    path: YamlPath

    def at(self) -> tuple[str, int]:
        return self.rel, self.file.line_of(self.path) if self.file else 1


def _ids(sources: list[Any], lists: Mapping[str, list[tuple[Any, YamlPath]]], data_files: Mapping[str, LoadedFile]) -> Iterator[tuple[str, str, _Place, bool]]:
    """Every id with its kind, where it is given, and whether it is only a draft's so far."""
    for name, kind in (("measures", "measure"), ("glossary", "term")):
        file = data_files.get(name)
        rel = file.rel if file else f"sources/{name}.yml"
        for record, path in lists.get(name, []):
            yield record.id, kind, _Place(rel, file, (*path, "id")), False
    for source in sources:
        for i, entry in enumerate(source.meta.events):
            yield entry.id, "event", _Place(source.path, source.file, ("events", i, "id")), entry.draft or source.meta.draft
    for source in sources:
        for i, figure in enumerate(source.meta.figures):
            place = _Place(source.path, source.file, ("figures", i, "id"))
            draft = figure.draft or source.meta.draft
            yield figure.id, "figure", place, draft
            yield f"figure-{figure.id}", "figure", place, draft


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
