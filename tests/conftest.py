"""Shared test helpers: tiny project trees built in a temporary folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BACKGROUND = (
    "\nThe rest of this text is background that the site does not cite. It describes the roads, the weather and the supply "
    "of food and fuel in the region, the markets held in its towns, the schools that stayed open and the work of the "
    "people who kept the depots running.\n"
)
"""Words that no quote, hedge, speaker, date or term of the tests touches: appended to a short test text, they give the
site room to show a fifth of it (builder/budget.py)."""


# Tests never assert on timings: Hypothesis' deadline and its check that examples
# come quickly fail a property on a busy machine (or under mutmut's trampolines), not a bug.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("untimed")


@pytest.fixture(autouse=True)
def _memos_empty_under_mutation_testing() -> None:
    """Under mutation testing (mutmut sets MUTANT_UNDER_TEST), each test starts with the builder's ``lru_cache`` memos empty.

    A memoised function (``dates.humanize``, the Markdown escapes) answers a
    call it has seen from its memo without running: a mutant of it would be
    answered with what an earlier test, or the unmutated code, left there,
    and mutmut, which notes which tests reach which function, would not see
    the later tests reach it. Outside mutation testing the memos stay as a
    build uses them.
    """
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    for name, module in list(sys.modules.items()):
        if name == "builder" or name.startswith("builder."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(tmp_path: Path, sources: Path | None = None, extra: dict[str, str | bytes] | None = None) -> Path:
    """A project folder: the repository's mkdocs.yml, hand-written docs and hook, plus ``sources``.

    Args:
        sources: folder copied as ``sources/`` (default: the ``mini`` fixture).
        extra: more files, path relative to the project -> content.
    """
    from builder.project import copy_skeleton

    project = tmp_path / "project"
    copy_skeleton(ROOT, project)
    shutil.copytree(sources or FIXTURES / "mini" / "sources", project / "sources")
    for rel, content in (extra or {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return project


# --- the bundled site, built once per test session ---------------------------


def check_messages(root: Path) -> list[str]:
    """What ``check`` says of the project at ``root``: its errors, or else its warnings, one line each."""
    from builder.pipeline import check_only
    from builder.problems import ContentError

    try:
        _, warnings = check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return [str(p) for p in warnings]


def run_builder(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m builder ARGS --root project`` and capture its output."""
    return subprocess.run([sys.executable, "-m", "builder", *args, "--root", str(project)], capture_output=True, text=True, cwd=project)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site (the repository's sources/), built with --strict in a copy of the project."""
    project = make_project(tmp_path_factory.mktemp("bundled"), sources=ROOT / "sources")
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


# --- headless Chromium ---------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_missing(ci: str | None) -> str | None:
    """Why the browser tests cannot run, or ``None``; raises under CI (``CI=true``), where they must run.

    CI installs Chromium (``.ci/run``): there a missing browser is a broken
    run, not a reason to pass without the browser tests.
    """
    if CHROMIUM.exists():
        return None
    why = f"needs {CHROMIUM} (apt-get install -y chromium)"
    if (ci or "").lower() in ("true", "1", "yes"):
        raise RuntimeError(f"CI is set but the browser tests cannot run: {why}")
    return why


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download); skips where it is missing, fails under CI."""
    import os

    missing = browser_missing(os.environ.get("CI"))
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def static_servers():
    """Yields ``start(folder) -> base URL``: static servers on 127.0.0.1, stopped on exit."""
    import functools
    import http.server
    import threading

    servers = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    def start(folder: Path) -> str:
        handler = functools.partial(Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    try:
        yield start
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def serve():
    """``serve(folder) -> base URL``: a static server on 127.0.0.1, stopped after the test."""
    with static_servers() as start:
        yield start
