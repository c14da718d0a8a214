"""Figures: every number, grouped by the measure it counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder import dates
from builder.check import Content, Source, metadata_digest
from builder.curate.events import reported_on
from builder.curate.notes import Note, curated_notes
from builder.incremental import Cached, combine, fresh
from builder.model import FigureEntry, Measure, Reference


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
    derivation: str | None = None
    """How the curators derived the value from the quote's words (``derived:``)."""
    notes: tuple[Note, ...] = ()
    """The editors' notes on the figure."""
    claimed: FigureEntry | None = None
    """The source's own entry, when an editors' note corrects its number or date (the fields above are then the site's)."""
    reported: dates.Edtf | None = None
    """When the source reported it: the date the entry states, else the source's publication date; ``None`` when neither is known."""
    reported_stated: bool = False
    """``reported`` is the date the entry states, not the source's publication date."""

    @property
    def corrected(self) -> bool:
        """An editors' note gives another number or date than the source."""
        return self.claimed is not None

    @property
    def lowest(self) -> float:
        return self.value if self.value is not None else self.low  # type: ignore[return-value]  # a figure without a value has low and high (FigureEntry's validator)

    @property
    def highest(self) -> float:
        return self.value if self.value is not None else self.high  # type: ignore[return-value]  # a figure without a value has low and high (FigureEntry's validator)

    @property
    def derived(self) -> bool:
        """Computed by someone from another number, or by the curators from the quote's words: not stated as counted."""
        return self.derived_by is not None or self.derivation is not None


@dataclass(frozen=True)
class MeasureGroup:
    """All figures of one measure, with their spread."""

    measure: Measure
    figures: tuple[Figure, ...]
    digest: bytes = field(default=b"", repr=False, compare=False)
    """A digest of what it is made from: the measure, the references and its figures' sources' metadata."""

    @property
    def stated(self) -> tuple[Figure, ...]:
        """The figures as their producers gave them; derived ones only when there is nothing else."""
        stated = tuple(f for f in self.figures if not f.derived)
        return stated or self.figures

    @property
    def spread(self) -> tuple[float, float]:
        """Lowest and highest value of the stated figures (derived numbers are not separate counts)."""
        return min(f.lowest for f in self.stated), max(f.highest for f in self.stated)

    @property
    def lowest_figure(self) -> Figure:
        """The stated figure with the lowest value (on a tie, the first in table order)."""
        return min(self.stated, key=lambda f: f.lowest)

    @property
    def highest_figure(self) -> Figure:
        """The stated figure with the highest value (on a tie, the first in table order)."""
        return min(self.stated, key=lambda f: -f.highest)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(sorted({f.source.id for f in self.figures}))

    @property
    def as_of_differs(self) -> bool:
        """Whether the figures refer to different dates or periods (compare with care)."""
        return len({f.as_of.text if f.as_of else None for f in self.figures}) > 1


def group_figures(content: Content, cached: Cached = fresh) -> tuple[MeasureGroup, ...]:
    """Figures grouped by measure, in the order of ``measures.yml``; empty measures dropped.

    A measure's group is kept while its figures' sources' metadata, the
    measure and the references are unchanged (``cached``): an edit to one
    source makes again only the groups of its figures.
    """
    entries: dict[str, list[tuple[Source, FigureEntry]]] = {}
    for source in content.sources:
        for entry in source.meta.figures:
            if not entry.draft:
                entries.setdefault(entry.measure, []).append((source, entry))
    references = {r.id: r for r in content.references}
    works = combine(*content.references)
    groups = []
    for measure in content.measures:
        found = entries.get(measure.id)
        if found:
            made_from = combine(measure, works, metadata_digest(s for s, _ in found))
            groups.append(cached(("figures", measure.id), made_from, "group", lambda _: _group(measure, found, references, content.references)))
    return tuple(groups)


def _group(measure: Measure, found: list[tuple[Source, FigureEntry]], references: dict[str, Reference], works: tuple[Reference, ...]) -> MeasureGroup:
    figures = sorted((_figure(entry, source, measure, references) for source, entry in found), key=lambda f: (f.as_of.sort_key() if f.as_of else (dates.dt.date.max,), f.lowest, f.id))
    return MeasureGroup(measure, tuple(figures), combine(measure, *works, *((f.id, f.source.meta_digest) for f in figures)))


def _figure(entry: FigureEntry, source: Source, measure: Measure, references: dict[str, Reference]) -> Figure:
    """The figure one source's entry states, on its measure, as the editors' note corrects it if one does."""
    fix = next((n.corrects for n in entry.editor_notes if n.corrects is not None), None)
    value, low, high, qualifier, as_of = entry.value, entry.low, entry.high, entry.qualifier, entry.as_of
    if fix is not None:
        if fix.value is not None or fix.low is not None:
            value, low, high, qualifier = fix.value, fix.low, fix.high, fix.qualifier or "exact"
        as_of = fix.date or as_of
    return Figure(
        id=entry.id,
        measure=measure,
        source=source,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        as_of=dates.parse(as_of) if as_of else None,
        producer=entry.producer,
        method=entry.method,
        derived_by=entry.derived_by,
        derivation=entry.derived,
        quote=entry.quote,
        notes=curated_notes(entry.editor_notes, references, source.id),
        claimed=entry if fix is not None else None,
        reported=reported_on(entry.reported, source),
        reported_stated=entry.reported is not None,
    )


