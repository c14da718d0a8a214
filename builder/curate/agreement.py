"""Where sources agree and disagree: the same event dated, the same measure counted.

Two dates agree when the days they can mean overlap ("February 2022" and
"24 February 2022" agree; "June 1942" and "28 July 1942" do not). A source
that reports an event without dating it corroborates the event, not a date.
Two figures of one measure agree when the values their qualifiers allow
overlap: "at least 49,000" agrees with 50,554, "more than 50,000" does not
agree with 49,001. "About" allows 10% either side and "nearly" up to 10%
below, a convention of this site that the method page states.

A measure may be counted by thousands of sources and an event reported by
thousands, so nothing here compares every pair. Each measure and each event
is indexed once (its figures' or dates' bounds, sorted); a figure or a date
is then placed against all the others by binary search: how many agree, how
many do not, and the few nearest other sources by name. Both the work and the
records kept grow linearly with the corpus.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Generic, TypeVar

from builder import dates
from builder.check import Source
from builder.curate.events import Event
from builder.curate.figures import Figure, MeasureGroup

APPROXIMATE = 0.10
"""How far 'about' and 'nearly' may be from the stated number: a tenth of it."""
MAX_NAMED = 3
"""Most other sources named for one event or one figure; the rest are counted."""
_SCAN = 64
"""Most citations looked at, in citation order, to find agreeing ones to name."""


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
class EventAgreement:
    """How the other reports of an event stand to this source's date of it."""

    event: Event
    mine: dates.Edtf | None
    """The date this source gives; ``None`` when it gives none."""
    others: int
    """Other sources that report the event (one citation each)."""
    agree: int
    """Of them, those that date it so that both dates can mean the same day."""
    disagree: int
    """Those whose date cannot be this source's: zero when this source gives none."""
    undated: int
    """Those that give no date of their own (they contradict no date)."""
    named: tuple[EventComparison, ...]
    """At most :data:`MAX_NAMED`: disagreeing ones first, nearest date first, then agreeing ones."""


@dataclass(frozen=True)
class FigureComparison:
    """Another source's figure of a measure this source also counts."""

    mine: Figure
    theirs: Figure
    agrees: bool
    """Whether the values their qualifiers allow overlap."""


@dataclass(frozen=True)
class FigureAgreement:
    """Where one of this source's figures stands among every figure of its measure."""

    mine: Figure
    others: int
    """Figures of the measure given by other sources."""
    other_sources: int
    """How many other sources give them."""
    agree: int
    """Of those figures, the ones whose allowed values overlap this one's."""
    disagree: int
    spread: tuple[float, float]
    """The measure's lowest and highest stated value (:attr:`MeasureGroup.spread`)."""
    nearest: tuple[FigureComparison, ...]
    """At most :data:`MAX_NAMED` other sources' figures, the closest in value first."""


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
    """Whether the values two figures allow overlap; "more than" excludes its own number."""
    a_low, a_high = bounds(a)
    b_low, b_high = bounds(b)
    if a.qualifier == "more-than" and b_high <= a.lowest or b.qualifier == "more-than" and a_high <= b.lowest:
        return False
    return a_low <= b_high and b_low <= a_high


# --- figures: one index per measure ---------------------------------------------------


def _center(figure: Figure) -> float:
    """The value a figure is placed at when looking for its neighbours: its number, or the middle of its range."""
    return figure.value if figure.value is not None else (figure.low + figure.high) / 2  # type: ignore[operator]  # a figure without a value has low and high (its model requires one or the other)


