"""The bundled site in a real browser: every page type loads, nothing leaves the site, the search index waits."""

from __future__ import annotations

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
    assert not any("search/search_index" in url for url in requests), "the search index must wait until the reader searches"
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
