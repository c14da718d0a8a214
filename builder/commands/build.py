"""Check the sources, write the generated pages into docs/, and render the site with 'mkdocs build --strict'."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder import offline
from builder.pipeline import generate

NAME = "build"
HELP = "check, write the generated pages and render site/"

SKIP_HOOK_ENV = "BUILDER_PAGES_WRITTEN"
"""Set while ``build`` runs MkDocs, so the MkDocs hook does not generate twice."""

OFFLINE_ENV = "BUILDER_OFFLINE"
"""Set to ``true`` to turn on the theme's offline plugin (``mkdocs.yml`` reads it)."""

OFFLINE_DIR = "dist"
"""Where ``--offline`` puts the zip, in the project folder."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, default=None, help="where to put the rendered site (default: site/ in the project folder)")
    parser.add_argument("--pages-only", action="store_true", help="write the generated pages but do not run MkDocs")
    parser.add_argument("--offline", action="store_true", help=f"make the offline edition instead of site/: a zip that works opened from disk, search included ({OFFLINE_DIR}/<name>-offline.zip)")


def run(args: argparse.Namespace) -> int:
    from builder.cli import print_problems

    root: Path = args.root
    result = generate(root)
    print_problems(result.warnings, args.format)
    report = result.report
    assert report is not None
    print(f"pages: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed", file=sys.stderr)
    if result.site.drafts:
        print(f"drafts: {result.site.drafts} left out, waiting for review", file=sys.stderr)
    if args.pages_only:
        return 0
    if args.offline:
        return render_offline(root, root / OFFLINE_DIR / f"{offline.slug(result.site.info.title)}-offline.zip")
    return render_site(root, (args.site_dir or root / "site").resolve())


def render_site(root: Path, site_dir: Path) -> int:
    """Run ``mkdocs build --strict`` into a temporary folder, then swap it in.

    A failed render leaves the previous site untouched.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    if not _mkdocs_build(root, staging):
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


def _mkdocs_build(root: Path, out: Path, **env_extra: str) -> bool:
    """``mkdocs build --strict`` of the project at ``root`` into ``out``; whether it succeeded."""
    env = dict(os.environ, **{SKIP_HOOK_ENV: "1", "NO_MKDOCS_2_WARNING": "1"}, **env_extra)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)]
    return subprocess.run(command, cwd=root, env=env).returncode == 0


def render_offline(root: Path, zip_path: Path) -> int:
    """Render the offline edition into a temporary folder and pack it as ``zip_path``.

    The theme's offline plugin inlines the search index into a script, since
    pages opened from disk may not fetch files; ``overrides/main.html`` serves
    the Web Worker shim that search then needs from the site itself.
    """
    with tempfile.TemporaryDirectory(prefix=".offline.") as staging:
        if not _mkdocs_build(root, Path(staging), **{OFFLINE_ENV: "true"}):
            print("mkdocs build failed; no offline edition was written", file=sys.stderr)
            return 1
        count = offline.make_zip(Path(staging), zip_path, zip_path.stem)
    print(f"offline edition: {zip_path} ({count} files; unzip it and open index.html)", file=sys.stderr)
    return 0
