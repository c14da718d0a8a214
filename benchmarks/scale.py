"""How the build scales: builder time against a floor, memory, page sizes and rebuilds, for corpora of N sources.

For each N (default 100, 1,000 and 10,000) a synthetic corpus is written by
:mod:`benchmarks.corpus` into a fresh project folder, and each step runs in its
own Python process so that time and peak memory (``wait4`` rusage, max RSS) are
its own:

- **floor**: read every source file and parse its YAML (an article's
  frontmatter, split by python-frontmatter) with PyYAML's C loader; nothing else;
- **builder**: ``builder.pipeline.generate`` from a cold start (no cache, no
  generated pages): load, check, curate, render, write;
- **no-op**: the same again with nothing changed;
- **edit**: the same after one source's text was edited;
- **edits in one process**: a process that keeps what each build made for
  the next, as ``mkdocs serve`` does (``builder.incremental.Builds``), builds
  once and then again after each of :data:`SERVE_EDITS` edits to other
  sources, each rebuild timed;
- **render**: ``mkdocs build --strict`` of the written pages, as ``python -m
  builder build`` runs it, less the search index (the hook's Pagefind run,
  left out as the offline edition leaves it out);
- **indexer**: Pagefind on the rendered site, the command the hook runs
  (:func:`builder.search.pagefind_command`);
- **search**: the bytes a headless Chromium fetches for a search of a common
  word and of a rare one (:mod:`benchmarks.search_bytes`).

The whole build is the sum of the builder's, the render's and the indexer's
process times: ``python -m builder build`` runs them one after the other.

Times of the floor and the builder are measured inside their process, after
imports, so the ratio compares work with work; the process's whole wall time
(start-up and imports included) is printed beside it. CPU times are printed
too: on a shared machine they move less than wall times. The builder's
include its workers' (``builder.pipeline.TextReading``), which read texts on
every core, so its CPU time can exceed its wall time; its peak memory is
that of the builder and its workers together.

Usage: ``python -m benchmarks.scale [--sizes 100,1000,10000] [--keep DIR] [--json FILE] [--builder-only] [--baseline DIR]``
(``BUILDER_JOBS=1`` in the environment measures the builder without its worker
processes; ``--baseline`` measures another version of the builder beside this one,
step by step, e.g. a ``git worktree`` of an older commit).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import REPO, write_project

DEFAULT_SIZES = (100, 1000, 10_000)
TIMEOUT = 3 * 3600
"""Longest any one step may run, in seconds."""


# --- the steps, each run in a child process ---------------------------------


def _child_floor(root: Path) -> dict:
    import frontmatter
    import yaml

    paths = sorted(p for p in (root / "sources").rglob("*") if p.is_file())
    handler = frontmatter.YAMLHandler()
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            front, _body = handler.split(text)
            yaml.load(front, Loader=yaml.CSafeLoader)
        else:
            yaml.load(text, Loader=yaml.CSafeLoader)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu, "files": len(paths)}


def _cpu() -> float:
    """CPU seconds of this process and of the processes it started and waited for (the builder's worker)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _child_build(root: Path) -> dict:
    from builder.pipeline import generate

    start, cpu = time.perf_counter(), _cpu()
    result = generate(root)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    report = result.report
    assert report is not None
    return {"seconds": seconds, "cpu_seconds": cpu, "written": len(report.written), "unchanged": report.unchanged, "removed": len(report.removed), "skipped": result.site is None}


def _child_serve(root: Path) -> dict:
    from builder.incremental import Builds
    from builder.pipeline import generate

    builds = Builds()  # what the MkDocs hook keeps under mkdocs serve
    start = time.perf_counter()
    generate(root, builds=builds)
    first = time.perf_counter() - start
    edits = []
    for index in range(SERVE_EDITS):
        _edit_one_source(root, index + 1)
        start, cpu = time.perf_counter(), time.process_time()
        report = generate(root, builds=builds).report
        edits.append({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu, "written": len(report.written) if report else 0})
    return {"first_seconds": first, "edits": edits}


_CHILDREN = {"floor": _child_floor, "build": _child_build, "serve": _child_serve}
SERVE_EDITS = 5
"""Edits timed one after another in a process that keeps its memos."""


def _tree_memory(pid: int) -> int:
    """Memory of process ``pid`` and its descendants now, in bytes: the sum of their proportional set sizes (0 where /proc does not tell).

    ``wait4`` gives the peak of the largest process of a tree, not of the
    tree: the builder forks workers (``builder.pipeline.TextReading``), and all
    live at once. Proportional sizes share the pages they have in common
    between them instead of counting them twice.
    """
    total, tree = 0, [pid]
    while tree:
        current = tree.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    tree.extend(int(child) for child in handle.read().split())
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next((int(line.split()[1]) * 1024 for line in handle if line.startswith("Pss:")), 0)
        except (OSError, ValueError):
            continue  # gone meanwhile, or no /proc
    return total


def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int, int]:
    """Run ``command``; its wall time and CPU time in seconds (its children's included), peak memory in bytes and exit status.

    The peak is the larger of the largest process's (``wait4``) and the
    largest sum over the process and its children, sampled every twentieth
    of a second.
    """
    start = time.perf_counter()
    sampled = 0
    with subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL) as process:
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            sampled = max(sampled, _tree_memory(process.pid))
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss * 1024, sampled), process.returncode


