"""The JSON Schema files for editors: current, valid, and in agreement with the check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder import schema
from builder.model import DATA_FILES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def _validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((ROOT / schema.file_name(name)).read_text(encoding="utf-8")))


def test_committed_schemas_are_up_to_date() -> None:
    expected = schema.render()
    committed = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / schema.FOLDER).glob("*.schema.json")}
    assert committed == expected, "run: python -m builder schema --write"


def test_one_schema_per_file_type() -> None:
    assert sorted(schema.schemas()) == sorted([schema.SOURCE, *DATA_FILES])


@pytest.mark.parametrize("name", sorted(schema.schemas()))
def test_schemas_are_valid_draft_7(name: str) -> None:
    document = schema.schemas()[name]
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(document)  # draft-07 names them "definitions"


def _frontmatter(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    return yaml.safe_load(front)


def test_the_bundled_sources_are_valid() -> None:
    for path in sorted(SOURCES.glob("*.md")):
        errors = [e.message for e in _validator(schema.SOURCE).iter_errors(_frontmatter(path))]
        assert not errors, f"{path.name}: {errors}"
    for name in DATA_FILES:
        data = yaml.safe_load((SOURCES / f"{name}.yml").read_text(encoding="utf-8"))
        errors = [e.message for e in _validator(name).iter_errors(data)]
        assert not errors, f"{name}.yml: {errors}"


def test_the_schemas_refuse_what_the_check_refuses() -> None:
    source = _validator(schema.SOURCE)
    good = {"title": "T", "language": "en", "kind": "news", "events": [{"id": "x", "quote": "abc"}]}
    assert source.is_valid(good)
    assert not source.is_valid({**good, "kind": "blog"})
    assert not source.is_valid({**good, "titel": "typo"})
    assert not source.is_valid({**good, "events": [{"id": "Not A Slug", "quote": "abc"}]})
    assert not source.is_valid({**good, "inferred": {"publisherr": "how"}})
    assert not source.is_valid({k: v for k, v in good.items() if k != "language"})
    glossary = _validator("glossary")
    term = {"id": "t", "term": "T", "short": "s", "definition": "d", "citations": [{"source": "a", "quote": "abc"}]}
    assert glossary.is_valid([term])
    assert not glossary.is_valid([{**term, "citations": []}])
    assert not glossary.is_valid([{**term, "short": "x" * 201}])


def test_field_docstrings_reach_the_editor() -> None:
    era = schema.schemas()["eras"]["definitions"]["Era"]["properties"]
    assert era["end"]["description"] == "Last day, month or year; null when it is not over."
    assert "title" not in era["end"]


def test_curated_files_name_their_schema_on_the_first_line() -> None:
    for name in DATA_FILES:
        first = (SOURCES / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../{schema.file_name(name)}"
        assert (SOURCES / f"../{schema.file_name(name)}").resolve().is_file()


def test_vscode_settings_map_each_curated_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {f"./{schema.file_name(name)}": f"sources/{name}.yml" for name in sorted(DATA_FILES)}
    assert "redhat.vscode-yaml" in json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]


def test_schema_command_checks_and_writes(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "builder", "schema", *args, "--root", str(tmp_path)], capture_output=True, text=True)

    missing = run()
    assert missing.returncode == 1
    assert "schemas/source.schema.json: out of date (run: python -m builder schema --write)" in missing.stderr.splitlines()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "gone.schema.json").write_text("{}", encoding="utf-8")
    assert run("--write").returncode == 0
    assert not (tmp_path / "schemas" / "gone.schema.json").exists()
    done = run("--check")
    assert (done.returncode, done.stderr) == (0, f"schemas: {len(schema.schemas())} up to date\n")
