"""Sentence spans of an article's text, line by line, from ``sentencex`` (as the glossary uses)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sentencex import get_sentence_boundaries


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


class Sentences:
    """The sentences of ``text``, and which one holds a given offset."""

    def __init__(self, text: str) -> None:
        spans: list[Sentence] = []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                for bound in get_sentence_boundaries("en", line):
                    start = offset + bound["start_index"]
                    chunk = text[start : offset + bound["end_index"]]
                    stripped = chunk.strip()
                    if stripped:
                        first = start + (len(chunk) - len(chunk.lstrip()))
                        spans.append(Sentence(first, first + len(stripped), stripped))
            offset += len(line) + 1
        self.spans = spans
        self._starts = [s.start for s in spans]

    def at(self, position: int) -> Sentence | None:
        """The sentence holding the character at ``position``."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0 and self.spans[index].start <= position < self.spans[index].end:
            return self.spans[index]
        return None


def excerpt(sentence: Sentence, start: int, end: int, width: int = 400) -> str:
    """The sentence, or a verbatim stretch of it of about ``width`` characters around ``start:end``, cut at spaces."""
    if len(sentence.text) <= width:
        return sentence.text
    text = sentence.text
    left = max(0, start - sentence.start - width // 2)
    right = min(len(text), left + width)
    while left > 0 and not text[left - 1].isspace():
        left += 1
    while right < len(text) and not text[right].isspace():
        right -= 1
    return text[left:right].strip()
