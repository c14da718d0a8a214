"""Files that hold nothing, or that cannot be read: each is reported once, at its line, and never skipped in silence."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_project, run_builder
from tests.test_check_gaps import _problems as _messages
from tests.test_check_gaps import _project


def test_an_article_whose_frontmatter_holds_only_a_comment_is_refused_not_left_out(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "not-yet.md").write_text("---\n# to fill in\n---\nThe article's text.\n", encoding="utf-8")
    assert _messages(root) == ["sources/not-yet.md:1: expected a mapping of fields, found nothing (write 'field: value' lines; see CONTRIBUTING.md)"]


def test_a_site_file_holding_only_a_comment_is_an_error_not_a_crash(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "site.yml").write_text("# the site's title comes here\n", encoding="utf-8")
    assert _messages(root) == ["sources/site.yml:1: expected a mapping of fields, found nothing (write 'field: value' lines; see CONTRIBUTING.md)"]
    project = make_project(tmp_path / "project")
    (project / "sources" / "site.yml").write_text("# the site's title comes here\n", encoding="utf-8")
    done = run_builder(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout and "internal error" not in done.stderr


def test_a_list_file_holding_only_comments_has_no_entries(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "glossary.yml").write_text("# no terms yet\n", encoding="utf-8")
    assert not [m for m in _messages(root) if not m.startswith("warning:")]
    (root / "sources" / "measures.yml").write_text("# no measures yet\n", encoding="utf-8")
    assert any("unknown measure" in m for m in _messages(root))  # the figures' measures are then unknown, as with an empty list


def test_an_unreadable_eras_file_is_the_one_error_reported_about_eras(tmp_path: Path) -> None:
    root = _project(tmp_path)
    glossary = (root / "sources" / "glossary.yml").read_text(encoding="utf-8")
    assert "eras:" in glossary  # terms name eras: none of them is reported unknown while eras.yml cannot be read
    (root / "sources" / "eras.yml").write_text("- id: [\n", encoding="utf-8")
    errors = [m for m in _messages(root) if not m.startswith("warning:")]
    assert len(errors) == 1 and errors[0].startswith("sources/eras.yml:"), errors
