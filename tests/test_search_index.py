"""The search index beside a server: made after each build without holding the pages back, moved into place only when complete."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from builder import search

# Stands in for Pagefind: writes the index in two steps, a wait between them (with one of Pagefind's widgets), or fails.
_FAKE = """
import sys, time
from pathlib import Path
out = Path(sys.argv[1]) / sys.argv[2]
label, wait = sys.argv[3], float(sys.argv[4])
if label == "fail":
    sys.exit("pagefind: no pages found")
(out / "pagefind.js").write_text(label)
time.sleep(wait)
(out / "pagefind-entry.json").write_text(label)
(out / "pagefind-ui.js").write_text("widget")
"""


def _fake(label: str, wait: float = 0.0):
    def command(site_dir: Path, output: str) -> list[str]:
        return [sys.executable, "-c", _FAKE, str(site_dir), output, label, str(wait)]

    return command


def _wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def _being_made(site: Path) -> list[Path]:
    return [p for p in site.iterdir() if p.name.startswith(search.NEXT_DIR) and (p / "pagefind.js").exists()]


def test_the_index_is_moved_in_whole_once_complete(tmp_path: Path) -> None:
    index = tmp_path / search.PAGEFIND_DIR
    index.mkdir()
    (index / "pagefind.js").write_text("old")
    (index / "pagefind-entry.json").write_text("old")
    indexing = search.Indexing(lambda message: None, _fake("new", wait=3.0))
    indexing.start(tmp_path)
    # While it is made, the last complete index is the one served.
    _wait_for(lambda: _being_made(tmp_path) != [])
    assert _read(index / "pagefind-entry.json") == "old"
    _wait_for(lambda: _read(index / "pagefind-entry.json") == "new")
    assert _read(index / "pagefind.js") == "new"
    assert not (index / "pagefind-ui.js").exists()  # the widgets are dropped, as after a build
    _wait_for(lambda: sorted(p.name for p in tmp_path.iterdir()) == [search.PAGEFIND_DIR])  # nothing left beside it


def test_a_new_build_stops_the_indexing_under_way(tmp_path: Path) -> None:
    reported: list[str] = []
    indexing = search.Indexing(reported.append, _fake("first", wait=30.0))
    indexing.start(tmp_path)
    _wait_for(lambda: _being_made(tmp_path) != [])
    process = indexing._running
    assert isinstance(process, subprocess.Popen)
    if hasattr(os, "getpriority"):  # the lowest priority, so that the builder has the cores
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == 19
    indexing.stop()  # what the hook does when the sources change and before MkDocs builds
    assert process.poll() is not None
    indexing._command = _fake("second")
    indexing.start(tmp_path)
    _wait_for(lambda: _read(tmp_path / search.PAGEFIND_DIR / "pagefind-entry.json") is not None)
    assert _read(tmp_path / search.PAGEFIND_DIR / "pagefind-entry.json") == "second"
    _wait_for(lambda: sorted(p.name for p in tmp_path.iterdir()) == [search.PAGEFIND_DIR])  # the stopped one's folder is gone
    assert reported == []  # being stopped is no failure


def test_the_last_index_is_kept_aside_while_mkdocs_empties_the_site_folder(tmp_path: Path) -> None:
    (tmp_path / search.PAGEFIND_DIR).mkdir()
    (tmp_path / search.PAGEFIND_DIR / "pagefind.js").write_text("old")
    (tmp_path / "index.html").write_text("page")
    indexing = search.Indexing(lambda message: None, _fake("new", wait=3.0))
    indexing.keep(tmp_path)
    (tmp_path / "index.html").unlink()  # MkDocs' cleaning of the site folder leaves hidden files and folders only
    assert sorted(p.name for p in tmp_path.iterdir()) == [search.KEPT_DIR]
    indexing.start(tmp_path)
    # Searched as it was until the new index is complete.
    assert _read(tmp_path / search.PAGEFIND_DIR / "pagefind.js") == "old"
    _wait_for(lambda: _read(tmp_path / search.PAGEFIND_DIR / "pagefind-entry.json") == "new")


def test_a_failed_indexing_is_reported_and_the_last_index_stays(tmp_path: Path) -> None:
    (tmp_path / search.PAGEFIND_DIR).mkdir()
    (tmp_path / search.PAGEFIND_DIR / "pagefind.js").write_text("old")
    reported: list[str] = []
    indexing = search.Indexing(reported.append, _fake("fail"))
    indexing.start(tmp_path)
    _wait_for(lambda: reported != [])
    assert reported == ["the search index could not be written: pagefind: no pages found"]
    assert _read(tmp_path / search.PAGEFIND_DIR / "pagefind.js") == "old"
    _wait_for(lambda: sorted(p.name for p in tmp_path.iterdir()) == [search.PAGEFIND_DIR])
