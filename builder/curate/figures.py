"""Figures: every number, grouped by the measure it counts."""

from __future__ import annotations

from dataclasses import dataclass

from builder import dates
from builder.check import Content, Source
from builder.model import Measure


@dataclass(frozen=True)
class Figure:
    """A number one source states about a measure."""

    id: str
    measure: Measure
    source: Source
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    as_of: dates.Edtf | None
    producer: str | None
    method: str | None
    derived_by: str | None
    quote: str

    @property
    def lowest(self) -> float:
        return self.value if self.value is not None else self.low  # type: ignore[return-value]

    @property
    def highest(self) -> float:
        return self.value if self.value is not None else self.high  # type: ignore[return-value]


@dataclass(frozen=True)
class MeasureGroup:
    """All figures of one measure, with their spread."""

    measure: Measure
    figures: tuple[Figure, ...]

    @property
    def spread(self) -> tuple[float, float]:
        return min(f.lowest for f in self.figures), max(f.highest for f in self.figures)


def group_figures(content: Content) -> tuple[MeasureGroup, ...]:
    """Figures grouped by measure, in the order of ``measures.yml``; empty measures dropped."""
    by_measure: dict[str, list[Figure]] = {}
    measures = {m.id: m for m in content.measures}
    for source in content.sources:
        for entry in source.meta.figures:
            if entry.draft:
                continue
            by_measure.setdefault(entry.measure, []).append(
                Figure(
                    id=entry.id,
                    measure=measures[entry.measure],
                    source=source,
                    value=entry.value,
                    low=entry.low,
                    high=entry.high,
                    qualifier=entry.qualifier,
                    as_of=dates.parse(entry.as_of) if entry.as_of else None,
                    producer=entry.producer,
                    method=entry.method,
                    derived_by=entry.derived_by,
                    quote=entry.quote,
                )
            )
    groups = []
    for measure in content.measures:
        figures = by_measure.get(measure.id)
        if figures:
            figures.sort(key=lambda f: (f.as_of.sort_key() if f.as_of else (dates.dt.date.max,), f.lowest, f.id))
            groups.append(MeasureGroup(measure, tuple(figures)))
    return tuple(groups)