class MeasureIndex:
    """A measure's figures, sorted once so that any figure is placed among them in O(log n).

    :func:`figures_agree` is an overlap of intervals whose upper ends are
    closed and whose lower end is open for "more than" (it excludes its own
    number). A figure ``x`` does not agree with ``b`` exactly when ``b`` lies
    wholly below it or wholly above it, and both counts are binary searches.
    """

    def __init__(self, group: MeasureGroup) -> None:
        self.group = group
        self.spread = group.spread
        self.sources = len({f.source.id for f in group.figures})
        intervals = [(bounds(f), f.qualifier == "more-than") for f in group.figures]
        self._highs = sorted(high for (_, high), _ in intervals)
        self._closed_lows = sorted(low for (low, _), open_ in intervals if not open_)
        self._open_lows = sorted(low for (low, _), open_ in intervals if open_)
        self._by_center = sorted(group.figures, key=lambda f: (_center(f), f.id))
        self._centers = [_center(f) for f in self._by_center]

    def agreeing(self, figure: Figure) -> int:
        """How many figures of the measure (``figure`` itself included) agree with ``figure``."""
        low, high = bounds(figure)
        # Wholly below: an upper end under this figure's lower end (or at it, when that end is open).
        if figure.qualifier == "more-than":
            below = bisect.bisect_right(self._highs, low)
        else:
            below = bisect.bisect_left(self._highs, low)
        # Wholly above: a closed lower end over this figure's upper end, or an open one at or over it.
        above = len(self._closed_lows) - bisect.bisect_right(self._closed_lows, high)
        above += len(self._open_lows) - bisect.bisect_left(self._open_lows, high)
        return len(self._highs) - below - above

    def nearest(self, figure: Figure, count: int = MAX_NAMED) -> tuple[Figure, ...]:
        """The ``count`` figures of other sources closest in value to ``figure``; on a tie, the lower one first."""
        center = _center(figure)
        right = bisect.bisect_left(self._centers, center)
        left = right - 1
        found: list[Figure] = []
        while len(found) < count and (left >= 0 or right < len(self._by_center)):
            take_left = right >= len(self._by_center) or (left >= 0 and center - self._centers[left] <= self._centers[right] - center)
            if take_left:
                candidate, left = self._by_center[left], left - 1
            else:
                candidate, right = self._by_center[right], right + 1
            if candidate.source.id != figure.source.id:
                found.append(candidate)
        return tuple(found)


def place_figure(figure: Figure, index: MeasureIndex, own: Sequence[Figure]) -> FigureAgreement:
    """Where ``figure`` stands among its measure's figures from other sources.

    Args:
        figure: one figure of the source.
        index: the index of its measure.
        own: every figure of that measure by the same source (``figure`` included),
            taken out of the counts: a source does not corroborate itself.
    """
    others = len(index.group.figures) - len(own)
    agree = index.agreeing(figure) - sum(1 for f in own if figures_agree(figure, f))
    nearest = tuple(FigureComparison(figure, f, figures_agree(figure, f)) for f in index.nearest(figure))
    return FigureAgreement(figure, others, index.sources - 1, agree, others - agree, index.spread, nearest)


# --- events: one index per event ------------------------------------------------------------


class EventIndex:
    """The dates an event's reports give, sorted once so that any date is placed among them in O(log n)."""

    def __init__(self, event: Event) -> None:
        self.event = event
        dated = [(c.date.lower, c.date.upper, i) for i, c in enumerate(event.citations) if c.date is not None]
        self.undated = len(event.citations) - len(dated)
        self.position: dict[str, int] = {}
        """Source id -> index of its citation (one per source: ids are unique within a source's file)."""
        for i, citation in enumerate(event.citations):
            self.position.setdefault(citation.source.id, i)
        # Read from the end (nearest first), so that among equal dates the earlier citation must sort last.
        self._by_upper = sorted(((upper, i) for _, upper, i in dated), key=lambda pair: (pair[0], -pair[1]))
        self._uppers = [upper for upper, _ in self._by_upper]
        self._by_lower = sorted((lower, i) for lower, _, i in dated)
        self._lowers = [lower for lower, _ in self._by_lower]

    def disagreeing(self, date: dates.Edtf) -> tuple[int, int]:
        """How many dated reports end before ``date`` can begin, and how many begin after it can end."""
        return bisect.bisect_left(self._uppers, date.lower), len(self._lowers) - bisect.bisect_right(self._lowers, date.upper)

    def nearest_disagreeing(self, date: dates.Edtf, count: int) -> list[int]:
        """Citation positions of the ``count`` disagreeing dates closest to ``date`` in days, the closest first.

        The disagreeing dates are a prefix of the reports sorted by their end
        and a suffix of those sorted by their start: walk out from ``date``
        on both sides at once, the earlier side first on a tie.
        """
        before, after = self.disagreeing(date)
        below, above = before - 1, len(self._by_lower) - after
        start, end = date.lower.toordinal(), date.upper.toordinal()
        found: list[int] = []
        while len(found) < count and (below >= 0 or above < len(self._by_lower)):
            below_gap = start - self._by_upper[below][0].toordinal() if below >= 0 else None
            above_gap = self._by_lower[above][0].toordinal() - end if above < len(self._by_lower) else None
            if above_gap is None or (below_gap is not None and below_gap <= above_gap):
                found.append(self._by_upper[below][1])
                below -= 1
            else:
                found.append(self._by_lower[above][1])
                above += 1
        return found


