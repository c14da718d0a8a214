"""Machine-readable exports for researchers: JSON lists and CSV beside them.

The fields are documented in ``docs/about.md`` and stay stable: new fields may
be added, none renamed.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable

import orjson

from builder.curate import Event, Figure, MeasureGroup, Site, SourceProfile
from builder.curate.notes import Note
from builder.curate.status import Status, figure_statuses
from builder.incremental import Cached, Ref, fresh
from builder.places import name_key
from builder.render import figures as figures_page
from builder.render import links, references
from builder.render import markdown as md
from builder.render import places as places_page


def note_records(notes: tuple[Note, ...]) -> list[dict]:
    """The editors' notes: their words, the works they cite (with pages where verified), and what they correct."""
    return [
        {
            "by": "editors",
            "text": n.text,
            "cites": [{"ref": c.reference.id, "label": references.label(c.reference), "pages": c.pages} for c in n.cites],
            "corrects": dict(n.corrects),
        }
        for n in notes
    ]


def status_fields(status: Status) -> dict:
    """A claim status as export fields: the status and who stands behind it."""
    return {"status": status.kind, "status_origins": list(status.origins), "status_text": references.badge_text(status)}


def glossary_records(site: Site) -> list[dict]:
    """One record per term."""
    return [
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
            "notes": note_records(g.notes),
        }
        for g in site.glossary
    ]


def _figure_rows(group: MeasureGroup) -> list[dict]:
    """The records of one measure's figures: they read that measure's group alone."""
    page_of = {f.id: page.path for page in figures_page.measure_pages(group) for f in page.figures}
    # Once per measure, not once per figure: both scan the measure's figures.
    low, high = group.spread
    stated = {id(f) for f in group.stated}
    statuses = figure_statuses(group)
    return [
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
            "derivation": f.derivation,
            "citations": [{"source": f.source.id, "quote": f.quote, "reported": f.reported.text if f.reported else None, "reported_stated": f.reported_stated}],
            "reported": f.reported.text if f.reported else None,
            "reported_text": f.reported.human() if f.reported else None,
            "value_text": _amount_words(f),
            "as_of_text": f.as_of.human() if f.as_of else None,
            "derived": f.derived,
            "in_spread": id(f) in stated,
            "measure_low": low,
            "measure_high": high,
            "source_title": f.source.meta.title,
            "permalink": _html(page_of[f.id]) + f"#{f.id}",
            "citation_permalink": _html(f"sources/{f.source.id}.md") + f"#{figures_page.citation_anchor(f)}",
            **status_fields(statuses[f.id]),
            "source_value": f.claimed.value if f.claimed else f.value,
            "source_low": f.claimed.low if f.claimed else f.low,
            "source_high": f.claimed.high if f.claimed else f.high,
            "source_qualifier": f.claimed.qualifier if f.claimed else f.qualifier,
            "source_as_of": (f.claimed.as_of if f.claimed else (f.as_of.text if f.as_of else None)),
            "notes": note_records(f.notes),
        }
        for f in group.figures
    ]


def _html(page: str) -> str:
    return page.removesuffix(".md") + ".html"


def _amount_words(figure: Figure) -> str:
    """The value as the figures table words it, without Markdown: 'more than 1,000 people'."""
    core = md.number(figure.value) if figure.value is not None else f"{md.number(figure.low)}–{md.number(figure.high)}"  # type: ignore[arg-type]  # a figure without a value has low and high (its model requires one or the other)
    words = md.QUALIFIER_WORDS.get(figure.qualifier, "") + core
    unit = figure.measure.unit.strip()
    after = md.STATED if figure.qualifier == "stated" else ""
    return f"{words}%{after}" if unit in ("%", "percent") else f"{words} {unit}{after}"


