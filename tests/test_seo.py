"""What the built pages tell search engines and people who cite them: meta tags, JSON-LD, "Cite this page", sitemap."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import dates
from builder.render import jsonld, provenance


class _Head(HTMLParser):
    """Meta tags by name or property, JSON-LD blocks, and the cite-page text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self._in_jsonld = False
        self._buffer = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.meta[values.get("name") or values["property"]] = values.get("content") or ""
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld, self._buffer = True, ""

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self._buffer += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_jsonld:
            self.jsonld.append(json.loads(self._buffer))
            self._in_jsonld = False


def parse(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def types(head: _Head) -> list[str]:
    nodes = [n for block in head.jsonld for n in block.get("@graph", [block])]
    return [n["@type"] for n in nodes]


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_has_description_open_graph_twitter_and_website(bundled_site: Path) -> None:
    for page in content_pages(bundled_site) + [bundled_site / "404.html"]:
        head = parse(page)
        for key in ("description", "og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert head.meta.get(key), f"{page.relative_to(bundled_site)}: no {key}"
        assert "WebSite" in types(head), page


def test_generated_pages_describe_themselves(bundled_site: Path) -> None:
    glossary = parse(bundled_site / "glossary.html")
    assert glossary.meta["description"] != parse(bundled_site / "figures.html").meta["description"]
    assert glossary.meta["og:title"] == "Glossary"


def test_timeline_events_are_events_with_their_sources(bundled_site: Path) -> None:
    pages = [bundled_site / "timeline.html", *sorted((bundled_site / "timeline").glob("*.html"))]
    events = [n for p in pages if p.exists() for block in parse(p).jsonld for n in block.get("@graph", []) if n["@type"] == "Event"]
    assert events
    for event in events:
        assert event["name"] and event["@id"].startswith("#")
        assert event["subjectOf"] and all(s["name"] for s in event["subjectOf"])
    assert any("startDate" in e for e in events)


def test_figures_are_a_dataset_of_claims(bundled_site: Path) -> None:
    # Each measure's page is a dataset of the claims it lists.
    for page in sorted((bundled_site / "figures").glob("*.html")):
        found = types(parse(page))
        assert "Dataset" in found and "Claim" in found, page


def test_glossary_keeps_the_russian_forms(bundled_site: Path) -> None:
    pages = sorted((bundled_site / "glossary").glob("*/entries*.html"))
    sets = [n for page in pages for block in parse(page).jsonld for n in block.get("@graph", []) if n["@type"] == "DefinedTermSet"]
    names = [a for s in sets for t in s["hasDefinedTerm"] for a in t.get("alternateName", [])]
    assert any(re.search("[а-яА-Я]", name) for name in names)


def test_every_page_can_be_cited(bundled_site: Path) -> None:
    for page in content_pages(bundled_site):
        html = page.read_text(encoding="utf-8")
        assert "Cite this page" in html, page
        assert re.search(r'class="cite-page__url" href="[^"]+"', html), page
    timeline = (bundled_site / "timeline.html").read_text(encoding="utf-8")
    assert re.search(r'Last changed <time datetime="\d{4}(-\d\d){0,2}">', timeline)


def test_no_sitemap_without_a_site_url(bundled_site: Path) -> None:
    assert not (bundled_site / "sitemap.xml").exists()
    assert not (bundled_site / "sitemap.xml.gz").exists()


def test_404_leads_back_to_every_section(bundled_site: Path) -> None:
    html = (bundled_site / "404.html").read_text(encoding="utf-8")
    for target in ("/timeline.html", "/glossary.html", "/figures.html", "/sources/index.html"):
        assert f'href="{target}"' in html


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b", "line\u2028separator", "\"quoted\" \\ back"],
)
def test_jsonld_script_cannot_be_closed_by_data(value: str) -> None:
    data = {"@context": "https://schema.org", "name": value, "list": [value]}
    element = jsonld.script(data)
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body) == data


def test_last_change_is_the_newest_dated_source_and_keeps_its_precision() -> None:
    assert provenance.machine_date(dates.parse("2023-08~")) == "2023-08"
    assert provenance.machine_date(dates.parse("2025-08-11?")) == "2025-08-11"
    assert provenance.machine_date(dates.parse("2022-09/..")) is None
    assert provenance.machine_date(dates.parse("XXXX-09-25")) is None
    assert provenance.front_matter(None) == {}
    assert provenance.front_matter(dates.parse("2023-08~")) == {"updated": "2023-08", "updated_words": dates.humanize("2023-08~")}


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=5))
def test_jsonld_encoding_is_that_of_the_json_module(data: dict) -> None:
    """orjson writes the bytes ``json.dumps`` wrote, so switching encoders changed no page."""
    assert jsonld.encode(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_jsonld_encoding_falls_back_for_what_orjson_refuses() -> None:
    data = {"name": "lone \ud800 surrogate", "big": 2**70}
    assert jsonld.encode(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
