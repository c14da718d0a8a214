"""`mkdocs serve` as contributors use it: rebuilt once per edit, errors in the terminal, the server kept running."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import make_project

TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, project: Path, log: Path, port: int) -> None:
        self.project, self.log, self.port = project, log, port

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.output().count("Building documentation")

    def get(self, page: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{page}", timeout=10) as response:
            return response.read().decode("utf-8")

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"gave up waiting for {what}; server output:\n{self.output()[-3000:]}")

    def builds_until_marker(self, marker: str) -> int:
        """How many builds a marker added to the hand-written about page took to show, counting any still queued before it.

        The server builds one change after another: a second build that the
        last edit set off is queued before the marker's, and the marker
        showing means it has run. No quiet period is assumed. (A second build
        that began waiting for changes to stop just as the marker was written
        would take the marker with it and go unseen.)
        """
        before = self.builds()
        path = self.project / "docs" / "about.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
        self.wait(lambda: marker in self.get("about.html"), f"the marker {marker!r} to show")
        return self.builds() - before


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    project = make_project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        served = Server(project, log, port)
        try:
            served.wait(lambda: "Serving on" in served.output() or process.poll() is not None, "the server to start")
            assert process.poll() is None, served.output()
            yield served
            assert process.poll() is None, "the server stopped"
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def test_serve_rebuilds_once_per_edit_and_survives_content_errors(server: Server) -> None:
    report = server.project / "sources" / "field-report.md"
    original = report.read_text(encoding="utf-8")
    assert "The order is issued" in server.get("timeline.html")

    # An edit to a source: the pages are regenerated and the site rebuilt once,
    # not a second time for the pages the builder wrote into docs/.
    before = server.builds()
    report.write_text(original.replace("The order is issued", "The order is signed"), encoding="utf-8")
    server.wait(lambda: "The order is signed" in server.get("timeline.html"), "the edit to show")
    assert server.builds() == before + 1, server.output()[-4000:]
    assert server.builds_until_marker("First marker.") == 1, server.output()[-4000:]

    # A content error: reported in the terminal with file and line; the last good pages stay up.
    report.write_text(original.replace("The order is issued", "The order is signed").replace("kind: news", "kind: blog"), encoding="utf-8")
    server.wait(lambda: "showing the last good pages" in server.output(), "the error to be reported")
    assert re.search(r"ERROR +- +sources/field-report\.md:\d+: kind: input should be", server.output())
    assert "The order is signed" in server.get("timeline.html")

    # Fixed: the new text shows.
    report.write_text(original.replace("The order is issued", "The order is sealed"), encoding="utf-8")
    server.wait(lambda: "The order is sealed" in server.get("timeline.html"), "the fix to show")

    # A hand-written page under docs/ is watched too.
    about = server.project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\nA paragraph added while serving.\n", encoding="utf-8")
    server.wait(lambda: "A paragraph added while serving." in server.get("about.html"), "the docs edit to show")
    assert "Traceback" not in server.output()


def test_serve_indexes_for_search_after_each_build(server: Server) -> None:
    def entry() -> str | None:
        try:
            return server.get("pagefind/pagefind-entry.json")
        except OSError:
            return None

    server.wait(lambda: entry() is not None, "the first search index")
    first = entry()
    report = server.project / "sources" / "field-report.md"
    report.write_text(report.read_text(encoding="utf-8").replace("The order is issued", "The order is countersigned"), encoding="utf-8")
    server.wait(lambda: "The order is countersigned" in server.get("timeline.html"), "the edit to show")
    # The new pages' index replaces the old one once it is complete (its entry names the new index chunks).
    server.wait(lambda: entry() not in (None, first), "the new search index")
    assert "could not be written" not in server.output()
