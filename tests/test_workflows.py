"""CI and pre-commit name only commands that exist, as the README gives them; GitHub annotations are well formed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from conftest import make_project, run_builder

from builder.cli import parser
from builder.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _run_lines(workflow: dict) -> list[str]:
    return [line.strip() for step in _steps(workflow) if "run" in step for line in step["run"].splitlines() if line.strip() and not line.strip().startswith("#")]


def _readme_commands() -> set[str]:
    blocks = re.findall(r"```(?:sh)?\n(.*?)```", README, re.S)
    return {line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()}


def _uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in _steps(workflow) if "uses" in step]


def _builder_argv(line: str) -> list[str] | None:
    """The arguments after ``python -m builder`` in a shell line, variables filled in."""
    words = shlex.split(line.split(">>")[0].replace("$", "VAR_"))
    for i in range(len(words) - 2):
        if words[i].endswith("python") and words[i + 1 : i + 3] == ["-m", "builder"]:
            return words[i + 3 :]
    return None


@pytest.fixture(scope="module", params=sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def workflow(request: pytest.FixtureRequest) -> dict:
    return _load(WORKFLOWS / request.param)


def test_there_are_two_workflows() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["pages.yml", "pull-request.yml"]


def test_workflows_parse(workflow: dict) -> None:
    assert workflow["name"] and workflow["on"] and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        for step in job["steps"]:
            assert ("run" in step) != ("uses" in step), step


def test_every_run_line_is_a_command_from_the_readme(workflow: dict) -> None:
    commands = _readme_commands()
    for line in _run_lines(workflow):
        assert line in commands, f"{line!r} is not a command in README.md"


def test_builder_commands_exist_with_those_options(workflow: dict) -> None:
    found = 0
    for line in _run_lines(workflow):
        argv = _builder_argv(line)
        if argv is not None:
            parser().parse_args(argv)  # exits (failing the test) on an unknown command or option
            found += 1
    assert found


def test_actions_are_pinned_to_a_major_version(workflow: dict) -> None:
    for uses in _uses(workflow):
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", uses), uses


def test_pull_requests_are_checked_tested_built_and_previewed() -> None:
    workflow = _load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    lines = _run_lines(workflow)
    order = [next(i for i, line in enumerate(lines) if needle in line) for needle in ("pip install", "builder check --format github", "-m pytest", "builder build", "builder diff")]
    assert order == sorted(order)
    # The README's test command, split into the install and the test step.
    test_command = re.search(r"^python3 -m venv .*-m pytest$", README, re.M)
    assert test_command is not None
    assert test_command.group(0) == " && ".join([lines[order[0]], lines[order[2]]])
    upload = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert workflow["jobs"]["check-test-build"]["steps"][0]["with"]["fetch-depth"] == 0  # diff reads the base commit


def test_main_is_published_with_the_official_pages_actions() -> None:
    workflow = _load(WORKFLOWS / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [u.split("@")[0] for u in _uses(workflow)]
    assert uses == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))["with"]["path"] == "site/"
    assert any(line.endswith("-m builder build") for line in _run_lines({"jobs": {"build": build}}))
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_pre_commit_hooks_run_builder_commands_that_exist() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    for hook in hooks.values():
        assert hook["language"] == "system" and hook["pass_filenames"] is False
        if hook["id"] in ("ruff", "mypy"):  # the lint and type checks of builder/, with the settings in pyproject.toml
            assert hook["entry"].split()[0] == f".venv/bin/{hook['id']}"
            continue
        argv = _builder_argv(hook["entry"])
        assert argv is not None, hook["entry"]
        parser().parse_args(argv)
    assert _builder_argv(hooks["builder-check"]["entry"]) == ["check"]
    assert re.search(hooks["builder-check"]["files"], "sources/glossary.yml")
    assert re.search(hooks["builder-reference"]["files"], "builder/model.py")
    assert re.search(hooks["builder-schema"]["files"], "builder/model.py")
    assert not re.search(hooks["builder-check"]["files"], "README.md")


# --- GitHub Actions annotations --------------------------------------------------


def test_annotation_format() -> None:
    problem = Problem("sources/a.md", 12, "events[0].date: '1942-13' is not a valid EDTF date", "write a month from 01 to 12")
    assert problem.github() == "::error file=sources/a.md,line=12::events[0].date: '1942-13' is not a valid EDTF date (write a month from 01 to 12)"
    warning = Problem("sources/b.yml", 1, "unused", severity="warning")
    assert warning.github() == "::warning file=sources/b.yml,line=1::unused"


def test_annotation_escaping() -> None:
    # As @actions/core escapes: data %, CR, LF; properties also ':' and ','.
    problem = Problem("sources/odd:name,x.md", 3, "100% wrong\r\n::error::injected", "fix: this, now")
    line = problem.github()
    assert line == "::error file=sources/odd%3Aname%2Cx.md,line=3::100%25 wrong%0D%0A::error::injected (fix: this, now)"
    assert "\n" not in line and "\r" not in line


def test_check_prints_one_annotation_per_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    report = project / "sources" / "field-report.md"
    report.write_text(report.read_text(encoding="utf-8").replace("kind: news", "kind: blog").replace("language: en", "language: English"), encoding="utf-8")
    done = run_builder(project, "check", "--format", "github")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert re.fullmatch(r"::error file=sources/field-report\.md,line=\d+::\S.*", line), line
    assert [int(re.search(r"line=(\d+)", line).group(1)) for line in lines] == sorted(
        int(re.search(r"line=(\d+)", line).group(1)) for line in lines
    )
    assert done.stderr.endswith("2 error(s); nothing was written\n")
