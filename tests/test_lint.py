"""ruff passes on builder/, tests/ and benchmarks/, mypy on builder/, with the settings in pyproject.toml: CI runs them through this test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_in_the_builder_its_tests_and_benchmarks() -> None:
    done = _run("ruff", "check", "builder", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_the_builder() -> None:
    done = _run("mypy")  # files = ["builder"] in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr
