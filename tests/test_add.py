"""The add command: a saved page or text becomes a checked source file with drafts; bad input writes nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from tests.conftest import FIXTURES, make_project

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Court jails soldier who refused to return to the front | The Example Gazette</title>
  <meta property="og:title" content="Court jails soldier who refused to return to the front">
  <meta property="og:site_name" content="The Example Gazette">
  <meta name="author" content="Jane Roe">
  <meta property="article:published_time" content="2024-03-15T09:00:00+00:00">
  <link rel="canonical" href="https://gazette.example.org/2024/court-jails-soldier">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
  <div class="share">Share this article</div>
  <article>
    <h1>Court jails soldier who refused to return to the front</h1>
    <p>A garrison military court in Rostov-on-Don on Tuesday sentenced a contract soldier to six years in a penal colony for refusing to return to his unit, the independent outlet Mediazona reported.</p>
    <p>According to the verdict, the soldier left his unit on 3 January and was detained two weeks later. He had served for 14 months before he fled.</p>
    <p>Mediazona has counted more than 7,300 verdicts for going absent without leave since September 2022. Courts probably handed down about 4,200 of them in 2023, the outlet said.</p>
    <p>The soldier's lawyer said the defence would appeal, and that the so-called "refusal cases" were rising across the country.</p>
  </article>
  <aside><h2>You might also like</h2><ul><li><a href="/a">Another story</a></li></ul></aside>
  <footer>Copyright © 2024 The Example Gazette. All rights reserved. We use cookies; accept our cookie policy.</footer>
</body>
</html>
"""

