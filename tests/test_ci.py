"""CI cannot pass without its browser tests: a missing Chromium fails the run there, and .ci/run installs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import ROOT


def test_a_missing_browser_skips_locally_and_fails_under_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    assert conftest.browser_missing(None) == f"needs {tmp_path / 'no-chromium'} (apt-get install -y chromium)"
    assert conftest.browser_missing("false") is not None
    for ci in ("true", "TRUE", "1"):
        with pytest.raises(RuntimeError, match="CI is set but the browser tests cannot run"):
            conftest.browser_missing(ci)
    monkeypatch.setattr(conftest, "CHROMIUM", Path(__file__))  # any file that exists
    assert conftest.browser_missing("true") is None


def test_ci_installs_the_browser_the_tests_use_and_runs_them_as_ci() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"if [ ! -x {conftest.CHROMIUM} ]; then" in script
    assert "command -v chromium" not in script, "another chromium on PATH is not the one the tests drive"
    assert "export CI=true" in script
