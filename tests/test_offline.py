"""The offline edition and the plain build opened from disk: they search the titles index, with nothing fetched from elsewhere."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from builder.offline import FIXED_TIME, make_zip, slug
from builder.search import TITLES, pagefind_command
from tests.conftest import ROOT, make_project, run_builder


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("offline"), sources=ROOT / "sources")
    done = run_builder(project, "build", "--offline")
    assert done.returncode == 0, done.stdout + done.stderr
    zips = sorted((project / "dist").glob("*-offline.zip"))
    assert len(zips) == 1, zips
    assert not (project / "site").exists(), "--offline makes the zip, not site/"
    return zips[0]


def test_zip_is_deterministic(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "b" / "page.html").write_text("<p>b</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (site / "bundle.js.map").write_text("{}", encoding="utf-8")
    first = tmp_path / "one.zip"
    make_zip(site, first, "edition")
    (site / "index.html").touch()
    second = tmp_path / "two.zip"
    make_zip(site, second, "edition")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["edition/b/page.html", "edition/index.html"]
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}


def test_slug() -> None:
    assert slug("Not one step back") == "not-one-step-back"
    assert slug("Ни шагу назад") == "site"


def test_offline_edition_has_no_cdn_and_searches_from_its_titles_index(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        folder = offline_zip.stem
        assert f"{folder}/index.html" in names
        assert f"{folder}/search/titles.js" in names
        assert f"{folder}/assets/search.js" in names
        assert not [name for name in names if name.startswith(f"{folder}/pagefind/")], "Pagefind's index is fetched: of no use from disk"
        for name in names:
            if name.endswith(".html"):
                assert "unpkg.com" not in archive.read(name).decode("utf-8"), name


@pytest.mark.browser
def test_offline_edition_opens_from_disk_and_searches(browser, offline_zip: Path, tmp_path: Path) -> None:
    from tests.test_browser_search import search

    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(tmp_path)
    index = tmp_path / offline_zip.stem / "index.html"
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(index.as_uri(), wait_until="load")
    links = search(tab, "barrier troops", "#barrier-troops")
    assert any(link.endswith("#barrier-troops") for link in links)
    links = search(tab, "штрафной", "#penal-battalion")
    assert [url for url in requests if not url.startswith("file:") and not url.startswith("data:")] == []
    context.close()


def titles(site: Path) -> list[list[str]]:
    script = (site / TITLES).read_text(encoding="utf-8")
    assert script.startswith("var __titles=") and script.endswith(";\n")
    return json.loads(script[len("var __titles=") : -2])


def test_every_build_writes_both_search_indexes(bundled_site: Path) -> None:
    """Pagefind's for the served site; titles and summaries, as a script, for pages opened from disk."""
    assert (bundled_site / "pagefind" / "pagefind.js").is_file()
    rows = titles(bundled_site)
    assert rows == sorted(rows)
    entry = next(row for row in rows if row[0].endswith("#penal-battalion"))
    assert entry[1] == "penal battalion" and "штрафной батальон" in entry[2]
    assert any(row[0] == "timeline.html" for row in rows)
    # Lists of other pages are not searched: tag pages, the glossary's index, a term's list of uses.
    assert not [row for row in rows if row[0].startswith(("tags/", "glossary.html")) or re.fullmatch(r"glossary/[^/]+\.html(#.*)?", row[0])]
    assert any(re.fullmatch(r"glossary/[^/]+/entries(-\d+)?\.html#penal-battalion", row[0]) for row in rows), "the entries are"
    # A page opened from disk loads the script with a script element: nothing in it may end that element.
    assert "<" not in (bundled_site / TITLES).read_text(encoding="utf-8")


def test_a_notes_list_of_other_sources_is_shown_but_not_searched(bundled_site: Path) -> None:
    """Each of its lines stands for another page, whose own words are searched there."""
    section = "#other-sources-on-the-same-events-and-figures"
    listed = [row for row in titles(bundled_site) if row[0].startswith("sources/") and row[0].endswith(section)]
    assert listed and all(row[2] == "" for row in listed)
    page = (bundled_site / listed[0][0].split("#")[0]).read_text(encoding="utf-8")
    shown = page[page.index('id="other-sources-on-the-same-events-and-figures"') :]
    assert '<div data-search-exclude="">' in shown and "Other sources that report the same events" in shown
    assert "[data-search-exclude]" in pagefind_command(bundled_site)


@pytest.mark.browser
def test_the_plain_build_opened_from_disk_searches(browser, bundled_site: Path) -> None:
    from tests.test_browser_search import search

    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("requestfailed", lambda request: failed.append(request.url))
    tab.goto((bundled_site / "glossary.html").as_uri(), wait_until="load")
    links = search(tab, "barrier troops", "#barrier-troops")
    assert links
    search(tab, "штрафной", "#penal-battalion")
    assert failed == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    context.close()


@pytest.mark.browser
def test_a_page_loads_no_search_until_the_reader_searches(browser, serve, bundled_site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(serve(bundled_site) + "glossary.html", wait_until="networkidle")
    tab.goto((bundled_site / "timeline.html").as_uri(), wait_until="load")
    assert not any("pagefind" in url or "titles.js" in url or url.endswith("search.js") for url in requests)
    context.close()
