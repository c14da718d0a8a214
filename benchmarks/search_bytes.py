"""What a reader's search costs: the bytes a headless Chromium fetches to show the results for one query.

The site folder is served on 127.0.0.1 by Python's static server (no
compression, so a file's bytes are what it weighs on disk; Pagefind's index
and excerpt files are compressed by Pagefind itself). A page is opened, then
the query typed into the search box; every response from then until the
results are shown that belongs to the search is counted (the search script,
Pagefind's loader, its WebAssembly, the index chunks and the excerpts of the
results shown), as served and as a server that compresses with gzip would
send it. The query is typed a key at a time, as a reader types it:
:data:`KEY_DELAY_MS` apart by default (``--delay``; 0 types the whole word at
once, which asks the search only for the whole word).

Usage: ``python -m benchmarks.search_bytes SITE [WORD ...] [--delay MS]``
(default: a common word and a rare one, chosen by :func:`words`).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

from benchmarks.corpus import _SYLLABLES
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, static_servers

BOX = "[data-site-search] .md-search__input"
SEARCH_FILES = re.compile(r"/pagefind/|/search/|/assets/search\.js$")
RESULTS = ".md-search-result__item"
KEY_DELAY_MS = 200
"""Time between two keys: a reader typing about five characters a second."""


_NAME = re.compile("(?:" + "|".join(sorted(_SYLLABLES, key=len, reverse=True)) + ")+")


def words(site: Path) -> tuple[str, str]:
    """A common word and a rare one, read off the titles index: the words of 6 letters or more that most and fewest entries hold (ties: alphabetical).

    The rare one is a name the corpus generator made of syllables
    (:mod:`benchmarks.corpus`) where there are such names, since an English
    word rare in titles may be common in the pages' text.
    """
    script = (site / "search" / "titles.js").read_text(encoding="utf-8")
    rows = json.loads(script[script.index("=") + 1 : script.rindex(";")])
    held: collections.Counter[str] = collections.Counter()
    for _, title, summary in rows:
        held.update({word.lower() for word in re.findall(r"\b[A-Za-z]{6,}\b", f"{title} {summary}")})
    common = min(held.items(), key=lambda item: (-item[1], item[0]))[0]
    names = {word: count for word, count in held.items() if _NAME.fullmatch(word)} or held
    return common, min(names.items(), key=lambda item: (item[1], item[0]))[0]


def measure(site: Path, queries: list[str], page: str = "index.html", delay: float = KEY_DELAY_MS) -> list[dict]:
    """For each query, in a fresh browser context: bytes fetched from typing to results, requests, results reported, and the bytes fetched before typing."""
    from playwright.sync_api import sync_playwright

    found = []
    with static_servers() as start, sync_playwright() as playwright:
        base = start(site)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                tab = context.new_page()
                fetched: list[tuple[str, int, int]] = []

                def finished(request, fetched=fetched) -> None:
                    body = request.response().body()
                    fetched.append((request.url, len(body), len(gzip.compress(body, 6))))

                tab.on("requestfinished", finished)
                tab.goto(base + page, wait_until="networkidle")
                before = len(fetched)
                tab.locator(BOX).first.click()
                tab.locator(BOX).first.press_sequentially(query, delay=delay)
                tab.wait_for_selector(RESULTS, timeout=120_000)
                tab.wait_for_load_state("networkidle")
                meta = tab.inner_text(".md-search-result__meta")
                # What the search fetched: its script and index (a theme file still arriving when the reader types is not the search's).
                searched = [row for row in fetched[before:] if SEARCH_FILES.search(row[0])]
                found.append(
                    {
                        "query": query,
                        "bytes": sum(size for _, size, _ in searched),
                        "gzip_bytes": sum(size for _, _, size in searched),
                        "requests": len(searched),
                        "results": meta,
                        "page_bytes_before_search": sum(size for _, size, _ in fetched[:before]),
                        "largest": sorted(((size, url.removeprefix(base)) for url, size, _ in searched), reverse=True)[:3],
                    }
                )
                context.close()
        finally:
            browser.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_bytes", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", help="default: a common and a rare word of the site")
    parser.add_argument("--delay", type=float, default=KEY_DELAY_MS, help=f"milliseconds between two keys (default: {KEY_DELAY_MS})")
    args = parser.parse_args(argv)
    queries = args.queries or list(words(args.site))
    for row in measure(args.site, queries, delay=args.delay):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
