"""Where sources agree and disagree: the same event dated, the same measure counted.

Two dates agree when the days they can mean overlap ("February 2022" and
"24 February 2022" agree; "June 1942" and "28 July 1942" do not). A source
that reports an event without dating it corroborates the event, not a date.
Two figures of one measure agree when the values their qualifiers allow
overlap: "at least 49,000" agrees with 50,554, "more than 50,000" does not
agree with 49,001. "About" allows 10% either side and "nearly" up to 10%
below, a convention of this site that the method page states.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from builder import dates
from builder.check import Source
from builder.curate.events import Event
from builder.curate.figures import Figure, MeasureGroup

APPROXIMATE = 0.10
"""How far 'about' and 'nearly' may be from the stated number: a tenth of it."""


@dataclass(frozen=True)
class EventComparison:
    """Another source's report of an event this source reports."""

    event: Event
    other: Source
    mine: dates.Edtf | None
    """The date this source gives; ``None`` when it gives none."""
    theirs: dates.Edtf | None
    agrees: bool
    """False when both date it and the dates cannot both be right."""


@dataclass(frozen=True)
class FigureComparison:
    """Another source's figure of a measure this source also counts."""

    mine: Figure
    theirs: Figure
    agrees: bool
    """Whether the values their qualifiers allow overlap."""


def dates_agree(a: dates.Edtf | None, b: dates.Edtf | None) -> bool:
    """Whether two dates can mean the same day; a missing date contradicts nothing."""
    if a is None or b is None:
        return True
    return a.lower <= b.upper and b.lower <= a.upper


def bounds(figure: Figure) -> tuple[float, float]:
    """The interval of values a figure's qualifier allows."""
    low, high = figure.lowest, figure.highest
    q = figure.qualifier
    if q == "approximately":
        return low - abs(low) * APPROXIMATE, high + abs(high) * APPROXIMATE
    if q == "nearly":
        return low - abs(low) * APPROXIMATE, high
    if q in ("more-than", "at-least"):
        return low, math.inf
    if q in ("at-most", "up-to"):
        return -math.inf, high
    return low, high


def figures_agree(a: Figure, b: Figure) -> bool:
    a_low, a_high = bounds(a)
    b_low, b_high = bounds(b)
    if a.qualifier == "more-than" and b_high <= a.lowest or b.qualifier == "more-than" and a_high <= b.lowest:
        return False
    return a_low <= b_high and b_low <= a_high


def compare_events(source: Source, events: tuple[Event, ...]) -> tuple[EventComparison, ...]:
    """Every other source's report of the events ``source`` reports, in timeline order."""
    out = []
    for event in events:
        mine = next((c for c in event.citations if c.source.id == source.id), None)
        if mine is None:
            continue
        for other in event.citations:
            if other.source.id != source.id:
                out.append(EventComparison(event, other.source, mine.date, other.date, dates_agree(mine.date, other.date)))
    return tuple(out)


def compare_figures(source: Source, groups: tuple[MeasureGroup, ...]) -> tuple[FigureComparison, ...]:
    """Every other source's figure of the measures ``source`` counts, by measure."""
    out = []
    for group in groups:
        mine = [f for f in group.figures if f.source.id == source.id]
        theirs = [f for f in group.figures if f.source.id != source.id]
        out.extend(FigureComparison(m, t, figures_agree(m, t)) for m in mine for t in theirs)
    return tuple(out)
