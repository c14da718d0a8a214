"""The search index beside a server: made after each build without holding the pages back, moved into place only when complete."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from builder import search

# Stands in for Pagefind: waits, writes the index in two steps (with one of Pagefind's widgets), or fails.
_FAKE = """
import sys, time
from pathlib import Path
out = Path(sys.argv[1]) / sys.argv[2]
label, wait = sys.argv[3], float(sys.argv[4])
if label == "fail":
    sys.exit("pagefind: no pages found")
out.mkdir(parents=True, exist_ok=True)
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


def test_the_index_is_moved_in_whole_once_complete(tmp_path: Path) -> None:
    old = tmp_path / search.PAGEFIND_DIR
    old.mkdir()
    (old / "pagefind.js").write_text("old")
    (old / "pagefind-entry.json").write_text("old")
    indexing = search.Indexing(lambda message: None, _fake("new", wait=3.0))
    indexing.start(tmp_path)
    # While it is made, the last complete index is the one served.
    _wait_for(lambda: (tmp_path / search.NEXT_DIR / "pagefind.js").exists())
    assert (old / "pagefind-entry.json").read_text() == "old"
    _wait_for(lambda: (old / "pagefind-entry.json").read_text() == "new")
    assert (old / "pagefind.js").read_text() == "new"
    assert not (old / "pagefind-ui.js").exists()  # the widgets are dropped, as after a build
    assert sorted(p.name for p in tmp_path.iterdir()) == [search.PAGEFIND_DIR]


def test_a_new_build_stops_the_indexing_under_way(tmp_path: Path) -> None:
    reported: list[str] = []
    indexing = search.Indexing(reported.append, _fake("first", wait=30.0))
    indexing.start(tmp_path)
    _wait_for(lambda: (tmp_path / search.NEXT_DIR / "pagefind.js").exists())
    started = time.monotonic()
    indexing.stop()  # what the hook does before MkDocs touches the site folder
    assert time.monotonic() - started < 10
    assert not (tmp_path / search.PAGEFIND_DIR).exists()  # never moved in
    indexing._command = _fake("second")
    indexing.start(tmp_path)
    _wait_for(lambda: (tmp_path / search.PAGEFIND_DIR / "pagefind-entry.json").exists())
    assert (tmp_path / search.PAGEFIND_DIR / "pagefind-entry.json").read_text() == "second"
    assert reported == []


def test_a_failed_indexing_is_reported_and_the_last_index_stays(tmp_path: Path) -> None:
    (tmp_path / search.PAGEFIND_DIR).mkdir()
    (tmp_path / search.PAGEFIND_DIR / "pagefind.js").write_text("old")
    reported: list[str] = []
    indexing = search.Indexing(reported.append, _fake("fail"))
    indexing.start(tmp_path)
    _wait_for(lambda: reported != [])
    assert reported == ["the search index could not be written: pagefind: no pages found"]
    assert (tmp_path / search.PAGEFIND_DIR / "pagefind.js").read_text() == "old"
