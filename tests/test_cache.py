"""The build cache: a rebuild with nothing changed is skipped, and any change to sources, pages or builder is seen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import cache as build_cache
from builder.check import check
from builder.load import load_tree
from builder.pipeline import generate
from builder.problems import Problems
from builder.profile import read_text
from tests.conftest import make_project


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    first = generate(root)
    assert first.site is not None and first.report is not None and first.report.written
    return root


def test_nothing_changed_skips_the_pipeline_and_writes_nothing(project: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    again = generate(project)
    assert again.site is None
    assert again.report is not None and again.report.written == () and again.report.removed == ()
    assert again.report.unchanged > 0
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()} == before


def test_skipped_build_keeps_warnings_and_counts(project: Path, tmp_path: Path) -> None:
    skipped = generate(project)
    (tmp_path / "fresh").mkdir()
    fresh = generate(make_project(tmp_path / "fresh", sources=project / "sources"))
    assert skipped.site is None and fresh.site is not None
    assert (skipped.warnings, skipped.drafts, skipped.title) == (fresh.warnings, fresh.drafts, fresh.title)


def test_an_edited_source_is_rebuilt_like_an_uncached_build(project: Path, tmp_path: Path) -> None:
    source = project / "sources" / "field-report.md"
    text = source.read_text(encoding="utf-8")
    assert "\npublisher: Example Gazette\n" in text
    source.write_text(text.replace("\npublisher: Example Gazette\n", "\npublisher: Example Gazette Weekly\n"), encoding="utf-8")
    edited = generate(project)
    assert edited.site is not None and edited.report is not None
    assert f"sources/{source.stem}.md" in edited.report.written

    (tmp_path / "uncached").mkdir()
    uncached = make_project(tmp_path / "uncached", sources=project / "sources")
    generate(uncached)
    assert _pages(project / "docs") == _pages(uncached / "docs")


def test_a_touched_page_is_written_again(project: Path) -> None:
    page = project / "docs" / "timeline.md"
    if not page.exists():
        page = next(p for p in sorted((project / "docs").rglob("*.md")) if p.name != "about.md")
    original = page.read_bytes()
    page.write_bytes(b"changed by hand\n")
    again = generate(project)
    assert again.site is not None
    assert page.read_bytes() == original


def test_a_stray_file_in_a_generated_folder_is_removed(project: Path) -> None:
    stray = project / "docs" / "sources" / "stray.md"
    stray.write_text("left over\n", encoding="utf-8")
    again = generate(project)
    assert again.site is not None and again.report is not None
    assert "sources/stray.md" in again.report.removed and not stray.exists()


def test_a_new_builder_invalidates_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_cache, "builder_fingerprint", lambda: "another builder")
    assert generate(project).site is not None


def test_a_corrupt_cache_is_ignored(project: Path) -> None:
    for path in (project / build_cache.CACHE_DIR).iterdir():
        path.write_bytes(b"not a pickle")
    again = generate(project)
    assert again.site is not None
    assert generate(project).site is None


def test_sources_hash_sees_content_names_and_links(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.md").write_text("one", encoding="utf-8")
    first = build_cache.tree_digest(folder)
    assert build_cache.tree_digest(folder) == first
    (folder / "a.md").write_text("two", encoding="utf-8")
    second = build_cache.tree_digest(folder)
    assert second != first
    (folder / "a.md").rename(folder / "b.md")
    third = build_cache.tree_digest(folder)
    assert third != second
    (folder / "c.md").symlink_to(folder / "b.md")
    assert build_cache.tree_digest(folder) != third


def test_the_text_memo_reads_only_the_edited_text_again(project: Path) -> None:
    sources = sorted((project / "sources").glob("*.md"))
    memo = build_cache.TextMemo(project)
    assert len(memo.known) == len(sources)  # the first build kept one profile per source
    edited = sources[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, officials said.\n", encoding="utf-8")

    content = check(load_tree(project, Problems()), Problems())
    assert content is not None
    profiles = [memo.profile(s.body, s.meta.language) for s in content.sources]
    assert memo.read == 1
    assert profiles == [read_text(s.body, s.meta.language) for s in content.sources]


def test_the_text_memo_gives_back_the_text_sections_of_unchanged_notes(project: Path) -> None:
    from builder.curate import curate
    from builder.render import render_site

    sources = sorted((project / "sources").glob("*.md"))
    memo = build_cache.TextMemo(project)
    assert len(memo.sections.known) == len(sources)  # who each relies on, how each hedges
    edited = sources[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe figure was probably higher, officials said.\n", encoding="utf-8")

    content = check(load_tree(project, Problems()), Problems())
    assert content is not None
    site = curate(content, memo.profile)
    kept = render_site(site, memo.keep)
    assert memo.sections.made == 1
    assert kept == render_site(curate(content))


MORE_EXCERPTS = "\nThe gazette said the count was probably low. Officials reportedly disputed it, according to the Example Herald.\n"
"""Speakers and hedges whose excerpts the fixture's quotes do not already show."""


