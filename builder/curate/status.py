"""Claim status: whether the site repeats one origin's claim, several independent ones agree, or the editors correct it.

* **reported**: one source reports it, or several that share one origin.
* **corroborated**: two or more independent sources agree on it.
* **corrected**: an editors' note disagrees with the source, with a reference.

Two sources are independent when they have different publishers (a source
whose publisher is unknown is its own origin). For an event, a source that
passes on another's claim (``according_to:``) has that claimant as its
origin: two outlets quoting one ministry's assessment repeat one origin. For
a figure, they must also credit different producers: two outlets repeating iStories' count repeat one
origin. Producers are one when their names share a form: "Important Stories
(iStories)" and "iStories" name the same outlet. Agreement is
:mod:`builder.curate.agreement`'s: dates that can mean the same day, values
whose qualifiers overlap. The status is computed, never typed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Literal

from builder import dates

if TYPE_CHECKING:
    from builder.check import Source
    from builder.curate.events import EventCitation
    from builder.curate.figures import Figure, MeasureGroup

Kind = Literal["reported", "corroborated", "corrected"]


@dataclass(frozen=True)
class Status:
    """The claim status of an event or a figure, with who stands behind it."""

    kind: Kind
    origins: tuple[str, ...] = ()
    """Names of the independent origins that agree (publisher, else the source's title), in citation order."""
    disagreeing: int = 0
    """Other origins that report it in a version that cannot be this one (an event dated otherwise)."""


REPORTED = Status("reported")
"""The status of a claim nothing else is known of."""


def origin(source: Source) -> str:
    """What a source repeats: its publisher, compared without case; a source of unknown publisher is its own."""
    publisher = source.meta.publisher
    return f"publisher:{' '.join(publisher.casefold().split())}" if publisher else f"source:{source.id}"


def origin_name(source: Source) -> str:
    """An origin as readers see it: the publisher, else the source's title."""
    return source.meta.publisher or source.meta.title


def event_status(citations: Sequence[EventCitation], when: dates.Edtf, *, corrected: bool) -> Status:
    """An event's status from its citations and the date the site gives it.

    A source that gives no date of its own corroborates the event; one whose
    date cannot be the site's does not.
    """
    claimant = _form_groups([c.according_to for c in citations])
    names: dict[str, str] = {}
    others: set[str] = set()
    for i, citation in enumerate(citations):
        if citation.according_to and i in claimant:
            key, name = f"claimant:{claimant[i]}", citation.according_to
        else:
            key, name = origin(citation.source), origin_name(citation.source)
        if citation.date is None or _dates_agree(citation.date, when):
            names.setdefault(key, name)
        else:
            others.add(key)
    disagreeing = len(others - set(names))
    if corrected:
        return Status("corrected", tuple(names.values()), disagreeing)
    if len(names) >= 2:
        return Status("corroborated", tuple(names.values()), disagreeing)
    first = citations[0] if citations else None
    fallback = (first.according_to or origin_name(first.source),) if first else ()
    return Status("reported", tuple(names.values()) or fallback, disagreeing)


def _dates_agree(a: dates.Edtf, b: dates.Edtf) -> bool:
    return a.lower <= b.upper and b.lower <= a.upper


_PARENS = re.compile(r"\(([^()]*)\)")


def producer_forms(producer: str | None) -> frozenset[str]:
    """The forms a producer's name takes: the whole name, the part before a parenthesis, and what is inside it."""
    if not producer:
        return frozenset()
    whole = " ".join(producer.casefold().split())
    forms = {whole, " ".join(_PARENS.sub(" ", whole).split())}
    forms.update(" ".join(m.split()) for m in _PARENS.findall(whole))
    return frozenset(f for f in forms if f)


def figure_statuses(group: MeasureGroup) -> dict[str, Status]:
    """Each figure of one measure by id: corrected, corroborated by an independent figure that agrees, or reported.

    Every figure of the measure is placed once in an index of the measure,
    of its own source origin and of its producer (binary searches, as in
    :class:`builder.curate.agreement.MeasureIndex`), so a measure counted by
    thousands of sources is not compared pair by pair.
    """
    from builder.curate.agreement import MeasureIndex, figures_agree
    from builder.curate.figures import MeasureGroup

    figures = group.figures
    by_origin: dict[str, list[Figure]] = {}
    for figure in figures:
        by_origin.setdefault(origin(figure.source), []).append(figure)
    producer_of = _producer_groups(figures)
    by_producer: dict[int, list[Figure]] = {}
    for figure in figures:
        if figure.id in producer_of:
            by_producer.setdefault(producer_of[figure.id], []).append(figure)
    both: dict[tuple[str, int], list[Figure]] = {}
    for figure in figures:
        if figure.id in producer_of:
            both.setdefault((origin(figure.source), producer_of[figure.id]), []).append(figure)

    def index(members: list[Figure]) -> MeasureIndex:
        return MeasureIndex(MeasureGroup(group.measure, tuple(members)))

    everything = index(list(figures))
    origin_index = {k: index(v) for k, v in by_origin.items()}
    producer_index = {k: index(v) for k, v in by_producer.items()}
    both_index = {k: index(v) for k, v in both.items()}
    statuses: dict[str, Status] = {}
    for figure in figures:
        if figure.corrected:
            statuses[figure.id] = Status("corrected", (origin_name(figure.source),))
            continue
        own = origin(figure.source)
        dependent = origin_index[own].agreeing(figure)
        producer = producer_of.get(figure.id)
        if producer is not None:
            dependent += producer_index[producer].agreeing(figure) - both_index[(own, producer)].agreeing(figure)
        independent = everything.agreeing(figure) - dependent
        if independent > 0:
            found = (f for f in figures if origin(f.source) != own and (producer is None or producer_of.get(f.id) != producer) and figures_agree(figure, f))
            others = list(islice(found, 3))
            statuses[figure.id] = Status("corroborated", (origin_name(figure.source), *dict.fromkeys(origin_name(f.source) for f in others)))
        else:
            statuses[figure.id] = Status("reported", (figure.producer or origin_name(figure.source),))
    return statuses


def _producer_groups(figures: Sequence[Figure]) -> dict[str, int]:
    """Figure id -> number of its producer's group: producers whose names share a form are one."""
    groups = _form_groups([f.producer for f in figures])
    return {figures[i].id: group for i, group in groups.items()}


def _form_groups(names: Sequence[str | None]) -> dict[int, int]:
    """Position -> number of its name's group, for the names given: names that share a form are one (union-find over the forms)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    forms = [producer_forms(name) for name in names]
    for found in forms:
        if not found:
            continue
        first, *rest = sorted(found)
        for other in rest:
            parent[find(other)] = find(first)
    roots: dict[str, int] = {}
    out = {}
    for i, found in enumerate(forms):
        if found:
            out[i] = roots.setdefault(find(min(found)), len(roots))
    return out
