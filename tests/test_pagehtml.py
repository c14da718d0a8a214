"""The generated pages' render path (builder/pagehtml.py) gives what Python-Markdown gives, and still checks links."""

from __future__ import annotations

import html
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from builder import mkdocs_hook, pagehtml
from builder.commands.build import SKIP_HOOK_ENV
from tests.conftest import ROOT, make_project, run_builder
from tests.hostile.corpus import write_sources


def _document(fragment: str) -> list[str]:
    """What a reader's browser makes of ``fragment``: elements, sorted attributes and text, whitespace between blocks left out."""
    lines: list[str] = []

    def walk(element, depth: int) -> None:
        if not isinstance(element.tag, str):
            return
        attrs = sorted((k, v.rstrip(";").strip() if k == "style" else v) for k, v in element.attrib.items())
        lines.append(f"{'  ' * depth}<{element.tag} {attrs}>")
        if element.text and element.text.strip():
            lines.append(f"{'  ' * depth} {' '.join(element.text.split())}")
        for child in element:
            walk(child, depth + 1)
            if child.tail and child.tail.strip():
                lines.append(f"{'  ' * depth} {' '.join(child.tail.split())}")

    walk(lxml_html.fragment_fromstring(fragment, create_parent="div"), 0)
    return lines


def _both_ways(project: Path) -> list[tuple[str, object, object]]:
    """Every generated page of ``project`` rendered by MkDocs' Python-Markdown and by :func:`pagehtml.render_page`."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    cwd = os.getcwd()
    os.chdir(project)  # the tooltips read docs/data/glossary.json from the project folder
    try:
        config = load_config(str(project / "mkdocs.yml"))
        assert pagehtml.supported(config)
        files = get_files(config)
        pairs = []
        for file in files.documentation_pages():
            if not pagehtml.generated(file.src_uri):
                continue
            before, after = Page(None, file, config), Page(None, file, config)
            before.read_source(config)
            after.read_source(config)
            before.render(config, files)
            pagehtml.render_page(after, config, files)
            pairs.append((file.src_uri, before, after))
        return pairs
    finally:
        os.chdir(cwd)


def _toc(toc) -> list:
    """Each entry as a reader sees it: the theme writes the title as HTML, and Python-Markdown keeps entities (``&#124;``) that CommonMark decodes."""
    return [(item.id, html.unescape(item.title), item.level, _toc(item.children)) for item in toc]


def _assert_same(pairs) -> None:
    assert pairs
    for uri, before, after in pairs:
        assert _document(after.content) == _document(before.content), uri
        assert _toc(after.toc) == _toc(before.toc), uri
        assert html.unescape(after._title_from_render or "") == html.unescape(before._title_from_render or ""), uri
        assert after.present_anchor_ids == before.present_anchor_ids, uri
        assert after.links_to_anchors == before.links_to_anchors, uri


def _pages(tmp_path: Path, sources: Path | None = None) -> Path:
    project = make_project(tmp_path, sources=sources)
    done = run_builder(project, "build", "--pages-only")
    assert done.returncode == 0, done.stdout + done.stderr
    return project


def test_bundled_site_pages_are_the_same_document_either_way(tmp_path: Path) -> None:
    _assert_same(_both_ways(_pages(tmp_path, ROOT / "sources")))


def test_hostile_pages_are_the_same_document_either_way(tmp_path: Path) -> None:
    sources = tmp_path / "hostile"
    write_sources(sources)
    _assert_same(_both_ways(_pages(tmp_path, sources)))


def test_markup_python_markdown_reads_differently_from_commonmark() -> None:
    page = """# Title {#top}

Text under it
{: .tl-when }

- [Entry](other.md#entry){#entry .moved} and *words*{.b}

## Same

## Same

<figure><a href="x.html">raw</a>
</figure>

<h2>Written as HTML</h2>

After the figure, [a link](other.md).

<div class="sortable" markdown>

| A | B |
| --- | --- |
| `<a href>` | 1 |

</div>
"""
    seen: list[str] = []
    rendered = pagehtml.to_html(page, link=lambda url: seen.append(url) or url.replace(".md", ".html"), permalink=True, toc_depth=3)
    assert rendered.title == "Title"
    assert '<p class="tl-when">Text under it</p>' in rendered.content
    assert '<a class="moved" href="other.html#entry" id="entry">Entry</a> and <em class="b">words</em>' in rendered.content
    assert '<h1 id="top">Title<a class="headerlink" href="#top" title="Permanent link">&para;</a></h1>' in rendered.content
    assert [(t["id"], t["level"]) for t in rendered.toc_tokens[0]["children"]] == [("same", 2), ("same_1", 2)]
    assert '<a class="headerlink" href="#same_1" title="Permanent link">&para;</a>' in rendered.content
    assert seen == ["#top", "other.md#entry", "#same", "#same_1", "other.md"]  # the page's own HTML keeps its links as written
    assert '<a href="x.html">raw</a>' in rendered.content
    assert "<h2>Written as HTML</h2>" in rendered.content  # no id, permalink or entry in the table of contents, as with Python-Markdown
    assert "<p>After the figure, " in rendered.content
    assert '<div class="sortable">' in rendered.content
    assert "&lt;a href&gt;" in rendered.content and "pagehtml" not in rendered.content
    assert rendered.anchor_ids == {"top", "entry", "same", "same_1"}


@pytest.mark.parametrize(
    "page",
    [
        "First line with <em>raw</em> HTML, a < sign and a </b> tag\nsecond line\n{: .tl-when }",
        "One line\n{: .tl-facts #facts }\n\nAnother paragraph\nwith two lines\n{: .tl-pager }",
        "Not closed by its own line {: .x }\n\nText\n{: .x }\nmore text",
        "First line\nsecond line with <em>raw</em> HTML\n{: .tl-when }",
        "[a link](x.md){.moved} then *words*{.b}, **strong**{#s} and `code`{: .c}",
        "*words*{.b} then [a link](x.md)",
        "**strong**{#s}",
        "`code`{: .c}",
        "*emphasis* {.apart} and <em>raw</em>{.x} and [a](x.md)",
        "- [Entry](other.md#entry){#entry .glossary-moved}\n- *words*{.e} and **strong** {.s}",
    ],
)
def test_attribute_lists_are_read_where_python_markdown_reads_them(page: str) -> None:
    import markdown

    expected = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert _document(pagehtml.to_html(page).content) == _document(expected)


_TERMS = [
    {"id": "nkvd", "term": "NKVD", "short": "The Soviet secret police"},
    {"id": "ring", "term": 'Operation "Ring"', "short": "An operation"},
    {"id": "detachment", "term": "blocking detachment", "short": "Units behind the front"},
    {"id": "odos", "term": "\u039f\u0394\u039f\u03a3", "short": "A road, spelt with a final sigma"},
    {"id": "cee", "term": "c", "aliases": ["b>c"], "short": "A name that reaches across a tag in the HTML"},
]


@pytest.mark.parametrize(
    "page",
    [
        'NKVD first, then NKVD again.\n\n[a link](x.md) and *Blocking detachments* here.\n\nAt the end, Operation "Ring" began.',
        '[NKVD](x.md), `NKVD`, <code>NKVD</code> and <span title="NKVD">x</span>, then NKVD &amp; a blocking detachment.',
        "\u03a3\u0391\u03a3 and \u03bf\u03b4\u03bf\u03a3, then the NKVD",
        "\u0130stanbul lowers to two letters.\n\nThe \u039f\u0394\u039f\u03a3 ends in a final sigma.",
        '<div class="sortable" markdown>\n\nThe NKVD in a block whose content is Markdown.\n\n</div>\n\n<div class="raw">The blocking detachment in one that is not.</div>',
        "## NKVD {#nkvd .glossary-entry}\n\nNKVD inside its own entry, a blocking detachment.\n\n## Other {#other}\n\nNKVD after it.",
        "Blocking *detachment* is two stretches; the blocking detachment is one.\n\n| A | B |\n| --- | --- |\n| NKVD | x |",
    ],
)
def test_terms_are_marked_where_python_markdown_marks_them(tmp_path: Path, page: str) -> None:
    import json

    import markdown

    from builder.tooltips import load_glossary

    data = tmp_path / "glossary.json"
    data.write_text(json.dumps(_TERMS), encoding="utf-8")
    extensions = ["attr_list", "md_in_html", "tables", "toc", "builder.tooltips"]
    expected = markdown.markdown(page, extensions=extensions, extension_configs={"builder.tooltips": {"data": str(data)}})
    glossary = load_glossary(data)
    assert glossary is not None
    tooltips = pagehtml._Tooltips(glossary, "/glossary.md", "Glossary entry")
    assert _document(pagehtml.to_html(page, tooltips=tooltips).content) == _document(expected)
    assert "glossary-term__link" in expected


def test_terms_are_matched_in_each_stretch_of_text_as_a_reader_reads_it(tmp_path: Path) -> None:
    import json

    from builder.tooltips import load_glossary

    data = tmp_path / "glossary.json"
    data.write_text(json.dumps(_TERMS), encoding="utf-8")
    glossary = load_glossary(data)
    assert glossary is not None
    tooltips = pagehtml._Tooltips(glossary, "/glossary.md", "Glossary entry")
    # An entity is read unescaped: the term's quotation marks are written &quot; in the HTML.
    marked = tooltips.mark("<p>NKVD</p>\n<p>NKVD</p>\n<p>Then Operation &quot;Ring&quot; began.</p>")
    assert marked.count('glossary-term__link" href="/glossary.md#nkvd"') == 1 and 'href="/glossary.md#ring">Operation "Ring"</a>' in marked
    marked = tooltips.mark("<p>Operation &quot;Ring&quot; first.</p><p>NKVD</p>")
    assert 'href="/glossary.md#ring">Operation "Ring"</a>' in marked and 'href="/glossary.md#nkvd">NKVD</a>' in marked
    # An element of the glossary-term class is passed over whole, its class read as a browser reads it.
    marked = tooltips.mark('<p>The <span class="glossary&#45;term">NKVD</span> and the NKVD</p>')
    assert marked.startswith('<p>The <span class="glossary&#45;term">NKVD</span> and the <span class="glossary-term">')
    # "b>c" is found across the tag in the HTML, not in the text: "c" inside <b> is the first mention.
    marked = tooltips.mark("<p>x <b>c</b> y</p>")
    assert marked.startswith('<p>x <b><span class="glossary-term"><a aria-describedby="glossary-tip-cee"')
    assert tooltips.mark("<p>After <em>b</em> &amp; c.</p>").count("glossary-term__link") == 1
    assert tooltips.mark("<p>It ends with c</p>").endswith('<a class="glossary-term__more" href="/glossary.md#cee" tabindex="-1">Glossary entry</a></small></span></p>')


def test_only_generated_pages_take_the_fast_path(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    for uri, fast in [("sources/a.md", True), ("timeline/1941.md", True), ("index.md", True), ("about.md", False), ("sourcesx.md", False)]:
        page = Page(None, File(uri, str(tmp_path), str(tmp_path / "site"), False), config)
        mkdocs_hook.on_pre_page(page, config, None)
        assert ("render" in vars(page)) is fast, uri
    config["markdown_extensions"].append("footnotes")
    assert not pagehtml.supported(config)


def test_a_broken_link_in_a_generated_page_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _pages(tmp_path)
    page = next(iter(sorted((project / "docs" / "sources").glob("*.md"))))
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](no-such-page.md) and [anchor](../glossary.md#no-such-term)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        pairs = _both_ways(project)
    uri, _, after = next(p for p in pairs if p[0] == f"sources/{page.name}")
    assert [r.getMessage() for r in caplog.records if "no-such-page" in r.getMessage()] == [f"Doc file '{uri}' contains a link 'no-such-page.md', but the target '{'sources/no-such-page.md'}' is not found among documentation files."] * 2
    assert any("no-such-term" in anchor for links in after.links_to_anchors.values() for anchor in links)
    env = os.environ | {SKIP_HOOK_ENV: "1"}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    done = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "no-such-page.md" in done.stderr and "#no-such-term" in done.stderr
