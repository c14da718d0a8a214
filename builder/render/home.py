"""The home page: the story in brief, drawn by the theme's ``home.html`` from data this module writes.

The page's Markdown holds the title and the curators' summary (so search,
glossary tooltips and any theme that ignores the template still have them);
everything else — key figures with their spread, the eras leading into the
timeline, the latest additions, how we know what we know — goes into the
page's metadata as plain text and addresses under ``home:``, which
``overrides/home.html`` lays out, escaping every string. Addresses are the
built site's (``timeline.html``), since the template writes them as they are.
"""

from __future__ import annotations

import yaml

from builder import charts, dates
from builder.curate import MeasureGroup, Site, SourceProfile
from builder.render import figures as figures_page
from builder.render import links
from builder.render import markdown as md

PAGE = "index.md"
TEMPLATE = "home.html"
MAX_KEY_FIGURES = 5
"""The most measures the home page shows as key figures."""
MAX_VALUES_PER_FIGURE = 6
"""The most values a key figure lists; its measure's page has them all."""
LATEST = 3
"""How many of the latest events and of the newest sources the home page lists."""


def render(site: Site) -> dict[str, str]:
    info = site.info
    data = {
        "subtitle": info.subtitle or "",
        "counts": _counts(site),
        "figures": [_key_figure(group) for group in key_measures(site)],
        "figures_href": _url("figures.md"),
        "eras": _eras(site),
        "timeline_href": _url(links.timeline(PAGE)),
        "timeline_chart": _timeline_chart(site),
        "latest_events": _latest_events(site),
        "newest_sources": [_source(p) for p in newest_sources(site)],
        "about_href": _url("about.md"),
        "sources_href": _url("sources/index.md"),
        "glossary_href": _url("glossary.md"),
        "data": [{"label": label, "href": _url(f"data/{name}.json")} for label, name in (("timeline", "timeline"), ("glossary", "glossary"), ("figures", "figures"), ("sources", "sources"))],
    }
    front = md.front(info.title, info.subtitle or info.title)
    meta = yaml.dump({"template": TEMPLATE, "hide": ["navigation", "toc"], "home": data}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100_000)
    front = front.replace("\n---\n\n", "\n" + meta + "---\n\n", 1)
    body = [f"# {md.text(info.title)}\n"]
    if info.subtitle:
        body.append(f"{md.text(info.subtitle)}\n{{: .home-subtitle }}\n")
    body.append(md.paragraphs(info.summary) + "\n")
    return {PAGE: front + "\n".join(body)}


def _url(docs_path: str) -> str:
    return charts.page_url(PAGE, docs_path)


def key_measures(site: Site) -> list[MeasureGroup]:
    """The measures the curators chose in ``site.yml`` (at most five); without a choice, those most sources count."""
    groups = {g.measure.id: g for g in site.measures}
    chosen = [groups[m] for m in site.info.key_measures if m in groups]
    if not site.info.key_measures:
        chosen = sorted(site.measures, key=lambda g: -len(g.source_ids))[:3]
    return chosen[:MAX_KEY_FIGURES]


def _counts(site: Site) -> list[dict[str, str]]:
    figures = sum(len(g.figures) for g in site.measures)
    return [
        {"number": f"{n:,}", "label": word if n == 1 else words, "href": _url(target)}
        for n, word, words, target in (
            (len(site.events), "event", "events", links.timeline(PAGE)),
            (len(site.sources), "source", "sources", "sources/index.md"),
            (figures, "figure", "figures", "figures.md"),
            (len(site.glossary), "term", "terms", "glossary.md"),
        )
    ]


