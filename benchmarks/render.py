"""The render stage: what MkDocs costs per page, with the generated pages through Python-Markdown or through builder/pagehtml.py.

    python -m benchmarks.render                      # the bundled site
    python -m benchmarks.render --sources 1000       # a synthetic corpus (benchmarks/corpus.py)
    python -m benchmarks.render --project /tmp/c1000 # a project whose pages are written

Two measurements, each alternating the two paths so that both see the same
machine load:

- **render step**, in one process: each generated page converted by MkDocs'
  ``Page.render`` (Python-Markdown with the site's extensions) and by
  :func:`builder.pagehtml.render_page`, page by page, the order swapped every
  page; CPU time, since the machine may be shared. Hand-written pages are not
  counted (they take Python-Markdown either way).
- **mkdocs build --strict** of the written pages, in a child process each,
  ``--runs`` times each, CPU time; the hook's builder step and the search
  indexer run after the build (Pagefind) are skipped, so this is the render
  stage: MkDocs, the theme and the hook's per-page work. Milliseconds per page
  are over every page MkDocs wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from builder.commands.build import OFFLINE_ENV, SKIP_HOOK_ENV

ROOT = Path(__file__).resolve().parent.parent
_PYTHON_MARKDOWN = "import sys, builder.pagehtml as p; p.supported = lambda config: False; from mkdocs.__main__ import cli; sys.exit(cli())"
"""A child that builds with every page through Python-Markdown, as before builder/pagehtml.py."""
_FAST = "import sys; from mkdocs.__main__ import cli; sys.exit(cli())"


def render_step(project: Path) -> dict:
    """CPU seconds each path spends in the render step of the generated pages, and how many there are."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from builder import pagehtml

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        files = get_files(config)
        pages = [f for f in files.documentation_pages() if pagehtml.generated(f.src_uri)]
        paths = {"python-markdown": lambda page: page.render(config, files), "pagehtml": lambda page: pagehtml.render_page(page, config, files)}
        totals = dict.fromkeys(paths, 0.0)
        for index, file in enumerate(pages):
            order = list(paths) if index % 2 == 0 else list(reversed(paths))
            for name in order:
                page = Page(None, file, config)
                page.read_source(config)
                start = time.process_time()
                paths[name](page)
                totals[name] += time.process_time() - start
        return {"pages": len(pages), "seconds": totals}
    finally:
        os.chdir(cwd)


def mkdocs_build(project: Path, code: str, site: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one ``mkdocs build --strict``, and the pages it wrote."""
    shutil.rmtree(site, ignore_errors=True)
    env = os.environ | {SKIP_HOOK_ENV: "1", OFFLINE_ENV: "true", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", code, "build", "--strict", "--quiet", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed on {project}:\n{done.stderr[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system), pages


def _project(args: argparse.Namespace, work: Path) -> Path:
    if args.project:
        return args.project.resolve()
    project = work / "project"
    if args.sources:
        from benchmarks.corpus import write_project

        write_project(project, args.sources, 0)
    else:
        from builder.project import copy_skeleton

        copy_skeleton(ROOT, project)
        shutil.copytree(ROOT / "sources", project / "sources")
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--pages-only", "--root", str(project)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.render", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=0, help="a synthetic corpus of this many sources (default: the bundled site)")
    parser.add_argument("--project", type=Path, help="a project folder whose pages are already written (python -m builder build --pages-only)")
    parser.add_argument("--runs", type=int, default=2, help="mkdocs builds per path and configuration")
    parser.add_argument("--no-builds", action="store_true", help="the render step only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        work = Path(tmp)
        project = _project(args, work)
        step = render_step(project)
        n = step["pages"]
        print(f"render step, {n} generated pages:")
        for name, seconds in step["seconds"].items():
            print(f"  {name:16s} {seconds:8.2f} s  {1000 * seconds / n:7.2f} ms/page")
        if args.no_builds:
            return 0
        results: dict[str, list[tuple[float, float, int]]] = {}
        paths = [("python-markdown", _PYTHON_MARKDOWN), ("pagehtml", _FAST)]
        for run in range(args.runs):
            for name, code in paths if run % 2 == 0 else reversed(paths):
                results.setdefault(name, []).append(mkdocs_build(project, code, work / "site"))
        print("mkdocs build --strict (wall s, CPU s, ms of CPU per page), each run:")
        for name, runs in results.items():
            cells = "; ".join(f"{wall:.1f} s, CPU {cpu:.1f} s, {1000 * cpu / pages:.1f} ms/page" for wall, cpu, pages in runs)
            print(f"  {name:16s} {cells}  ({runs[0][2]} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
