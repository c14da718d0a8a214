"""Machine-readable exports for researchers: JSON lists and CSV beside them.

The fields are documented in ``docs/about.md`` and stay stable: new fields may
be added, none renamed.
"""

from __future__ import annotations

import csv
import io
import json

from builder.curate import Site


def records(site: Site) -> dict[str, list[dict]]:
    """The exported records, by data set name."""
    timeline = [
        {
            "id": e.id,
            "date": e.date.text,
            "date_text": e.date.human(),
            "earliest": e.date.iso_bounds()[0],
            "latest": e.date.iso_bounds()[1],
            "era": e.era,
            "title": e.title,
            "summary": e.summary,
            "tags": list(e.tags),
            "places": list(e.places),
            "actors": list(e.actors),
            "citations": [
                {
                    "source": c.source.id,
                    "quote": c.quote,
                    "date": c.date.text if c.date else None,
                    "reported": c.reported.text if c.reported else None,
                }
                for c in e.citations
            ],
        }
        for e in site.events
    ]
    glossary = [
        {
            "id": g.term.id,
            "term": g.term.term,
            "aliases": list(g.term.aliases),
            "original": g.term.original,
            "transliteration": g.term.transliteration,
            "short": g.term.short,
            "definition": g.term.definition,
            "related": list(g.term.related),
            "eras": list(g.term.eras),
            "citations": [{"source": c.source, "quote": c.quote} for c in g.term.citations],
        }
        for g in site.glossary
    ]
    figures = [
        {
            "id": f.id,
            "measure": f.measure.id,
            "measure_label": f.measure.label,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "unit": f.measure.unit,
            "as_of": f.as_of.text if f.as_of else None,
            "producer": f.producer,
            "method": f.method,
            "derived_by": f.derived_by,
            "citations": [{"source": f.source.id, "quote": f.quote}],
        }
        for g in site.measures
        for f in g.figures
    ]
    sources = [
        {
            "id": p.source.id,
            "title": p.source.meta.title,
            "publisher": p.source.meta.publisher,
            "authors": list(p.source.meta.authors),
            "url": p.source.meta.url,
            "archive_url": p.source.meta.archive_url,
            "published": p.source.meta.published,
            "kind": p.source.meta.kind,
            "language": p.source.meta.language,
            "reuse_limit": p.source.meta.reuse.limit if p.source.meta.reuse else None,
        }
        for p in site.sources
    ]
    return {"timeline": timeline, "glossary": glossary, "figures": figures, "sources": sources}


def render(site: Site) -> dict[str, str]:
    files: dict[str, str] = {}
    for name, rows in records(site).items():
        files[f"data/{name}.json"] = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
        files[f"data/{name}.csv"] = to_csv(rows)
    return files


def to_csv(rows: list[dict]) -> str:
    """Flat CSV: lists joined with ' | ', citations as 'source: quote' joined likewise."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {}
        for key, value in row.items():
            if isinstance(value, list):
                value = " | ".join(f"{v['source']}: {v['quote']}" if isinstance(v, dict) else str(v) for v in value)
            flat[key] = "" if value is None else value
        writer.writerow(flat)
    return buffer.getvalue()
