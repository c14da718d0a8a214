"""The review gate: what the builder wrote is a draft, marked as the machine's, and never published until reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.cli import main
from builder.pipeline import check_only
from builder.problems import ContentError
from tests.conftest import make_project
from tests.test_add import ARTICLE

REPORT = "sources/field-report.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def _edit(project: Path, old: str, new: str) -> list[str]:
    """Replace ``old`` (once) in the mini fixture's field report; the file's lines after the edit."""
    path = project / REPORT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_text(encoding="utf-8").splitlines()


def _line(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def _refused(project: Path) -> list:
    with pytest.raises(ContentError) as err:
        check_only(project)
    return [p for p in err.value.problems if p.severity == "error"]


def _generated(project: Path) -> str:
    """Every page and data file the builder wrote into docs/, as one text."""
    docs = project / "docs"
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*")) if p.is_file() and p.suffix in (".md", ".json", ".csv"))


def test_an_added_source_is_a_draft_that_build_leaves_out_and_the_preview_shows(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "saved.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert main(["add", str(page), "--root", str(project)]) == 0
    path = project / "sources" / "court-jails-soldier-who-refused-to-return-to-the-front.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["draft"] is True
    # What the builder read off the page and the note it wrote, named as the machine's.
    assert meta["machine"] == ["title", "authors", "publisher", "url", "published", "notes"]
    assert all(e["machine"] for e in (*meta["events"], *meta["figures"]))
    assert "date" in meta["events"][0]["machine"]
    capsys.readouterr()

    assert main(["build", "--pages-only", "--root", str(project)]) == 0
    assert "left out, waiting for review" in capsys.readouterr().err
    published = _generated(project)
    for text in ("Court jails soldier", "Imported with the add command", "garrison military court", "Jane Roe"):
        assert text not in published, text

    assert main(["build", "--pages-only", "--drafts", "--root", str(project)]) == 0
    preview = _generated(project)
    assert "Draft: Court jails soldier who refused to return to the front" in preview
    assert "Written by the builder, not reviewed: Imported with the add command" in preview
    assert "Written by the builder, not reviewed: The text says" in preview


def test_a_published_source_that_still_names_machine_fields_is_refused_at_each_field(project: Path) -> None:
    lines = _edit(
        project,
        'notes: "Site furniture removed."\n',
        'notes: "Imported from the saved file page.html."\nmachine: [authors, notes, published]\n',
    )
    refused = {p.line: p for p in _refused(project)}
    machine_line = _line(lines, "machine:")
    notes = refused[_line(lines, "notes:")]
    assert notes.path == REPORT
    assert notes.message == 'the source is published, but its notes is still the builder\'s and not reviewed: "Imported from the saved file page.html."'
    assert notes.fix == f"rewrite notes in your own words, stating only what the source's text supports; then delete notes from machine: on line {machine_line}, or keep the source draft: true until then"
    authors = refused[_line(lines, "authors:")]
    assert "its authors is still the builder's" in authors.message and authors.fix.startswith("compare authors with the source's text and correct it")
    assert _line(lines, "published:") in refused
    assert len(refused) == 3

    # A draft may carry them.
    _edit(project, "machine: [authors, notes, published]\n", "machine: [authors, notes, published]\ndraft: true\n")
    check_only(project)


@pytest.mark.parametrize(
    ("anchor", "field", "marked"),
    [
        ('    title: The order is issued\n', "date", '    title: The order is issued\n    machine: [date]\n'),
        ('    producer: Example Gazette\n', "producer", '    producer: Example Gazette\n    machine: [value, producer]\n'),
    ],
)
def test_an_accepted_event_or_figure_with_machine_fields_is_refused(project: Path, anchor: str, field: str, marked: str) -> None:
    lines = _edit(project, anchor, marked)
    refused = _refused(project)
    assert any(f"its {field} is still the builder's" in p.message for p in refused)
    assert all(p.path == REPORT and lines[p.line - 1].lstrip().startswith(("date:", "value:", "producer:")) for p in refused)
    # Kept a draft, it passes (and is not published).
    _edit(project, marked, marked + "    draft: true\n")
    check_only(project)


def test_text_that_speaks_to_an_editor_is_refused_even_without_a_mark(project: Path) -> None:
    lines = _edit(
        project,
        "    summary: The gazette reports that the order was issued in June 1942.\n",
        "    summary: The gazette reports that the order was issued in June 1942.\n"
        "    date_note: \"The text says 'June 1942'; the date finder resolved it against the publication date. Check it.\"\n",
    )
    lines = _edit(project, 'notes: "Site furniture removed."', 'notes: "Compare the text with the original before publishing."')
    refused = _refused(project)
    assert {(p.line, p.message.split(" speaks")[0]) for p in refused} == {
        (_line(lines, "    date_note:"), "event 'order-issued': date_note"),
        (_line(lines, "notes:"), "the source: notes"),
    }
    assert all(p.fix == "rewrite it in your own words for readers, stating only what the source's text supports" for p in refused)


def test_machine_names_only_fields_of_its_own_entry(project: Path) -> None:
    lines = _edit(project, "    title: The order is issued\n", "    title: The order is issued\n    machine: [date, notes]\n    draft: true\n")
    refused = _refused(project)
    assert [(p.line, p.message) for p in refused] == [
        (_line(lines, "    machine:"), "events[0].machine: names unknown field(s) notes"),
    ]
