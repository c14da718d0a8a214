"""`python -m builder diff`: what a change to the sources changes on the site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder import diff

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"
BASE, HEAD = FIXTURES / "base", FIXTURES / "head"


@pytest.fixture(scope="module")
def result() -> diff.Diff:
    return diff.diff_trees(BASE, HEAD, "base", "head")


def test_records_added_removed_and_changed_by_id(result: diff.Diff) -> None:
    found = [(c.kind, c.id, c.status, tuple(f.field for f in c.fields)) for c in result.changes]
    assert found == [
        ("events", "memo-sent", "added", ()),
        ("events", "order-issued", "changed", ("date", "tags", "citations")),
        ("events", "units-formed", "removed", ()),
        ("figures", "gazette-executions", "added", ()),
        ("terms", "blocking-units", "changed", ("definition",)),
        ("terms", "penal-battalion", "removed", ()),
        ("sources", "memo", "added", ()),
        ("sources", "report", "changed", ("title", "text")),
        ("measures", "people-executed", "added", ()),
    ]
    assert result.drafts == (0, 1)  # the draft event in memo.md is left out, and not listed


def test_text_output(result: diff.Diff) -> None:
    lines = diff.as_text(result).splitlines()
    assert lines[:5] == [
        "changes from base to head:",
        "events (1 added, 1 changed, 1 removed):",
        "  + memo-sent  A memo is sent",
        "  ~ order-issued  The order is issued",
        '      date: "1942-06" -> "1942-07"',
    ]
    assert lines[5] == "      tags: + units"
    assert lines[6].startswith("      citations: - ") and "date: 1942-06" in lines[6] and "+ " in lines[6] and "date: 1942-07" in lines[6]
    assert lines[7:] == [
        "  - units-formed  Units formed",
        "figures (1 added):",
        "  + gazette-executions  approximately 40 (people-executed)",
        "terms (1 changed, 1 removed):",
        "  ~ blocking-units  blocking units",
        '      definition: "Units that the gazette says were formed behind the front." -> "Units that, according to the gazette, were formed behind the front line."',
        "  - penal-battalion  penal battalion",
        "sources (1 added, 1 changed):",
        "  + memo  A memo",
        "  ~ report  Field report from the front",
        '      title: "Field report" -> "Field report from the front"',
        '      text: "794 characters, sha256:d894b0402da0" -> "736 characters, sha256:3b02397f3fb7"',
        "measures (1 added):",
        "  + people-executed  People executed",
        "drafts left out of the site: 0 -> 1",
    ]


def test_markdown_output(result: diff.Diff) -> None:
    markdown = diff.as_markdown(result)
    assert markdown.startswith("### What changes on the site\n\nFrom `base` to `head`.\n\n#### Events: 1 added, 1 changed, 1 removed\n\n| | Id | Title | Changed fields |\n| --- | --- | --- | --- |\n")
    assert "| added | `memo-sent` | A memo is sent |  |\n" in markdown
    assert '| changed | `report` | Field report from the front | `title`: "Field report" → "Field report from the front"<br>`text`: ' in markdown
    assert "| removed | `penal-battalion` | penal battalion |  |\n" in markdown
    assert markdown.endswith("Drafts left out of the site: 0 → 1.\n")


def test_markdown_escapes_what_contributors_wrote() -> None:
    hostile = diff.Change("events", "x", "changed", "A | <img src=x onerror=alert(1)> [link](javascript:x)", (diff.FieldChange("title", "a", "b|<script>"),))
    markdown = diff.as_markdown(diff.Diff("main`", "HEAD", (hostile,), (0, 0)))
    row = next(line for line in markdown.splitlines() if line.startswith("| changed"))
    assert row.count(" | ") == 3  # the pipes in the text did not add columns
    assert "<img" not in markdown and "<script>" not in markdown and "](javascript" not in markdown
    assert "From main\\` to `HEAD`." in markdown


def test_no_changes() -> None:
    same = diff.diff_trees(BASE, BASE)
    assert same.changes == ()
    assert diff.as_text(same) == "changes from base to head:\n  none to the records the site shows\n"


# --- the command, on a git repository -----------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(BASE / "sources", repo / "sources")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    shutil.rmtree(repo / "sources")
    shutil.copytree(HEAD / "sources", repo / "sources")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "head")
    return repo


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", "diff", *args, "--root", str(repo)], capture_output=True, text=True, cwd=repo)


def test_diff_between_two_commits(repo: Path) -> None:
    done = _run(repo, "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("changes from HEAD~1 (")
    assert "\nevents (1 added, 1 changed, 1 removed):\n  + memo-sent  A memo is sent\n" in done.stdout
    assert done.stderr == "diff: 9 changes\n"
    github = _run(repo, "main~1", "main", "--format", "github")
    assert github.returncode == 0
    assert github.stdout == diff.as_markdown(diff.Diff(*_labels(github.stdout), diff.diff_trees(BASE, HEAD).changes, (0, 1)))


def _labels(markdown: str) -> tuple[str, str]:
    line = next(line for line in markdown.splitlines() if line.startswith("From "))
    base, head = line.removeprefix("From ").removesuffix(".").split(" to ")
    return base.strip("`"), head.strip("`")


def test_without_head_compares_the_working_tree(repo: Path) -> None:
    report = repo / "sources" / "report.md"
    report.write_text(report.read_text(encoding="utf-8").replace('date: "1942-07"', 'date: "1942-08"'), encoding="utf-8")
    done = _run(repo, "HEAD")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:4] == ["events (1 changed):", "  ~ order-issued  The order is issued", '      date: "1942-07" -> "1942-08"']
    assert " to the working tree:" in done.stdout.splitlines()[0]


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    done = _run(repo, "no-such-branch")
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot read sources/ at 'no-such-branch': ")
    assert "Traceback" not in done.stderr


def test_a_side_with_content_errors_is_reported_not_compared(repo: Path) -> None:
    (repo / "sources" / "memo.md").write_text("---\ntitle: A memo\nlanguage: en\nkind: memo\n---\nText.\n", encoding="utf-8")
    done = _run(repo, "HEAD")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines()[0].startswith("the working tree: sources/memo.md:4: kind: input should be")
    assert done.stderr.splitlines()[-1] == "diff: the working tree has 1 problem(s) in its sources (fix them there first; python -m builder check lists them)"


# --- a revision is never read by git as an option --------------------------------


@pytest.mark.parametrize("args", [("--", "--output={victim}"), ("--", "HEAD", "--output={victim}"), ("--", "--output={victim}", "HEAD")])
def test_revision_that_looks_like_an_option_is_a_usage_error(repo: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("kept\n", encoding="utf-8")
    for name in ("victim.txt", "new.txt"):
        command = [sys.executable, "-m", "builder", "diff", "--root", str(repo), *(a.format(victim=tmp_path / name) for a in args)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=repo, check=False)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: '--output=") and "starts with '-', so git would read it as an option" in done.stderr
    assert victim.read_text(encoding="utf-8") == "kept\n"
    assert not (tmp_path / "new.txt").exists()


def test_only_a_verified_commit_id_reaches_git(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(command: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        calls.append(list(command))
        return real(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(diff.subprocess, "run", spy)
    diff.extract(repo, "main~1", tmp_path / "out")
    assert diff.describe(repo, "main").startswith("main (")
    assert [c[:5] for c in calls if c[1] == "rev-parse" and "--short" not in c] == [["git", "rev-parse", "--verify", "--quiet", "--end-of-options"]] * 2
    archive = next(c for c in calls if c[1] == "archive")
    assert archive[:4] == ["git", "archive", "--format=tar", "--end-of-options"]
    assert len(archive[4]) == 40 and int(archive[4], 16) >= 0
    short = next(c for c in calls if "--short" in c)
    assert short[-2] == "--end-of-options" and len(short[-1]) == 40
    with pytest.raises(diff.GitError, match="starts with '-'"):
        diff.commit_of(repo, "-h")
    with pytest.raises(diff.GitError, match="no such commit"):
        diff.commit_of(repo, "main:sources")  # a tree, not a commit


def test_every_external_command_of_the_builder_is_an_audited_one() -> None:
    """Each call that runs a program is listed here with why no contributor's value can be read as an option.

    A new one fails this test until it is looked at the same way.
    """
    import ast

    audited = {
        # git: only commit ids verified by commit_of, after --end-of-options; the revision text only inside rev-parse's --verify.
        ("builder/diff.py", "_git"),
        # mkdocs build: the config file and site folder are option values (never options), made absolute by the command line.
        ("builder/commands/build.py", "_mkdocs_build"),
        # git log: the project folder is the value of -C; no other argument varies.
        ("builder/commands/build.py", "source_date_epoch"),
        # pagefind: the site folder is an option value, made absolute (it starts with /); the other arguments are constants.
        ("builder/search.py", "run_pagefind"),
        # pagefind beside a server: the same command, into a constant folder name.
        ("builder/search.py", "start"),
    }
    found = set()
    root = Path(__file__).resolve().parent.parent
    runs_a_program = ("subprocess", ("run", "Popen", "call", "check_call", "check_output")), ("os", ("system", "popen", "execv", "execvp", "spawnv"))
    runs = {(module, name) for module, names in runs_a_program for name in names}
    for path in sorted((root / "builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                called = node.func if isinstance(node, ast.Call) else None
                if isinstance(called, ast.Attribute) and isinstance(called.value, ast.Name) and (called.value.id, called.attr) in runs:
                    found.add((path.relative_to(root).as_posix(), function.name))
    assert found == audited