def snapshot(work: Path) -> Path:
    """A copy of the builder and the benchmarks, so that every step of a run measures the same code.

    The build cache is keyed by the builder's code: an edit to the working
    tree during a run would otherwise turn a no-op rebuild into a full one.
    """
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPO / "builder", code / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "benchmarks", code / "benchmarks", ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    return code


def _step(name: str, root: Path, code: Path) -> dict:
    """Run one child step with the code in ``code``; what it reports plus its process's wall time and peak memory."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        wall, cpu, peak, status = _run([sys.executable, "-m", "benchmarks.scale", "--child", name, str(root), out.name], cwd=code)
        if status != 0:
            raise SystemExit(f"{name} failed with exit status {status} on {root}")
        measured = json.loads(Path(out.name).read_text())
    return measured | {"process_seconds": wall, "process_cpu_seconds": cpu, "peak_bytes": peak}


def _mkdocs(root: Path, site: Path) -> dict:
    env = dict(os.environ, BUILDER_PAGES_WRITTEN="1", NO_MKDOCS_2_WARNING="1", BUILDER_OFFLINE="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)]
    wall, cpu, peak, code = _run(command, cwd=root, env=env)
    if code != 0:
        raise SystemExit(f"mkdocs build failed with exit status {code} on {root}")
    return {"seconds": wall, "cpu_seconds": cpu, "peak_bytes": peak}


def _indexer(site: Path) -> dict:
    from builder.search import drop_widgets, pagefind_command

    wall, cpu, peak, code = _run(pagefind_command(site), cwd=site)
    if code != 0:
        raise SystemExit(f"pagefind failed with exit status {code} on {site}")
    drop_widgets(site)
    return {"seconds": wall, "cpu_seconds": cpu, "peak_bytes": peak, "bytes": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())}


def _search(site: Path) -> dict:
    from benchmarks.search_bytes import measure as fetched
    from benchmarks.search_bytes import words

    common, rare = words(site)
    return {"common": fetched(site, [common])[0], "rare": fetched(site, [rare])[0]}


def _edit_one_source(root: Path, nth: int = 0) -> str:
    """Append a sentence to one published source's text (no quote depends on it), from the ``nth`` seventh after the middle one on; the file edited.

    A draft is passed over: it is left out of the site, so editing it changes no page.
    """
    articles = sorted((root / "sources").glob("*.md"))
    start = len(articles) // 2 + 7 * nth
    path = next(p for p in (articles[(start + k) % len(articles)] for k in range(len(articles))) if "\ndraft: true\n" not in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " The agency later repeated the statement.\n", encoding="utf-8")
    return path.name


def _site_sizes(site: Path) -> dict:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    sizes = [size for size, _ in pages]
    index = site / "search" / "titles.js"
    return {
        "pages": len(pages),
        "largest_page_bytes": sizes[0],
        "largest_pages": pages[:5],
        "median_page_bytes": int(statistics.median(sizes)),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "titles_index_bytes": index.stat().st_size if index.exists() else 0,
    }


def _progress(n: int, name: str, figures: dict) -> dict:
    """Print one step's figures as soon as they are known (a run at 10,000 sources takes a while)."""
    print(f"  {n:,} sources, {name}: " + json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}), file=sys.stderr, flush=True)
    return figures