def source_record(profile: SourceProfile) -> dict:
    """One source: metadata, what cites it, whom it relies on, how it hedges, who agrees."""
    meta = profile.source.meta
    speakers: dict[str, dict] = {}
    for a in profile.text.attributions:
        entry = speakers.setdefault(
            f"{a.name}\0{a.quoted}",
            {"name": a.name, "kind": a.kind, "named": a.named, "quoted": a.quoted, "mentions": 0, "cues": [], "told": []},
        )
        entry["mentions"] += 1
        if a.cue not in entry["cues"]:
            entry["cues"].append(a.cue)
        if a.recipient and a.recipient not in entry["told"]:
            entry["told"].append(a.recipient)
    hedges: dict[str, dict] = {}
    for h in profile.text.hedges:
        entry = hedges.setdefault(h.lemma, {"lemma": h.lemma, "kind": h.kind, "own": 0, "quoted": 0, "negated": 0})
        entry["quoted" if h.quoted else "own"] += 1
        entry["negated"] += h.negated
    # Only the few other sources a note names: the counts below cover the rest, so a record stays bounded.
    comparisons = [
        {"source": c.other.id, "on": "event", "id": c.event.id, "agrees": c.agrees} for a in profile.event_agreement for c in a.named
    ] + [
        {"source": c.theirs.source.id, "on": "figure", "id": c.theirs.id, "agrees": c.agrees, "figure": c.mine.id}
        for a in profile.figure_agreement
        for c in a.nearest
    ]
    return {
        "id": profile.source.id,
        "title": meta.title,
        "publisher": meta.publisher,
        "authors": list(meta.authors),
        "url": meta.url,
        "archive_url": meta.archive_url,
        "published": meta.published,
        "kind": meta.kind,
        "language": meta.language,
        "reuse_limit": meta.reuse.limit if meta.reuse else None,
        "notes": note_records(profile.notes),
        "inferred": dict(sorted(meta.inferred.items())),
        "quoted_chars": profile.quoted_chars,
        "events": list(profile.events),
        "figures": list(profile.figures),
        "terms": list(profile.terms),
        "items": profile.items,
        "text_read": profile.text.read,
        "sentences": profile.text.sentences,
        "relies_on": list(speakers.values()),
        "hedge_count": len(profile.text.hedges),
        "hedges": sorted(hedges.values(), key=lambda h: (h["kind"], h["lemma"])),
        "agrees": [c for c in comparisons if c["agrees"]],
        "disagrees": [c for c in comparisons if not c["agrees"]],
        "event_agreement": [
            {
                "event": a.event.id,
                "date": a.mine.text if a.mine else None,
                "other_sources": a.others,
                "agree": a.agree,
                "disagree": a.disagree,
                "undated": a.undated,
            }
            for a in profile.event_agreement
        ],
        "figure_agreement": [
            {
                "figure": a.mine.id,
                "measure": a.mine.measure.id,
                "other_figures": a.others,
                "other_sources": a.other_sources,
                "agree": a.agree,
                "disagree": a.disagree,
            }
            for a in profile.figure_agreement
        ],
    }


def sources_csv(rows: list[dict]) -> list[dict]:
    """Source records for CSV: speakers, hedges and comparisons as readable cells."""
    flat = []
    for row in rows:
        speakers = [f"{s['name']}{' (quoted)' if s['quoted'] else ''}: {', '.join(s['cues'])} x{s['mentions']}" for s in row["relies_on"]]
        hedges = [f"{h['lemma']}: {h['own']} own, {h['quoted']} quoted" for h in row["hedges"]]
        flat.append(
            {
                **row,
                "inferred": " | ".join(f"{k}: {v}" for k, v in row["inferred"].items()),
                "relies_on": " | ".join(speakers),
                "hedges": " | ".join(hedges),
                "agrees": " | ".join(f"{c['source']} on {c['on']} {c['id']}" for c in row["agrees"]),
                "disagrees": " | ".join(f"{c['source']} on {c['on']} {c['id']}" for c in row["disagrees"]),
                "event_agreement": " | ".join(
                    f"{a['event']}: other sources {a['other_sources']}, agree {a['agree']}, disagree {a['disagree']}, undated {a['undated']}" for a in row["event_agreement"]
                ),
                "figure_agreement": " | ".join(
                    f"{a['figure']}: other figures {a['other_figures']} from {a['other_sources']} sources, agree {a['agree']}, disagree {a['disagree']}"
                    for a in row["figure_agreement"]
                ),
            }
        )
    return flat


