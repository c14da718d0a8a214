"""One id names one thing: an id two kinds of record share is refused where the second one is."""

from __future__ import annotations

from pathlib import Path

from builder.pipeline import check_only
from tests.conftest import ROOT
from tests.test_check_gaps import _edit, _project
from tests.test_check_gaps import _problems as _messages


def test_event_with_a_term_id_is_refused_at_the_event(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "  - id: order-issued", "  - id: blocking-units")
    errors = [m for m in _messages(root) if "already the id" in m]
    assert errors and all(m.endswith("(sources/glossary.yml:1); links, anchors and JSON-LD would mix the two up (give the event another id)") for m in errors)
    assert errors[0].startswith("sources/field-report.md:16: event id 'blocking-units' is already the id of a term")


def test_figure_with_a_measure_id_and_a_term_with_a_figure_anchor_are_refused(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "  - id: gazette-count", "  - id: people-detained")
    _edit(root, "glossary.yml", "- id: blocking-units", "- id: figure-people-detained")
    messages = _messages(root)
    assert "sources/field-report.md:30: figure id 'people-detained' is already the id of a measure (sources/measures.yml:1); links, anchors and JSON-LD would mix the two up (give the figure another id)" in messages
    assert "sources/field-report.md:30: figure id 'figure-people-detained' is already the id of a term (sources/glossary.yml:1); links, anchors and JSON-LD would mix the two up (give the figure another id)" in messages


def test_draft_event_with_a_clashing_id_is_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "  - id: units-formed\n", "  - id: people-detained\n    draft: true\n")
    messages = _messages(root)
    assert "warning: sources/field-report.md:23: event id 'people-detained' is already the id of a measure (sources/measures.yml:1); links, anchors and JSON-LD would mix the two up (give the event another id)" in messages


def test_term_named_like_a_letter_heading_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "glossary.yml", "- id: blocking-units", "- id: letter-b")
    assert "sources/glossary.yml:1: term id 'letter-b' is the anchor of a letter heading on the glossary page (give the term another id)" in _messages(root)


def test_bundled_content_gives_each_id_one_kind() -> None:
    from builder.curate import curate

    content, _ = check_only(ROOT)
    site = curate(content)
    kinds = [set(site.events_by_id), set(site.figures_by_id), set(site.terms_by_id), {g.measure.id for g in site.measures}]
    assert all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])


def test_ids_of_a_clean_tree_are_checked_without_mapping_lines(tmp_path: Path, monkeypatch) -> None:
    """A file's line map costs a second parse of its YAML: only a message needs one (LoadedFile.lines)."""
    import builder.load

    mapped: list[int] = []
    line_map = builder.load.line_map
    monkeypatch.setattr(builder.load, "line_map", lambda text, first: mapped.append(first) or line_map(text, first))
    root = _project(tmp_path)
    assert _messages(root) == []
    assert mapped == []
    _edit(root, "field-report.md", "  - id: order-issued", "  - id: blocking-units")
    assert any("already the id" in m for m in _messages(root)) and mapped
