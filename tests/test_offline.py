"""The offline edition: a deterministic zip that opens from disk and searches with nothing fetched from elsewhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder.offline import FIXED_TIME, make_zip, slug
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


def test_offline_edition_has_no_cdn_and_its_shim_has_its_licence(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        folder = offline_zip.stem
        assert f"{folder}/index.html" in names
        assert f"{folder}/search/search_index.js" in names
        assert f"{folder}/assets/javascripts/iframe-worker/LICENSE" in names
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
    links = search(tab, "barrier troops", "glossary.html")
    assert any(link.endswith("#barrier-troops") for link in links)
    links = search(tab, "штрафной", "#penal-battalion")
    assert [url for url in requests if not url.startswith("file:") and not url.startswith("data:")] == []
    context.close()


def test_every_build_writes_the_search_index_as_a_script_for_pages_opened_from_disk(bundled_site: Path) -> None:
    index = (bundled_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert (bundled_site / "search" / "search_index.js").read_text(encoding="utf-8") == "var __index = " + index
    assert (bundled_site / "assets" / "javascripts" / "iframe-worker" / "shim.js").is_file()
    page = (bundled_site / "timeline.html").read_text(encoding="utf-8")
    # The shim comes only to pages opened from disk, written in before the theme's bundle.
    shim = page.index('location.protocol==="file:"&&document.write(\'<script defer src="assets/javascripts/iframe-worker/shim.js">')
    assert shim < page.index("assets/javascripts/bundle.")


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
def test_a_served_page_does_not_load_the_shim(browser, serve, bundled_site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(serve(bundled_site) + "index.html", wait_until="networkidle")
    assert tab.evaluate("typeof window.IFrameWorker") == "undefined"
    assert not any("iframe-worker" in url or "search_index.js" in url for url in requests)
    context.close()
