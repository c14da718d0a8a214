"""Load stage: read every file under ``sources/`` with line numbers kept.

Only regular UTF-8 files inside the folder are read; links, devices, oversized
and binary files are reported, never followed. YAML is parsed with PyYAML's C
loader into a node tree first, so every value keeps the line it came from and
aliases (the "billion laughs" bomb) and duplicate keys can be refused before
anything is built from them.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from builder.problems import Problems

MAX_FILE_BYTES = 2_000_000
"""Largest source file read, in bytes (2 MB: about 300,000 words)."""
MAX_YAML_DEPTH = 20
"""Deepest nesting of YAML collections accepted."""
MAX_FILES = 50_000
"""Most files read under the sources folder."""

ARTICLE_SUFFIX = ".md"
DATA_SUFFIXES = (".yml", ".yaml")

# Characters that reorder or hide text ("Trojan Source"): a quote could look
# verbatim on screen and not be.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedFile:
    """One file from ``sources/``: parsed YAML plus, for articles, the body."""

    rel: str
    """Path relative to the project root, e.g. ``sources/glossary.yml``."""
    data: Any
    """The parsed YAML (an article's frontmatter, or the whole data file)."""
    lines: dict[YamlPath, int] = field(repr=False)
    """Line of each value, keyed by its path in ``data``."""
    body: str | None = None
    """An article's text after its frontmatter; ``None`` for data files."""
    body_line: int = 1
    """Line on which the body starts."""

    @property
    def stem(self) -> str:
        return Path(self.rel).stem

    def line_of(self, path: YamlPath) -> int:
        """Line of the value at ``path``, or of its nearest known parent."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


@dataclass(frozen=True)
class SourceTree:
    """Everything read from the sources folder."""

    articles: tuple[LoadedFile, ...]
    data_files: dict[str, LoadedFile]
    """Curated data files by name without suffix (``glossary``, ``eras`` ...)."""


def load_tree(root: Path, problems: Problems, sources_dir: str = "sources") -> SourceTree:
    """Read every file under ``root/sources_dir``, reporting what cannot be read."""
    base = root / sources_dir
    articles: list[LoadedFile] = []
    data_files: dict[str, LoadedFile] = {}
    if not base.is_dir() or base.is_symlink():
        problems.add(sources_dir, 1, "the sources folder is missing", f"create {sources_dir}/ with one .md file per article")
        return SourceTree((), {})
    for path in _walk(base, root, problems):
        rel = path.relative_to(root).as_posix()
        text = _read_text(path, rel, problems)
        if text is None:
            continue
        if path.suffix == ARTICLE_SUFFIX:
            loaded = _load_article(text, rel, problems)
            if loaded is not None:
                articles.append(loaded)
        else:
            name = path.stem
            if path.parent != base:
                problems.add(rel, 1, "curated data files must sit directly in the sources folder", f"move it to {sources_dir}/{path.name}")
                continue
            if name in data_files:
                problems.add(rel, 1, f"{name} is defined twice ({data_files[name].rel} and {rel})", "keep one of the two files")
                continue
            data, lines = parse_yaml(text, rel, 1, problems)
            data_files[name] = LoadedFile(rel, data, lines)
    return SourceTree(tuple(articles), data_files)


def _walk(base: Path, root: Path, problems: Problems) -> list[Path]:
    """Regular files under ``base`` in sorted order; anything else is reported."""
    found: list[Path] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = Path(entry.path)
                rel = path.relative_to(root).as_posix()
                if entry.name.startswith("."):
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    problems.add(rel, 1, "symbolic links are not followed", "replace the link with the file itself")
                elif stat.S_ISDIR(mode):
                    stack.append(path)
                elif not stat.S_ISREG(mode):
                    problems.add(rel, 1, "not a regular file (device, socket or pipe)", "remove it from the sources folder")
                elif path.suffix not in (ARTICLE_SUFFIX, *DATA_SUFFIXES):
                    problems.add(rel, 1, f"unexpected file type {path.suffix or '(no suffix)'!r}", "sources are .md articles and .yml curated files; remove or rename it")
                else:
                    found.append(path)
        if len(found) > MAX_FILES:
            problems.add(base.relative_to(root).as_posix(), 1, f"more than {MAX_FILES} files", "split the corpus")
            break
    return sorted(found, key=lambda p: p.as_posix())


def _read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file as text with LF line ends, or ``None`` after reporting why not."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(rel, 1, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}", "trim the article to its text or split it")
        return None
    raw = path.read_bytes()
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        problems.add(rel, line, "file contains a NUL byte, so it is binary, not text", "save the file as UTF-8 text")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problems.add(rel, line, f"not valid UTF-8 (byte 0x{raw[err.start]:02x})", "re-save the file with UTF-8 encoding")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line_text in enumerate(text.split("\n"), start=1):
        bad = _BIDI_CONTROLS.intersection(line_text)
        if bad:
            codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(bad))
            problems.add(rel, number, f"invisible text-direction control character ({codes})", "delete it; it can make text look different from what it is")
    return text


def _load_article(text: str, rel: str, problems: Problems) -> LoadedFile | None:
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        problems.add(rel, 1, "no YAML frontmatter", "start the file with a '---' line, the metadata, and another '---' line")
        return None
    try:
        front, body = handler.split(text)
    except ValueError:
        problems.add(rel, 1, "the frontmatter is not closed", "add a '---' line after the metadata")
        return None
    # The body is a suffix of the text; count the lines before it.
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    front_line = text.count("\n", 0, max(text.find(front), 0)) + 1
    data, lines = parse_yaml(front, rel, front_line, problems)
    if data is None:
        return None
    return LoadedFile(rel, data, lines, body, body_line)


def parse_yaml(text: str, rel: str, first_line: int, problems: Problems) -> tuple[Any, dict[YamlPath, int]]:
    """Parse YAML keeping each value's line; report syntax errors, aliases and duplicates.

    Args:
        text: the YAML text.
        rel: file path for messages.
        first_line: line of the file on which ``text`` starts.
        problems: where problems are reported.

    Returns:
        The data (``None`` when it could not be parsed) and the line map.
    """
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[YamlPath, int] = {}
        if not _map_lines(node, (), first_line, lines, set(), rel, problems):
            return None, {}
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        what = (err.problem or err.context or "invalid YAML").strip()
        problems.add(rel, line, f"YAML syntax error: {what}", _yaml_hint(what))
        return None, {}
    except yaml.YAMLError as err:
        problems.add(rel, first_line, f"YAML error: {err}", "check the YAML syntax")
        return None, {}
    finally:
        loader.dispose()


def _yaml_hint(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "mapping values" in what:
        return "put text that contains ': ' in quotes"
    if "alias" in what or "anchor" in what:
        return "text starting with '*' or '&' must be quoted"
    return "check indentation and quote text that contains ':' or '#'"


def _map_lines(node: yaml.Node, path: YamlPath, first_line: int, lines: dict[YamlPath, int], seen: set[int], rel: str, problems: Problems) -> bool:
    """Record the line of every value; refuse aliases, deep nesting, duplicate keys."""
    line = first_line + node.start_mark.line
    lines[path] = line
    if id(node) in seen:
        problems.add(rel, line, "YAML aliases (*name) are not supported", "write the value out in full")
        return False
    seen.add(id(node))
    if len(path) > MAX_YAML_DEPTH:
        problems.add(rel, line, f"YAML nested more than {MAX_YAML_DEPTH} levels deep", "flatten the structure")
        return False
    ok = True
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in keys:
                problems.add(rel, first_line + key_node.start_mark.line, f"key {key!r} appears twice", "remove one of the two")
                ok = False
            keys.add(key)
            ok = _map_lines(value_node, (*path, key), first_line, lines, seen, rel, problems) and ok
            lines[(*path, key)] = first_line + key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            ok = _map_lines(item, (*path, index), first_line, lines, seen, rel, problems) and ok
    return ok
