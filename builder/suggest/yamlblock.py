"""Add draft entries to a source file's frontmatter without touching a byte of what is there.

Why not re-dump the YAML: a round trip (even ruamel.yaml's) may re-wrap long
strings, re-quote values or move comments, and contributors review the file
as a diff. Instead PyYAML's parser gives the exact position where each
top-level list ends, and the new entries are inserted there as text, with the
list's own indentation; a missing list is appended at the end of the
frontmatter, and an empty flow list (``events: []``) is replaced by the new
block. Values are written as JSON strings, which are valid YAML double-quoted
scalars and keep every character of a quote.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import frontmatter
import yaml

_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


@dataclass
class Entry:
    """One list item to write: ordered fields and comment lines that go above them."""

    fields: dict[str, object]
    comments: list[str] = field(default_factory=list)


class FrontmatterError(ValueError):
    """The file has no frontmatter that can be extended."""


def scalar(value: object) -> str:
    """``value`` as a YAML flow scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = json.dumps(str(value), ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text


def _block(entries: list[Entry], indent: int) -> str:
    pad = " " * indent
    lines = []
    for entry in entries:
        for comment in entry.comments:
            lines.append(f"{pad}# {' '.join(comment.split())}")
        first = True
        for key, value in entry.fields.items():
            lines.append(f"{pad}{'- ' if first else '  '}{key}: {scalar(value)}")
            first = False
    return "\n".join(lines) + "\n"


def add_entries(text: str, additions: dict[str, list[Entry]]) -> str:
    """The file ``text`` with each list of ``additions`` appended to the frontmatter list of that name.

    Raises:
        FrontmatterError: when the file has no frontmatter, or a key to extend is not a list.
    """
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise FrontmatterError("the file has no YAML frontmatter")
    front, _ = handler.split(text)
    front_start = text.find(front)
    if front_start < 0:
        raise FrontmatterError("the frontmatter could not be located")
    node = yaml.compose(front, Loader=yaml.CSafeLoader)
    if not isinstance(node, yaml.MappingNode):
        raise FrontmatterError("the frontmatter is not a mapping of fields")
    values = {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    edits: list[tuple[int, int, str]] = []
    appended = ""
    for name, entries in additions.items():
        if not entries:
            continue
        if name not in values or _is_null(values[name][1]):
            if name in values:
                key, value = values[name]
                edits.append((front_start + key.start_mark.index, _line_end(front, value.end_mark.index, front_start), f"{name}:\n" + _block(entries, 2)))
            else:
                appended += f"{name}:\n" + _block(entries, 2)
            continue
        key, value = values[name]
        if not isinstance(value, yaml.SequenceNode):
            raise FrontmatterError(f"{name}: is not a list")
        if value.flow_style or not value.value:
            edits.append((front_start + key.start_mark.index, _line_end(front, value.end_mark.index, front_start), f"{name}:\n" + _block(entries, 2)))
            continue
        indent = value.value[0].start_mark.column - 2
        where = _line_end(front, _last_leaf(value.value[-1]).end_mark.index, front_start)
        edits.append((where, where, _block(entries, max(indent, 0))))
    if appended:
        end = front_start + len(front)
        prefix = "" if text[:end].endswith("\n") else "\n"
        edits.append((end, end, prefix + appended.rstrip("\n") + ("\n" if text[end : end + 1] != "\n" else "")))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _last_leaf(node: yaml.Node) -> yaml.Node:
    """The last scalar inside ``node``: a block collection's own end mark runs past trailing comments."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _line_end(front: str, index: int, offset: int) -> int:
    """The position just after the line holding ``front[index - 1]``, in the whole file."""
    newline = front.find("\n", max(index - 1, 0))
    if newline < 0:
        return offset + len(front)
    return offset + newline + 1
