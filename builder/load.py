"""Load stage: read every file under ``sources/`` with line numbers kept.

Only regular UTF-8 files inside the folder are read; links, devices, pipes,
hidden, oversized and binary files are reported, never followed, so every file
is either read or named in a problem. YAML is parsed with PyYAML's C loader
into a node tree first, so every value keeps the line it came from, and
aliases (the "billion laughs" bomb), deep nesting, duplicate keys and values
that cannot be built are refused before anything is built from them.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import time
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

import frontmatter
import yaml

from builder.incremental import Cached, fresh, text_digest
from builder.problems import Problems

MAX_FILE_BYTES = 2_000_000
"""Largest source file read, in bytes (2 MB: about 300,000 words)."""
MAX_YAML_DEPTH = 20
"""Deepest nesting of YAML collections accepted."""
MAX_FILES = 50_000
"""Most files read under the sources folder."""
MAX_SHOWN = 80
"""Longest piece of a contributor's text repeated in a message, in characters."""
SETTLED_NS = 2_000_000_000
"""How long after its last change a file's status is trusted to tell a later change (:func:`_signature`)."""

# libyaml's composer recurses once per nesting level and crashes the process
# near 100,000 levels; its parser does not recurse. Each level needs a
# character that opens it, so text with at most this many of them composes
# safely and quickly; only larger YAML pays for a depth check on the parser's
# events, which stops at the first level too deep.
_SAFE_INDICATORS = 5_000
_CORE_TAG = "tag:yaml.org,2002:"
_STR_TAG = _CORE_TAG + "str"

ARTICLE_SUFFIX = ".md"
DATA_SUFFIXES = (".yml", ".yaml")

# Characters that reorder or hide text ("Trojan Source"): a quote could look
# verbatim on screen and not be.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

# C0 and C1 control characters other than tab and line ends: terminal escapes,
# form feeds from PDFs, and the placeholders Python-Markdown uses internally.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_ODD_BREAK = re.compile("[\r\x85\u2028\u2029]")
_BIDI = re.compile("[" + "".join(sorted(_BIDI_CONTROLS)) + "]")
_UNUSUAL_YAML = re.compile(r"[&*!]|<<")
"""Anchors, aliases, tags and merge keys: YAML that :func:`read_yaml` leaves to the careful path."""
_UNUSUAL = re.compile(f"{_ODD_BREAK.pattern}|{_CONTROL.pattern}|{_BIDI.pattern}")
"""Any character that needs a closer look: odd line breaks, controls, direction marks."""

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedFile:
    """One file from ``sources/``: parsed YAML plus, for articles, the body."""

    rel: str
    """Path relative to the project root, e.g. ``sources/glossary.yml``."""
    data: Any
    """The parsed YAML (an article's frontmatter, or the whole data file)."""
    yaml_text: str = field(repr=False)
    """The YAML the data was read from, kept to find lines again for messages."""
    yaml_line: int = 1
    """Line of the file on which :attr:`yaml_text` starts."""
    body: str | None = None
    """An article's text after its frontmatter, without the blank lines around it; ``None`` for data files."""
    body_line: int = 1
    """Line on which the body starts."""
    refused: bool = False
    """Whether the file was read but refused, its problems reported: a data file then has no data."""
    digest: bytes = field(default=b"", repr=False)
    """A hash of the file's whole text (:func:`builder.write.text_digest`): what the file is known by between builds."""

    @property
    def stem(self) -> str:
        return Path(self.rel).stem

    @property
    def text(self) -> str:
        """An article's text: its body ('' for a data file)."""
        return self.body or ""

    @cached_property
    def lines(self) -> dict[YamlPath, int]:
        """Line of each value, keyed by its path in ``data``.

        Found only when a message needs one: a clean file is read once, by
        :func:`read_yaml`'s fast path, and never keeps a map of its lines.
        """
        return line_map(self.yaml_text, self.yaml_line)

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


