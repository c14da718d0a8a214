"""Escaping of untrusted text into Markdown, checked by rendering it."""

from __future__ import annotations

import posixpath

import markdown as markdown_lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    assert md.amount(None, 3, 10, "stated", "years") == r"3–10 years \(as stated\)"
    assert md.amount(65, None, None, "stated", "%") == r"65% \(as stated\)"
    assert md.amount(10201, None, None, "exact", "soldiers") == "exactly 10,201 soldiers"


def test_rel_links() -> None:
    assert md.rel("sources/a.md", "timeline.md#x") == "../timeline.md#x"
    assert md.rel("timeline.md", "sources/a.md") == "sources/a.md"


# --- shortcuts agree with the plain forms ----------------------------------------

# Text drawn mostly from what the escaping looks at (markup characters, every kind of
# whitespace, controls, digits and block starts), so most examples take the slow path.
_TOUCHED = "\\`*_{}[]()!#+-=?:.|~^&<>\"' \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\x00\x07\x7f\x9f0123456789٣aZ"
_texts = st.text(alphabet=st.sampled_from(_TOUCHED) | st.characters(), max_size=60)


@given(_texts)
def test_text_fast_path_and_memo_match_the_full_escaping(value: str) -> None:
    md._text.cache_clear()
    assert md.text(value) == md._escaped(value)
    assert md.text(value) == md._escaped(value)  # again, from the memo
    if md._NEEDS_ESCAPE.search(value) is None:
        assert md._escaped(value) == value


def test_text_of_non_strings_is_their_text() -> None:
    assert md.text(1942) == "1942"
    assert md.text(2.5) == "2\\.5"  # '2.' would start an ordered list
    assert md.text(True) == "True" and md.text(1) == "1"


_parts = st.lists(st.sampled_from(["a", "b", "sources", "timeline", "x.md", "index.md", ".", ".."]), max_size=4)


@given(_parts, _parts, st.sampled_from(["", "#x", "#era-1"]))
def test_rel_memo_matches_posixpath(to: list[str], start: list[str], anchor: str) -> None:
    target, page = "/".join(to) or "x.md", "/".join(start + ["page.md"])
    md._rel_from.cache_clear()
    expected = posixpath.relpath(target, posixpath.dirname(page) or ".") + anchor
    assert md.rel(page, target + anchor) == expected
    assert md.rel(page, target + anchor) == expected


def test_amount_memo_keeps_number_types_apart() -> None:
    assert md.amount(None, 3, 10.5, "stated", "years") == r"3–10.5 years \(as stated\)"
    assert md.amount(1, None, None, "stated", "year") == md.amount(1.0, None, None, "stated", "year") == r"1 year \(as stated\)"


@pytest.mark.parametrize(
    ("address", "target"),
    [
        ("https://en.wikipedia.org/wiki/Order_No._227_(1942)", "https://en.wikipedia.org/wiki/Order_No._227_%281942%29"),
        ("https://example.org/a b'c\"d<e>", "https://example.org/a%20b%27c%22d%3Ce%3E"),
        ("https://example.org/?q=a&b=c#x", "https://example.org/?q=a&b=c#x"),
        ("https://example.org/приказ", "https://example.org/%D0%BF%D1%80%D0%B8%D0%BA%D0%B0%D0%B7"),
    ],
)
def test_url_encodes_what_could_end_a_link_target(address: str, target: str) -> None:
    assert md.url(address) == target
    html = markdown_lib.markdown(md.link("x", md.url(address)))
    assert html == f'<p><a href="{target.replace("&", "&amp;")}">x</a></p>'


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_url_never_leaves_a_raw_parenthesis_quote_or_space(tail: str) -> None:
    target = md.url("https://example.org/" + tail)
    assert not set(target) & set("() '\"<>\\`")


# --- every helper's exact output, so a changed escape, word or bound fails ---------------


