"""First-load weight of each page type: every byte a fresh visit fetches, gzip-compressed.

Usage::

    python -m benchmarks.page_weight [--site DIR]

Builds the bundled site in a temporary copy of the project (or takes a built
``--site``), loads one page of each type in headless Chromium with an empty
cache, and sums what the page fetched — HTML, CSS, JavaScript, fonts, images,
the search worker — each file gzip-compressed at level 6 as web hosts serve
it (images as they are). It also reports whether the search index was fetched
on load (it should be fetched only when the reader searches) and whether any
request left the site. Target: at most 150 KB (153,600 bytes) per page.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.site import COMPRESSED, built_site, pages, serve

CHROMIUM = "/usr/bin/chromium"
TARGET = 150 * 1024


def weigh(browser, base: str, site: Path, path: str) -> tuple[int, int, list[str], bool]:
    """(requests, compressed bytes, foreign URLs, search index fetched) of a first visit to ``path``."""
    context = browser.new_context()
    tab = context.new_page()
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(base + path, wait_until="networkidle")
    tab.wait_for_timeout(500)
    context.close()
    total = 0
    foreign = [u for u in urls if not u.startswith(base) and not u.startswith("data:")]
    for url in dict.fromkeys(u for u in urls if u.startswith(base)):
        file = site / urlsplit(url).path.lstrip("/")
        if not file.is_file():
            continue
        data = file.read_bytes()
        total += len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in COMPRESSED else len(data)
    index = any("/pagefind/" in u or "/search/" in u or u.endswith("/assets/search.js") for u in urls)
    return len(urls), total, foreign, index


_CHART = re.compile(r'<figure class="chart".*?</figure>', re.DOTALL)


def chart_bytes(site: Path, path: str) -> tuple[int, int]:
    """(bytes, gzip bytes) of the charts inlined in the page, SVG with its caption and data table; part of the page's HTML."""
    charts = "".join(_CHART.findall((site / path).read_text(encoding="utf-8"))).encode("utf-8")
    return len(charts), len(gzip.compress(charts, compresslevel=6, mtime=0)) if charts else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the bundled site)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    ok = True
    with built_site(args.site) as site, serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        print(f"{'page':<15} {'path':<62} {'requests':>8} {'gzip bytes':>11} {'KB':>7}  index on load  other hosts  {'charts bytes':>12} {'gzip':>6}")
        for kind, path in pages(site).items():
            count, total, foreign, index = weigh(browser, base, site, path)
            ok &= total <= TARGET and not index and not foreign
            raw, packed = chart_bytes(site, path)
            print(f"{kind:<15} {path:<62} {count:>8} {total:>11,} {total / 1024:>7.1f}  {'YES' if index else 'no':<13}  {len(foreign):<11}  {raw:>12,} {packed:>6,}")
        browser.close()
    print(f"target: at most {TARGET // 1024} KB, no search index on load, no other host:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