PLAIN = """Human Rights
Deserters pushed back to the front lines in record numbers
By Murad Rakhimov |
Share this articleComments
Between early June and early July, Russia caught more than 1,000 deserters, according to the independent outlet Verstka.
Authorities formally arrested no more than 10 of them; they handed the rest back to commanders for deployment, often into "meat grinder assaults."
An investigation by the independent outlet iStories estimated at least 49,000 Russian soldiers and officers have deserted since February 2022.
You might also like
Another unrelated headline
Yet another headline
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: add must never download."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("add tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def add(project: Path, *args: str) -> int:
    return main(["add", *args, "--root", str(project)])


def frontmatter_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_html_page_becomes_a_checked_source(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: None) -> None:
    page = tmp_path / "saved.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert add(project, str(page)) == 0
    err = capsys.readouterr().err
    path = project / "sources" / "court-jails-soldier-who-refused-to-return-to-the-front.md"
    assert f"add: wrote sources/{path.name}" in err
    meta = frontmatter_of(path)
    assert meta["title"] == "Court jails soldier who refused to return to the front"
    assert meta["publisher"] == "The Example Gazette"
    assert meta["authors"] == ["Jane Roe"]
    assert meta["url"] == "https://gazette.example.org/2024/court-jails-soldier"
    assert meta["published"] == "2024-03-15"
    assert meta["language"] == "en"
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "more than 7,300 verdicts" in body
    for furniture in ("Subscribe", "Share this article", "You might also like", "Another story", "Copyright", "cookie"):
        assert furniture not in body
    # Drafts: the dated statements, the figures and the candidate term, all marked as drafts.
    assert {e["date"] for e in meta["events"]} >= {"2024-03-12", "2024-01-03", "2022-09"}
    assert all(e["draft"] is True for e in (*meta["events"], *meta["figures"], *meta["terms"]))
    assert {f.get("value") for f in meta["figures"]} >= {6, 7300, 4200}
    assert any(t["term"] == "refusal cases" and t["glossary"] is None for t in meta["terms"])
    # Attributions and hedges from the sourcing-notes reading, as comments.
    assert "# attributed to: Mediazona" in path.read_text(encoding="utf-8")
    assert "hedges: probably" in path.read_text(encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 0


def test_plain_text_lists_what_it_could_not_find(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: None) -> None:
    text = tmp_path / "article.txt"
    text.write_text(PLAIN, encoding="utf-8")
    assert add(project, str(text), "--url", "https://example.org/deserters") == 0
    err = capsys.readouterr().err
    assert "not found (left empty; fill in only what the page shows): publisher, published" in err
    path = project / "sources" / "deserters-pushed-back-to-the-front-lines-in-record-numbers.md"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\n# Not shown by the page, so left unknown: publisher, published.")
    meta = frontmatter_of(path)
    assert meta["authors"] == ["Murad Rakhimov"]
    assert meta["url"] == "https://example.org/deserters"
    assert meta["publisher"] is None and meta["published"] is None
    assert "title" in meta["inferred"]
    body = raw.split("---\n", 2)[2]
    assert "Share this article" not in body and "Another unrelated headline" not in body and "Human Rights" not in body
    # No publication date: the year of "Between early June and early July" is not guessed.
    assert meta["events"][0]["date"] == "XXXX-06/XXXX-07"
    assert main(["check", "--root", str(project)]) == 0


def test_never_overwrites_and_chooses_the_next_free_id(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "one.txt"
    first.write_text(PLAIN, encoding="utf-8")
    second = tmp_path / "two.txt"
    second.write_text(PLAIN.replace("1,000", "1,200"), encoding="utf-8")
    assert add(project, str(first)) == 0
    before = (project / "sources" / "deserters-pushed-back-to-the-front-lines-in-record-numbers.md").read_bytes()
    assert add(project, str(second)) == 0
    assert (project / "sources" / "deserters-pushed-back-to-the-front-lines-in-record-numbers.md").read_bytes() == before
    assert (project / "sources" / "deserters-pushed-back-to-the-front-lines-in-record-numbers-2.md").is_file()
    third = tmp_path / "three.txt"
    third.write_text(PLAIN.replace("1,000", "1,300"), encoding="utf-8")
    assert add(project, str(third), "--id", "deserters-pushed-back-to-the-front-lines-in-record-numbers") == 2
    assert "never overwritten" in capsys.readouterr().err


def test_the_same_article_twice_is_refused(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "article.txt"
    text.write_text(PLAIN, encoding="utf-8")
    assert add(project, str(text)) == 0
    files = sorted(p.name for p in (project / "sources").iterdir())
    assert add(project, str(text)) == 1
    assert "already sources/deserters-pushed-back-to-the-front-lines-in-record-numbers.md (same text)" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "sources").iterdir()) == files


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8, "binary file"),
        ("empty.html", b"", "the file is empty"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>Copyright 2024</footer></body></html>", "no article text"),
        ("short.txt", b"Read more\nShare this article\nSubscribe now\n", "no article text"),
        (
            "russian.txt",
            "Заградительные отряды\nВ ноябре 1941 года Берия доложил Сталину, что заградительные отряды задержали сотни тысяч военнослужащих, "
            "подозреваемых в дезертирстве, и вернули их на фронт. Многие были осуждены военными трибуналами, а часть расстреляна перед строем. "
            "Эти отряды подчинялись НКВД и действовали за линией фронта до осени 1944 года, когда их расформировали.\n".encode(),
            "looks Russian",
        ),
        ("untitled.txt", ("It was said. " * 40).encode(), "no headline found"),
    ],
)
def test_bad_input_gives_a_message_and_writes_nothing(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = sorted(p.name for p in (project / "sources").iterdir())
    assert add(project, str(path)) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert sorted(p.name for p in (project / "sources").iterdir()) == before


def test_missing_file_and_bad_url(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert add(project, str(tmp_path / "nowhere.html")) == 1
    assert "no such file" in capsys.readouterr().err
    text = tmp_path / "article.txt"
    text.write_text(PLAIN, encoding="utf-8")
    assert add(project, str(text), "--url", "gazette.example.org/x") == 2
    assert "not a web address" in capsys.readouterr().err


@pytest.mark.parametrize("address", ["https://gazette.example.org/report", "http://gazette.example.org/report?id=1", "HTTPS://GAZETTE.EXAMPLE.ORG/"])
def test_a_web_address_is_a_usage_error_that_says_how_to_save_the_page(project: Path, capsys: pytest.CaptureFixture[str], no_network: None, address: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        add(project, address)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"{address!r} is a web address, but add reads a saved file and never downloads anything" in err
    assert "save it (File > Save Page As..., as a web page, .html)" in err
    assert f"python -m builder add saved-page.html --url {address}" in err
    assert sorted(p.name for p in (project / "sources").iterdir()) == sorted(p.name for p in (FIXTURES / "mini" / "sources").iterdir())
