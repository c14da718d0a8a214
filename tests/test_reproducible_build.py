"""Reproducible builds: the same input gives byte-identical site/ trees, whatever the clock and the file system order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.commands.build import source_date_epoch
from tests.conftest import FIXTURES, make_project

PAST = 1_000_000_000
"""Modification time given to the first project's inputs: 9 September 2001, long before any build."""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Build with an address set, as for publishing: MkDocs then also writes the dated sitemap."""
    clean = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"SITE_URL": "https://example.org/site/"}
    command = [sys.executable, "-m", "builder", "build", "--root", str(project), "--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, cwd=project, env={**clean, **env})


def _copy_in_reverse_order(source: Path, target: Path) -> None:
    """Copy a folder creating its files in reverse name order, so directory listings differ."""
    target.mkdir(parents=True)
    for path in sorted(source.rglob("*"), reverse=True):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The mini site built three times: twice in one project at different times, once in a copy made in another order."""
    first = make_project(tmp_path_factory.mktemp("repro-a"))
    for path in [first / "mkdocs.yml", *(first / "sources").rglob("*")]:
        os.utime(path, (PAST, PAST))
    sites = {}
    for name in ("first", "later"):
        sites[name] = tmp_path_factory.mktemp(f"site-{name}") / "site"
        done = build(first, sites[name])
        assert done.returncode == 0, done.stdout + done.stderr
    other_sources = tmp_path_factory.mktemp("repro-sources") / "sources"
    _copy_in_reverse_order(FIXTURES / "mini" / "sources", other_sources)
    other = make_project(tmp_path_factory.mktemp("repro-b"), sources=other_sources)
    sites["other"] = tmp_path_factory.mktemp("site-other") / "site"
    epoch = str(source_date_epoch(first))
    done = build(other, sites["other"], SOURCE_DATE_EPOCH=epoch)
    assert done.returncode == 0, done.stdout + done.stderr
    sites["epoch"] = Path(epoch)
    return sites


def test_two_builds_at_different_times_are_byte_identical(builds: dict[str, Path]) -> None:
    first, later = tree(builds["first"]), tree(builds["later"])
    assert "sitemap.xml.gz" in first and "search/titles.js" in first and "pagefind/pagefind-entry.json" in first
    assert sorted(first) == sorted(later)
    assert [name for name in first if first[name] != later[name]] == []


def test_file_system_order_and_folder_do_not_change_the_site(builds: dict[str, Path]) -> None:
    first, other = tree(builds["first"]), tree(builds["other"])
    assert sorted(first) == sorted(other)
    assert [name for name in first if first[name] != other[name]] == []


def _mkdocs_env(monkeypatch: pytest.MonkeyPatch, project: Path) -> dict[str, str]:
    """The environment ``build`` gives MkDocs, captured instead of running it."""
    from builder.commands import build as build_command

    seen: dict[str, str] = {}

    def fake_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if "env" not in kwargs:  # git, asked for the latest commit: not a checkout
            return subprocess.CompletedProcess(command, 128, "", "")
        seen.update(kwargs["env"])  # type: ignore[arg-type]
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(build_command.subprocess, "run", fake_run)
    build_command._mkdocs_build(project, project / "site")
    return seen


def test_mkdocs_gets_a_build_date_derived_from_the_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    for path in [project / "mkdocs.yml", *(project / "sources").rglob("*")]:
        os.utime(path, (1_000_000_000, 1_000_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _mkdocs_env(monkeypatch, project)["SOURCE_DATE_EPOCH"] == "1000000000"


def test_source_date_epoch_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "31536000")
    assert _mkdocs_env(monkeypatch, project)["SOURCE_DATE_EPOCH"] == "31536000"


def test_build_date_comes_from_the_input_not_the_clock(builds: dict[str, Path]) -> None:
    """The gzip header of the sitemap carries the day of the newest input, 9 September 2001."""
    assert int(builds["epoch"].name) == PAST
    header = (builds["first"] / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == PAST - PAST % 86400


def test_derived_epoch_is_the_newest_input_outside_git(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for path in (project / "sources").rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    os.utime(project / "mkdocs.yml", (900_000_000, 900_000_000))
    os.utime(project / "sources" / "eras.yml", (1_100_000_000, 1_100_000_000))
    assert source_date_epoch(project) == 1_100_000_000
