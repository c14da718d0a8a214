"""Bounded: hostile inputs of the largest allowed size end in clean errors within a memory limit.

Each run happens in a child process whose address space is capped with
``RLIMIT_AS``; a loader that read a whole oversized file, expanded an alias
bomb or let libyaml recurse into deep nesting would run out of memory or
crash instead of printing problems. No timings are asserted; the generous
timeout only stops a runaway.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from builder.load import MAX_FILE_BYTES
from tests.conftest import make_project

MEMORY_LIMIT = 1_500_000_000
"""Bytes of address space the child may use: several times what checking the bundled site needs."""
TIMEOUT = 300

CHILD = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from builder.pipeline import render_pages
    from builder.problems import ContentError
    try:
        pages = render_pages(Path(sys.argv[1]))
    except ContentError as err:
        for problem in err.problems:
            print(problem)
        sys.exit(1)
    print(len(pages), "pages")
    """
).format(limit=MEMORY_LIMIT)


def run_bounded(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(project)], capture_output=True, text=True, timeout=TIMEOUT)


def _front(extra: str = "") -> str:
    return f"---\ntitle: x\nlanguage: en\nkind: news\n{extra}---\n"


def test_oversized_and_explosive_files_fail_cleanly_in_bounded_memory(tmp_path: Path) -> None:
    body = " ".join(f"word{i % 9973}" for i in range(200_000))
    quote = " ".join(f"word{i}" if i != 200 else "changed" for i in range(100, 330))
    laughs = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 12))
    project = make_project(
        tmp_path,
        extra={
            "sources/alias-bomb.md": "---\nl0: &l0 [lol]\n" + laughs + "---\nText.\n",
            "sources/deep-flow.md": _front("notes: " + "[" * 900_000 + "\n"),
            "sources/deep-block.md": _front("notes:\n" + "- " * 900_000 + "x\n"),
            "sources/huge-title.md": f"---\ntitle: {'x' * (MAX_FILE_BYTES - 100)}\nlanguage: en\nkind: news\n---\nText.\n",
            "sources/long-quote.md": _front(f'events:\n  - id: e\n    date: "1942"\n    title: t\n    summary: s\n    quote: "{quote}"\n') + body[: MAX_FILE_BYTES - 4000] + "\n",
        },
    )
    with (project / "sources" / "sparse.md").open("wb") as handle:
        handle.truncate(3 * 1024**3)
    done = run_bounded(project)
    assert done.returncode == 1, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "sources/alias-bomb.md:2: YAML aliases (*name) are not supported (write the value out in full)" in lines
    assert "sources/deep-flow.md:5: YAML nested more than 20 levels deep (flatten the structure)" in lines
    assert "sources/deep-block.md:6: YAML nested more than 20 levels deep (flatten the structure)" in lines
    assert f"sources/sparse.md:1: file is {3 * 1024**3:,} bytes, over the limit of {MAX_FILE_BYTES:,} (trim the article to its text or split it)" in lines
    assert any(line.startswith("sources/huge-title.md:2: title: string should have at most 300 characters") for line in lines)
    assert any(line.startswith('sources/long-quote.md:10: quote not found in long-quote: "word100 word101') and "closest passage" in line for line in lines)
    assert all(len(line) < 1000 for line in lines)


def test_large_glossary_and_long_texts_build_in_bounded_memory(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sources = project / "sources"
    words = [f"term{i}" for i in range(500)]
    glossary = (sources / "glossary.yml").read_text(encoding="utf-8")
    entries = [
        f"- id: t{i}\n  term: {w}\n  aliases: [{', '.join(f'{w}-{j}' for j in range(10))}]\n  short: s\n  definition: d\n"
        f"  citations:\n    - source: long-text\n      quote: {w}\n"
        for i, w in enumerate(words)
    ]
    (sources / "glossary.yml").write_text(glossary + "".join(entries), encoding="utf-8")
    body = " ".join(words[i % len(words)] for i in range(30_000))
    (sources / "long-text.md").write_text(_front() + body + "\n", encoding="utf-8")
    done = run_bounded(project)
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    assert done.stdout.strip().endswith("pages")
