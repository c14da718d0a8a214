"""The measures' pages as readers get them: HTML bytes of every page of ``figures/`` for a corpus, under the present bound and the former one.

Usage: ``python -m benchmarks.figure_pages PROJECT [--out DIR]`` checks and
curates the project once (a corpus from ``python -m benchmarks.corpus N
PROJECT``), then for each bound writes the measures' pages (annotated, as the
builder writes them) and the pages the navigation names into a copy of the
project's hand-written docs, runs ``mkdocs build`` on it without the hook's
work (``BUILDER_PAGES_WRITTEN=1 BUILDER_OFFLINE=1``; not ``--strict``: the
sourcing notes the pages link to are not written) and prints the number of
pages of ``figures/``, the three largest and the median. The bounds: the
former one, 200 figures a page whatever their words, and the present one
(:data:`builder.render.figures.MAX_FIGURES_PER_PAGE`,
:data:`~builder.render.figures.MAX_WORDS_PER_PAGE`), set on the module for
the run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.curate import Site, curate
from builder.incremental import Page
from builder.pipeline import check_only
from builder.render import figures, site_pages
from builder.render.annotate import annotate_page

NAV = ("index.md", "timeline.md", "places.md", "glossary.md", "sources/index.md")
"""The generated pages mkdocs.yml's navigation names besides ``figures.md``: written so that every page has the site's chrome."""
BOUNDS = {"former (200 a page)": (200, sys.maxsize), "present": (figures.MAX_FIGURES_PER_PAGE, figures.MAX_WORDS_PER_PAGE)}


def build(root: Path, site: Site, nav: list[Page], work: Path, rows: int, words: int) -> list[tuple[int, str]]:
    """The sizes of the built pages of ``figures/`` under the bound (``rows``, ``words``), largest first."""
    figures.MAX_FIGURES_PER_PAGE, figures.MAX_WORDS_PER_PAGE = rows, words
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("sources", "site", ".builder*"))
    for page in [*nav, *figures.site_pages(site)]:
        target = work / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(annotate_page(site, page, page.make()), encoding="utf-8")
    env = dict(os.environ, BUILDER_PAGES_WRITTEN="1", NO_MKDOCS_2_WARNING="1", BUILDER_OFFLINE="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(work / "mkdocs.yml"), "--site-dir", str(work / "site")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed on {work}: {done.stderr.strip()[-2000:]}")
    built = work / "site"
    return sorted(((p.stat().st_size, p.relative_to(built).as_posix()) for p in (built / "figures").rglob("*.html")), reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--out", type=Path, help="where to keep the built copies (default: a temporary folder)")
    args = parser.parse_args(argv)
    root = args.project.resolve()
    site = curate(check_only(root)[0])
    nav = [p for p in site_pages(site) if p.path in NAV]
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        for name, (rows, words) in BOUNDS.items():
            work = out / name.split()[0]
            shutil.rmtree(work, ignore_errors=True)
            sizes = build(root, site, nav, work, rows, words)
            largest = ", ".join(f"{path} {size:,} B" for size, path in sizes[:3])
            print(f"{name}: {len(sizes)} pages of figures/; largest {largest}; median {sizes[len(sizes) // 2][0]:,} B", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
