"""Printed pages are legible whichever colour scheme the reader's screen uses.

Browsers print no backgrounds, so the dark scheme's light text would come
out faint or white on white paper; the print styles set dark text for every
scheme. Checked on the pages with maps and charts, where captions, tables
and the maps' labels carry the meaning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = ("places.html", "timeline.html", "figures.html")

# Every visible element with text of its own, and its colour's contrast with white paper (WCAG's formula).
_FAINT_TEXT = """
() => {
  const lum = (c) => {
    const [r, g, b, a] = c.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
    const mix = (v) => (v * a + 255 * (1 - a)) / 255;  // over white paper
    const lin = (v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(mix(r)) + 0.7152 * lin(mix(g)) + 0.0722 * lin(mix(b));
  };
  const faint = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const colour = el instanceof SVGElement && style.fill !== 'none' && el.tagName === 'text' ? style.fill : style.color;
    const ratio = 1.05 / (lum(colour) + 0.05);
    if (ratio < 4.5) faint.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} ${colour} ${ratio.toFixed(2)}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return faint;
}
"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("page", PAGES)
def test_printed_text_is_dark_on_paper(browser, serve, bundled_site: Path, page: str, scheme: str) -> None:
    base = serve(bundled_site)
    tab = browser.new_page(color_scheme="dark" if scheme == "slate" else "light")
    tab.goto(base + "index.html", wait_until="load")
    tab.evaluate(f"localStorage.setItem('__palette', JSON.stringify({{index: {int(scheme == 'slate')}, color: {{scheme: '{scheme}'}}}}))")
    tab.goto(base + page, wait_until="load")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    tab.emulate_media(media="print")
    # The paper stylesheet is fetched at low priority, after the page's load event.
    tab.wait_for_function("Array.from(document.styleSheets).some((s) => s.media.mediaText === 'print' && s.cssRules.length)")
    # The theme eases links' colour over 125 ms; read the colours once no transition is running.
    tab.wait_for_function("document.getAnimations().length === 0")
    assert tab.evaluate(_FAINT_TEXT) == []
    tab.close()
