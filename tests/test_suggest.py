"""Drafts: suggest adds them once, keeps the file as written, the check accepts them, build leaves them out."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from builder.pipeline import check_only, render_pages
from builder.problems import ContentError
from tests.conftest import BACKGROUND, make_project

SOURCE = """---
title: "Court jails soldier who refused to return to the front"
publisher: Example Gazette   # as the page shows it
authors: [Ann Writer]
url: https://example.org/court
published: "2024-03-15"
language: en
kind: news
# Curated by hand; suggest must leave this untouched.
events:
  - id: court-sentence
    date: "2024-03-12"
    title: Court jails a soldier for refusing to return
    summary: The gazette reports that a military court sentenced a soldier for refusing to return to his unit.
    quote: "A garrison military court on Tuesday sentenced a contract soldier"
figures: []
---
A garrison military court on Tuesday sentenced a contract soldier to six years in a penal colony, the independent outlet Mediazona reported.

The soldier left his unit on 3 January and was detained two weeks later.

Mediazona has counted more than 7,300 verdicts for going absent without leave since September 2022. Courts probably handed down about 4,200 of them in 2023.

The order was issued in June 1942, the gazette said, and so-called "blocking units" were formed.
""" + BACKGROUND


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, extra={"sources/court-report.md": SOURCE})


def suggest(project: Path) -> int:
    return main(["suggest", "sources/court-report.md", "--root", str(project)])


def meta_of(project: Path) -> dict:
    return yaml.safe_load((project / "sources" / "court-report.md").read_text(encoding="utf-8").split("---\n")[1])


def test_suggest_adds_drafts_and_keeps_every_line_as_written(project: Path) -> None:
    assert suggest(project) == 0
    after = (project / "sources" / "court-report.md").read_text(encoding="utf-8")
    opcodes = difflib.SequenceMatcher(None, SOURCE.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    changed = [(tag, SOURCE.splitlines()[i1:i2]) for tag, i1, i2, _, _ in opcodes if tag != "equal"]
    # Only insertions, and the empty flow list figures: [] replaced by a block list.
    assert all(tag == "insert" or lines == ["figures: []"] for tag, lines in changed)
    meta = meta_of(project)
    events = {e["id"]: e for e in meta["events"]}
    assert "court-sentence" in events and "draft" not in events["court-sentence"]
    drafted = [e for e in meta["events"] if e.get("draft")]
    assert {e["date"] for e in drafted} == {"2024-01-03", "2022-09", "2023", "1942-06"}
    january = next(e for e in drafted if e["date"] == "2024-01-03")
    assert january["quote"] == "The soldier left his unit on 3 January and was detained two weeks later."
    assert "3 January" in january["date_note"]
    figures = meta["figures"]
    assert [(f.get("value"), f.get("qualifier", "stated")) for f in figures] == [(6, "stated"), (7300, "more-than"), (4200, "approximately")]
    assert all(f["draft"] is True for f in figures)
    terms = {t["term"]: t for t in meta["terms"]}
    assert terms["blocking units"]["glossary"] == "blocking-units" or terms["blocking units"]["glossary"] is None
    assert main(["check", "--root", str(project)]) == 0


def test_running_suggest_twice_adds_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suggest(project) == 0
    once = (project / "sources" / "court-report.md").read_bytes()
    capsys.readouterr()
    assert suggest(project) == 0
    assert (project / "sources" / "court-report.md").read_bytes() == once
    assert "drafted 0 event(s), 0 figure(s), 0 term(s)" in capsys.readouterr().err


def test_build_leaves_drafts_out_and_the_preview_marks_them(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suggest(project) == 0
    content, _ = check_only(project)
    assert content.drafts >= 7
    pages = render_pages(project)
    assert "detained two weeks later" not in pages["timeline.md"]
    assert not any("7,300" in text for path, text in pages.items() if path.startswith("figures"))
    preview, _ = check_only(project, drafts=True)
    shown = [e for s in preview.sources for e in s.meta.events if e.title and e.title.startswith("Draft: ")]
    assert len(shown) == 4 and not any(e.draft for s in preview.sources for e in s.meta.events)
    capsys.readouterr()
    assert main(["build", "--pages-only", "--root", str(project)]) == 0
    assert f"drafts: {content.drafts} left out, waiting for review" in capsys.readouterr().err
    assert "detained two weeks later" not in (project / "docs" / "timeline.md").read_text(encoding="utf-8")
    assert main(["build", "--pages-only", "--drafts", "--root", str(project)]) == 0
    assert "shown, marked as drafts" in capsys.readouterr().err
    timeline = (project / "docs" / "timeline.md").read_text(encoding="utf-8")
    assert "Draft: The soldier left his unit on 3 January" in timeline


def _edit(project: Path, old: str, new: str, count: int = 1) -> None:
    path = project / "sources" / "court-report.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_accepting_a_draft_is_reviewing_what_the_machine_wrote_then_removing_its_marks(project: Path) -> None:
    assert suggest(project) == 0
    event_id = next(e["id"] for e in meta_of(project)["events"] if e.get("draft") and e["date"] == "2024-01-03")
    assert next(e for e in meta_of(project)["events"] if e["id"] == event_id)["machine"] == ["date", "date_note"]
    date_line = '    date: "2024-01-03"\n'
    _edit(project, date_line, date_line.replace("date:", "title: Soldier detained\n    summary: The gazette says he was detained two weeks after leaving.\n    date:"))
    # Only the draft mark removed: the builder's date and note are refused, each at its line, saying what to do.
    text = (project / "sources" / "court-report.md").read_text(encoding="utf-8")
    start = text.index(f'- id: "{event_id}"')
    block = text[start : text.index("draft: true\n", start) + len("draft: true\n")]
    _edit(project, block, block.replace("    draft: true\n", ""))
    lines = (project / "sources" / "court-report.md").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ContentError) as err:
        check_only(project)
    refused = {p.line: p for p in err.value.problems if p.path == "sources/court-report.md"}
    note_line = next(i for i, line in enumerate(lines, 1) if line.startswith("    date_note:") and "3 January" in line)
    assert f"event {event_id!r} is published, but its date_note is still the builder's" in refused[note_line].message
    assert "rewrite date_note in your own words" in refused[note_line].fix and "delete date_note from machine:" in refused[note_line].fix
    assert "compare date with the source's text" in refused[note_line - 1].fix
    # The marks deleted without a rewrite: the note still speaks to an editor and is refused.
    machine_line = next(i for i, line in enumerate(lines[note_line:], note_line + 1) if line.startswith("    machine:"))
    path = project / "sources" / "court-report.md"
    path.write_text("\n".join(lines[: machine_line - 1] + lines[machine_line:]) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        check_only(project)
    assert any(p.line == note_line and "date_note speaks to an editor" in p.message for p in err.value.problems)
    # Rewritten in the curators' words: published.
    old_note = lines[note_line - 1]
    _edit(project, old_note, "    date_note: \"The source says '3 January' without a year; it is the January before the March 2024 sentencing it reports.\"")
    content, _ = check_only(project)
    assert any(e.id == event_id and not e.draft and not e.machine for s in content.sources for e in s.meta.events)
    assert "Soldier detained" in render_pages(project)["timeline.md"]


def test_an_accepted_event_without_a_title_is_an_error(project: Path) -> None:
    assert suggest(project) == 0
    event_id = next(e["id"] for e in meta_of(project)["events"] if e.get("draft"))
    text = (project / "sources" / "court-report.md").read_text(encoding="utf-8")
    start = text.index(f'- id: "{event_id}"')
    end = text.index("draft: true\n", start) + len("draft: true\n")
    _edit(project, text[start:end], text[start:end].replace("    draft: true\n", ""))
    with pytest.raises(ContentError) as err:
        check_only(project)
    assert any(f"event {event_id!r} has no title or summary" in p.message for p in err.value.problems)


def test_a_draft_figure_may_propose_a_measure_but_an_accepted_one_may_not(project: Path) -> None:
    _edit(project, "figures: []", 'figures:\n  - id: court-verdicts\n    measure: awol-verdicts\n    value: 7300\n    qualifier: more-than\n    quote: "more than 7,300 verdicts"\n    draft: true')
    _, warnings = check_only(project)
    assert any("unknown measure 'awol-verdicts'" in w.message and "before accepting the draft" in w.fix for w in warnings)
    _edit(project, "    quote: \"more than 7,300 verdicts\"\n    draft: true", "    quote: \"more than 7,300 verdicts\"")
    with pytest.raises(ContentError) as err:
        check_only(project)
    assert any("unknown measure 'awol-verdicts'" in p.message for p in err.value.problems)


def test_term_drafts_are_checked(project: Path) -> None:
    _edit(project, "figures: []", 'figures: []\nterms:\n  - term: blocking units\n    glossary: no-such-term\n    quote: "not in the text at all"\n    draft: true\n  - term: verdicts\n    quote: "7,300 verdicts"\n    draft: false')
    with pytest.raises(ContentError) as err:
        check_only(project)
    messages = [p.message for p in err.value.problems]
    assert any("unknown glossary term 'no-such-term'" in m for m in messages)
    assert any("quote not found in court-report" in m for m in messages)
    assert any("'verdicts' is not a draft" in m for m in messages)


def test_suggest_refuses_what_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, extra={"sources/russian.md": "---\ntitle: Заградотряды\nlanguage: ru\nkind: news\n---\nТекст статьи.\n"})
    before = (project / "sources" / "russian.md").read_bytes()
    assert main(["suggest", "russian", "--root", str(project)]) == 1
    assert "annotate it by hand" in capsys.readouterr().err
    assert (project / "sources" / "russian.md").read_bytes() == before
    assert main(["suggest", "nothing-here", "--root", str(project)]) == 2
    assert "no source 'nothing-here'" in capsys.readouterr().err
