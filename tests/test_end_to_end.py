"""End to end: the command line builds real sites with ``mkdocs build --strict``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, make_project, run_builder

run = run_builder


class _Refs(HTMLParser):
    """Collects links and the resources a page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("rel", "") not in ("canonical", "alternate") and a.get("href"):
            self.loads.append(a["href"])
        if tag == "object" and a.get("data"):
            self.loads.append(a["data"])
        for value in (a.get("srcset", ""), a.get("style", "")):
            self.loads.extend(re.findall(r"https?://[^\s,)\"']+", value))


def parse(page: Path) -> _Refs:
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8"))
    return refs


@pytest.fixture
def bundled(bundled_site: Path) -> Path:
    return bundled_site


def test_bundled_site_has_every_page(bundled: Path) -> None:
    for page in ("index.html", "timeline.html", "glossary.html", "figures.html", "sources/index.html", "about.html", "404.html"):
        assert (bundled / page).is_file(), page
    source_ids = sorted(p.stem for p in (ROOT / "sources").glob("*.md"))
    assert len(source_ids) >= 5
    for source_id in source_ids:
        assert (bundled / "sources" / f"{source_id}.html").is_file()


def test_every_citation_links_to_its_source_page(bundled: Path) -> None:
    timeline = json.loads((bundled / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert len(timeline) >= 25
    pages = {page: page.read_text(encoding="utf-8") for page in sorted((bundled / "timeline").glob("*.html"))}
    for event in timeline:
        [(page, html)] = [(p, h) for p, h in pages.items() if f'id="{event["id"]}"' in h]
        block = re.split(r"<h[1-4][ >]", html.split(f'id="{event["id"]}"', 1)[1], maxsplit=1)[0]
        for citation in event["citations"]:
            link = f'href="../sources/{citation["source"]}.html'
            assert link in block, (page.name, event["id"], citation["source"])


def test_internal_links_resolve(bundled: Path) -> None:
    for page in bundled.rglob("*.html"):
        if page.name == "404.html":
            continue  # served at any path, so its links are absolute by design
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "mailto:")) or not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            assert target.exists(), f"{page.relative_to(bundled)} links to missing {href}"


def test_no_page_loads_anything_from_another_host(bundled: Path) -> None:
    for page in bundled.rglob("*.html"):
        for load in parse(page).loads:
            assert not urlsplit(load).scheme and not load.startswith("//"), f"{page.relative_to(bundled)} loads {load}"
    for sheet in bundled.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), sheet
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), sheet


def test_data_exports_have_documented_fields(bundled: Path) -> None:
    required = {
        "timeline": {"id", "date", "title", "summary", "tags", "citations"},
        "glossary": {"id", "term", "aliases", "original", "transliteration", "definition", "citations"},
        "figures": {"id", "measure", "value", "low", "high", "unit", "as_of", "producer", "citations"},
        "sources": {"id", "title", "publisher", "authors", "url", "published", "kind", "language"},
    }
    for name, fields in required.items():
        rows = json.loads((bundled / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert rows and all(fields <= set(row) for row in rows), name
        assert (bundled / "data" / f"{name}.csv").is_file()
    glossary = json.loads((bundled / "data" / "glossary.json").read_text(encoding="utf-8"))
    assert len(glossary) >= 15


def test_hostile_text_is_shown_not_run(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    done = run(project, "build")
    assert done.returncode == 0, done.stderr
    timeline = (project / "site" / "timeline.html").read_text(encoding="utf-8")
    assert "Units formed &lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "<script>alert" not in timeline
    note = (project / "site" / "sources" / "field-report.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in note and "<b>orders</b>" not in note


def test_check_exit_codes_and_nothing_written_on_error(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert run(project, "check").returncode == 0
    assert run(project, "build", "--pages-only").returncode == 0
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    bad = project / "sources" / "field-report.md"
    bad.write_text(bad.read_text().replace('date: "1942-06"', 'date: "1942-13"'), encoding="utf-8")
    for command in ("check", "build"):
        done = run(project, command)
        assert done.returncode == 1
        assert done.stdout.startswith("sources/field-report.md:17: events[0].date: '1942-13' is not a valid EDTF date")
        assert "Traceback" not in done.stderr
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_github_annotation_format(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    bad = project / "sources" / "field-report.md"
    bad.write_text(bad.read_text().replace("kind: news", "kind: blog"), encoding="utf-8")
    done = run(project, "check", "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("::error file=sources/field-report.md,line=8::kind: input should be")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert subprocess.run([sys.executable, "-m", "builder", "frobnicate"], capture_output=True).returncode == 2
    assert run(tmp_path, "check").returncode == 2  # no mkdocs.yml there
    help_text = subprocess.run([sys.executable, "-m", "builder", "build", "--help"], capture_output=True, text=True).stdout
    assert "--site-dir" in help_text


def test_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, extra={"docs/extra-page.md": "# Extra\n\n[missing](glossary.md#no-such-term)\n"})
    done = run(project, "build")
    assert done.returncode == 1
    assert "does not contain an anchor '#no-such-term'" in done.stderr
    assert not (project / "site").exists()


def test_csv_cells_never_start_a_formula() -> None:
    from builder.render.data import to_csv

    text = to_csv([{"id": "x", "title": "=HYPERLINK(\"http://evil\")", "value": -3, "tags": ["@a", "b"]}])
    assert text.splitlines()[1] == "x,\"'=HYPERLINK(\"\"http://evil\"\")\",-3,'@a | b"
