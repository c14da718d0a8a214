"""The bundled site in a real browser: every page type loads, nothing leaves the site, the search index waits,
and nothing but the theme's stylesheets and the glossary's holds up the first paint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "index.html",
    "timeline": "timeline.html",
    "glossary": "glossary.html",
    "figures": "figures.html",
    "sources index": "sources/index.html",
    "sourcing note": "sources/*.html",
    "tags index": "tags/index.html",
    "tag": "tags/*.html",
    "about": "about.html",
    "404": "404.html",
}
"""One page of each type; a pattern stands for the first page it matches other than an index."""


def page_of(site: Path, pattern: str) -> str:
    if "*" not in pattern:
        return pattern
    matches = sorted(p for p in site.glob(pattern) if p.name != "index.html")
    assert matches, f"no page matches {pattern}"
    return matches[0].relative_to(site).as_posix()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_with_no_request_to_another_host(browser, serve, bundled_site: Path, kind: str) -> None:
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("requestfailed", lambda request: failed.append(request.url))
    response = tab.goto(base + page_of(bundled_site, PAGE_TYPES[kind]), wait_until="networkidle")
    assert response is not None and response.ok
    assert tab.locator("h1").first.is_visible()
    foreign = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
    assert foreign == []
    assert failed == []
    assert not any("/pagefind/" in url or "/search/" in url for url in requests), "the search index must wait until the reader searches"
    context.close()


def test_timeline_year_pages_load_with_no_request_to_another_host(browser, serve, bundled_site: Path) -> None:
    years = sorted((bundled_site / "timeline").glob("*.html")) if (bundled_site / "timeline").is_dir() else []
    if not years:
        pytest.skip("the timeline is one page")
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    response = tab.goto(base + years[0].relative_to(bundled_site).as_posix(), wait_until="networkidle")
    assert response is not None and response.ok
    assert [url for url in requests if not url.startswith(base) and not url.startswith("data:")] == []
    context.close()


RENDER_BLOCKING_ALLOWED = {"main", "palette"}
"""Stylesheets a page may wait for: the theme's two; the site's own rules are inlined."""


def blocking_requests(html: str) -> tuple[list[str], list[str]]:
    """(stylesheets that block rendering, scripts that block parsing) named in a page's HTML."""
    links = re.findall(r"<link\b[^>]*>", html)
    styles = [
        re.search(r'href="([^"]+)"', link).group(1)
        for link in links
        if 'rel="stylesheet"' in link and 'media="print"' not in link
    ]
    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if " src=" in tag and not re.search(r"\s(defer|async)\b", tag)]
    return styles, scripts


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_only_the_theme_stylesheets_block_the_first_paint(bundled_site: Path, kind: str) -> None:
    html = (bundled_site / page_of(bundled_site, PAGE_TYPES[kind])).read_text(encoding="utf-8")
    styles, scripts = blocking_requests(html)
    names = {Path(href).name.split(".")[0] for href in styles}
    assert names <= RENDER_BLOCKING_ALLOWED, styles
    assert scripts == [], "scripts with a src are deferred, so they never hold up the first paint"
    assert "--doc-serif" in html, "the site's look is inlined into the page"


def test_page_type_styles_are_inlined_only_where_used(bundled_site: Path) -> None:
    timeline = (bundled_site / "timeline.html").read_text(encoding="utf-8")
    sources = (bundled_site / "sources" / "index.html").read_text(encoding="utf-8")
    about = (bundled_site / "about.html").read_text(encoding="utf-8")
    assert ".tl-quote-label" in timeline and ".sortable__button" in sources
    assert ".tl-quote-label" not in about and ".sortable__button" not in about


def test_page_scripts_come_only_where_used(bundled_site: Path) -> None:
    for page in sorted(bundled_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        body = html.split('<article', 1)[-1]
        assert ("assets/glossary.js" in html) == ('class="glossary-term"' in body), page
        assert ("assets/sources.js" in html) == ('class="sortable' in body), page
    assert "assets/sources.js" in (bundled_site / "sources" / "index.html").read_text(encoding="utf-8")
