"""The theme overrides use only what both MkDocs' Jinja and Zensical's template engine accept.

Zensical (Material's successor, which reads mkdocs.yml) renders templates with
MiniJinja: its dicts have no ``update`` method and its ``replace`` filter takes
no count. The overrides are parsed and every call checked for the two.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from tests.conftest import ROOT

TEMPLATES = sorted((ROOT / "overrides").rglob("*.html")) + sorted(
    (ROOT / "overrides").rglob("*.xml")
)


def rejected_by_zensical(source: str) -> list[str]:
    """The constructs in a template that Zensical's engine rejects, as short descriptions."""
    tree = jinja2.Environment(extensions=["jinja2.ext.do"]).parse(source)
    found = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Getattr) and call.node.attr == "update":
            found.append("dict.update")
    for flt in tree.find_all(nodes.Filter):
        if flt.name == "replace" and len(flt.args) + len(flt.kwargs) > 2:
            found.append("replace with a count")
    return found


def test_the_check_finds_both_constructs() -> None:
    assert rejected_by_zensical('{% set d = {} %}{% set _ = d.update({"a": 1}) %}') == [
        "dict.update"
    ]
    assert rejected_by_zensical('{{ "aa" | replace("a", "b", 1) }}') == [
        "replace with a count"
    ]
    assert rejected_by_zensical('{{ "aa" | replace("a", "b") }}') == []


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_no_override_uses_what_zensical_rejects(template: Path) -> None:
    assert rejected_by_zensical(template.read_text(encoding="utf-8")) == []


def website(html: str) -> dict:
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    ):
        data = json.loads(block)
        if data.get("@type") == "WebSite":
            return data
    raise AssertionError("no WebSite JSON-LD")


@pytest.mark.parametrize("site_url", [None, "https://example.org/nosb/"])
def test_website_jsonld_is_what_json_dumps_writes(site_url: str | None) -> None:
    """Written key by key, the WebSite record is byte for byte what ``tojson`` of the dict wrote."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True
    )
    config = {
        "site_name": "Ни шагу <назад> & 'on'",
        "site_description": 'A "desc" </script>',
        "site_url": site_url,
        "theme": {"language": "en"},
    }
    html = env.get_template("partials/website-jsonld.html").render(config=config)
    expected = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config["site_name"],
        "inLanguage": "en",
        "description": config["site_description"],
    }
    if site_url:
        expected["url"] = site_url
    assert website(html) == expected
    assert (
        html.strip()
        == '<script type="application/ld+json">'
        + str(env.from_string("{{ d | tojson }}").render(d=expected))
        + "</script>"
    )
    assert "</script>" not in html.strip()[: -len("</script>")]
