"""Property-based tests: whatever a contributor writes, the loader and checker accept it or report it, never crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import markdown as markdown_lib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.check import check
from builder.load import line_map, load_tree, parse_yaml, read_yaml
from builder.problems import Problems
from builder.render import markdown as md

FIELDS = ["title", "publisher", "authors", "url", "published", "language", "kind", "notes", "inferred", "events", "figures", "reuse", "draft", "id", "quote", "date", "measure", "value", "tags", "x"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["1942-06", "1942/1945", "2023-02-30", "XXXX-09-25", "..", "https://example.org/x", "javascript:alert(1)", "en", "news", "<script>alert(1)</script>"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5), max_leaves=25)
frontmatter = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)
yaml_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@` \n\tabc123")), max_size=200),
    frontmatter.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
)
bodies = st.text(max_size=300)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text=yaml_text)
def test_parse_yaml_reports_or_returns(text: str) -> None:
    problems = Problems()
    data, lines = parse_yaml(text, "sources/x.yml", 1, problems)
    if problems.errors:
        assert data is None
    for problem in problems.errors:
        assert problem.line >= 1 and "\n" not in problem.message


@FUZZ
@given(front=frontmatter, body=bodies, raw=st.booleans(), yaml_body=yaml_text)
def test_loading_and_checking_an_article_never_crashes(front: dict, body: str, raw: bool, yaml_body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = root / "sources"
        sources.mkdir()
        header = yaml_body if raw else yaml.safe_dump(front, allow_unicode=True)
        (sources / "fuzzed.md").write_text(f"---\n{header}\n---\n{body}\n", encoding="utf-8", errors="surrogatepass")
        problems = Problems()
        content = check(load_tree(root, problems), problems)
        # The curated files are missing, so the check must always fail, and say so per file.
        assert content is None
        assert problems.errors
        assert all(p.path.startswith("sources") and p.line >= 1 for p in problems.errors)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sources").mkdir()
        (root / "sources" / "glossary.yml").write_bytes(data)
        problems = Problems()
        check(load_tree(root, problems), problems)
        assert problems.errors


@FUZZ
@given(value=st.text(max_size=200))
def test_escaped_text_renders_as_itself(value: str) -> None:
    html = markdown_lib.markdown(md.text(value), extensions=["attr_list", "md_in_html", "tables", "toc"])
    for tag in ("<script", "<img", "<a ", "<iframe", "<em>", "<strong>", "<code>", "<h1", "<ul>", "<ol>", "<blockquote>"):
        assert tag not in html


@FUZZ
@given(value=st.text(max_size=200))
def test_attribute_text_renders_as_itself(value: str) -> None:
    import html as html_lib

    cell = f'<span data-sort="{md.attr(value)}"></span>'
    out = markdown_lib.markdown(f'<div markdown="1">\n\n| a |\n| --- |\n| {cell}x |\n\n</div>', extensions=["md_in_html", "tables"])
    assert out.count("<span") == 1 and "<a " not in out and "<img" not in out
    start = out.index('data-sort="') + len('data-sort="')
    shown = "".join(" " if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else c for c in value)
    assert html_lib.unescape(out[start : out.index('"', start)]) == " ".join(shown.split())


@FUZZ
@given(value=st.text(min_size=1, max_size=100).filter(lambda v: v.strip()))
def test_code_span_shows_text_as_typed(value: str) -> None:
    import html as html_lib
    import re

    shown = " ".join("".join(" " if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else c for c in value).split())
    if not shown:
        assert md.code(value) == ""
        return
    out = markdown_lib.markdown(md.code(value))
    [inner] = re.findall(r"<code>(.*?)</code>", out, re.S)
    assert html_lib.unescape(inner).strip() == shown.strip()


deep = st.integers(min_value=15, max_value=25).map(lambda n: "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, n)) + "  " * n + "x: 1\n")
duplicates = st.sampled_from(["a: 1\na: 2\n", "? [1]\n: x\n", "1: x\n", "<<: {a: 1}\n", "= : 1\n", "a: !!int x\n", "d: 2023-02-30\n", "t: !!python/name:os.system\n"])


@FUZZ
@given(text=st.one_of(yaml_text, deep, duplicates))
def test_the_fast_path_accepts_and_refuses_what_the_careful_path_does(text: str) -> None:
    fast, careful = Problems(), Problems()
    data = read_yaml(text, "sources/x.yml", 1, fast)
    expected, _ = parse_yaml(text, "sources/x.yml", 1, careful)
    assert repr(data) == repr(expected)  # repr, because NaN is never equal to itself
    assert [str(p) for p in fast.errors] == [str(p) for p in careful.errors]


@FUZZ
@given(front=frontmatter)
def test_line_map_is_the_careful_paths(front: dict) -> None:
    text = yaml.safe_dump(front, allow_unicode=True)
    data, lines = parse_yaml(text, "sources/x.yml", 3, Problems())
    assert line_map(text, 3) == lines


@given(st.text(max_size=12))
def test_file_names_are_judged_and_shown_the_same_with_or_without_the_ascii_fast_path(name: str) -> None:
    import unicodedata

    from builder import load

    def printable(text: str) -> bool:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return not any(unicodedata.category(c) == "Cc" or c in load._BIDI_CONTROLS for c in text)

    assert load._printable_name(name) == printable(name)
    if printable(name) and "/" not in name and name not in ("", ".", ".."):
        shown = "".join(c if unicodedata.category(c) != "Cc" and c not in load._BIDI_CONTROLS else f"\\u{ord(c):04x}" for c in name)
        assert load._shown_path(Path("sources") / name) == "sources/" + shown