def timeline_record(site: links.Lookups, event: Event) -> dict:
    """One event with every source's version of it and where they disagree."""
    earliest, latest = event.date.iso_bounds()
    return {
        "id": event.id,
        "date": event.date.text,
        "date_text": event.date.human(),
        "earliest": earliest,
        "latest": latest,
        "era": event.era,
        "title": event.title,
        "summary": event.summary,
        "tags": list(event.tags),
        "places": list(event.places),
        "place_ids": [site.places[name_key(p)][0] for p in event.places if name_key(p) in site.places],
        "place_lat": [site.places[name_key(p)][1] for p in event.places if name_key(p) in site.places],
        "place_lon": [site.places[name_key(p)][2] for p in event.places if name_key(p) in site.places],
        "actors": list(event.actors),
        "citations": [
            {
                "source": c.source.id,
                "quote": c.quote,
                "date": c.date.text if c.date else None,
                "reported": c.reported.text if c.reported else None,
                "date_text": c.date.human() if c.date else None,
                "reported_text": c.reported.human() if c.reported else None,
                "reported_stated": c.reported_stated,
                "places": list(c.places),
                "actors": list(c.actors),
                "according_to": c.according_to,
                "describes": c.describes,
                "followed": c.followed,
                "because": c.because,
            }
            for c in event.citations
        ],
        "reported": event.reported.text if event.reported else None,
        "reported_text": event.reported.human() if event.reported else None,
        "date_note": event.date_note,
        **status_fields(event.status),
        "source_title": event.source_title,
        "source_date": event.source_date.text if event.source_date else None,
        "source_actors": list(event.source_actors) or None,
        "notes": note_records(event.notes),
        "permalink": site.event_pages[event.id].removesuffix(".md") + f".html#{event.id}",
        "disagreements": [
            {
                "field": d.field,
                "versions": [{"value": v.value, "value_text": d.words(v.value), "sources": list(v.sources)} for v in d.versions],
                "followed": d.followed,
                "because": d.because,
            }
            for d in event.disagreements
        ],
    }


def timeline_csv(rows: list[dict]) -> list[dict]:
    """Timeline records for CSV: each source's version and each disagreement as one readable cell."""
    flat = []
    for row in rows:
        details = []
        for c in row["citations"]:
            facts = [f"{key} {c[key]}" for key in ("date", "reported") if c[key]]
            facts += [f"{key} {', '.join(c[key])}" for key in ("places", "actors") if c[key]]
            if c["followed"]:
                facts.append("followed" + (f" because {c['because']}" if c["because"] else ""))
            details.append(f"{c['source']}: {'; '.join(facts)}")
        disputes = [
            f"{d['field']}: " + ", ".join(f"{'+'.join(v['sources'])}={v['value']}" for v in d["versions"]) + f"; followed {d['followed']}" + (f" because {d['because']}" if d["because"] else "")
            for d in row["disagreements"]
        ]
        flat.append({**row, "citation_versions": " | ".join(details), "disagreements": " | ".join(disputes)})
    return flat


SHOWS: dict[str, tuple[Ref, ...]] = {
    path: (("events", "all"), ("timeline", "layout"), ("places", "gazetteer")) for path in ("data/timeline.json", "data/timeline.csv")
}
"""What the data sets that do not change with every source show (:class:`builder.incremental.Page`): each event, the page it is on, and the places it names. The others are made at every build."""


