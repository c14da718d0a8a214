"""Golden files: the generated pages of the ``mini`` fixture, compared whole.

Regenerate after an intended change with
``python -m pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline import render_pages
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"
PAGES = render_pages(FIXTURES / "mini")


def test_golden_file_set_matches(update_golden: bool) -> None:
    if update_golden:
        for stale in GOLDEN.rglob("*"):
            if stale.is_file() and stale.relative_to(GOLDEN).as_posix() not in PAGES:
                stale.unlink()
        for path, text in PAGES.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert on_disk == sorted(PAGES)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    expected = (GOLDEN / path).read_text(encoding="utf-8")
    assert PAGES[path] == expected, f"{path} differs from tests/golden/mini/{path}; if intended, run: python -m pytest tests/test_golden.py --update-golden"


def test_output_is_deterministic() -> None:
    assert render_pages(FIXTURES / "mini") == PAGES
