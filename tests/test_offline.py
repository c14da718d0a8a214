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
