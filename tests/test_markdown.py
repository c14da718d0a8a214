"""Escaping of untrusted text into Markdown, checked by rendering it."""

from __future__ import annotations

import markdown as markdown_lib
import pytest

from builder.render import markdown as md

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)",
    "<iframe src='https://example.org'></iframe>",
    "{{ config }} {% include 'x' %}",
    "*em* _em_ `code` **strong**",
    "- a list item",
    "1. an ordered item",
    "# a heading",
    "> a quote",
    "<https://autolink.example>",
    "a | table | row",
    "&lt;already escaped&gt; &amp;",
    "x {: .class onclick=alert(1) }",
]


def render(text: str) -> str:
    return markdown_lib.markdown(md.text(text), extensions=["attr_list", "tables", "toc"])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_renders_as_itself(hostile: str) -> None:
    import html as html_lib
    import re

    out = render(hostile)
    assert "<script" not in out and "<img" not in out and "<iframe" not in out and "<a " not in out
    assert "<ul>" not in out and "<ol>" not in out and "<h1" not in out and "<blockquote>" not in out
    assert "<em>" not in out and "<code>" not in out and "<strong>" not in out and "onclick" not in out.replace("onclick=alert", "")
    visible = html_lib.unescape(re.sub(r"<[^>]+>", "", out))
    assert visible == hostile


def test_plain_drops_markup_characters() -> None:
    assert md.plain('A <b>title</b> & "quote"') == "A b title /b and 'quote'"


def test_amount_wording() -> None:
    assert md.amount(1000, None, None, "more-than", "deserters") == "more than 1,000 deserters"
    assert md.amount(None, 3, 10, "exact", "years") == "3–10 years"
    assert md.amount(65, None, None, "exact", "%") == "65%"


def test_rel_links() -> None:
    assert md.rel("sources/a.md", "timeline.md#x") == "../timeline.md#x"
    assert md.rel("timeline.md", "sources/a.md") == "sources/a.md"
