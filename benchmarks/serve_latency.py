"""How long an edit to one source takes to show under ``mkdocs serve``, for a synthetic corpus.

Starts ``mkdocs serve`` on 127.0.0.1 (a free port) for a project of N sources
written by :mod:`benchmarks.corpus`, waits for the first build, then edits one
source's title several times; after each save it polls the source's sourcing
note over HTTP until the new title is served, and prints how long that took,
and the serving process's peak memory (its high-water mark, ``VmHWM``, read
from ``/proc`` before it is stopped; the search indexer it runs is a child
process and not counted). Every wait is bounded; the server is stopped at the end.

Usage: ``python -m benchmarks.serve_latency [--sources 1000] [--edits 3] [--dirty] [--root DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.corpus import write_project

START_TIMEOUT = 1200.0
"""Longest wait for the first build, in seconds."""
EDIT_TIMEOUT = 900.0
"""Longest wait for one edit to show, in seconds."""
POLL_SECONDS = 0.05


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, marker: str, timeout: float, server: subprocess.Popen, log: Path) -> float | None:
    """Seconds until ``url`` serves a page containing ``marker``; ``None`` on time-out, or if the server died or failed."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None or "Traceback (most recent call last)" in log.read_text(encoding="utf-8", errors="replace"):
            return None
        page = _fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    return None


def _peak_bytes(pid: int) -> int | None:
    """The process's peak resident memory so far, from Linux's ``/proc``; ``None`` elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def _retitle(path: Path, marker: str) -> None:
    """Give the source a new title ending in ``marker``, as a contributor's edit would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title: "):
            base = line.split(" (revision ", 1)[0].rstrip('"')
            lines[i] = f'{base} (revision {marker})"'
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def measure(root: Path, edits: int, dirty: bool) -> dict:
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(root / "mkdocs.yml")]
    if dirty:
        command.append("--dirty")
    log = tempfile.NamedTemporaryFile("w+", prefix="serve-", suffix=".log", delete=False)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    articles = sorted((root / "sources").glob("*.md"))
    source = articles[len(articles) // 3]
    url = f"http://127.0.0.1:{port}/sources/{source.stem}.html"
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    latencies: list[float | None] = []
    try:
        first = _wait_for(url, "</html>", START_TIMEOUT, server, Path(log.name))
        if first is None:
            raise SystemExit(f"mkdocs serve did not serve {url} (failed, or not within {START_TIMEOUT:.0f} s); log: {log.name}")
        startup = time.perf_counter() - started
        time.sleep(2.0)  # let the watchers settle after the first build
        for k in range(edits):
            marker = f"m{k}x{os.getpid()}"
            _retitle(source, marker)
            latencies.append(_wait_for(url, marker, EDIT_TIMEOUT, server, Path(log.name)))
            time.sleep(1.0)
        peak = _peak_bytes(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
    return {"startup_seconds": startup, "latencies": latencies, "peak_bytes": peak, "page": url.split("/", 3)[3], "log": log.name}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dirty", action="store_true", help="pass --dirty to mkdocs serve (rebuild only changed pages)")
    parser.add_argument("--root", type=Path, default=None, help="use this corpus project instead of writing a new one (it is edited)")
    args = parser.parse_args(argv)
    work = None
    root = args.root
    if root is None:
        work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
        root = write_project(work / "project", args.sources, args.seed)
    count = len(list((root / "sources").glob("*.md")))
    try:
        result = measure(root, args.edits, args.dirty)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    shown = ", ".join("timed out" if s is None else f"{s:.2f} s" for s in result["latencies"])
    done = [s for s in result["latencies"] if s is not None]
    print(f"mkdocs serve{' --dirty' if args.dirty else ''}, {count:,} sources")
    print(f"first page served after {result['startup_seconds']:.1f} s")
    print(f"edit to {result['page']} shown after: {shown}" + (f" (median {statistics.median(done):.2f} s)" if done else ""))
    if result["peak_bytes"] is not None:
        print(f"serving process's peak memory: {result['peak_bytes'] / 2**20:,.0f} MB")
    print(f"server log: {result['log']}")
    return 0 if len(done) == len(result["latencies"]) else 1


if __name__ == "__main__":
    sys.exit(main())
