"""The render stage: what MkDocs costs per page, with the generated pages through Python-Markdown or through builder/pagehtml.py.

    python -m benchmarks.render                      # the bundled site
    python -m benchmarks.render --sources 1000       # a synthetic corpus (benchmarks/corpus.py)
    python -m benchmarks.render --project /tmp/c1000 # a project whose pages are written
    git show main:builder/pagehtml.py > /tmp/pagehtml_main.py
    python -m benchmarks.render --project /tmp/c1000 --against /tmp/pagehtml_main.py  # this pagehtml against another

Two measurements, each alternating the two paths so that both see the same
machine load (Python-Markdown and builder/pagehtml.py, or with ``--against``
another version of builder/pagehtml.py and this one):

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
_TIMED = """
import atexit, sys, time
import builder.pagehtml as pagehtml
convert = pagehtml.render_page
spent = [0.0]
def render_page(*args):
    start = time.process_time()
    convert(*args)
    spent[0] += time.process_time() - start
pagehtml.render_page = render_page
atexit.register(lambda: print(f"conversion CPU s: {spent[0]:.3f}", file=sys.stderr))
from mkdocs.__main__ import cli
sys.exit(cli())
"""
"""A child that builds and reports the CPU time of the generated pages' conversion (:func:`builder.pagehtml.render_page`, which the hook imports after this)."""
_FAST = _TIMED
_AGAINST = "import sys, importlib.util as u; spec = u.spec_from_file_location('builder.pagehtml', sys.argv.pop(1)); module = u.module_from_spec(spec); sys.modules['builder.pagehtml'] = module; spec.loader.exec_module(module)\n" + _TIMED
"""A child that builds with another version of builder/pagehtml.py (its path the first argument), loaded before the hook imports it."""


def _load_against(path: Path):
    """Another version of builder/pagehtml.py, as a module of its own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pagehtml_against", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def render_step(project: Path, against: Path | None = None) -> dict:
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
        if against is None:
            paths = {"python-markdown": lambda page: page.render(config, files), "pagehtml": lambda page: pagehtml.render_page(page, config, files)}
        else:
            other = _load_against(against)
            paths = {"against": lambda page: other.render_page(page, config, files), "pagehtml": lambda page: pagehtml.render_page(page, config, files)}
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


def mkdocs_build(project: Path, code: str, site: Path, extra: tuple[str, ...] = ()) -> tuple[float, float, int, float]:
    """Wall and CPU seconds of one ``mkdocs build --strict``, the pages it wrote, and the CPU seconds of the generated pages' conversion."""
    shutil.rmtree(site, ignore_errors=True)
    env = os.environ | {SKIP_HOOK_ENV: "1", OFFLINE_ENV: "true", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", code, *extra, "build", "--strict", "--quiet", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed on {project}:\n{done.stderr[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    converted = [float(line.rsplit(" ", 1)[1]) for line in done.stderr.splitlines() if line.startswith("conversion CPU s: ")]
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, pages, converted[0] if converted else 0.0


def _differing(first: Path, second: Path) -> list[str]:
    """The files, relative to the site folders, whose bytes differ or that only one site has."""
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    names |= {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    return sorted(n for n in names if not (first / n).is_file() or not (second / n).is_file() or (first / n).read_bytes() != (second / n).read_bytes())


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
    parser.add_argument("--against", type=Path, help="another version of builder/pagehtml.py to compare with, instead of Python-Markdown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        work = Path(tmp)
        project = _project(args, work)
        against = args.against.resolve() if args.against else None
        step = render_step(project, against)
        n = step["pages"]
        print(f"render step, {n} generated pages:")
        for name, seconds in step["seconds"].items():
            print(f"  {name:16s} {seconds:8.2f} s  {1000 * seconds / n:7.2f} ms/page")
        if args.no_builds:
            return 0
        results: dict[str, list[tuple[float, float, int, float]]] = {}
        paths = [("python-markdown", _PYTHON_MARKDOWN, ()), ("pagehtml", _FAST, ())]
        if against is not None:
            paths[0] = ("against", _AGAINST, (str(against),))
        for run in range(args.runs):
            for name, code, extra in paths if run % 2 == 0 else reversed(paths):
                results.setdefault(name, []).append(mkdocs_build(project, code, work / f"site-{name}", extra))
        print("mkdocs build --strict (wall s, CPU s, ms of CPU per page; of which the generated pages' conversion), each run:")
        for name, runs in results.items():
            cells = "; ".join(f"{wall:.1f} s, CPU {cpu:.1f} s, {1000 * cpu / pages:.2f} ms/page" + (f" (conversion {1000 * converted / pages:.2f})" if converted else "") for wall, cpu, pages, converted in runs)
            print(f"  {name:16s} {cells}  ({runs[0][2]} pages)")
        if against is not None:
            differing = _differing(work / "site-against", work / "site-pagehtml")
            print(f"sites built: {'byte-identical' if not differing else f'{len(differing)} files differ, first {differing[:5]}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