def load_tree(root: Path, problems: Problems, sources_dir: str = "sources", cached: Cached = fresh) -> SourceTree:
    """Read every file under ``root/sources_dir``, reporting what cannot be read.

    ``cached`` gives back what a file whose text is unchanged yielded before
    (:meth:`builder.incremental.Files.get`); a file whose status is unchanged
    too is not read again (:func:`_signature`).
    """
    base = root / sources_dir
    articles: list[LoadedFile] = []
    data_files: dict[str, LoadedFile] = {}
    if base.is_symlink():
        problems.add(sources_dir, 1, "the sources folder is a symbolic link, which is not followed", f"make {sources_dir}/ a real folder")
        return SourceTree((), {})
    if not base.is_dir():
        problems.add(sources_dir, 1, "the sources folder is missing", f"create {sources_dir}/ with one .md file per article")
        return SourceTree((), {})
    top = str(base)
    for rel, path, info in _walk(base, root, problems):
        file_name = rel.rpartition("/")[2]
        suffix = _suffix(file_name)
        signature = _signature(info)
        if signature is None:
            loaded = _load(path, rel, suffix == ARTICLE_SUFFIX, problems, cached)
        else:  # a file unchanged since the last build of this process is not read again (a server's)
            loaded = cached(("file", rel), signature, "read", lambda found: _load(path, rel, suffix == ARTICLE_SUFFIX, found, cached), problems)
        if loaded is None:  # not read, or an article not loaded: its problems are reported
            continue
        if suffix == ARTICLE_SUFFIX:
            articles.append(loaded)
            continue
        name = file_name[: -len(suffix)]
        if os.path.dirname(path) != top:
            problems.add(rel, 1, "curated data files must sit directly in the sources folder", f"move it to {sources_dir}/{file_name}")
            continue
        if name in data_files:
            problems.add(rel, 1, f"{name} is defined twice ({data_files[name].rel} and {rel})", "keep one of the two files")
            continue
        data_files[name] = loaded
    return SourceTree(tuple(articles), data_files)


def _signature(info: os.stat_result) -> bytes | None:
    """What a file's status says of its text: the same while the file is not written to, replaced or moved.

    The time of its last change (POSIX ``st_ctime``) cannot be set back, as the
    time of its last modification can. A file changed in the last
    :data:`SETTLED_NS` has none: a second edit within the file system
    clock's tick would leave its status as it was (the "racy" files of git's
    index), so it is read.
    """
    if os.name != "posix" or time.time_ns() - info.st_ctime_ns < SETTLED_NS:
        return None  # elsewhere (Windows) ``st_ctime`` is when the file was made: every file is read
    return struct.pack("<qqqQQ", info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _load(path: str, rel: str, article: bool, problems: Problems, cached: Cached) -> LoadedFile | None:
    """Read the file and load it as an article or a curated data file, kept by its text's digest; ``None`` after reporting why not.

    A data file with a problem is given no data (``refused``); an article
    with one is left out.
    """
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    digest = text_digest(text)
    if article:
        return cached(rel, digest, "load", lambda found: _load_article(text, rel, digest, found), problems)
    return cached(rel, digest, "load", lambda found: _load_data_file(text, rel, digest, found), problems) or LoadedFile(rel, None, text, refused=True, digest=digest)


def _walk(base: Path, root: Path, problems: Problems) -> list[tuple[str, str, os.stat_result]]:
    """Regular files under ``base`` in sorted order: their paths relative to ``root`` (with ``/``) and as given, and their status; anything else is reported.

    Every entry is either returned or named in a problem: hidden files too, so
    nothing under the sources folder is silently left out of the site.
    Paths are strings, not :class:`~pathlib.Path`, which are slow to make
    and relate by the ten thousand.
    """
    found: list[tuple[str, str, os.stat_result]] = []
    stack = [(str(base), base.relative_to(root).as_posix() + "/")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: os.fsencode(e.name))
        except OSError as err:
            problems.add(_shown_path(prefix.rstrip("/")), 1, f"folder cannot be read ({err.strerror})", "check its permissions")
            continue
        for entry in entries:
            rel = prefix + entry.name
            if not _printable_name(entry.name):
                problems.add(_shown_path(rel), 1, "file name is not valid UTF-8 text or contains control characters", "rename it to lowercase letters, digits and hyphens")
                continue
            rel = _shown_path(rel)  # the folders' names are printable too: the same text
            try:
                info = entry.stat(follow_symlinks=False)
                mode = info.st_mode
            except OSError as err:
                problems.add(rel, 1, f"cannot be read ({err.strerror})", "check its permissions")
                continue
            suffix = _suffix(entry.name)
            if entry.name.startswith("."):
                kind = "folder" if stat.S_ISDIR(mode) else "file"
                problems.add(rel, 1, f"hidden {kind} in the sources folder is not part of the site", "remove it, or rename it without the leading dot")
            elif stat.S_ISLNK(mode):
                problems.add(rel, 1, "symbolic links are not followed", "replace the link with the file itself")
            elif stat.S_ISDIR(mode):
                stack.append((entry.path, rel + "/"))
            elif not stat.S_ISREG(mode):
                problems.add(rel, 1, "not a regular file (device, socket or pipe)", "remove it from the sources folder")
            elif suffix not in (ARTICLE_SUFFIX, *DATA_SUFFIXES):
                problems.add(rel, 1, f"unexpected file type {suffix or '(no suffix)'!r}", "sources are .md articles and .yml curated files; remove or rename it")
            else:
                found.append((rel, entry.path, info))
        if len(found) > MAX_FILES:
            problems.add(base.relative_to(root).as_posix(), 1, f"more than {MAX_FILES} files", "split the corpus")
            break
    return sorted(found, key=lambda item: item[0])


def _suffix(name: str) -> str:
    """A file name's suffix as :attr:`pathlib.PurePath.suffix` gives it ('' for none)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _printable_name(name: str) -> bool:
    """Whether a file name is valid UTF-8 without control or direction characters."""
    if name.isascii():  # nearly every name: its control characters are exactly those not printable
        return name.isprintable()
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in name)


def _shown_path(rel: str | PurePath) -> str:
    """A path for messages (``/`` between names): undecodable bytes and control characters written as escapes."""
    text = os.fsencode(rel.as_posix() if isinstance(rel, PurePath) else rel).decode("utf-8", "backslashreplace")
    if text.isascii() and text.isprintable():  # nearly every path: nothing to escape
        return text
    return "".join(c if unicodedata.category(c) != "Cc" and c not in _BIDI_CONTROLS else f"\\u{ord(c):04x}" for c in text)


def _read_text(path: str | Path, rel: str, problems: Problems) -> str | None:
    """The file as text with LF line ends, or ``None`` after reporting why not.

    The file is opened without following links and without waiting on pipes,
    and checked again once open: a file swapped for a link, a pipe or a bigger
    file after the folder was listed is still refused, and at most one byte
    over the limit is ever read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        problems.add(rel, 1, f"cannot be read ({err.strerror})", "replace it with a regular UTF-8 file")
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.add(rel, 1, "not a regular file (device, socket or pipe)", "remove it from the sources folder")
            return None
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        problems.add(rel, 1, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}", "trim the article to its text or split it")
        return None
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
    # YAML also breaks lines at NEL, LS and PS; making them plain line ends keeps
    # the line numbers of YAML errors and of our own counting the same.
    if not _UNUSUAL.search(text):  # nearly every file: one search instead of three passes
        return text
    if _ODD_BREAK.search(text):
        text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    if _CONTROL.search(text):
        for number, line_text in enumerate(text.split("\n"), start=1):
            found = sorted(set(_CONTROL.findall(line_text)))
            if found:
                codes = ", ".join(f"U+{ord(c):04X}" for c in found)
                problems.add(rel, number, f"invisible control character ({codes})", "delete it; text on the site cannot contain it")
        return None
    if not _BIDI.search(text):
        return text
    for number, line_text in enumerate(text.split("\n"), start=1):
        bad = _BIDI_CONTROLS.intersection(line_text)
        if bad:
            codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(bad))
            problems.add(rel, number, f"invisible text-direction control character ({codes})", "delete it; it can make text look different from what it is")
    return text


