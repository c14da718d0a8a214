"""A site built from injection attempts in every field shows them as text and runs none of them.

The corpus (tests/hostile/) puts HTML, scripts, event handlers, javascript:
links, frames, CSS, Markdown, template and MkDocs/Material syntax into every
free-text field, article bodies and quotes. The site is built once; every page
is then loaded in headless Chromium, where a payload that ran would set
``window.__pwned`` or open a dialog, and one that loaded something would ask
a host other than the local server.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from builder import model
from builder.render import markdown as md
from tests.conftest import make_project, run_builder
from tests.hostile.corpus import FREE_TEXT, PAYLOADS, chunks, write_sources

STRUCTURED = {"id", "measure", "date", "reported", "published", "accessed", "as_of", "start", "end", "language", "kind", "qualifier", "source", "tags", "related", "eras", "key_measures", "value", "low", "high", "limit", "draft", "machine", "follow", "reuse", "events", "figures", "citations", "gazetteer"}
"""Fields that are not free text: ids, dates, numbers, choices and nested records (covered on their own)."""

DANGEROUS_DOM = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const value = attr.value.trim().toLowerCase();
            if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
            if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr.name)
                && (value.startsWith('javascript:') || value.startsWith('data:text/html'))) found.push(`${el.tagName} ${attr.name}=${value}`);
        }
    }
    for (const el of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], math, details[open]')) found.push(el.outerHTML.slice(0, 80));
    return found;
}"""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus built with --strict; the build itself must succeed."""
    folder = tmp_path_factory.mktemp("hostile")
    write_sources(folder / "sources")
    project = make_project(folder, sources=folder / "sources")
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def _visible(text: str) -> str:
    return " ".join(text.split())


def test_corpus_fills_every_free_text_field() -> None:
    records = [model.SourceMeta, model.Reuse, model.EventEntry, model.FigureEntry, model.Term, model.Citation, model.Era, model.Measure, model.SiteInfo, model.Place]
    for record in records:
        text_fields = {name for name, info in record.model_fields.items() if name not in STRUCTURED and _holds_text(info.annotation)}
        assert text_fields == FREE_TEXT[record.__name__], f"{record.__name__}: add new text fields to tests/hostile/corpus.py"


def _holds_text(annotation: object) -> bool:
    if annotation is str:
        return True
    return any(_holds_text(arg) for arg in typing.get_args(annotation))


def test_every_payload_lands_in_a_chunk() -> None:
    assert sorted(p for group in chunks() for p in group) == sorted(PAYLOADS)
    assert all(len(" ".join(group)) <= 200 for group in chunks())


def test_payloads_reach_the_pages_as_escaped_text(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 20
    timeline = (hostile_site / "timeline.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in timeline
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, page
        assert "<img src=x" not in html and "<svg/onload" not in html and "<iframe src=" not in html, page


@pytest.mark.browser
def test_no_page_runs_a_payload_or_loads_from_another_host(browser, serve, hostile_site: Path) -> None:
    base = serve(hostile_site)
    context = browser.new_context()
    foreign: list[tuple[str, str]] = []
    dialogs: list[tuple[str, str]] = []
    page = ""

    def route(route) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append((page, route.request.url))
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append((page, dialog.message)), dialog.dismiss()))
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    for page in pages:
        response = tab.goto(base + page, wait_until="load")
        assert response is not None and response.ok, page
        tab.wait_for_timeout(50)
        assert tab.evaluate("() => window.__pwned") is None, page
        assert tab.evaluate(DANGEROUS_DOM) == [], page
    assert dialogs == [] and foreign == []
    context.close()


@pytest.mark.browser
def test_payloads_are_visible_text_in_the_browser(browser, serve, hostile_site: Path) -> None:
    base = serve(hostile_site)
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base + "timeline.html")
    shown = _visible(tab.inner_text("body"))
    for payload in PAYLOADS:
        assert _visible(payload) in shown, payload
    tab.goto(base + "sources/article-0.html")
    # The tab's title is the page's title as plain text (markup characters dropped), then the site's name.
    assert _visible(tab.title()) == _visible(md.plain(" ".join(chunks()[0]))) + " - Not one step back"
    assert "<script>" not in tab.title() and "window.__pwned=1" not in tab.title()
    assert _visible(" ".join(chunks()[0])) in _visible(tab.inner_text("h1"))
    context.close()


@pytest.mark.browser
def test_search_results_show_payloads_as_text(browser, serve, hostile_site: Path) -> None:
    base = serve(hostile_site)
    context = browser.new_context()
    dialogs: list[str] = []
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(base + "index.html", wait_until="networkidle")
    box = tab.locator("[data-site-search] .md-search__input").first
    if not box.is_visible():
        tab.locator("label[for=__search]").first.click()
    box.press_sequentially("window")
    tab.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    tab.wait_for_timeout(200)
    assert tab.locator(".md-search-result__item").count() > 0
    assert tab.evaluate("() => window.__pwned") is None
    assert tab.evaluate(DANGEROUS_DOM) == []
    assert dialogs == []
    context.close()
