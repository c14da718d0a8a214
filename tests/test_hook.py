"""The MkDocs hook: under ``mkdocs serve``, warnings shown once and theme templates compiled once; generated pages held small until written."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest

from builder import mkdocs_hook, search
from builder.problems import Problem


def _warning(line: int) -> Problem:
    return Problem("sources/a.md", line, f"warning {line}", "fix it", "warning")


def test_a_server_shows_each_warning_once_and_counts_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_hook, "_command", "serve")
    warned = mkdocs_hook._Warned()
    first = (_warning(1), _warning(2))
    assert warned.split(first) == (list(first), 0)
    assert warned.split(first) == ([], 2)
    assert warned.split((_warning(2), _warning(3))) == ([_warning(3)], 1)
    assert warned.split((_warning(1), _warning(3))) == ([_warning(1)], 1)  # gone, then back: shown again


def test_a_one_off_build_shows_every_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_hook, "_command", "build")
    warned = mkdocs_hook._Warned()
    assert warned.split((_warning(1),)) == ([_warning(1)], 0)
    assert warned.split((_warning(1),)) == ([_warning(1)], 0)


def _environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), auto_reload=False)


def test_a_server_compiles_each_template_once_across_rebuilds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_hook, "_command", "serve")
    monkeypatch.setattr(mkdocs_hook, "_COMPILED", mkdocs_hook._CompiledTemplates())
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    for _ in range(3):  # MkDocs makes a new environment for every rebuild
        env = mkdocs_hook.on_env(_environment({"page.html": "<p>{{ title }}</p>"}), None, None)
        assert env.get_template("page.html").render(title="T") == "<p>T</p>"
    assert compiled == ["page.html"]
    # An edited template is compiled afresh.
    env = mkdocs_hook.on_env(_environment({"page.html": "<h1>{{ title }}</h1>"}), None, None)
    assert env.get_template("page.html").render(title="T") == "<h1>T</h1>"
    assert compiled == ["page.html", "page.html"]


def test_a_one_off_build_keeps_no_compiled_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_hook, "_command", "build")
    env = mkdocs_hook.on_env(_environment({}), None, None)
    assert env.bytecode_cache is None


def test_plain_mkdocs_build_fails_on_content_errors_and_renders_nothing(tmp_path) -> None:
    import os
    import subprocess
    import sys

    from builder.commands.build import SKIP_HOOK_ENV
    from tests.conftest import make_project

    project = make_project(tmp_path, extra={"sources/broken.md": "---\ntitle: [unclosed\n---\nText.\n"})
    env = {k: v for k, v in os.environ.items() if k != SKIP_HOOK_ENV}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "out")], cwd=project, env=dict(env, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "sources/broken.md:3: YAML syntax error" in done.stderr
    assert "problem(s) in sources/; nothing was generated" in done.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_server_keeps_running_on_content_errors(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from builder.commands.build import SKIP_HOOK_ENV
    from tests.conftest import make_project

    project = make_project(tmp_path, extra={"sources/broken.md": "---\ntitle: [unclosed\n---\nText.\n"})
    monkeypatch.delenv(SKIP_HOOK_ENV, raising=False)
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs"))
    monkeypatch.setattr(mkdocs_hook, "_command", "serve")
    assert mkdocs_hook.on_pre_build(config) is None
    monkeypatch.setattr(mkdocs_hook, "_command", "build")
    with pytest.raises(mkdocs_hook.PluginError, match=r"^1 problem\(s\) in sources/; nothing was generated$"):
        mkdocs_hook.on_pre_build(config)


def _page(src_uri: str, markdown: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=src_uri.replace(".md", ".html"), title="A page", meta={}, markdown=markdown, content=None)


def test_a_generated_page_is_held_compressed_from_its_rendering_until_it_is_written() -> None:
    # MkDocs renders every page before it writes any: a generated page's Markdown goes, its HTML waits compressed.
    html = "<h1 id='x'>Order No. 227 — «Ни шагу назад!»</h1>\n" + "<p>Text of the page, over and over.</p>\n" * 400
    page = _page("timeline/1942.md", "# Order No. 227\n")
    page.content = mkdocs_hook.on_page_content(html, page, None, None)
    assert page.content == "" and page.markdown == ""
    assert len(mkdocs_hook._held[page.file.src_uri]) < len(html.encode("utf-8")) // 5
    assert mkdocs_hook.on_page_context({}, page, None, None) == {}
    assert page.content == search.mark_body(html) and page.file.src_uri not in mkdocs_hook._held
    assert mkdocs_hook.on_post_page("<html>…</html>", page, None) == "<html>…</html>" and page.content == ""


def test_a_hand_written_page_is_left_to_mkdocs() -> None:
    html = "<h1>About</h1>\n<p>Who made the site.</p>\n"
    page = _page("about.md", "# About\n")
    page.content = mkdocs_hook.on_page_content(html, page, None, None)
    assert page.content == search.mark_body(html) and page.markdown == "# About\n" and "about.md" not in mkdocs_hook._held
    mkdocs_hook.on_page_context({}, page, None, None)
    mkdocs_hook.on_post_page("", page, None)
    assert page.content == search.mark_body(html)