def measure(n: int, work: Path, code: Path, seed: int = 0, *, mkdocs: bool = True, baseline: Path | None = None) -> dict:
    """Every figure for a corpus of ``n`` sources, built in ``work`` (created) with the code in ``code``; the builder's only, without ``mkdocs``.

    With ``baseline`` (a folder holding another version's ``builder/`` and
    ``benchmarks/``), each builder step is also run with that code on its own
    copy of the same corpus, just before the same step with ``code``: the
    machine's speed drifts, and only figures measured side by side compare.
    """
    start = time.perf_counter()
    root = write_project(work / f"corpus-{n}", n, seed)
    generated = time.perf_counter() - start
    base_root = write_project(work / f"corpus-{n}-baseline", n, seed) if baseline is not None else None
    before: dict = {}

    def step(name: str, label: str) -> dict:
        if baseline is not None and base_root is not None:
            before[label] = _progress(n, f"{label} (baseline)", _step(name, base_root, baseline))
        return _progress(n, label, _step(name, root, code))

    floor = _progress(n, "floor", _step("floor", root, code))
    build = step("build", "builder")
    noop = step("build", "no-op")
    edited = _edit_one_source(root)
    if base_root is not None:
        _edit_one_source(base_root)
    edit = step("build", "edit")
    rendered = _progress(n, "render", _mkdocs(root, work / f"site-{n}")) if mkdocs else None
    indexed = _progress(n, "indexer", _indexer(work / f"site-{n}")) if mkdocs else None
    searched = _progress(n, "search", _search(work / f"site-{n}")) if mkdocs else None
    serve = step("serve", "edits in one process")
    return {
        "baseline": {"build": before["builder"], "noop": before["no-op"], "edit": before["edit"], "serve": before["edits in one process"]} if before else None,
        "sources": n,
        "corpus_seconds": generated,
        "source_bytes": sum(p.stat().st_size for p in (root / "sources").iterdir()),
        "floor": floor,
        "build": build,
        "ratio": build["seconds"] / floor["seconds"],
        "cpu_ratio": build["cpu_seconds"] / floor["cpu_seconds"],
        "noop": noop,
        "edit": edit | {"file": edited},
        "serve": serve,
        "mkdocs": rendered,
        "indexer": indexed,
        "search": searched,
        "site": _site_sizes(work / f"site-{n}") if mkdocs else None,
    }


# --- reporting ----------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if line.startswith("Model name")), "")
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(ram / 2**30, 1), "python": platform.python_version()}


def _mb(value: int) -> str:
    return f"{value / 1e6:,.1f} MB"


def _serve_cell(r: dict) -> str:
    times = [e["seconds"] for e in r["serve"]["edits"]]
    median = statistics.median(times)
    return f"{median:.2f} s ({median / r['build']['seconds']:.1%} of cold; {min(times):.2f}–{max(times):.2f} s)"