@pytest.mark.parametrize(
    ("helper", "value", "markdown"),
    [
        (md.text, 'plain words', 'plain words'),
        (md.text, 'a *b* _c_ `d` [e](f) !g #h +i {j} \\k', 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\]\\(f\\) \\!g \\#h \\+i \\{j\\} \\\\k'),
        (md.text, '- list', '&#45; list'),
        (md.text, '+ plus', '\\+ plus'),
        (md.text, '= eq', '&#61; eq'),
        (md.text, ': colon', '&#58; colon'),
        (md.text, '? q', '&#63; q'),
        (md.text, '1. one', '1\\. one'),
        (md.text, '  12. twelve', '12\\. twelve'),
        (md.text, 'a|b~c^d', 'a&#124;b&#126;c&#94;d'),
        (md.text, '<b>&amp;</b>', '&lt;b&gt;&amp;amp;&lt;/b&gt;'),
        (md.text, 'two  spaces\tand\nbreak', 'two spaces and break'),
        (md.text, 'ctl\x07x\x1b[31m', 'ctl x \\[31m'),
        (md.text, 'x\x85y', 'x y'),
        (md.text, ' lead', 'lead'),
        (md.text, 'trail ', 'trail'),
        (md.code, '', ''),
        (md.code, 'plain', '`plain`'),
        (md.code, 'a`b', '``a`b``'),
        (md.code, '``x``', '``` ``x`` ```'),
        (md.code, '`start', '`` `start ``'),
        (md.code, 'end`', '`` end` ``'),
        (md.code, 'multi\n line', '`multi line`'),
        (md.code, 'c\x00d', '`c d`'),
        (md.code, '  ', ''),
        (md.plain, '<b>bold</b> & "q" {x} [y] `z` *w* _v_ #t |u \\s ^r ~q $p', "b bold /b and 'q' x y z w v t u s r q p"),
        (md.plain, '  a\n b  ', 'a b'),
        (md.paragraphs, 'one\n\n\ntwo *x*\n  \nthree', 'one\n\ntwo \\*x\\*\n\nthree'),
        (md.paragraphs, '  \n\n  ', ''),
        (md.paragraphs, 'single', 'single'),
        (md.quote, 'a *b*', '“a \\*b\\*”'),
        (md.attr, 'a "b" <c> & [d](javascript:x) \' ` * _ { } ( ) ! | ~ ^ = + : $ @ \\', 'a &#34;b&#34; &#60;c&#62; &#38; &#91;d&#93;&#40;javascript&#58;x&#41; &#39; &#96; &#42; &#95; &#123; &#125; &#40; &#41; &#33; &#124; &#126; &#94; &#61; &#43; &#58; &#36; &#64; &#92;'),
        (md.attr, 't\x01u  v', 't u v'),
    ],
)
def test_helpers_give_exactly(helper, value: str, markdown: str) -> None:
    assert helper(value) == markdown
    if helper is md.text:
        assert md._escaped(value) == markdown  # the shortcut and the full path agree


def test_counted_number_and_amount() -> None:
    assert [md.counted(1, "source"), md.counted(2, "source"), md.counted(1204, "source"), md.counted(0, "entry", "entries"), md.counted(1, "entry", "entries")] == [
        "1 source", "2 sources", "1,204 sources", "0 entries", "1 entry",
    ]
    assert [md.number(v) for v in (1234567, 2.5, 2.0, 1234.567, 0.1, 1e6, -3, 0.005, 12.345)] == ["1,234,567", "2.5", "2", "1,234.57", "0.1", "1,000,000", "-3", "0.01", "12.35"]
    assert md.amount(1000, None, None, "more-than", "people") == "more than 1,000 people"
    assert md.amount(None, 3, 10, "stated", "years") == r"3–10 years \(as stated\)"
    assert md.amount(None, 3, 10, "stated", "years", note=False) == "3–10 years"
    assert md.amount(65, None, None, "stated", "%") == r"65% \(as stated\)"
    assert md.amount(65, None, None, "stated", " % ", note=False) == "65%"
    assert md.amount(65, None, None, "approximately", "percent") == "about 65%"
    assert md.amount(1, None, None, "exact", "year") == "exactly 1 year"
    assert md.amount(5, None, None, "nearly", "things") == "nearly 5 things"
    assert [md.QUALIFIER_WORDS[q] for q in ("more-than", "at-least", "at-most", "up-to")] == ["more than ", "at least ", "at most ", "up to "]


def test_table_and_front() -> None:
    assert md.table(["A", "B"], [["1", "x\ny"], ["2", "z"]]) == "| A | B |\n| --- | --- |\n| 1 | x y |\n| 2 | z |"
    assert md.front('Title: "x" <b>', "desc\nline") == "---\ntitle: \"Title: 'x' b\"\ndescription: \"desc line\"\n---\n\n"


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("a/b.md", "c.md#x", "../c.md#x"),
        ("index.md", "sources/a.md", "sources/a.md"),
        ("sources/a.md", "sources/b.md", "b.md"),
        ("sources/a.md", "index.md", "../index.md"),
        ("a/b/c.md", "a/d/e.md#f", "../d/e.md#f"),
        ("a/b.md", "a/b.md", "b.md"),
        ("./a/b.md", "a/./c.md", "c.md"),
        ("a/b/c.md", "a/b/c.md#top", "c.md#top"),
    ],
)
def test_rel(page: str, target: str, link: str) -> None:
    assert md.rel(page, target) == link


def test_relpath_outside_the_docs_folder_falls_back_to_posixpath() -> None:
    assert (md._relpath("a", "a/b"), md._relpath("a/b", "a/b"), md._relpath("../x", "a")) == ("..", ".", "../../x")
    # An absolute path is not read as one inside the docs folder: it gets what posixpath.relpath gives.
    for path, start in (("/x/y", "a"), ("a/b", "/a"), ("/a/b", "/a")):
        assert md._relpath(path, start) == posixpath.relpath(path, start)


def test_number_drops_a_point_left_with_no_decimals() -> None:
    assert (md.number(2.001), md.number(1234.999), md.number(0.5)) == ("2", "1,235", "0.5")
