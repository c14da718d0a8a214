"""The timeline in a real browser: a permalink lands on its event; a quote shows on focus, and in print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _event_with_quote(site: Path) -> dict:
    """An event away from the top of its page, so landing on it needs the anchor."""
    timeline = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    by_page: dict[str, list[dict]] = {}
    for event in timeline:
        by_page.setdefault(event["permalink"].split("#")[0], []).append(event)
    crowded = max(by_page.values(), key=len)
    return crowded[-1]


def _quote_box(tab, event_id: str) -> dict:
    return tab.evaluate(
        """id => {
            const heading = document.getElementById(id);
            let node = heading.nextElementSibling;
            while (node && !node.querySelector('.tl-quote')) node = node.nextElementSibling;
            const text = node.querySelector('.tl-quote-text');
            const box = text.getBoundingClientRect();
            return {width: box.width, height: box.height, text: text.textContent};
        }""",
        event_id,
    )


def test_permalink_lands_on_its_event(browser, serve, bundled_site: Path) -> None:
    event = _event_with_quote(bundled_site)
    base = serve(bundled_site)
    tab = browser.new_page(viewport={"width": 1024, "height": 700})
    tab.goto(base + event["permalink"], wait_until="load")
    assert tab.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == event["id"]
    top = tab.evaluate("id => document.getElementById(id).getBoundingClientRect().top", event["id"])
    header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < 700 / 2, (header, top)
    assert tab.evaluate("window.scrollY") > 0
    tab.close()


def test_quote_is_hidden_until_focused_by_keyboard(browser, serve, bundled_site: Path) -> None:
    event = _event_with_quote(bundled_site)
    base = serve(bundled_site)
    tab = browser.new_page(viewport={"width": 390, "height": 800})
    tab.goto(base + event["permalink"], wait_until="load")
    hidden = _quote_box(tab, event["id"])
    assert hidden["width"] <= 1 and hidden["height"] <= 1
    assert hidden["text"] == f"“{event['citations'][0]['quote']}”"
    # Keyboard only: from the event's heading, Tab moves through its links to the quote.
    tab.evaluate("id => { const h = document.getElementById(id); h.tabIndex = -1; h.focus(); }", event["id"])
    for _ in range(20):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.classList.contains('tl-quote')"):
            break
    else:
        pytest.fail("the quote could not be reached with the Tab key")
    shown = _quote_box(tab, event["id"])
    assert shown["width"] > 100 and shown["height"] > 10
    tab.close()


def test_quotes_are_printed(browser, serve, bundled_site: Path) -> None:
    event = _event_with_quote(bundled_site)
    base = serve(bundled_site)
    tab = browser.new_page()
    tab.emulate_media(media="print")
    tab.goto(base + event["permalink"], wait_until="load")
    assert _quote_box(tab, event["id"])["width"] > 100
    tab.close()
