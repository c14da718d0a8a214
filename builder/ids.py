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
from typing import Any

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
    owners: dict[str, tuple[str, str]] = {}
    for rid, kind, rel, line, draft in _ids(sources, lists, data_files):
        first = owners.get(rid)
        if first is None:
            owners[rid] = (kind, f"{rel}:{line}")
        elif first[0] != kind:
            other, where = first
            problems.add(rel, line, f"{kind} id {rid!r} is already the id of {_a(other)} ({where}); links, anchors and JSON-LD would mix the two up", f"give the {kind} another id", warning=draft)
    for rid, (kind, where) in owners.items():
        if kind == "term" and _LETTER.fullmatch(rid):
            rel, _, at = where.rpartition(":")
            problems.add(rel, int(at), f"term id {rid!r} is the anchor of a letter heading on the glossary page", "give the term another id")


def _ids(sources: list[Any], lists: Mapping[str, list[tuple[Any, YamlPath]]], data_files: Mapping[str, LoadedFile]) -> Iterator[tuple[str, str, str, int, bool]]:
    """Every id with its kind, file, line, and whether it is only a draft's so far."""
    for name, kind in (("measures", "measure"), ("glossary", "term")):
        file = data_files.get(name)
        for record, path in lists.get(name, []):
            yield record.id, kind, file.rel if file else f"sources/{name}.yml", file.line_of((*path, "id")) if file else 1, False
    for source in sources:
        for i, entry in enumerate(source.meta.events):
            yield entry.id, "event", source.path, source.file.line_of(("events", i, "id")), entry.draft or source.meta.draft
    for source in sources:
        for i, figure in enumerate(source.meta.figures):
            line = source.file.line_of(("figures", i, "id"))
            draft = figure.draft or source.meta.draft
            yield figure.id, "figure", source.path, line, draft
            yield f"figure-{figure.id}", "figure", source.path, line, draft


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