def _load_data_file(text: str, rel: str, digest: bytes, problems: Problems) -> LoadedFile | None:
    reported = len(problems)
    data = read_yaml(text, rel, 1, problems)
    if len(problems) > reported or not parsed_text_ok(data, text, 1, rel, problems):
        return None
    # A file that holds nothing (only comments) is loaded as such: the check says whether nothing will do.
    return LoadedFile(rel, data, text, digest=digest)


def _load_article(text: str, rel: str, digest: bytes, problems: Problems) -> LoadedFile | None:
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
    reported = len(problems)
    data = read_yaml(front, rel, front_line, problems)
    if len(problems) > reported or not parsed_text_ok(data, front, front_line, rel, problems):
        return None
    # Stripped once here, so that the article's text is held once, not again without its blank lines.
    return LoadedFile(rel, data, front, front_line, body.strip("\n"), body_line, digest=digest)


_PARSED_UNUSUAL = re.compile(f"[\r\u2028\u2029]|{_CONTROL.pattern}|{_BIDI.pattern}")
"""What no parsed text may hold: the raw text's controls and direction marks, and line breaks other than LF."""


def parsed_text_ok(data: Any, text: str, first_line: int, rel: str, problems: Problems) -> bool:
    """Whether every text in ``data`` (keys and values, at any depth) meets the rules for raw text.

    YAML's escapes (``"\\u202e"``, ``"\\0"``, ``"\\e"``) and the ``!!binary`` tag
    make characters the file's text does not contain, so :func:`_read_text`
    cannot have seen them: each text is checked again as parsed. Each value
    found is reported at its line, and the file is then not loaded.
    """
    if "\\" not in text and "!" not in text:
        # Without an escape or a tag, every parsed character is one of the
        # file's own (line folding adds only spaces and LF), all checked as raw text.
        return True
    bad: list[tuple[YamlPath, str]] = []
    stack: list[tuple[Any, YamlPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _PARSED_UNUSUAL.search(value):
                bad.append((path, value))
        elif isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str) and _PARSED_UNUSUAL.search(key):
                    bad.append(((*path, key), key))
                stack.append((child, (*path, key)))
        elif isinstance(value, list):
            stack.extend((child, (*path, i)) for i, child in enumerate(value))
        elif isinstance(value, (bytes, bytearray)):
            bad.append((path, ""))
    if not bad:
        return True
    lines = line_map(text, first_line)
    for path, value in sorted(bad, key=lambda item: lines.get(item[0], first_line)):
        line = lines.get(path, first_line)
        where = _path_name(path)
        if not value:
            problems.add(rel, line, f"{where}: binary YAML values (!!binary) are not supported", "write the value as plain text")
            continue
        found = sorted(set(_PARSED_UNUSUAL.findall(value)))
        codes = ", ".join(f"U+{ord(c):04X}" for c in found)
        if _BIDI_CONTROLS.issuperset(found):
            problems.add(rel, line, f"{where}: invisible text-direction control character ({codes}), written as a YAML escape", "delete it; it can make text look different from what it is")
        else:
            problems.add(rel, line, f"{where}: invisible control character ({codes}), written as a YAML escape", "delete it; text on the site cannot contain it")
    return False


def _path_name(path: YamlPath) -> str:
    """A value's place in a file for messages, e.g. ``events[0].title``, ``[2].term``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{_shown(part)}" if text else _shown(part))
    return _shown_path(text or "(the whole file)")


def read_yaml(text: str, rel: str, first_line: int, problems: Problems) -> Any:
    """The data of ``text``, or ``None`` after reporting what is wrong with it.

    Accepts and refuses exactly what :func:`parse_yaml` does. YAML with
    nothing unusual is read in one pass of the C loader; anything that could
    be refused (anchors, aliases, tags, merge keys, a key that is not plain
    text or appears twice, a value that cannot be built, deep nesting) goes
    to :func:`parse_yaml`, which finds and reports it with its line.
    """
    if not _UNUSUAL_YAML.search(text) and not _may_nest_deeply(text):
        try:
            data = yaml.load(text, Loader=_PlainLoader)
        except Exception:  # anything the careful path must explain  # noqa: BLE001
            pass
        else:
            if _depth_ok(data):
                return data
    return parse_yaml(text, rel, first_line, problems)[0]


class _PlainLoader(yaml.CSafeLoader):
    """The C loader, refusing the mappings :class:`_LineMap` would report, so they take the careful path."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = set()
        for key_node, _ in node.value:
            if key_node.tag != _STR_TAG or key_node.value in keys:
                raise _Refused
            keys.add(key_node.value)
        return super().construct_mapping(node, deep)


class _Refused(Exception):
    """A mapping the fast path leaves to :func:`parse_yaml`."""


def _depth_ok(data: Any) -> bool:
    """Whether no value lies more than :data:`MAX_YAML_DEPTH` levels deep (the limit :class:`_LineMap` applies)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if depth + 1 > MAX_YAML_DEPTH:
                return False
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return True


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
    try:
        deep_line = _too_deep(text) if _may_nest_deeply(text) else None
        if deep_line is not None:
            problems.add(rel, first_line + deep_line, f"YAML nested more than {MAX_YAML_DEPTH} levels deep", "flatten the structure")
            return None, {}
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            walk = _LineMap(loader, first_line, rel, problems)
            if not walk.visit(node, ()):
                return None, {}
            return loader.construct_document(node), walk.lines
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        what = (err.problem or err.context or "invalid YAML").strip()
        problems.add(rel, line, f"YAML syntax error: {_one_line(what)}", _yaml_hint(what))
    except yaml.reader.ReaderError as err:
        line = first_line + text.count("\n", 0, err.position)
        problems.add(rel, line, f"character U+{err.character:04X} is not allowed in YAML ({err.reason})", "delete it, or put the text in the article body")
    except yaml.YAMLError as err:
        problems.add(rel, first_line, f"YAML error: {_one_line(str(err))}", "check the YAML syntax")
    return None, {}


def line_map(text: str, first_line: int) -> dict[YamlPath, int]:
    """Line of each value of YAML that :func:`read_yaml` accepted, keyed by its path.

    A mapping key's path gets the key's line, as :class:`_LineMap` records it.
    """
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    lines: dict[YamlPath, int] = {}
    stack: list[tuple[yaml.Node, YamlPath]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, first_line + node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_path = (*path, key_node.value)
                lines[key_path] = first_line + key_node.start_mark.line
                stack.append((value_node, key_path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return lines


def _may_nest_deeply(text: str) -> bool:
    """Whether ``text`` has enough collection indicators to nest past what is safe to compose."""
    return sum(text.count(c) for c in "[{-:?") > _SAFE_INDICATORS


def _too_deep(text: str) -> int | None:
    """0-based line where the nesting first exceeds the limit, from the parser's events alone.

    libyaml 0.2.6 (bundled with PyYAML 6.0.4) has a limit of its own, far
    above ours: brackets opened on one line are all scanned before the first
    event (any of them could start a key), so past that limit the scanner
    stops first. That is the same mistake, reported the same way, on the
    line where the scanner stopped.
    """
    loader = yaml.CSafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return event.start_mark.line  # type: ignore[union-attr]  # the parser's events always carry their marks
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        if "maximum nesting depth" in (err.problem or "") and err.problem_mark is not None:
            return err.problem_mark.line
        raise
    finally:
        loader.dispose()
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shown(value: str) -> str:
    """A contributor's value, cut to :data:`MAX_SHOWN` characters, for a message."""
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def _yaml_hint(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "mapping values" in what:
        return "put text that contains ': ' in quotes"
    if "alias" in what or "anchor" in what:
        return "text starting with '*' or '&' must be quoted"
    if "constructor" in what or "tag" in what:
        return "text starting with '!' must be quoted"
    return "check indentation and quote text that contains ':' or '#'"


class _LineMap:
    """Walks a composed YAML node tree: records every value's line, refuses what cannot be built safely."""

    def __init__(self, loader: yaml.CSafeLoader, first_line: int, rel: str, problems: Problems) -> None:
        self.loader = loader
        self.first_line = first_line
        self.rel = rel
        self.problems = problems
        self.lines: dict[YamlPath, int] = {}
        self.seen: set[int] = set()
        self.alias_reported = False

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def visit(self, node: yaml.Node, path: YamlPath) -> bool:
        """Record ``node`` and its children; ``False`` when the tree must not be constructed."""
        line = self.line(node)
        self.lines[path] = line
        if id(node) in self.seen:
            # One report per file: a "billion laughs" file repeats its aliases thousands of times.
            if not self.alias_reported:
                self.problems.add(self.rel, line, "YAML aliases (*name) are not supported", "write the value out in full")
                self.alias_reported = True
            return False
        self.seen.add(id(node))
        if len(path) > MAX_YAML_DEPTH:
            self.problems.add(self.rel, line, f"YAML nested more than {MAX_YAML_DEPTH} levels deep", "flatten the structure")
            return False
        if isinstance(node, yaml.ScalarNode):
            return self._scalar_ok(node)
        ok = True
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key is None:
                    ok = False
                    continue
                if key in keys:
                    self.problems.add(self.rel, self.line(key_node), f"key {_shown(key)!r} appears twice", "remove one of the two")
                    ok = False
                keys.add(key)
                ok = self.visit(value_node, (*path, key)) and ok
                self.lines[(*path, key)] = self.line(key_node)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                ok = self.visit(item, (*path, index)) and ok
        return ok

    def _key(self, node: yaml.Node) -> str | None:
        """A mapping key as text; field names are text, so anything else is reported."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
            return node.value
        shown = _shown(node.value) if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        self.problems.add(self.rel, self.line(node), f"key {shown!r} is not a field name", "keys are field names such as title or quote; put the key in quotes if it is one")
        return None

    def _scalar_ok(self, node: yaml.ScalarNode) -> bool:
        """Build typed scalars (numbers, dates, tagged values) one by one, so a bad one is located."""
        if node.tag == _STR_TAG:
            return True
        try:
            self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError) as err:
            if not node.tag.startswith(_CORE_TAG):
                self.problems.add(self.rel, self.line(node), f"YAML tag {_shown(node.tag)!r} is not supported", "remove the tag; write the value as plain text")
                return False
            why = _one_line(str(getattr(err, "problem", None) or err))
            kind = node.tag[len(_CORE_TAG):]
            self.problems.add(self.rel, self.line(node), f"{_shown(node.value)!r} cannot be read as a YAML {kind} ({_shown(why)})", "put the value in quotes to keep it as text")
            return False
        return True