def test_kept_text_sections_follow_the_reuse_limit(project: Path) -> None:
    """The sections take excerpts from what the reuse limit leaves; a new limit makes them again."""
    from builder.curate import curate
    from builder.render import render_site

    limited = next(p for p in sorted((project / "sources").glob("*.md")) if "reuse:" in p.read_text(encoding="utf-8"))
    memo = build_cache.TextMemo(project)
    text = limited.read_text(encoding="utf-8") + MORE_EXCERPTS
    limited.write_text(re.sub(r"limit: \d+", "limit: 150", text, count=1), encoding="utf-8")
    content = check(load_tree(project, Problems()), Problems())
    assert content is not None
    kept = render_site(curate(content, memo.profile), memo.keep)
    assert memo.sections.made == 1
    assert kept == render_site(curate(content))


def test_kept_text_sections_name_the_limit_and_the_quoted_characters(project: Path) -> None:
    """The note on excerpts left out names both; the same characters left under another limit make the sections again."""
    import dataclasses

    from builder.curate import curate
    from builder.render.sources import render_note

    limited = next(p for p in sorted((project / "sources").glob("*.md")) if "reuse:" in p.read_text(encoding="utf-8"))
    limited.write_text(re.sub(r"limit: \d+", "limit: 150", limited.read_text(encoding="utf-8") + MORE_EXCERPTS, count=1), encoding="utf-8")
    content = check(load_tree(project, Problems()), Problems())
    assert content is not None
    site = curate(content)
    profile = next(p for p in site.sources if p.source.meta.reuse is not None)
    memo = build_cache.TextMemo(project)
    render_note(profile, site, keep=memo.keep)
    made = memo.sections.made
    meta = profile.source.meta
    assert meta.reuse is not None
    wider = meta.model_copy(update={"reuse": meta.reuse.model_copy(update={"limit": meta.reuse.limit + 50})})
    shown = dataclasses.replace(profile.shown, limit=meta.reuse.limit + 50, chars=profile.shown.chars + 50)
    moved = dataclasses.replace(profile, source=dataclasses.replace(profile.source, meta=wider), quoted_chars=profile.quoted_chars + 50, shown=shown)
    assert render_note(moved, site, keep=memo.keep) == render_note(moved, site)
    assert memo.sections.made == made + 1


def test_a_corrupt_text_memo_is_ignored(project: Path) -> None:
    memo = build_cache.TextMemo(project)
    (memo.folder / memo.name).write_bytes(b"not a pickle")
    assert build_cache.TextMemo(project).known == {}
    (project / "sources" / "field-report.md").write_text((project / "sources" / "field-report.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert generate(project).site is not None


class _Payload:
    """Unpickling this writes a file: proof that a cache file was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "unpickled"))


def test_a_cache_file_this_machine_did_not_sign_is_never_unpickled(project: Path, tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "marker"
    folder = project / build_cache.CACHE_DIR
    planted = [folder / "last-build.pickle", folder / build_cache.TextMemo(project).name]
    for path in planted:
        path.write_bytes(pickle.dumps(_Payload(marker)))  # as a pull request could commit it
    (project / "sources" / "field-report.md").write_text((project / "sources" / "field-report.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert generate(project).site is not None
    assert not marker.exists()
    # A forged signature fails too: the key lives outside the project.
    for path in planted:
        path.write_bytes(b"\0" * 32 + pickle.dumps(_Payload(marker)))
    assert build_cache.read_signed(planted[0]) is None and not marker.exists()
