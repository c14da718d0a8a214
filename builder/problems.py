"""Problems found in content, and the one exception that carries them.

Every stage reports what is wrong as a :class:`Problem` instead of raising at
the first mistake, so a contributor sees every problem in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located and with a suggested fix."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line number; 1 when the problem concerns the whole file."""
    message: str
    """What is wrong, naming the field and the value found."""
    fix: str = ""
    """How to fix it, in a few words."""
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.fix:
            text += f" ({self.fix})"
        if self.severity == "warning":
            text = "warning: " + text
        return text

    def github(self) -> str:
        """The problem as a GitHub Actions workflow annotation."""

        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        text = self.message + (f" ({self.fix})" if self.fix else "")
        return f"::{self.severity} file={esc_prop(self.path)},line={self.line}::{esc(text)}"


class ContentError(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the content")


class Problems:
    """A collector that stages append to; sorted output, errors and warnings."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, path: str, line: int, message: str, fix: str = "", *, warning: bool = False) -> None:
        self._items.append(Problem(path, max(1, line), message, fix, "warning" if warning else "error"))

    def extend(self, problems: list[Problem]) -> None:
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        """Every problem added so far, errors and warnings, in the order added."""
        return iter(self._items)

    def __len__(self) -> int:
        """How many problems, errors and warnings, have been added."""
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self._items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self._items if p.severity == "warning")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors + self.warnings)
