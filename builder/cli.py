"""Command line: ``python -m builder check|build``.

Only parses arguments, runs the pipeline and prints. Exit codes: 0 success,
1 content problems (or a failed site render), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from builder.pipeline import check_only, generate
from builder.problems import ContentError, Problem

SKIP_HOOK_ENV = "BUILDER_PAGES_WRITTEN"
"""Set while ``build`` runs MkDocs, so the MkDocs hook does not generate twice."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description="Check the sources and build the documentary site.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", type=Path, default=Path("."), help="project folder holding mkdocs.yml and sources/ (default: current folder)")
        p.add_argument("--format", choices=("text", "github"), default="text", help="problem format: text (file:line: message) or github (workflow annotations)")

    p_check = sub.add_parser("check", help="validate the sources; write nothing", description="Validate every file under sources/ and every quote; write nothing.")
    common(p_check)
    p_build = sub.add_parser("build", help="check, write the generated pages and render site/", description="Check the sources, write the generated pages into docs/, and render the site with 'mkdocs build --strict'.")
    common(p_build)
    p_build.add_argument("--site-dir", type=Path, default=None, help="where to put the rendered site (default: site/ in the project folder)")
    p_build.add_argument("--pages-only", action="store_true", help="write the generated pages but do not run MkDocs")

    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"error: {root / 'mkdocs.yml'} not found (run from the project folder or pass --root)", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            _, warnings = check_only(root)
            _print(warnings, args.format)
            print("check: ok", file=sys.stderr)
            return 0
        return _build(root, args)
    except ContentError as err:
        _print(err.problems, args.format)
        errors = sum(1 for p in err.problems if p.severity == "error")
        print(f"{errors} error(s); nothing was written", file=sys.stderr)
        return 1
    except Exception:  # an internal bug, not a content mistake
        with tempfile.NamedTemporaryFile("w", prefix="builder-crash-", suffix=".txt", delete=False) as handle:
            traceback.print_exc(file=handle)
        print(f"internal error: the builder failed unexpectedly; the traceback is in {handle.name}", file=sys.stderr)
        return 3


def _print(problems: tuple[Problem, ...] | list[Problem], fmt: str) -> None:
    for problem in problems:
        print(problem.github() if fmt == "github" else str(problem))


def _build(root: Path, args: argparse.Namespace) -> int:
    result = generate(root)
    _print(result.warnings, args.format)
    report = result.report
    assert report is not None
    print(f"pages: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed", file=sys.stderr)
    if result.site.drafts:
        print(f"drafts: {result.site.drafts} left out, waiting for review", file=sys.stderr)
    if args.pages_only:
        return 0
    site_dir = (args.site_dir or root / "site").resolve()
    return render_site(root, site_dir)


def render_site(root: Path, site_dir: Path) -> int:
    """Run ``mkdocs build --strict`` into a temporary folder, then swap it in.

    A failed render leaves the previous site untouched.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    env = dict(os.environ, **{SKIP_HOOK_ENV: "1", "NO_MKDOCS_2_WARNING": "1"})
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
    done = subprocess.run(command, cwd=root, env=env)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("mkdocs build failed; the previous site was kept", file=sys.stderr)
        return 1
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"site: {site_dir}", file=sys.stderr)
    return 0
