"""Search in a real browser: English and Russian terms find their entries; the index loads on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def search(tab, query: str, expect: str) -> list[str]:
    """Type ``query`` into the search box; wait until a result links to ``expect``; return the result links."""
    box = tab.locator("[data-md-component=search-query]").first
    if not box.is_visible():
        tab.locator("label[for=__search]").first.click()
    box.click()
    box.fill("")
    box.press_sequentially(query)
    # The theme searches on key presses; the browser inserts letters that are
    # not on its test keyboard (Cyrillic) without one, so end with a key.
    box.press("End")
    tab.wait_for_function(
        "expect => [...document.querySelectorAll('.md-search-result__item a')].some(a => a.getAttribute('href').includes(expect))",
        arg=expect,
        timeout=15_000,
    )
    return tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")


@pytest.fixture
def home(browser, serve, bundled_site: Path):
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(base + "index.html", wait_until="networkidle")
    yield tab, requests
    context.close()


def test_index_is_fetched_only_when_the_reader_searches(home) -> None:
    tab, requests = home
    assert not any("search_index" in url for url in requests)
    search(tab, "barrier troops", "glossary.html")
    assert any(url.split("?")[0].endswith("search/search_index.json") for url in requests)
    assert any("lunr.ru" in url for url in requests), "Russian search support is served by the site"


def test_barrier_troops_finds_the_glossary_entry_and_timeline_events(home) -> None:
    tab, _ = home
    links = search(tab, "barrier troops", "glossary.html")
    assert any("glossary.html" in link and link.endswith("#barrier-troops") for link in links)
    assert any("/timeline" in link and "#" in link for link in links), links


def test_a_cyrillic_term_finds_its_glossary_entry(home) -> None:
    tab, _ = home
    links = search(tab, "штрафной батальон", "#penal-battalion")
    assert any("glossary.html" in link and link.endswith("#penal-battalion") for link in links)
