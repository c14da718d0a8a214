"""The home page: the theme's home.html laid out from data the builder writes, every string escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest

from builder.pipeline import render_pages
from tests.conftest import FIXTURES, ROOT, make_project, run_builder

HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>{{ config }}"


def home_of(project: Path) -> frontmatter.Post:
    return frontmatter.loads(render_pages(project)["index.md"])


def test_the_page_selects_the_template_and_keeps_its_text_in_markdown() -> None:
    post = home_of(FIXTURES / "mini")
    assert post["template"] == "home.html"
    assert (ROOT / "overrides" / "home.html").is_file()
    assert post.content.startswith("# Example documentary\n")
    assert "It has two paragraphs." in post.content


def test_key_figures_show_every_value_with_its_producer_and_the_spread() -> None:
    home = home_of(FIXTURES / "mini")["home"]
    (figure,) = home["figures"]
    assert figure["label"] == "People detained in July 2023"
    assert figure["headline"] == "900–1,200 people"
    assert "disagree" in figure["spread"] and "900" in figure["spread"] and "1,200" in figure["spread"]
    assert [(v["amount"], v["who"], v["when"]) for v in figure["shown"]] == [
        ("900–1,200 people (as stated)", "An analyst", "July 2023"),
        ("more than 1,000 people", "Example Gazette", "July 2023"),
    ]
    assert figure["href"] == "figures/people-detained.html"


def test_the_bundled_site_shows_three_to_five_key_figures() -> None:
    figures = home_of(ROOT)["home"]["figures"]
    assert 3 <= len(figures) <= 5
    disputed = [f for f in figures if len(f["shown"]) > 1]
    assert disputed and all("lowest" in f["spread"] for f in disputed)


def test_eras_lead_into_the_timeline_with_a_chart() -> None:
    home = home_of(FIXTURES / "mini")["home"]
    assert [(e["title"], e["events"], e["href"]) for e in home["eras"]] == [
        ("The Second World War, 1941–1945", "2 events", "timeline.html#era-ww2"),
        ("Since 2022", "0 events", "timeline.html#era-recent"),
    ]
    assert home["timeline_chart"].startswith('<figure class="chart" id="chart-timeline">')
    assert 'href="timeline/1942.html"' in home["timeline_chart"]


def test_recent_additions_come_from_the_records_newest_first(tmp_path: Path) -> None:
    newer = (FIXTURES / "mini" / "sources" / "second-account.md").read_text(encoding="utf-8").replace("published: null", 'published: "2030-01-02"')
    project = make_project(tmp_path, extra={"sources/second-account.md": newer})
    home = home_of(project)["home"]
    assert home["newest_sources"][0]["title"] == "A second account"
    assert home["newest_sources"][0]["date"] == "2 January 2030"
    dates = [e["date"] for e in home["latest_events"]]
    assert dates and dates == [e["date"] for e in home_of(project)["home"]["latest_events"]]


def test_every_address_on_the_home_page_names_a_page_that_exists() -> None:
    pages = render_pages(FIXTURES / "mini")
    home = frontmatter.loads(pages["index.md"])["home"]
    hrefs = re.findall(r"'href': '([^']+)'", repr(home)) + re.findall(r'href="([^"]+)"', home["timeline_chart"])
    assert len(hrefs) > 10
    for href in hrefs:
        if href.startswith("#"):
            continue  # inside the chart: its own markers and clip paths
        path = href.split("#")[0]
        docs = path.removesuffix(".html") + ".md" if path.endswith(".html") else path
        assert docs in pages or (ROOT / "docs" / docs).is_file(), href


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile-home")
    sources = folder / "sources"
    import shutil

    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    site = (sources / "site.yml").read_text(encoding="utf-8").replace("subtitle: A tiny site for tests", f'subtitle: "{HOSTILE}"')
    (sources / "site.yml").write_text(site, encoding="utf-8")
    measures = (sources / "measures.yml").read_text(encoding="utf-8").replace("label: People detained in July 2023", f'label: "{HOSTILE}"')
    (sources / "measures.yml").write_text(measures, encoding="utf-8")
    eras = (sources / "eras.yml").read_text(encoding="utf-8").replace("title: Since 2022", f'title: "{HOSTILE}"')
    (sources / "eras.yml").write_text(eras, encoding="utf-8")
    project = make_project(folder, sources=sources)
    done = run_builder(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return (project / "site" / "index.html").read_text(encoding="utf-8")


def test_hostile_text_on_the_home_page_is_shown_not_run(hostile_home: str) -> None:
    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, dict]] = []
            self.scripts: list[str] = []
            self._in_script = False

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))
            self._in_script = tag == "script"

        def handle_data(self, data):
            if self._in_script:
                self.scripts.append(data)

    page = Elements()
    page.feed(hostile_home)
    assert not [t for t, _ in page.tags if t == "img"]
    assert not [(t, a) for t, a in page.tags if any(name.startswith("on") for name in a)]
    assert not [s for s in page.scripts if "__pwned=1</script" in s or s.strip().startswith("window.__pwned")]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;{{ config }}" in hostile_home
    classes = " ".join(a.get("class") or "" for _, a in page.tags)
    assert "home-figure" in classes and "home-era" in classes and "chart__svg" in classes
