"""CONTRIBUTING.md stays true to the code: its field reference is generated, its commands exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import Field

from builder import reference
from builder.cli import parser
from builder.model import DATA_FILES, Record, SourceMeta

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "CONTRIBUTING.md"


def _records() -> list[type[Record]]:
    """Every record a contributor writes, nested ones included."""
    found: list[type[Record]] = []
    todo: list[type[Record]] = [SourceMeta, *(record for record, _ in DATA_FILES.values())]
    while todo:
        record = todo.pop(0)
        if record in found:
            continue
        found.append(record)
        for field in record.model_fields.values():
            for arg in (field.annotation, *getattr(field.annotation, "__args__", ())):
                if isinstance(arg, type) and issubclass(arg, Record):
                    todo.append(arg)
    return found


def test_field_reference_matches_the_records() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert reference.replace_block(text, reference.render()) == text, "CONTRIBUTING.md is out of date: run python -m builder reference --write"


def test_every_field_of_every_record_is_in_the_reference() -> None:
    block = reference.render()
    for record in _records():
        for name, field in record.model_fields.items():
            assert f"| `{name}` |" in block, f"{record.__name__}.{name} is missing"
            assert reference.markdown(field.description or "") in block, f"{record.__name__}.{name} has no docstring in the reference"


def test_a_new_field_appears_with_its_docstring_type_and_default() -> None:
    class Sample(Record):
        """A sample record."""

        shown: bool = True
        """Whether it is shown | even with a pipe."""
        count: int = Field(ge=1)
        """How many ``things``."""

    nested: list = []
    used: set[str] = set()
    rows = reference._table(Sample, nested, used)
    assert rows[2:4] == [
        "| `shown` | no (default `true`) | `true` or `false` | Whether it is shown \\| even with a pipe. |",
        "| `count` | **yes** | whole number, at least 1 | How many `things`. |",
    ]


def test_reference_check_command(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    stale = f"# Guide\n\n{reference.START}\nold\n{reference.END}\n\nAfter.\n"
    (tmp_path / "CONTRIBUTING.md").write_text(stale, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "builder", "reference", *args, "--root", str(tmp_path)], capture_output=True, text=True)

    done = run("--check")
    assert (done.returncode, done.stderr) == (1, "CONTRIBUTING.md: the field reference is out of date (run: python -m builder reference --write)\n")
    assert run("--write").returncode == 0
    written = (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert written.startswith("# Guide\n\n" + reference.START) and written.endswith(reference.END + "\n\nAfter.\n")
    assert run("--check").returncode == 0
    assert run().stdout == reference.render()


def test_missing_markers_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text("# Guide\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "builder", "reference", "--write", "--root", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: CONTRIBUTING.md lacks the marker lines")


def _subcommands() -> set[str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return set(sub.choices)


@pytest.mark.parametrize("document", ["CONTRIBUTING.md", "README.md"])
def test_builder_commands_in_the_docs_exist(document: str) -> None:
    named = re.findall(r"python -m builder ([\w-]+)", (ROOT / document).read_text(encoding="utf-8"))
    assert named
    unknown = sorted(set(named) - _subcommands())
    assert not unknown, f"{document} names commands that do not exist: {unknown}"


def test_every_command_is_documented_in_the_guide() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = sorted(name for name in _subcommands() if f"python -m builder {name}" not in text)
    assert not missing, f"CONTRIBUTING.md does not mention: {missing}"


def test_links_within_the_guide_lead_to_headings() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).strip().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, f"CONTRIBUTING.md links to #{target}, which is no heading"
