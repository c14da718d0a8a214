"""When each citation was reported: the date its entry states, else its source's publication date, else unknown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from builder.pipeline import render_pages
from tests.conftest import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "sources" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _citation_lines(page: str, event_id: str) -> list[str]:
    block = page[page.index(f"{{#{event_id}}}") :]
    block = block[: block.find("\n### ") if "\n### " in block else len(block)]
    return [line for line in block.splitlines() if line.startswith("- [")]


def test_each_event_citation_shows_when_it_was_reported(project: Path) -> None:
    # The gazette (published 26 October 2023) states no report date; the second account has no publication date.
    pages = render_pages(project)
    gazette, second = _citation_lines(pages["timeline/1942.md"], "order-issued")
    assert "Field report" in gazette and "reported 26 October 2023" in gazette
    assert "A second account" in second and "report date unknown" in second and "reported 2" not in second
    rows = {r["id"]: r for r in json.loads(pages["data/timeline.json"])}
    cited = {c["source"]: c for c in rows["order-issued"]["citations"]}
    assert (cited["field-report"]["reported"], cited["field-report"]["reported_text"], cited["field-report"]["reported_stated"]) == ("2023-10-26", "26 October 2023", False)
    assert (cited["second-account"]["reported"], cited["second-account"]["reported_text"]) == (None, None)
    assert rows["order-issued"]["reported"] == "2023-10-26"

    # A date the entry states wins over the publication date.
    _edit(project, "field-report.md", '    tags: [order]\n', '    tags: [order]\n    reported: "2023-10"\n')
    pages = render_pages(project)
    gazette, _ = _citation_lines(pages["timeline/1942.md"], "order-issued")
    assert "reported October 2023" in gazette
    cited = {c["source"]: c for r in json.loads(pages["data/timeline.json"]) if r["id"] == "order-issued" for c in r["citations"]}
    assert (cited["field-report"]["reported"], cited["field-report"]["reported_stated"]) == ("2023-10", True)
    assert "field-report: date 1942-06; reported 2023-10" in next(
        r["citation_versions"] for r in csv.DictReader(io.StringIO(pages["data/timeline.csv"])) if r["id"] == "order-issued"
    )


def test_each_figure_carries_when_it_was_reported(project: Path) -> None:
    _edit(project, "second-account.md", '    producer: An analyst\n', '    producer: An analyst\n    reported: "2023-08~"\n')
    pages = render_pages(project)
    rows = {r["id"]: r for r in json.loads(pages["data/figures.json"])}
    assert (rows["gazette-count"]["reported"], rows["gazette-count"]["reported_text"]) == ("2023-10-26", "26 October 2023")
    assert rows["gazette-count"]["citations"] == [{"source": "field-report", "quote": "more than 1,000 people were detained", "reported": "2023-10-26", "reported_stated": False}]
    assert (rows["analyst-count"]["reported"], rows["analyst-count"]["citations"][0]["reported_stated"]) == ("2023-08~", True)
    # No publication date and none stated: unknown, never made up.
    assert (rows["analyst-yearly-projection"]["reported"], rows["analyst-yearly-projection"]["reported_text"]) == (None, None)
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(pages["data/figures.csv"]))}
    assert (table["gazette-count"]["reported"], table["analyst-yearly-projection"]["reported"]) == ("2023-10-26", "")
