"""Text written as YAML escapes is checked as parsed, in every file kind, and reported at its line.

The raw text of ``title: "Hostile \\u202e txt.exe"`` holds no direction mark:
only YAML's parsing makes one. Each case edits one string of the ``mini``
fixture into an escape and expects the file refused at that string's line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.pipeline import check_only
from builder.problems import ContentError
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini" / "sources"

BIDI = "invisible text-direction control character (U+202E), written as a YAML escape (delete it; it can make text look different from what it is)"
NUL = "invisible control character (U+0000), written as a YAML escape (delete it; text on the site cannot contain it)"
ESC = "invisible control character (U+001B), written as a YAML escape (delete it; text on the site cannot contain it)"

# (file, text replaced, replacement, line, field): one string of each kind of file and nesting.
CASES = [
    ("field-report.md", 'title: "Field report:', 'title: "Hostile \\u202e txt.exe', 2, "title", BIDI),
    ("field-report.md", "authors: [Ann Writer]", 'authors: ["Ann \\0Writer"]', 4, "authors[0]", NUL),
    ("field-report.md", '  statement: "quote at', '  statement: "\\e[31mquote at', 11, "reuse.statement", ESC),
    ("field-report.md", "    title: The order is issued", '    title: "The order \\u202e is issued"', 18, "events[0].title", BIDI),
    ("field-report.md", "    actors: [The command]", '    actors: ["The \\e[2Jcommand"]', 21, "events[0].actors[0]", ESC),
    ("field-report.md", "    producer: Example Gazette", '    producer: "Example \\0Gazette"', 35, "figures[0].producer", NUL),
    ("glossary.yml", "  short: Units placed behind the front to stop retreat.", '  short: "\\u202eUnits placed behind"', 6, "[0].short", BIDI),
    ("glossary.yml", '      quote: New "blocking units" were formed', '      quote: "New \\e blocking"', 11, "[0].citations[0].quote", ESC),
    ("eras.yml", "  summary: The war years.", '  summary: "The war\\0 years."', 5, "[0].summary", NUL),
    ("measures.yml", "  unit: people per year", '  unit: "people \\u202eper year"', 7, "[1].unit", BIDI),
    ("site.yml", "subtitle: A tiny site for tests", 'subtitle: "A tiny \\e]0;site\\a for tests"', 2, "subtitle", "invisible control character (U+0007, U+001B), written as a YAML escape (delete it; text on the site cannot contain it)"),
]


def _project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "sources")
    return tmp_path


def _errors(root: Path) -> list[str]:
    try:
        check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems if p.severity == "error"]
    return []


@pytest.mark.parametrize(("name", "old", "new", "line", "field", "message"), CASES, ids=[f"{c[0]}:{c[4]}" for c in CASES])
def test_escaped_control_character_is_refused_at_its_line(tmp_path: Path, name: str, old: str, new: str, line: int, field: str, message: str) -> None:
    root = _project(tmp_path)
    path = root / "sources" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert "\x00" not in path.read_text(encoding="utf-8") and "\u202e" not in path.read_text(encoding="utf-8")
    # A refused source is missing from the rest of the check, which may say so too.
    assert [e for e in _errors(root) if e.startswith(f"sources/{name}:")] == [f"sources/{name}:{line}: {field}: {message}"]


def test_escaped_key_and_every_value_are_reported_in_one_run(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "eras.yml").write_text('- id: ww2\n  "\\u202etitle": x\n  title: "\\0"\n  start: "1941"\n  end: "1945"\n', encoding="utf-8")
    assert [e for e in _errors(root) if e.startswith("sources/eras.yml")] == [
        f"sources/eras.yml:2: [0].\\u202etitle: {BIDI}",
        f"sources/eras.yml:3: [0].title: {NUL}",
    ]


def test_line_separator_and_carriage_return_escapes_are_refused(tmp_path: Path) -> None:
    root = _project(tmp_path)
    path = root / "sources" / "measures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  unit: people\n", '  unit: "peo\\Lple\\r"\n'), encoding="utf-8")
    assert [e for e in _errors(root) if e.startswith("sources/measures.yml")] == ["sources/measures.yml:3: [0].unit: invisible control character (U+000D, U+2028), written as a YAML escape (delete it; text on the site cannot contain it)"]


def test_binary_value_is_refused(tmp_path: Path) -> None:
    # !!binary makes bytes, which the models would otherwise take as text: here ESC [ 3 1 m.
    root = _project(tmp_path)
    path = root / "sources" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("subtitle: A tiny site for tests", "subtitle: !!binary G1szMW0="), encoding="utf-8")
    assert [e for e in _errors(root) if e.startswith("sources/site.yml:2")] == ["sources/site.yml:2: subtitle: binary YAML values (!!binary) are not supported (write the value as plain text)"]


def test_tab_and_line_break_escapes_stay_allowed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    path = root / "sources" / "eras.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  summary: The war years.", '  summary: "The war\\tyears,\\nall four."'), encoding="utf-8")
    assert _errors(root) == []
