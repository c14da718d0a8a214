"""The disk cache (builder/incremental.py): a rebuild with nothing changed is skipped, any change to sources, pages or builder is seen, and each file's results are reused while its text is the same."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest

from builder import incremental
from builder.incremental import Builds, Files
from builder.pipeline import generate
from builder.problems import Problems
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
    monkeypatch.setattr(incremental, "builder_fingerprint", lambda: "another builder")
    assert generate(project).site is not None


def test_a_corrupt_cache_is_ignored(project: Path) -> None:
    for path in (project / incremental.CACHE_DIR).iterdir():
        path.write_bytes(b"not json or msgpack")
    again = generate(project)
    assert again.site is not None
    assert generate(project).site is None


def test_sources_hash_sees_content_names_and_links(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.md").write_text("one", encoding="utf-8")
    first = incremental.tree_digest(folder)
    assert incremental.tree_digest(folder) == first
    (folder / "a.md").write_text("two", encoding="utf-8")
    second = incremental.tree_digest(folder)
    assert second != first
    (folder / "a.md").rename(folder / "b.md")
    third = incremental.tree_digest(folder)
    assert third != second
    (folder / "c.md").symlink_to(folder / "b.md")
    assert incremental.tree_digest(folder) != third


def _texts_file(project: Path) -> Path:
    return project / incremental.CACHE_DIR / f"texts-{incremental.builder_fingerprint()}.msgpack"


def test_the_disk_cache_reads_only_the_edited_text_again(project: Path, tmp_path: Path) -> None:
    sources = sorted((project / "sources").glob("*.md"))
    edited = sources[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, officials said.\n", encoding="utf-8")
    builds = Builds()
    generate(project, builds=builds)
    assert builds.on_disk and builds.files.made["profile"] == 1  # the other texts' profiles came from the disk cache
    (tmp_path / "uncached").mkdir()
    uncached = make_project(tmp_path / "uncached", sources=project / "sources")
    generate(uncached)
    assert _pages(project / "docs") == _pages(uncached / "docs")


MORE_EXCERPTS = "\nThe gazette said the count was probably low. Officials reportedly disputed it, according to the Example Herald.\n"
"""Speakers and hedges whose excerpts the fixture's quotes do not already show."""


def test_kept_text_sections_follow_the_reuse_limit(project: Path, tmp_path: Path) -> None:
    """The sections take excerpts from what the reuse limit leaves; a new limit makes them again."""
    limited = next(p for p in sorted((project / "sources").glob("*.md")) if "reuse:" in p.read_text(encoding="utf-8"))
    builds = Builds()
    generate(project, builds=builds)
    text = limited.read_text(encoding="utf-8") + MORE_EXCERPTS
    limited.write_text(re.sub(r"limit: \d+", "limit: 150", text, count=1), encoding="utf-8")
    generate(project, builds=builds)
    assert builds.files.made["sections-within"] == 1
    (tmp_path / "uncached").mkdir()
    uncached = make_project(tmp_path / "uncached", sources=project / "sources")
    generate(uncached)
    assert _pages(project / "docs") == _pages(uncached / "docs")


def test_text_sections_are_kept_with_the_limit_and_the_quoted_characters() -> None:
    """The same text under another limit, or with other characters quoted, makes the sections again."""
    files = Files()
    made: list[tuple] = []

    def sections(given: tuple) -> str:
        return files.get("sources/a.md", b"1", "sections", lambda _: made.append(given) or f"{given}", given=given)

    assert sections((100, 10)) == "(100, 10)"
    assert sections((100, 10)) == "(100, 10)" and len(made) == 1
    sections((150, 10))
    sections((150, 60))
    assert made == [(100, 10), (150, 10), (150, 60)]


def test_a_file_is_known_by_its_path_and_text_and_its_problems_are_reported_again() -> None:
    files = Files()
    calls: list[str] = []

    def load(rel: str, digest: bytes, problems: Problems) -> str:
        def make(found: Problems) -> str:
            calls.append(rel)
            found.add(rel, 3, "a problem")
            return f"{rel} {digest!r}"

        return files.get(rel, digest, "load", make, problems)

    first, again = Problems(), Problems()
    assert load("sources/a.md", b"1", first) == "sources/a.md b'1'"
    files.finish()
    files.start()
    assert load("sources/a.md", b"1", again) == "sources/a.md b'1'"
    assert calls == ["sources/a.md"]  # kept from the last build
    assert [str(p) for p in again] == [str(p) for p in first] == ["sources/a.md:3: a problem"]
    load("sources/a.md", b"2", Problems())  # another text
    load("sources/b.md", b"1", Problems())  # another file with the same text
    assert calls == ["sources/a.md", "sources/a.md", "sources/b.md"]


def test_only_what_the_last_good_build_used_is_kept() -> None:
    files = Files()
    files.get("sources/a.md", b"1", "load", lambda _: "a")
    files.get("sources/gone.md", b"1", "load", lambda _: "gone")
    files.finish()
    files.start()
    files.get("sources/a.md", b"1", "load", lambda _: "made again")
    # A build that fails does not finish: the next starts from the last good build's results.
    files.start()
    assert files.has("sources/gone.md", b"1", "load")
    files.get("sources/a.md", b"1", "load", lambda _: "made again")
    files.finish()
    assert not files.has("sources/gone.md", b"1", "load") and files.has("sources/a.md", b"1", "load")


def test_a_corrupt_disk_cache_is_ignored(project: Path) -> None:
    _texts_file(project).write_bytes(b"not msgpack")
    builds = Builds()
    generate(project, builds=builds)
    assert builds.files.made["profile"] == len(list((project / "sources").glob("*.md")))


def test_a_planted_cache_file_is_read_as_data_and_runs_no_code(project: Path, tmp_path: Path) -> None:
    """The cache lies in the project folder, which a pull request controls: what it holds is read against a schema, never executed."""
    import pickle

    marker = tmp_path / "marker"
    payload = pickle.dumps(_Payload(marker))
    _texts_file(project).write_bytes(msgspec.msgpack.encode({"profile": {"sources/field-report.md": [b"x", [], payload]}}))
    (project / incremental.CACHE_DIR / "last-build.json").write_bytes(payload)
    assert generate(project).site is not None
    assert not marker.exists()


class _Payload:
    """Unpickling this writes a file: proof that a cache file was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "unpickled"))
