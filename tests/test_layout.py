"""The look in headless Chromium: no sideways scrolling at 360 px, charts with text alternatives, contrast in both schemes.

Each run saves a screenshot of every page type at both widths and in both
schemes to ``test-artifacts/layout/`` for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, static_servers

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "layout"
WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")
PAGES = {
    "home": "index.html",
    "timeline": "timeline.html",
    "glossary": "glossary.html",
    "figures": "figures.html",
    "measure": "figures/russian-deserters-since-2022.html",
    "sourcing-note": "sources/*.html",
    "sources-index": "sources/index.html",
}
CHART_PAGES = ("home", "timeline", "measure", "sources-index")


def page_path(site: Path, pattern: str) -> str:
    if "*" not in pattern:
        return pattern
    return sorted(p for p in site.glob(pattern) if p.name != "index.html")[0].relative_to(site).as_posix()


@pytest.fixture(scope="module")
def base(bundled_site: Path, serve) -> str:
    return serve(bundled_site)


@pytest.fixture(scope="module")
def serve():
    """A static server for the whole module (the conftest one lives for one test)."""
    with static_servers() as start:
        yield start


def open_page(browser, url: str, width: int, scheme: str):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    tab = context.new_page()
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    tab.wait_for_timeout(500)  # the theme fades its tabs in
    return context, tab


OVERFLOW = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) continue;
        let scrolls = false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const o = getComputedStyle(up).overflowX;
            if (o === 'auto' || o === 'scroll') { scrolls = true; break; }
        }
        if (!scrolls) wide.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} ends at ${Math.round(box.right)}`);
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_horizontal_scrolling_and_a_screenshot(browser, base: str, bundled_site: Path, kind: str, width: int, scheme: str) -> None:
    context, tab = open_page(browser, base + page_path(bundled_site, PAGES[kind]), width, scheme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{kind}-{width}-{scheme}.png"), full_page=True)
    found = tab.evaluate(OVERFLOW)
    context.close()
    assert found["scrollWidth"] <= found["width"], found


CHARTS = """() => [...document.querySelectorAll('figure.chart')].map(fig => {
    const svg = fig.querySelector('svg');
    const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
    return {
        id: fig.id,
        role: svg.getAttribute('role'),
        labels: ids.map(id => { const el = document.getElementById(id); return el ? [el.tagName.toLowerCase(), el.textContent.trim()] : null; }),
        caption: (fig.querySelector('figcaption') || {}).textContent || '',
        rows: fig.querySelectorAll('.chart-data tbody tr').length,
        width: svg.getBoundingClientRect().width,
        links: [...svg.querySelectorAll('a')].map(a => a.href.baseVal || a.getAttribute('href')),
        text: [...svg.querySelectorAll('text')].length,
    };
})"""


@pytest.mark.parametrize("kind", CHART_PAGES)
def test_every_chart_has_a_title_a_text_alternative_and_its_data(browser, base: str, bundled_site: Path, kind: str) -> None:
    context, tab = open_page(browser, base + page_path(bundled_site, PAGES[kind]), 1280, "light")
    charts = tab.evaluate(CHARTS)
    links = sorted({link for chart in charts for link in chart["links"]})
    statuses = {link: tab.request.get(tab.url.rsplit("/", 1)[0] + "/" + link.split("#")[0]).status for link in links}
    context.close()
    assert charts, f"no chart on the {kind} page"
    for chart in charts:
        # A map is a group, so that its marks are links a screen reader can reach; a chart is one image.
        assert chart["role"] == ("group" if chart["id"].startswith("map-") else "img"), chart["id"]
        assert [tag for tag, _ in chart["labels"]] == ["title", "desc"], chart["id"]
        assert all(len(text) > 10 for _, text in chart["labels"]), chart["id"]
        assert chart["caption"].strip() and chart["rows"] > 0 and chart["text"] > 0, chart["id"]
        assert chart["width"] > 200, chart["id"]
    assert all(status == 200 for status in statuses.values()), statuses


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """() => {
    const probe = document.createElement('span');
    document.querySelector('.md-typeset').appendChild(probe);
    const rgba = value => { probe.style.color = ''; probe.style.color = value; const m = getComputedStyle(probe).color.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
    const css = name => getComputedStyle(document.body).getPropertyValue(name).trim();
    const out = {
        background: rgba(css('--md-default-bg-color')),
        text: rgba(css('--md-default-fg-color')),
        secondary: rgba(css('--md-default-fg-color--light')),
        link: rgba(css('--md-typeset-a-color')),
        accent: rgba(css('--md-accent-fg-color')),
        chart_accent: rgba(css('--chart-accent')),
        chart_muted: rgba(css('--chart-muted')),
        chart_bar: rgba(css('--chart-bar')),
        header: rgba(css('--md-primary-fg-color')),
        header_text: rgba(css('--md-primary-bg-color')),
        header_dim: rgba(css('--md-primary-bg-color--light')),
    };
    probe.remove();
    return out;
}"""


def _over(colour: list[float], background: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = colour
    return tuple(a * c + (1 - a) * bc for c, bc in zip((r, g, b), background))  # type: ignore[return-value]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_palette_passes_contrast(browser, base: str, scheme: str) -> None:
    context, tab = open_page(browser, base + "index.html", 1280, scheme)
    colours = tab.evaluate(COLOURS)
    context.close()
    page = tuple(colours["background"][:3])
    header = tuple(colours["header"][:3])
    text = {name: contrast(_over(colours[name], page), page) for name in ("text", "secondary", "link", "accent", "chart_muted")}
    assert min(text.values()) >= 4.5, text  # WCAG AA for text
    graphics = {name: contrast(_over(colours[name], page), page) for name in ("chart_accent", "chart_bar")}
    assert min(graphics.values()) >= 3, graphics  # WCAG AA for the marks of a chart
    on_header = {name: contrast(_over(colours[name], header), header) for name in ("header_text", "header_dim")}
    assert min(on_header.values()) >= 4.5, on_header
