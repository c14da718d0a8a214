"""Glossary tooltips in headless Chromium: keyboard focus, Escape, tap, and no JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TERM = ".glossary-term__link"


def _tab_to_first_term(tab, limit: int = 80) -> str:
    """Press Tab until a glossary term has the focus; its aria-describedby."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        described = tab.evaluate("() => document.activeElement.matches('.glossary-term__link') ? document.activeElement.getAttribute('aria-describedby') : null")
        if described:
            return described
    raise AssertionError(f"no glossary term reached in {limit} presses of Tab")


def test_tooltip_appears_on_keyboard_focus_on_the_timeline(browser, serve, bundled_site: Path) -> None:
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base + "timeline.html")
    tip = tab.locator(".glossary-term__tip").first
    assert tip.is_hidden()
    described = _tab_to_first_term(tab)
    short = tab.locator(f"#{described}")
    assert short.is_visible()
    assert short.inner_text().strip()
    # The definition is the link's accessible description.
    link = tab.locator(f"{TERM}[aria-describedby='{described}']")
    assert tab.evaluate("id => document.getElementById(id).closest('[role=tooltip]') !== null", described)
    assert link.get_attribute("href").startswith("glossary.html#")
    tab.keyboard.press("Escape")
    assert short.is_hidden()
    context.close()


def test_tap_opens_the_tooltip_and_a_second_tap_follows_the_link(browser, serve, bundled_site: Path) -> None:
    base = serve(bundled_site)
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(base + "timeline.html")
    link = tab.locator(TERM).first
    short = tab.locator(f"#{link.get_attribute('aria-describedby')}")
    link.scroll_into_view_if_needed()
    link.tap()
    assert short.is_visible()
    assert tab.url == base + "timeline.html"
    box = tab.locator(".glossary-term__tip").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.tap()
    tab.wait_for_url(base + "glossary.html#*")
    context.close()


def test_without_javascript_focus_still_shows_the_definition(browser, serve, bundled_site: Path) -> None:
    base = serve(bundled_site)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "index.html")
    described = _tab_to_first_term(tab)
    assert tab.locator(f"#{described}").is_visible()
    tab.keyboard.press("Enter")
    tab.wait_for_url(base + "glossary.html#*")
    context.close()
