"""The bundled site in a real browser: pages load and nothing leaves the site."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = ["index.html", "timeline.html", "glossary.html", "figures.html", "sources/index.html", "about.html"]


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_with_no_request_to_another_host(browser, serve, bundled_site: Path, page: str) -> None:
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    response = tab.goto(base + page, wait_until="networkidle")
    assert response is not None and response.ok
    assert tab.locator("h1").first.is_visible()
    foreign = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
    assert foreign == []
    context.close()