def place_event(source: Source, index: EventIndex) -> EventAgreement | None:
    """How the other reports of an event stand to ``source``'s report; ``None`` when no other source reports it."""
    event = index.event
    mine_at = index.position.get(source.id)
    if mine_at is None or len(event.citations) < 2:
        return None
    mine = event.citations[mine_at].date
    others = len(event.citations) - 1
    undated = index.undated - (mine is None)
    if mine is None:
        disagree, named_at = 0, []
    else:
        before, after = index.disagreeing(mine)
        disagree = before + after
        named_at = index.nearest_disagreeing(mine, MAX_NAMED)
    # Fill the names left with agreeing reports, in citation order (the describing entry comes first).
    for i, citation in enumerate(islice(event.citations, _SCAN)):
        if len(named_at) >= MAX_NAMED:
            break
        if i != mine_at and i not in named_at and dates_agree(mine, citation.date):
            named_at.append(i)
    named = tuple(
        EventComparison(event, event.citations[i].source, mine, event.citations[i].date, dates_agree(mine, event.citations[i].date)) for i in named_at
    )
    return EventAgreement(event, mine, others, others - disagree - undated, disagree, undated, named)


R = TypeVar("R")
X = TypeVar("X")


class Indexes(Generic[R, X]):
    """One index per record by id, made the first time it is asked for.

    A rebuild compares again only the sources whose events or figures
    changed; the indexes of the others' records are never asked for.
    """

    def __init__(self, records: dict[str, R], make: Callable[[R], X]) -> None:
        self._records, self._make, self._made = records, make, dict[str, X]()

    def __contains__(self, rid: str) -> bool:
        return rid in self._records

    def __getitem__(self, rid: str) -> X:
        found = self._made.get(rid)
        if found is None:
            found = self._made[rid] = self._make(self._records[rid])
        return found


def event_indexes(events: Iterable[Event]) -> Indexes[Event, EventIndex]:
    """One index per event that more than one source reports."""
    return Indexes({e.id: e for e in events if len(e.citations) > 1}, EventIndex)


def measure_indexes(groups: Iterable[MeasureGroup]) -> Indexes[MeasureGroup, MeasureIndex]:
    """One index per measure that more than one source counts."""
    return Indexes({g.measure.id: g for g in groups if len({f.source.id for f in g.figures}) > 1}, MeasureIndex)


def compare_events(source: Source, events: Iterable[Event], indexes: Indexes[Event, EventIndex]) -> tuple[EventAgreement, ...]:
    """Where the other reports of each event ``source`` reports stand, in timeline order."""
    placed = (place_event(source, indexes[e.id]) for e in events if e.id in indexes)
    return tuple(p for p in placed if p is not None)


def compare_figures(figures: Sequence[Figure], indexes: Indexes[MeasureGroup, MeasureIndex]) -> tuple[FigureAgreement, ...]:
    """Where each of one source's figures stands in its measure, in the order given."""
    own: dict[str, list[Figure]] = {}
    for figure in figures:
        own.setdefault(figure.measure.id, []).append(figure)
    return tuple(place_figure(f, indexes[f.measure.id], own[f.measure.id]) for f in figures if f.measure.id in indexes)
