"""Texts profiled by a worker process (builder/parallel.py): the same pages as without it, whatever the worker does.

Each build runs in a fresh process, as ``python -m builder build`` does: the
test process may run threads left by other tests (a browser's event loop),
and a process with threads never forks a worker.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from benchmarks.corpus import write_project
from builder import memo, parallel

pytestmark = pytest.mark.skipif(sys.platform != "linux" or parallel.cores() < 2, reason="a worker is forked only on Linux with a second core")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = parallel.MIN_TEXTS + 36

_BUILD = """
import json, os, sys
from pathlib import Path
from builder import parallel
from builder.cache import TextMemo
from builder.pipeline import generate

{patch}
generate(Path(sys.argv[1]))
print(json.dumps(TextMemo.of(Path(sys.argv[1])).made_by_worker))
"""


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def _build(corpus: Path, folder: Path, *, patch: str = "", jobs: str = "") -> tuple[dict[str, bytes], list[int]]:
    """Build a copy of ``corpus`` in a fresh process; its pages, and how many profiles and notes' sections the worker made."""
    project = folder / "project"
    shutil.copytree(corpus, project)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), parallel.JOBS_ENV: jobs}
    done = subprocess.run([sys.executable, "-c", _BUILD.format(patch=patch), str(project)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return _pages(project / "docs"), json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("parallel") / "project", SOURCES, seed=3)


@pytest.fixture(scope="module")
def alone(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The pages of a build that profiles every text itself."""
    pages, by_worker = _build(corpus, tmp_path_factory.mktemp("alone"), jobs="1")
    assert by_worker == [0, 0]
    return pages


def test_a_worker_profiles_texts_and_the_pages_are_the_same(corpus: Path, alone: dict[str, bytes], tmp_path: Path) -> None:
    pages, (profiles, sections) = _build(corpus, tmp_path)
    assert profiles > 0
    assert sections > 0  # the notes of sources whose publisher sets no limit
    assert pages == alone


def test_notes_whose_publisher_limits_reuse_are_made_by_the_build(corpus: Path, alone: dict[str, bytes], tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in (corpus / "sources").glob("*.md")]
    published = [t for t in texts if "\ndraft: true\n" not in t.split("\n---\n", 1)[0]]  # drafts are left out of the site
    limited = sum("\nreuse:" in t for t in published)
    assert 0 < limited < len(published) <= SOURCES
    # A worker that has made everything before the build asks for any of it:
    # every source's profile comes from it, and every source's sections but
    # those of a publisher that limits reuse.
    patch = """
real = parallel.start
def start(work):
    worker = real(work)
    worker._process.join()  # it ends once all is handed over
    return worker
parallel.start = start
"""
    pages, (profiles, sections) = _build(corpus, tmp_path, patch=patch)
    assert profiles == len(published)
    assert sections == len(published) - limited
    assert pages == alone


def test_a_worker_that_dies_leaves_the_texts_to_the_build(corpus: Path, alone: dict[str, bytes], tmp_path: Path) -> None:
    pages, by_worker = _build(corpus, tmp_path, patch="parallel._profile = lambda handed, work: os._exit(3)")
    assert by_worker == [0, 0]
    assert pages == alone


def test_a_worker_that_fails_half_way_leaves_the_rest_to_the_build(corpus: Path, alone: dict[str, bytes], tmp_path: Path) -> None:
    patch = """
real, calls = parallel.read_text, iter(range(10**6))
def failing(body, language):  # in the worker only: the build's own reading is builder.cache's
    if next(calls) == parallel.CHUNK + 3:  # after one chunk was handed over
        raise RuntimeError("a bug in the worker")
    return real(body, language)
parallel.read_text = failing
"""
    pages, (profiles, _) = _build(corpus, tmp_path, patch=patch)
    assert 0 < profiles <= parallel.CHUNK
    assert pages == alone


def test_no_worker_where_the_process_builds_again_or_runs_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert parallel.can_fork()
    memo.keep_between_builds()
    try:
        assert not parallel.can_fork()  # mkdocs serve: an edit changes one text, and the server runs threads
    finally:
        memo.keep_between_builds(False)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not parallel.can_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setenv(parallel.JOBS_ENV, "1")
    assert not parallel.can_fork()


def test_few_texts_are_read_without_a_worker() -> None:
    assert parallel.start([(bytes([i]), ("Text.", "en")) for i in range(parallel.MIN_TEXTS - 1)]) is None