def report(results: list[dict], host: dict) -> str:
    lines = [f"machine: {host['nproc']} cores, {host['cpu']}, {host['ram_gib']} GiB RAM, Python {host['python']}", ""]
    head = "| | " + " | ".join(f"{r['sources']:,} sources" for r in results) + " |"
    lines += [head, "|---" * (len(results) + 1) + "|"]

    def row(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    row("sources on disk", lambda r: _mb(r["source_bytes"]))
    row("floor: read + C-parse YAML", lambda r: f"{r['floor']['seconds']:.2f} s (CPU {r['floor']['cpu_seconds']:.2f} s)")
    row("builder (cold)", lambda r: f"{r['build']['seconds']:.2f} s (CPU {r['build']['cpu_seconds']:.2f} s)")
    row("builder / floor", lambda r: f"{r['ratio']:.1f}× (CPU {r['cpu_ratio']:.1f}×)")
    row("builder per source", lambda r: f"{r['build']['seconds'] / r['sources'] * 1000:.1f} ms")
    row("builder process (with start-up)", lambda r: f"{r['build']['process_seconds']:.2f} s")
    row("builder peak memory", lambda r: _mb(r["build"]["peak_bytes"]))
    row("no-op rebuild", lambda r: f"{r['noop']['seconds']:.3f} s ({r['noop']['seconds'] / r['build']['seconds']:.1%} of cold)")
    row("rebuild after one edit", lambda r: f"{r['edit']['seconds']:.2f} s ({r['edit']['seconds'] / r['build']['seconds']:.1%} of cold), {r['edit']['written']} files written")
    row(f"rebuilds after {SERVE_EDITS} edits, one process (median, range)", _serve_cell)
    row("one process: peak memory", lambda r: _mb(r["serve"]["peak_bytes"]))
    if all(r.get("baseline") for r in results):
        row("baseline: builder (cold)", lambda r: f"{r['baseline']['build']['seconds']:.2f} s ({r['baseline']['build']['seconds'] / r['sources'] * 1000:.1f} ms per source)")
        row("baseline: builder peak memory", lambda r: _mb(r["baseline"]["build"]["peak_bytes"]))
        row("baseline: no-op rebuild", lambda r: f"{r['baseline']['noop']['seconds']:.3f} s")
        row("baseline: rebuild after one edit", lambda r: f"{r['baseline']['edit']['seconds']:.2f} s")
        row(f"baseline: rebuilds after {SERVE_EDITS} edits, one process", lambda r: _serve_cell(r["baseline"] | {"sources": r["sources"]}))
        row("baseline: one process: peak memory", lambda r: _mb(r["baseline"]["serve"]["peak_bytes"]))
    if any(r["mkdocs"] is None for r in results):  # --builder-only
        return "\n".join(lines)
    row("render: mkdocs build --strict", lambda r: f"{r['mkdocs']['seconds']:.2f} s (CPU {r['mkdocs']['cpu_seconds']:.2f} s)")
    row("render per page", lambda r: f"{r['mkdocs']['seconds'] / r['site']['pages'] * 1000:.1f} ms")
    row("render peak memory", lambda r: _mb(r["mkdocs"]["peak_bytes"]))
    row("indexer: pagefind", lambda r: f"{r['indexer']['seconds']:.2f} s (CPU {r['indexer']['cpu_seconds']:.2f} s)")
    row("indexer peak memory", lambda r: _mb(r["indexer"]["peak_bytes"]))
    row("whole build (builder + render + indexer processes)", lambda r: f"{r['build']['process_seconds'] + r['mkdocs']['seconds'] + r['indexer']['seconds']:.1f} s")
    row("HTML pages", lambda r: f"{r['site']['pages']:,}")
    row("largest page", lambda r: f"{r['site']['largest_page_bytes']:,} B ({r['site']['largest_pages'][0][1]})")
    row("median page", lambda r: f"{r['site']['median_page_bytes']:,} B")
    row("site size", lambda r: _mb(r["site"]["site_bytes"]))
    row("Pagefind index on disk", lambda r: _mb(r["indexer"]["bytes"]))
    row("disk search index (titles.js)", lambda r: _mb(r["site"]["titles_index_bytes"]))
    for kind in ("common", "rare"):
        row(
            f"search for a {kind} word: fetched",
            lambda r, kind=kind: f"{r['search'][kind]['bytes'] / 1e3:,.0f} KB ({r['search'][kind]['gzip_bytes'] / 1e3:,.0f} KB gzip), "
            f"{r['search'][kind]['requests']} requests; '{r['search'][kind]['query']}': {r['search'][kind]['results']}",
        )
    lines.append("")
    for r in results:
        largest = ", ".join(f"{path} {size:,} B" for size, path in r["site"]["largest_pages"])
        lines.append(f"largest pages at {r['sources']:,}: {largest}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["site"]["largest_page_bytes"] / first["site"]["largest_page_bytes"]
        lines.append(f"largest page at {last['sources']:,} / at {first['sources']:,}: {growth:.2f}×")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(n) for n in DEFAULT_SIZES), help="comma-separated corpus sizes (default: 100,1000,10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder (created) and keep it, instead of a temporary one")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this JSON file")
    parser.add_argument("--builder-only", action="store_true", help="leave out mkdocs build and the site's sizes (to compare builders quickly)")
    parser.add_argument("--baseline", type=Path, default=None, help="a folder with another version's builder/ and benchmarks/, measured step by step beside this one")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, root, out = args.child
        Path(out).write_text(json.dumps(_CHILDREN[step](Path(root))))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.keep or Path(tempfile.mkdtemp(prefix="scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        code = snapshot(work)
        for n in sizes:
            print(f"measuring {n:,} sources…", file=sys.stderr, flush=True)
            results.append(measure(n, work, code, args.seed, mkdocs=not args.builder_only, baseline=args.baseline))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    host = machine()
    print(report(results, host))
    if args.json:
        args.json.write_text(json.dumps({"machine": host, "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
