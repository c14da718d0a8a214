"""Failed builds change nothing; problems are one line each; internal errors leave a traceback file.

A build that stops, on a content error or in MkDocs, leaves the previous
site/ and the previously generated pages in docs/ byte for byte as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import cli
from builder.commands import check as check_command
from tests.conftest import make_project, run_builder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_builds_leave_site_and_pages_as_they_were(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stderr
    site, docs = tree(project / "site"), tree(project / "docs")
    report = project / "sources" / "field-report.md"
    good = report.read_text(encoding="utf-8")

    # A content error: nothing is written.
    report.write_text(good.replace("kind: news", "kind: blog"), encoding="utf-8")
    done = run_builder(project, "build")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert tree(project / "site") == site and tree(project / "docs") == docs

    # Valid sources but a failing MkDocs step (a theme that does not exist):
    # the pages written for it are taken back.
    report.write_text(good.replace("publisher: Example Gazette", "publisher: Example Herald"), encoding="utf-8")
    config = project / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace("name: material", "name: no-such-theme", 1), encoding="utf-8")
    done = run_builder(project, "build")
    assert done.returncode == 1, done.stderr
    assert "the previous site was kept" in done.stderr and "Traceback" not in done.stderr
    assert tree(project / "site") == site
    assert tree(project / "docs") == docs

    # Once fixed, the next build publishes the change.
    config.write_text(settings, encoding="utf-8")
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stderr
    assert "Example Herald" in (project / "site" / "sources" / "field-report.html").read_text(encoding="utf-8")


def test_every_content_problem_is_one_line_and_exit_1(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sources = project / "sources"
    (sources / "bad-date.md").write_text("---\ntitle: x\nlanguage: en\nkind: news\npublished: 2023-02-30\n---\nText.\n")
    (sources / "escape.md").write_text("---\ntitle: x\x1b[2J\nlanguage: en\nkind: news\n---\nText.\n")
    (sources / "binary.md").write_bytes(b"\x00\x01")
    done = run_builder(project, "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "sources/bad-date.md:5: '2023-02-30' cannot be read as a YAML timestamp (day is out of range for month) (put the value in quotes to keep it as text)",
        "sources/binary.md:1: file contains a NUL byte, so it is binary, not text (save the file as UTF-8 text)",
        "sources/escape.md:2: invisible control character (U+001B) (delete it; text on the site cannot contain it)",
    ]
    assert done.stderr == "3 error(s); nothing was written\n"


def test_internal_error_is_one_line_with_the_traceback_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)

    def broken(root: Path) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(check_command, "check_only", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert cli.main(["check", "--root", str(project)]) == cli.EXIT_INTERNAL
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    prefix = "internal error: the builder failed unexpectedly; the traceback is in "
    assert line.startswith(prefix)
    saved = Path(line[len(prefix) :])
    assert saved.parent == tmp_path
    assert "RuntimeError: injected failure" in saved.read_text()