def render(site: Site, cached: Cached = fresh) -> dict[str, Callable[[], str]]:
    """``data/<name>.json`` and ``data/<name>.csv`` for the timeline, the glossary, the figures and the sources, each made when called.

    One file at a time, held as text, never as records: the sources' alone
    grow with every source, and the writer lets each go once it is written.
    The three that grow with the sources are joined from each record's text,
    which ``cached`` gives back while the record is unchanged
    (:meth:`builder.incremental.Files.get`); a data set's JSON and CSV are
    made from one pass over those texts (:func:`_pair`).
    """
    lookups = links.Lookups(site)

    def figure_items() -> list[tuple[str, str, str]]:
        return [item for group in site.measures for item in cached(("measure", group.measure.id), group.digest, "export", lambda _: [_fragments(row, _as_is) for row in _figure_rows(group)])]

    def event_items() -> list[tuple[str, str, str]]:
        return [
            cached(("event", e.id), e.digest, "export", lambda _: _fragments(timeline_record(lookups, e), timeline_csv), given=(lookups.event_pages[e.id], *(lookups.places.get(name_key(p)) for p in e.places)))
            for e in site.events
        ]

    def source_items() -> list[tuple[str, str, str]]:
        return [cached(("source", p.source.id), p.digest, "export", lambda _: _fragments(source_record(p), sources_csv)) for p in site.sources]

    figures_json, figures_csv = _pair(figure_items)
    timeline_json, timeline_csv_text = _pair(event_items)
    sources_json, sources_csv_text = _pair(source_items)
    return {
        "data/glossary.json": lambda: to_json(glossary_records(site)),
        "data/glossary.csv": lambda: to_csv(glossary_records(site)),
        "data/places.json": lambda: to_json(places_page.place_records(site)),
        "data/places.csv": lambda: to_csv(places_page.place_records(site)),
        "data/places.geojson": lambda: orjson.dumps(places_page.geojson(places_page.place_records(site)), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode(),
        "data/figures.json": figures_json,
        "data/figures.csv": figures_csv,
        "data/timeline.json": timeline_json,
        "data/timeline.csv": timeline_csv_text,
        "data/sources.json": sources_json,
        "data/sources.csv": sources_csv_text,
    }


def _pair(items: Callable[[], list[tuple[str, str, str]]]) -> tuple[Callable[[], str], Callable[[], str]]:
    """A data set's JSON and CSV, both made from one pass over its records' :func:`_fragments`.

    Making the JSON makes the CSV too, and keeps it until it is asked for;
    a CSV asked for first, or again, is made from the fragments anew. The
    fragments go once both texts are made: they are a data set's records
    twice over, more than its CSV.
    """
    made: list[str] = []

    def json_text() -> str:
        fragments = items()
        made[:] = [_csv_of(fragments)]
        return _json_of(fragments)

    def csv_text() -> str:
        return made.pop() if made else _csv_of(items())

    return json_text, csv_text


def _fragments(row: dict, flat: Callable[[list[dict]], list[dict]]) -> tuple[str, str, str]:
    """One record as it appears in a data set's JSON list (indented as an item), its CSV line, and the CSV's header line.

    A server keeps every record's fragments between builds: the header, the
    same for every record of a data set, is held once.
    """
    item = "  " + orjson.dumps(row, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n  ")  # JSON strings hold no raw line break
    head, _, line = to_csv(flat([row])).partition("\n")  # the header has no line break in it
    return item, line, sys.intern(head + "\n")


def _as_is(rows: list[dict]) -> list[dict]:
    """Records whose CSV has the same fields as their JSON (figures)."""
    return rows


def _json_of(fragments: list[tuple[str, str, str]]) -> str:
    """The JSON of a data set from its records' :func:`_fragments`: what :func:`to_json` gives for the whole list."""
    if not fragments:
        return "[]\n"
    # One join of every piece: the list's text is made once, not once inside and again around its brackets.
    pieces = ["[\n"]
    for item, _, _ in fragments:
        pieces += (item, ",\n")
    pieces[-1] = "\n]\n"
    return "".join(pieces)


def _csv_of(fragments: list[tuple[str, str, str]]) -> str:
    """The CSV of a data set from its records' :func:`_fragments`: what :func:`to_csv` gives for the whole list."""
    return "".join((fragments[0][2], *(line for _, line, _ in fragments))) if fragments else ""


def to_json(rows: list[dict]) -> str:
    """Indented UTF-8 JSON, fields in the order the records give them (itself fixed), so the same site gives the same bytes.

    orjson, not the standard library: with indentation the standard encoder
    falls back to pure Python, several seconds for a thousand sources.
    """
    return orjson.dumps(rows, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()


def to_csv(rows: list[dict]) -> str:
    """Flat CSV: lists joined with ' | ', citations as 'source: quote' joined likewise; columns those of the first row."""
    if not rows:
        return ""
    fields = list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([_cell(row.get(key)) for key in fields] for row in rows)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """One value as a CSV cell: lists joined, ``None`` empty, text made inert."""
    if isinstance(value, list):
        value = " | ".join(_item_cell(v) for v in value)
    return "" if value is None else _inert(value)


def _item_cell(value: object) -> str:
    """One item of a list cell: a citation as 'source: quote', an editors' note as its words, references and corrections."""
    if not isinstance(value, dict):
        return str(value)
    if "quote" in value:
        return f"{value['source']}: {value['quote']}"
    if "text" in value:
        cites = "; ".join(c["ref"] + (f", {c['pages']}" if c["pages"] else "") for c in value["cites"])
        corrects = "; ".join(f"{k} {v}" for k, v in value["corrects"].items())
        return f"editors: {value['text']} [cites {cites}]" + (f" [corrects {corrects}]" if corrects else "")
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe.

    Source text is untrusted; ``=HYPERLINK(...)`` in a CSV opened in a
    spreadsheet is a known attack. Numbers stay numbers; the JSON files keep
    every value exactly as written.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
