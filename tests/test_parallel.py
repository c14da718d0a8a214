"""Texts read by worker processes while the build checks the content (builder/pipeline.py TextReading): the same pages as without them.

Each build runs in a fresh process, as ``python -m builder build`` does: the
test process may run threads left by other tests (a browser's event loop),
and a process with threads reads every text itself.
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
from builder import pipeline
from builder.incremental import Files
from builder.pipeline import check_only

ROOT = Path(__file__).resolve().parent.parent
SOURCES = pipeline.PARALLEL_MIN + 36

_BUILD = """
import json, sys
from pathlib import Path
from builder.incremental import Builds
from builder.pipeline import generate

builds = Builds()
generate(Path(sys.argv[1]), builds=builds)
print(json.dumps(dict(builds.files.made)))
"""


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def _build(corpus: Path, folder: Path, *, jobs: str) -> tuple[dict[str, bytes], dict[str, int]]:
    """Build a copy of ``corpus`` in a fresh process; its pages, and how many results of each step the build made itself."""
    project = folder / "project"
    shutil.copytree(corpus, project)
    made = _in_fresh_process(_BUILD, project, jobs)
    return _pages(project / "docs"), made


def _in_fresh_process(script: str, project: Path, jobs: str) -> dict:
    """Run ``script`` on ``project`` in a fresh Python process with ``jobs`` workers allowed; the JSON it prints last."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(project.parent), pipeline.JOBS_ENV: jobs}
    done = subprocess.run([sys.executable, "-c", script, str(project)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("parallel") / "project", SOURCES, seed=3)


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked, on Linux")
def test_texts_read_by_workers_give_the_pages_of_a_build_alone(corpus: Path, tmp_path: Path) -> None:
    alone, made_alone = _build(corpus, tmp_path / "alone", jobs="1")
    together, made_together = _build(corpus, tmp_path / "together", jobs="2")
    assert together == alone
    published = made_alone["profile"]
    assert published > pipeline.PARALLEL_MIN  # the build alone read every published text itself
    assert made_together.get("profile", 0) == 0  # the workers read them all
    # Alone, the build makes each note's sections within the budget at once; with workers, it uses
    # theirs (every excerpt shown) where they fit the budget, and makes only the others.
    assert made_alone.get("sections-within", 0) == published and "sections" not in made_alone
    assert made_together.get("sections", 0) == 0 and made_together.get("sections-within", 0) <= published


def test_no_workers_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.JOBS_ENV, "2")
    assert pipeline._jobs() == (2 if threading.active_count() == 1 else 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert pipeline._jobs() == 1  # forking a process with threads (a server's watcher) is not safe
    finally:
        stop.set()
        thread.join()


def test_few_texts_are_read_by_the_build_itself() -> None:
    files = Files()
    content, _ = check_only(ROOT, files=files)
    assert 0 < len(content.sources) < pipeline.PARALLEL_MIN
    assert not any(files.has(s.path, s.digest, "profile") for s in content.sources)


_CHECK = """
import json, sys
from pathlib import Path
from builder.incremental import Files
from builder.pipeline import check_only

files = Files()
content, _ = check_only(Path(sys.argv[1]), files=files)
print(json.dumps({s.path: [s.meta.publisher, files.has(s.path, s.digest, "profile")] for s in content.sources}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked, on Linux")
def test_a_text_read_before_the_check_is_kept_only_for_the_source_the_check_made(corpus: Path, tmp_path: Path) -> None:
    """A worker reads what the file gives; the check may make another source of it (a publisher's spaces stripped), or refuse it."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    articles = sorted((project / "sources").glob("*.md"))
    spaced, draft = articles[0], articles[1]
    text = spaced.read_text(encoding="utf-8")
    assert "\npublisher: " in text
    spaced.write_text(_pad_publisher(text), encoding="utf-8")
    draft.write_text(draft.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    # In a fresh process, as the builder runs: a process with threads (this one may run a browser's) reads every text itself.
    found = _in_fresh_process(_CHECK, project, "2")
    publisher, read = found.pop(spaced.relative_to(project).as_posix())
    assert publisher and not publisher.startswith(" ") and not read  # read from '   Publisher', kept for no source
    assert draft.relative_to(project).as_posix() not in found
    assert len(found) >= pipeline.PARALLEL_MIN and all(read for _, read in found.values())


def _pad_publisher(text: str) -> str:
    """The frontmatter's publisher written with leading spaces, which the check strips."""
    start = text.index("\npublisher: ") + len("\npublisher: ")
    end = text.index("\n", start)
    value = text[start:end].strip().strip("'\"")
    return f"{text[:start]}'   {value}'{text[end:]}"
