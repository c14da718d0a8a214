"""The site's search: which pages it covers, Pagefind's index for the served site, and a title index for pages opened from disk.

Served, the site searches with Pagefind: an index cut into small chunks, of
which a search fetches only the few its words need (``site/pagefind/``,
written after MkDocs by :func:`run_pagefind`, or beside a server by
:class:`Indexing`). Pagefind indexes only the
elements marked ``data-pagefind-body``, which :func:`mark_body` puts around
the content of the pages readers search; long generated lists (tag pages, a
term's uses, the index of sources, a place's events) are left out, since
every word in them is already on the pages they list; so is, within a
page, what is marked :data:`SEARCH_EXCLUDED` (a sourcing note's list of
other sources, the glossary's tooltips).

A page opened from disk (``file://``, the offline zip) may not fetch files, so
there the site searches a small index of titles and summaries, loaded by a
script element (``search/titles.js``, written by :func:`write_titles`).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LEFT_OUT = re.compile(r"tags/|glossary\.md$|glossary/(?![^/]+/entries(-\d+)?\.md$)|sources/index\.md$|places/|404\.md$")
"""Pages (paths under docs/) whose content no search covers: lists of what other pages say.

The glossary's index and each term's list of uses are left out; its entries,
on the letters' pages (``glossary/<letter>/entries.md``,
:func:`builder.render.glossary.letter_pages`), are searched."""
BODY = "data-pagefind-body"
PAGEFIND_DIR = "pagefind"
"""Pagefind's index, in the site folder."""
NEXT_DIR = ".pagefind-next"
"""How the folders where a server's Pagefind writes the index it is making begin, in the site folder (hidden, so MkDocs leaves them)."""
KEPT_DIR = ".pagefind-kept"
"""Where a server puts its last index aside while MkDocs builds."""
TITLES = "search/titles.js"
"""The index for pages opened from disk, in the site folder."""
SUMMARY_CHARS = 160
"""How much of the text after a heading the disk index keeps: enough for the original forms of a glossary term."""

_HEADING = re.compile(r'<h([23])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
EXCLUDE = "data-search-exclude"
"""The attribute that marks an element of a page as no part of its searched text (the glossary's tooltips, a note's list of other sources)."""
SEARCH_EXCLUDED = f'{EXCLUDE}=""'
"""That attribute as the builder writes it into a page."""
_LEFT_OUT_OF_TEXT = re.compile(
    rf'<a class="headerlink"[^>]*>.*?</a>|<(small|span|div)\b[^>]*\b{EXCLUDE}\b[^>]*>.*?</\1>|<(script|style)\b[^>]*>.*?</\2>',
    re.DOTALL,
)
"""Heading permalinks, what the page marks as no part of its text (the glossary tooltips' definitions, a note's list of other sources), and scripts (a page's JSON-LD)."""
EXCLUDED = (".headerlink", f"[{EXCLUDE}]")
"""The same for Pagefind, as CSS selectors."""
_SPACE = re.compile(r"\s+")


def searched(src_uri: str) -> bool:
    """Whether the page at ``src_uri`` (its path under docs/) is one that search covers."""
    return LEFT_OUT.match(src_uri) is None


def mark_body(content: str) -> str:
    """The page's content inside the element that tells Pagefind what to index."""
    return f"<div {BODY}>{content}</div>"


@dataclass(frozen=True)
class Entry:
    """One line of the disk index: a page or one of its sections."""

    url: str
    title: str
    summary: str


def _text(fragment: str) -> str:
    return _SPACE.sub(
        " ", html.unescape(_TAG.sub(" ", _LEFT_OUT_OF_TEXT.sub("", fragment)))
    ).strip()


def entries(url: str, title: str, description: str, content: str) -> list[Entry]:
    """The page's line in the disk index, then a line per section (``h2``/``h3`` with an id) with the start of its text."""
    found = [Entry(url, title, description)]
    headings = list(_HEADING.finditer(content))
    for n, heading in enumerate(headings):
        end = headings[n + 1].start() if n + 1 < len(headings) else len(content)
        text = _text(content[heading.end() : end])
        if len(text) > SUMMARY_CHARS:
            text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
        found.append(Entry(f"{url}#{heading.group(2)}", _text(heading.group(3)), text))
    return found


def write_titles(site_dir: Path, found: list[Entry]) -> None:
    """Write the disk index as a script that sets ``__titles``: [url, title, summary] lines, sorted by address.

    ``json.dumps`` escapes every non-ASCII character and ``<`` is written as
    ``\\u003c``, so no text can close the script element or start markup.
    """
    rows = sorted({(e.url, e.title, e.summary) for e in found})
    data = json.dumps(rows, ensure_ascii=True, separators=(",", ":")).replace(
        "<", "\\u003c"
    )
    path = site_dir / TITLES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"var __titles={data};\n", encoding="utf-8")


