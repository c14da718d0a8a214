"""Shared test helpers: tiny project trees built in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(tmp_path: Path, sources: Path | None = None, extra: dict[str, str | bytes] | None = None) -> Path:
    """A project folder: the repository's mkdocs.yml, hand-written docs and hook, plus ``sources``.

    Args:
        sources: folder copied as ``sources/`` (default: the ``mini`` fixture).
        extra: more files, path relative to the project -> content.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(*_generated()))
    (project / "builder").mkdir()
    shutil.copy(ROOT / "builder" / "mkdocs_hook.py", project / "builder" / "mkdocs_hook.py")
    shutil.copytree(sources or FIXTURES / "mini" / "sources", project / "sources")
    for rel, content in (extra or {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return project


def _generated() -> list[str]:
    from builder.pipeline import GENERATED

    return [g.rstrip("/") for g in GENERATED]
