"""The draft preview: checked content with its drafts made visible, each marked as a draft.

Used by ``build --drafts`` and by ``mkdocs serve`` with ``BUILDER_DRAFTS=1``,
so curators see drafts in place before accepting them. Drafts get a title,
summary or method that says "Draft", a draft figure's new measure gets a
placeholder, and an undated draft event goes under "Year not known"; the
content itself is not changed. Term drafts stay in their source files.
"""

from __future__ import annotations

import dataclasses

from builder.check import Content, Source
from builder.model import EventEntry, Measure, SourceMeta

PREVIEW_ENV = "BUILDER_DRAFTS"
"""Set to ``1`` for ``mkdocs serve`` (or ``mkdocs build``) to show drafts, as ``build --drafts`` does."""

MARK = "Draft"
MACHINE = "Written by the builder, not reviewed"


def preview(content: Content, draft_sources: tuple[Source, ...] = ()) -> Content:
    """``content`` with every draft event and figure published and marked, and ``draft_sources`` added."""
    sources = tuple(sorted((*content.sources, *draft_sources), key=lambda s: s.id))
    described = {e.id for s in sources if not s.meta.draft for e in s.meta.events if not e.draft and e.title}
    measures = {m.id: m for m in content.measures}
    shown = []
    for source in sources:
        whole = source.meta.draft
        events = []
        for entry in source.meta.events:
            if not (entry.draft or whole):
                events.append(entry)
                continue
            update: dict[str, object] = {"draft": False, **_machine_marked(entry)}
            if entry.id not in described:
                update["title"] = f"{MARK}: {entry.title or _clip(entry.quote, 90)}"
                update["summary"] = entry.summary or f"{MARK}, not reviewed: drafted by machine from {source.id}; the quote below is the source's words."
                update["date"] = entry.date or "XXXX"
                described.add(entry.id)
            events.append(entry.model_copy(update=update))
        figures = []
        for figure in source.meta.figures:
            if not (figure.draft or whole):
                figures.append(figure)
                continue
            if figure.measure not in measures:
                measures[figure.measure] = Measure(id=figure.measure, label=f"{MARK} measure: {figure.measure}", unit="not defined yet", description="Proposed by a draft figure; not in measures.yml yet.")
            method = f"{MARK}, not reviewed." + (f" {figure.method}" if figure.method else "")
            figures.append(figure.model_copy(update={"draft": False, "method": method}))
        meta = source.meta.model_copy(update={"events": events, "figures": figures, "draft": False, **_machine_marked(source.meta)})
        if whole:
            meta = meta.model_copy(update={"title": f"{MARK}: {source.meta.title}"})
        shown.append(dataclasses.replace(source, meta=meta))
    return dataclasses.replace(content, sources=tuple(shown), measures=tuple(measures.values()))


def _machine_marked(record: EventEntry | SourceMeta) -> dict[str, str]:
    """The notes the builder wrote, each saying so: the preview shows them as the machine's, not the curators'."""
    return {f: f"{MACHINE}: {getattr(record, f)}" for f in ("date_note", "notes") if f in record.machine and getattr(record, f, None)}


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + "…"
