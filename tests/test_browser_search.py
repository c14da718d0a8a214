"""Search in a real browser: English and Russian terms find their entries; the script and the index load on demand.

Served, the site searches with Pagefind; opened from disk, with the titles
index (test_offline.py). Both through the same box and the same results list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def search(tab, query: str, expect: str) -> list[str]:
    """Type ``query`` into the search box; wait until a result links to ``expect``; return the result links."""
    box = tab.locator("[data-site-search] .md-search__input").first
    if not box.is_visible():
        tab.locator("label[for=__search]").first.click()
    box.click()
    box.fill("")
    box.press_sequentially(query)
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
    assert not any("pagefind" in url or "search" in url.rsplit("/", 1)[-1] for url in requests)
    search(tab, "barrier troops", "glossary")
    assert any(url.endswith("/assets/search.js") for url in requests)
    assert any(url.endswith("/pagefind/pagefind.js") for url in requests)
    assert not any("titles.js" in url for url in requests), "the disk index is for pages opened from disk"


def test_the_search_is_keyboard_accessible(home) -> None:
    """/ opens the search, Down reaches the results, Escape closes it."""
    tab, _ = home
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.matches('[data-site-search] .md-search__input')")
    assert tab.evaluate("document.getElementById('__search').checked")
    tab.keyboard.type("desertion")
    tab.wait_for_selector(".md-search-result__item a.md-search-result__link", timeout=15_000)
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__search').checked")


def test_barrier_troops_finds_the_glossary_entry_and_timeline_events(home) -> None:
    tab, _ = home
    links = search(tab, "barrier troops", "#barrier-troops")
    assert any(link.endswith("#barrier-troops") for link in links)
    assert any("/timeline" in link and "#" in link for link in links), links


def test_a_cyrillic_term_finds_its_glossary_entry(home) -> None:
    tab, _ = home
    links = search(tab, "штрафной батальон", "#penal-battalion")
    assert any(link.endswith("#penal-battalion") for link in links)


def test_a_word_typed_key_by_key_fetches_index_chunks_and_excerpts_for_the_whole_word_only(home) -> None:
    """Served, the search waits for the reader to pause: no chunk is fetched for a prefix still being typed."""
    tab, requests = home
    box = tab.locator("[data-site-search] .md-search__input").first
    if not box.is_visible():
        tab.locator("label[for=__search]").first.click()
    box.click()
    tab.wait_for_function("() => document.querySelector('script[src$=\"assets/search.js\"]') !== null")
    box.press_sequentially("desertion", delay=120)  # a key every 120 ms: quicker than the pause the search waits for
    typed = len(requests)
    tab.wait_for_selector(".md-search-result__item a.md-search-result__link", timeout=15_000)
    tab.wait_for_load_state("networkidle")
    assert not any(".pf_index" in url or ".pf_fragment" in url for url in requests[:typed])
    chunks = [url for url in requests[typed:] if ".pf_index" in url]
    fragments = [url for url in requests if ".pf_fragment" in url]
    assert chunks and len(chunks) == len(set(chunks))
    shown = tab.locator(".md-search-result__item").count()
    assert 0 < len(fragments) <= shown  # the excerpts of the results shown for the whole word, none for its prefixes


def test_no_result_of_an_earlier_query_is_shown_or_opened_while_the_next_one_is_typed(home) -> None:
    tab, _ = home
    search(tab, "desertion", "deserters")
    box = tab.locator("[data-site-search] .md-search__input").first
    box.fill("")
    box.press_sequentially("penal", delay=50)
    assert tab.locator(".md-search-result__item").count() == 0  # within the pause: nothing of "desertion" left to open
    assert tab.inner_text(".md-search-result__meta") == "…"
    url = tab.url
    box.press("Enter")
    assert tab.url == url
    tab.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert "matching" in tab.inner_text(".md-search-result__meta")
