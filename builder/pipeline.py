"""The pipeline: load -> check -> curate -> render -> write.

Everything is gathered and checked before anything is written: a content
error leaves the docs folder exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.check import Content, check
from builder.curate import Site, curate
from builder.load import load_tree
from builder.problems import Problem, Problems
from builder.render import render_site
from builder.write import WriteReport, Writer

GENERATED = ("index.md", "timeline.md", "timeline/", "glossary.md", "figures.md", "figures/", "sources/", "tags/", "data/")
"""Paths under the docs folder that the builder owns (and git ignores)."""


@dataclass(frozen=True)
class Result:
    site: Site
    warnings: tuple[Problem, ...]
    report: WriteReport | None


def check_only(root: Path) -> tuple[Content, tuple[Problem, ...]]:
    """Load and check; raises :class:`~builder.problems.ContentError` on errors."""
    problems = Problems()
    content = check(load_tree(root, problems), problems)
    problems.raise_if_errors()
    assert content is not None
    return content, tuple(problems.warnings)


def generate(root: Path, docs_dir: Path | None = None, *, write: bool = True) -> Result:
    """Run the whole pipeline for the project at ``root``.

    Raises:
        ContentError: when the content has errors; nothing is written then.
    """
    content, warnings = check_only(root)
    site = curate(content)
    pages = render_site(site)
    report = None
    if write:
        writer = Writer(docs_dir or root / "docs", GENERATED)
        for path, text in pages.items():
            writer.add(path, text)
        report = writer.commit()
    return Result(site, warnings, report)


def render_pages(root: Path) -> dict[str, str]:
    """Every generated page as text, without writing (for tests and diffs)."""
    content, _ = check_only(root)
    return render_site(curate(content))
