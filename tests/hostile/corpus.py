"""A complete sources folder whose every free-text field carries injection attempts.

The payloads (``payloads.yml``) are packed into chunks short enough for the
shortest field; chunk ``k`` fills every field of article ``k``, era ``k``,
term ``k`` and measure ``k``, so each payload lands in each kind of field, in
article bodies and in quotes. The site must build and show them as text.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAYLOADS: list[str] = yaml.safe_load((HERE / "payloads.yml").read_text(encoding="utf-8"))
CHUNK_CHARS = 200
"""Longest chunk: the shortest free-text field (a glossary ``short``) takes 200 characters."""

FREE_TEXT = {
    "SourceMeta": {"title", "publisher", "authors", "url", "archive_url", "inferred", "notes"},
    "Reuse": {"statement"},
    "EventEntry": {"date_note", "title", "summary", "places", "actors", "according_to", "quote", "because"},
    "FigureEntry": {"producer", "method", "derived_by", "derived", "date_note", "quote"},
    "Term": {"term", "aliases", "original", "transliteration", "short", "definition"},
    "Citation": {"quote"},
    "Era": {"title", "summary"},
    "Measure": {"label", "unit", "description"},
    "SiteInfo": {"title", "subtitle", "summary"},
    "Place": {"name", "official", "aliases", "uk", "ru", "point"},
}
"""The fields the corpus fills with payloads, by record type (checked against the model)."""


def chunks() -> list[list[str]]:
    """The payloads packed greedily into groups of at most CHUNK_CHARS characters."""
    groups: list[list[str]] = [[]]
    for payload in PAYLOADS:
        if groups[-1] and len(" ".join([*groups[-1], payload])) > CHUNK_CHARS:
            groups.append([])
        groups[-1].append(payload)
    return groups


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)


def write_sources(folder: Path) -> None:
    """Write the hostile sources folder into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    groups = chunks()
    every = "\n\n".join(PAYLOADS)
    lines = [" ".join(group) for group in groups]
    site = {"title": lines[0], "subtitle": lines[1 % len(lines)], "summary": every, "key_measures": [f"measure-{k}" for k in range(len(groups))]}
    (folder / "site.yml").write_text(_dump(site), encoding="utf-8")
    eras, measures, terms, places = [], [], [], []
    for k, (group, line) in enumerate(zip(groups, lines)):
        year = str(1900 + k)
        # One place per group, named by each payload of the group: the events' places name them.
        places.append(
            {"id": f"place-{k}", "name": group[0], "official": line, "aliases": group[1:], "uk": line, "ru": line, "kind": "city", "lat": 40 + k / 10, "lon": 30 + k / 10, "gazetteer": f"GeoNames {k + 1}", "point": every}
        )
        eras.append({"id": f"era-{k}", "title": line, "start": year, "end": year, "summary": every})
        measures.append({"id": f"measure-{k}", "label": line, "unit": line, "description": every})
        terms.append(
            {
                "id": f"term-{k}",
                "term": line,
                "aliases": [p for p in group if p != line],
                "original": line,
                "transliteration": line,
                "short": line,
                "definition": every,
                "related": [f"term-{(k + 1) % len(groups)}"],
                "eras": [f"era-{k}"],
                "citations": [{"source": f"article-{k}", "quote": line}],
            }
        )
        meta = {
            "title": line,
            "publisher": line,
            "authors": group,
            "url": f"https://example.org/{k}\"><script>window.__pwned=100</script>",
            "archive_url": f"http://example.org/{k}'onmouseover='window.__pwned=101'",
            "published": f"{year}-02",
            "language": "en",
            "kind": "news",
            "reuse": {"limit": 100_000, "statement": every},
            "inferred": {"publisher": every, "published": line},
            "notes": every,
            "events": [
                {
                    "id": f"event-{k}",
                    "date": f"{year}-01",
                    "date_note": every,
                    "title": line,
                    "summary": every,
                    "tags": [f"term-{k}", "hostile"],
                    "places": group,
                    "actors": group,
                    "according_to": line,
                    "quote": line,
                },
                {"id": f"event-{(k + 1) % len(groups)}", "date": f"{1900 + (k + 1) % len(groups)}-01-15", "quote": group[0], "follow": True, "because": every},
            ],
            "figures": [
                {
                    "id": f"figure-{k}",
                    "measure": f"measure-{k}",
                    "value": 1000 + k,
                    "qualifier": "more-than",
                    "as_of": year,
                    "producer": line,
                    "method": every,
                    "derived_by": line,
                    # The figures check reads the number from the quote, and a derived figure names it.
                    "derived": f"more than {1000 + k:,}: {every}",
                    "date_note": every,
                    "quote": f"more than {1000 + k:,} {line}",
                }
            ],
        }
        body = "\n\n".join([*PAYLOADS, *lines, f"more than {1000 + k:,} {line}"])
        (folder / f"article-{k}.md").write_text(f"---\n{_dump(meta)}---\n{body}\n", encoding="utf-8")
    (folder / "eras.yml").write_text(_dump(eras), encoding="utf-8")
    (folder / "measures.yml").write_text(_dump(measures), encoding="utf-8")
    (folder / "glossary.yml").write_text(_dump(terms), encoding="utf-8")
    (folder / "places.yml").write_text(_dump(places), encoding="utf-8")
