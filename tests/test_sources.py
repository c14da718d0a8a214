"""Sourcing notes and the sources index: reuse limits, agreement, sorting, pages."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from builder.check import check
from builder.curate import curate
from builder.curate.agreement import dates_agree, figures_agree
from builder.dates import parse
from builder.load import load_tree
from builder.pipeline import check_only, render_pages
from builder.problems import Problems
from builder.render import sources as sources_page
from tests.conftest import FIXTURES, ROOT

MINI = FIXTURES / "mini"


def _site(root: Path):
    content, _ = check_only(root)
    return curate(content)


def _mini_with(tmp_path: Path, edit) -> Path:
    shutil.copytree(MINI / "sources", tmp_path / "sources")
    edit(tmp_path / "sources")
    return tmp_path


def test_note_lists_speakers_hedges_and_disagreement() -> None:
    pages = render_pages(MINI)
    note = pages["sources/second-account.md"]
    assert "- **Ivan Petrov** — 1 mention: told reporters" in note
    assert "**Named inside quotations (1)**" in note and "- **commander** — 1 mention: told us" in note
    assert "*probably* (chances and guesses): “Colonel Ivan Petrov" in note
    assert "*not verified* (not verified): “The count **has not been verified**, according to" in note
    assert "**Disagree (1)**" in note
    assert "[Field report:" in note and "dates it June 1942; this source dates it 28 July 1942." in note


def _reuse_total(note: str) -> tuple[int, int]:
    match = re.search(r"\| Reuse limit \| .*: ([\d,]+) of ([\d,]+) characters \|", note)
    assert match, note
    return int(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))


@pytest.mark.parametrize("limit", [150, 260, 1000])
def test_excerpts_never_pass_the_reuse_limit(tmp_path: Path, limit: int) -> None:
    def edit(folder: Path) -> None:
        report = folder / "field-report.md"
        text = report.read_text().replace("limit: 400", f"limit: {limit}")
        text += "\nThe gazette said the count was probably low. Officials reportedly disputed it, according to the Example Herald.\n"
        report.write_text(text)

    site = _site(_mini_with(tmp_path, edit))
    profile = next(p for p in site.sources if p.source.id == "field-report")
    note = sources_page.render_note(profile, site)
    used, allowed = _reuse_total(note)
    assert allowed == limit and used <= limit
    excerpts = len(re.findall(r"^ *- .*“", note.split("## Who it relies on")[1], flags=re.M))
    if limit < 1000:
        assert re.search(r"excerpts? left out: the publisher allows", note)
    else:
        assert not re.search(r"excerpts? left out", note) and excerpts == 3


def test_reuse_limit_error_lists_every_quote(tmp_path: Path) -> None:
    root = _mini_with(tmp_path, lambda folder: (folder / "field-report.md").write_text((folder / "field-report.md").read_text().replace("limit: 400", "limit: 50")))
    problems = Problems()
    check(load_tree(root, problems), problems)
    [problem] = [p for p in problems.errors if "reuse limit" in p.message]
    assert problem.message.startswith("quotes from this source total 142 characters, over its reuse limit of 50: ")
    for quote in ('"The order was issued in June 1942." (34)', '"more than 1,000 people were detained" (36)'):
        assert quote in problem.message


def test_figures_and_dates_agree_by_their_wording() -> None:
    site = _site(MINI)
    figures = site.figures_by_id
    at_least = replace(figures["gazette-count"], qualifier="at-least", value=49000)
    assert figures_agree(at_least, replace(at_least, qualifier="exact", value=50554))
    assert not figures_agree(replace(at_least, qualifier="more-than", value=50000), replace(at_least, qualifier="exact", value=49001))
    assert not figures_agree(replace(at_least, qualifier="more-than", value=1000), replace(at_least, qualifier="exact", value=1000))
    about = replace(at_least, qualifier="approximately", value=5200)
    assert figures_agree(about, replace(about, qualifier="exact", value=5700))
    assert not figures_agree(about, replace(about, qualifier="exact", value=6000))
    nearly = replace(at_least, qualifier="nearly", value=100)
    assert figures_agree(nearly, replace(nearly, qualifier="exact", value=95))
    assert not figures_agree(nearly, replace(nearly, qualifier="exact", value=101))
    assert figures_agree(figures["gazette-count"], figures["analyst-count"])
    assert dates_agree(parse("2022-02"), parse("2022-02-24"))
    assert not dates_agree(parse("1942-06"), parse("1942-07-28"))
    assert dates_agree(parse("XXXX-09-25"), parse("2023-09-25"))
    assert dates_agree(None, parse("1942"))


def test_index_is_sortable_markup_with_keys() -> None:
    index = render_pages(MINI)["sources/index.md"]
    assert '<div class="sortable" markdown>' in index and index.rstrip().endswith("</div>")
    assert "| Source | Publisher | Published | Kind | Language | Items | Relies on | Hedges |" in index
    assert '<span data-sort="2023-10-26"></span>26 October 2023' in index
    assert '<span data-sort=""></span>*unknown*' in index


def test_index_is_split_into_linked_pages() -> None:
    site = _site(MINI)
    pages = sources_page.render_index(site, per_page=1)
    assert sorted(pages) == ["sources/index.md", "sources/pages/2.md"]
    for path, text in pages.items():
        rows = [line for line in text.splitlines() if line.startswith("| [")]
        assert len(rows) == 1, path
    assert "Pages: **1** · [2](pages/2.md)" in pages["sources/index.md"]
    assert "Pages: [1](../index.md) · **2**" in pages["sources/pages/2.md"]
    assert "](../second-account.md)" in pages["sources/pages/2.md"]


def test_sort_script_is_local_and_listed() -> None:
    script = (ROOT / "docs" / "assets" / "sources.js").read_text(encoding="utf-8")
    assert "http" not in script and "import(" not in script
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/sources.js" in config and "assets/sources.css" in config and "md_in_html" in config


@pytest.mark.browser
def test_index_sorts_in_a_browser_and_reads_without_script(browser, serve, bundled_site: Path) -> None:
    base = serve(bundled_site)
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(base + "sources/index.html", wait_until="networkidle")
    table = tab.locator(".sortable table")

    def column(n: int) -> list[str]:
        return [c.strip() for c in table.locator(f"tbody tr td:nth-child({n})").all_inner_texts()]

    tab.locator(".sortable th button", has_text="Publisher").click()
    publishers = column(2)
    known = [p for p in publishers if p != "unknown"]
    assert known == sorted(known, key=str.casefold) and publishers[len(known):] == ["unknown"] * (len(publishers) - len(known))
    assert tab.locator(".sortable th").nth(1).get_attribute("aria-sort") == "ascending"
    tab.locator(".sortable th button", has_text="Publisher").click()
    assert [p for p in column(2) if p != "unknown"] == list(reversed(known))
    tab.locator(".sortable th button", has_text="Items").click()
    items = [int(x) for x in column(6)]
    assert items == sorted(items)
    assert [u for u in requests if not u.startswith(base)] == []
    context.close()

    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(base + "sources/index.html")
    assert page.locator(".sortable table tbody tr").count() == len(list((ROOT / "sources").glob("*.md")))
    assert page.locator("th button").count() == 0
    plain.close()