def pagefind_command(site_dir: Path, output: str = PAGEFIND_DIR) -> list[str]:
    """The command that indexes ``site_dir`` with Pagefind (the ``pagefind`` package's own binary, nothing downloaded) into ``site_dir/output/``.

    ``--keep-index-url``: the site's links end in ``index.html`` (it also
    works from disk, where a folder's address shows a listing).
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir.resolve()), "--output-subdir", output, "--keep-index-url", "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


def drop_widgets(site_dir: Path, output: str = PAGEFIND_DIR) -> None:
    """Remove Pagefind's own result widgets, which it writes beside its index: the site shows results in its own look."""
    for unused in sorted((site_dir / output).glob("pagefind-*ui.*")):
        unused.unlink()


class Indexing:
    """Pagefind run beside a server (``mkdocs serve``), so that an edit shows without waiting for the index.

    The rebuilt pages are served at once; the index is written to a new
    hidden folder in the site folder and moved into place once complete,
    so a search uses the last complete index until then. A change to the
    sources, or a new build, stops the indexing under way (:meth:`stop`):
    only the newest pages are indexed, and the builder has both cores. The
    last index is put aside while MkDocs builds (:meth:`keep`), since a
    build that is not ``--dirty`` empties the site folder of all but hidden
    files. Pagefind runs at the lowest priority where the system has one.
    """

    def __init__(self, report: Callable[[str], None], command: Callable[[Path, str], list[str]] = pagefind_command) -> None:
        """
        Args:
            report: what is told of an indexing that failed (the server's log).
            command: the command that indexes a site folder into a folder in it.
        """
        self._report = report
        self._command = command
        self._lock = threading.Lock()
        self._running: subprocess.Popen[str] | None = None

    def start(self, site_dir: Path) -> None:
        """Index ``site_dir`` in the background, after stopping an indexing still under way."""
        self.stop()
        self.restore(site_dir)
        try:
            output = tempfile.mkdtemp(prefix=NEXT_DIR + "-", dir=site_dir)
        except OSError as err:
            self._report(f"the search index could not be written: {err}")
            return
        with self._lock:
            process = self._running = subprocess.Popen(self._command(site_dir, Path(output).name), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if hasattr(os, "setpriority"):  # set from here: a server runs threads, so nothing may run in the child before it starts
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, process.pid, 19)
        threading.Thread(target=self._finish, args=(process, site_dir, Path(output)), name="search-index", daemon=True).start()

    def stop(self) -> None:
        """Stop the indexing under way, if any; what it wrote is never moved into place."""
        with self._lock:
            process, self._running = self._running, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def keep(self, site_dir: Path) -> None:
        """Put the last index aside, where MkDocs' cleaning of the site folder leaves it (:meth:`restore` puts it back)."""
        with contextlib.suppress(OSError):
            shutil.rmtree(site_dir / KEPT_DIR, ignore_errors=True)
            if (site_dir / PAGEFIND_DIR).is_dir():
                (site_dir / PAGEFIND_DIR).rename(site_dir / KEPT_DIR)

    def restore(self, site_dir: Path) -> None:
        """Put back the index :meth:`keep` put aside, unless the build wrote one."""
        with contextlib.suppress(OSError):
            if (site_dir / KEPT_DIR).is_dir() and not (site_dir / PAGEFIND_DIR).exists():
                (site_dir / KEPT_DIR).rename(site_dir / PAGEFIND_DIR)
            shutil.rmtree(site_dir / KEPT_DIR, ignore_errors=True)

    def _finish(self, process: subprocess.Popen[str], site_dir: Path, output: Path) -> None:
        _, errors = process.communicate()
        old = output.with_name(output.name + "-old")
        with self._lock:
            current = self._running is process  # else stopped: a newer build owns the site folder
            if current:
                self._running = None
            if current and process.returncode == 0:
                try:
                    drop_widgets(site_dir, output.name)
                    # Two renames: a search in between finds no index, never half of one.
                    if (site_dir / PAGEFIND_DIR).exists():
                        (site_dir / PAGEFIND_DIR).rename(old)
                    output.rename(site_dir / PAGEFIND_DIR)
                except OSError as err:
                    self._report(f"the search index could not be put in place: {err}")
            elif current and process.returncode > 0:  # not stopped by a signal (a new build, or the server's end)
                self._report(f"the search index could not be written: {(errors or '').strip()}")
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def run_pagefind(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Index the rendered site with Pagefind (:func:`pagefind_command`)."""
    done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if done.returncode == 0:
        drop_widgets(site_dir)
    return done