def _key_figure(group: MeasureGroup) -> dict:
    """A measure's headline (the one value, or the spread from lowest to highest), each value with its producer and source."""
    stated = group.stated
    unit = group.measure.unit
    if len(stated) == 1:
        headline = charts.amount(stated[0])
        spread = "One source counts this." if len(group.source_ids) == 1 else f"{len(group.figures)} values from {md.counted(len(group.source_ids), 'source')}."
    else:
        low, high = group.spread
        shown = f"{charts.number(low)}–{charts.number(high)}" if low != high else charts.number(low)
        headline = shown + ("%" if unit.strip() in ("%", "percent") else f" {unit}")
        sources = md.counted(len(group.source_ids), "source")
        if low == high:
            spread = f"{len(stated)} values from {sources}, all {charts.number(low)}."
        else:
            spread = f"{len(stated)} values from {sources} disagree: the lowest is {charts.number(low)}, the highest {charts.number(high)}."
        if group.as_of_differs:
            spread += " They refer to different dates; compare with care."
    values = [
        {
            "amount": charts.amount(f),
            "who": f.producer or "producer unknown",
            "when": f.as_of.human() if f.as_of else "date not stated",
            "derived": f"derived by {f.derived_by}" if f.derived_by else "derived by the site's editors" if f.derivation else "",
            "source": f.source.meta.title,
            "href": _url(f"sources/{f.source.id}.md#figure-{f.id}"),
        }
        for f in group.figures[:MAX_VALUES_PER_FIGURE]
    ]
    more = len(group.figures) - len(values)
    return {
        "label": group.measure.label,
        "headline": headline,
        "spread": spread,
        "shown": values,
        "more": f"{md.counted(more, 'more value')} on the measure's page" if more > 0 else "",
        "href": _url(figures_page.measure_path(group.measure.id)),
    }


def _eras(site: Site) -> list[dict[str, str]]:
    out = []
    for era in site.eras:
        events = [e for e in site.events if e.era == era.id]
        span = dates.parse(era.start).human() + ("–" + dates.parse(era.end).human() if era.end else " onwards")
        first_last = ""
        if events:
            first_last = f"{events[0].date.human()} to {events[-1].date.human()}" if len(events) > 1 else events[0].date.human()
        out.append(
            {
                "title": era.title,
                "span": span,
                "summary": era.summary or "",
                "events": md.counted(len(events), "event"),
                "range": first_last,
                "href": _url(links.era(PAGE, era.id)),
            }
        )
    return out


def _timeline_chart(site: Site) -> str:
    layout = links.layout(site)
    chart = charts.timeline_strip(site, PAGE, layout.year_path)
    return chart.html() if chart else ""


def _latest_events(site: Site) -> list[dict[str, str]]:
    """The latest events on the timeline by their date, newest first."""
    dated = [e for e in site.events if e.date.year_known]
    latest = sorted(dated, key=lambda e: (e.date.sort_key(), e.id), reverse=True)[:LATEST]
    return [{"date": e.date.human(), "title": e.title, "href": _url(links.event(site, PAGE, e.id))} for e in latest]


def _added(profile: SourceProfile) -> dates.Edtf | None:
    """When a source was added, as far as the records say: the later of its publication and access dates."""
    known = [dates.parse(v) for v in (profile.source.meta.published, profile.source.meta.accessed) if v]
    known = [d for d in known if d.year_known]
    return max(known, key=lambda d: d.sort_key()) if known else None


def newest_sources(site: Site) -> list[SourceProfile]:
    """The newest sources by the later of their publication and access dates; undated ones are never "newest"."""
    dated = [(p, _added(p)) for p in site.sources]
    ordered = sorted(((p, d) for p, d in dated if d is not None), key=lambda pd: (pd[1].sort_key(), pd[0].source.id), reverse=True)
    return [p for p, _ in ordered[:LATEST]]


def _source(profile: SourceProfile) -> dict[str, str]:
    meta = profile.source.meta
    uses = [md.counted(n, word) for n, word in ((len(profile.events), "event"), (len(profile.figures), "figure"), (len(profile.terms), "glossary term")) if n]
    when = _added(profile)
    return {
        "title": meta.title,
        "publisher": meta.publisher or "publisher unknown",
        "date": when.human() if when else "",
        "uses": ", ".join(uses) if uses else "not yet cited",
        "href": _url(links.source_note(PAGE, profile.source.id)),
    }
