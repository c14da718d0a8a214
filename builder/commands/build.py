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
from builder.pipeline import GENERATED, generate

NAME = "build"
HELP = "check, write the generated pages and render site/"

SKIP_HOOK_ENV = "BUILDER_PAGES_WRITTEN"
"""Set while ``build`` runs MkDocs, so the MkDocs hook does not generate twice."""

OFFLINE_ENV = "BUILDER_OFFLINE"
"""Set while ``build --offline`` runs MkDocs: the hook then writes no Pagefind index, which the zip leaves out."""

EPOCH_ENV = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: the date to write instead of the time of the build."""

OFFLINE_DIR = "dist"
"""Where ``--offline`` puts the zip, in the project folder."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, default=None, help="where to put the rendered site (default: site/ in the project folder)")
    parser.add_argument("--pages-only", action="store_true", help="write the generated pages but do not run MkDocs")
    parser.add_argument("--drafts", action="store_true", help="preview: show the drafts, each marked as a draft (never publish a site built so)")
    parser.add_argument("--offline", action="store_true", help=f"make the offline edition instead of site/: a zip that works opened from disk, search included ({OFFLINE_DIR}/<name>-offline.zip)")


def run(args: argparse.Namespace) -> int:
    from builder.cli import print_problems

    root: Path = args.root
    docs_dir = root / "docs"
    previous = generated_files(docs_dir)
    result = generate(root, drafts=args.drafts)
    print_problems(result.warnings, args.format)
    report = result.report
    assert report is not None
    print(f"pages: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed", file=sys.stderr)
    if result.drafts:
        shown = "shown, marked as drafts (a preview: do not publish it)" if args.drafts else "left out"
        print(f"drafts: {result.drafts} {shown}, waiting for review", file=sys.stderr)
    if args.pages_only:
        return 0
    if args.offline:
        code = render_offline(root, root / OFFLINE_DIR / f"{offline.slug(result.title)}-offline.zip")
    else:
        code = render_site(root, (args.site_dir or root / "site").resolve())
    if code != 0:
        restore_generated(docs_dir, previous)
        print("the generated pages in docs/ were put back as they were", file=sys.stderr)
    return code


def generated_files(docs_dir: Path) -> dict[str, bytes]:
    """Every generated file under ``docs_dir`` with its bytes, to put back if rendering fails."""
    found: dict[str, bytes] = {}
    for owned in GENERATED:
        target = docs_dir / owned
        paths = sorted(target.rglob("*")) if owned.endswith("/") and target.is_dir() else [target]
        for path in paths:
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(docs_dir).as_posix()] = path.read_bytes()
    return found


def restore_generated(docs_dir: Path, previous: dict[str, bytes]) -> None:
    """Put the generated files back as :func:`generated_files` found them.

    The pages are written before MkDocs runs; when MkDocs then fails, the
    docs folder must not be left with pages of a site that was never built.
    """
    for rel, data in generated_files(docs_dir).items():
        if rel not in previous:
            (docs_dir / rel).unlink()
        elif data != previous[rel]:
            (docs_dir / rel).write_bytes(previous[rel])
    for rel, data in previous.items():
        target = docs_dir / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


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
    epoch = os.environ.get(EPOCH_ENV) or str(source_date_epoch(root))
    env = dict(os.environ, **{SKIP_HOOK_ENV: "1", "NO_MKDOCS_2_WARNING": "1", EPOCH_ENV: epoch}, **env_extra)
    # Not --quiet: it silences the warnings that --strict turns into failures.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        # MkDocs reports on stderr; show only what matters to fix the build.
        print("\n".join(_without_info(done.stdout + done.stderr)), file=sys.stderr)
    return done.returncode == 0


def _without_info(output: str) -> list[str]:
    """MkDocs' log lines minus INFO records and their indented continuation lines."""
    kept, info = [], False
    for line in output.splitlines():
        if not line.startswith((" ", "\t")):
            info = line.startswith("INFO")
        if not info:
            kept.append(line)
    return kept


def source_date_epoch(root: Path) -> int:
    """The build date MkDocs writes (sitemap ``lastmod``, gzip headers), in seconds since 1970.

    Two builds of the same input must give the same bytes, so the date comes
    from the input, not the clock: the time of the project's latest git
    commit, or, outside a git checkout, the newest modification time of
    ``mkdocs.yml`` and the files under ``sources/``. ``SOURCE_DATE_EPOCH`` set
    in the environment wins over both.
    """
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    inputs = [root / "mkdocs.yml", *(root / "sources").rglob("*")]
    times = [int(p.lstat().st_mtime) for p in inputs if p.is_file() and not p.is_symlink()]
    return max(times, default=0)


def render_offline(root: Path, zip_path: Path) -> int:
    """Render the offline edition into a temporary folder and pack it as ``zip_path``.

    Pages opened from disk may not fetch files, so the zip searches the
    index of titles and summaries that every build writes as a script
    (:mod:`builder.search`).
    """
    with tempfile.TemporaryDirectory(prefix=".offline.") as staging:
        if not _mkdocs_build(root, Path(staging), **{OFFLINE_ENV: "true"}):
            print("mkdocs build failed; no offline edition was written", file=sys.stderr)
            return 1
        count = offline.make_zip(Path(staging), zip_path, zip_path.stem)
    print(f"offline edition: {zip_path} ({count} files; unzip it and open index.html)", file=sys.stderr)
    return 0
