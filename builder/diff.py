"""What a change to the sources changes on the site: records added, removed or changed between two trees.

For reviewers of a pull request. Each tree is loaded, checked and curated as
the build would, then the records the site shows (events, figures, terms,
sources, measures, eras, the site's own text) are compared by id, field by
field. Fields are read generically from the curated records, so a field added
to a record is compared without changes here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import subprocess
import tarfile
import typing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel

from builder import dates
from builder.check import Source
from builder.curate import Site, curate
from builder.pipeline import check_only
from builder.problems import ContentError, Problem
from builder.render.markdown import counted, text

Status = Literal["added", "removed", "changed"]
Value = str | tuple[str, ...] | None
Snapshot = dict[str, dict[str, dict[str, Value]]]
"""Kind (``events`` ...) -> record id -> field -> value as text."""

KINDS = ("events", "figures", "terms", "sources", "measures", "eras", "site")
"""The kinds of record compared, in the order they are reported."""
_LABELS = ("title", "term", "label")


class GitError(Exception):
    """A revision could not be read (not a repository, unknown revision, no sources folder)."""


class TreeError(Exception):
    """One of the two trees has content errors, so it cannot be compared."""

    def __init__(self, label: str, problems: list[Problem]):
        self.label = label
        self.problems = problems
        super().__init__(f"{label} has {len(problems)} problem(s) in its sources")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Value
    after: Value


@dataclass(frozen=True)
class Change:
    """One record added, removed or changed."""

    kind: str
    id: str
    status: Status
    label: str | None
    """The record's title, term or label, to recognise it by."""
    fields: tuple[FieldChange, ...] = ()
    """For a changed record: each field that differs."""


@dataclass(frozen=True)
class Diff:
    base: str
    head: str
    changes: tuple[Change, ...]
    drafts: tuple[int, int]
    """Drafts left out of the site, in the base and the head."""

    def of(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)


# --- reading trees -------------------------------------------------------------


def snapshot(root: Path, label: str) -> tuple[Snapshot, int]:
    """Every record the site at ``root`` shows, as comparable text, and the number of drafts.

    Raises:
        TreeError: when the sources have errors.
    """
    try:
        content, _ = check_only(root)
    except ContentError as err:
        raise TreeError(label, [p for p in err.problems if p.severity == "error"]) from None
    site = curate(content)
    return _records(site), site.drafts


def _records(site: Site) -> Snapshot:
    found: Snapshot = {kind: {} for kind in KINDS}
    for event in site.events:
        found["events"][event.id] = _fields(event, skip=("id",))
    for group in site.measures:
        for figure in group.figures:
            found["figures"][figure.id] = _fields(figure, skip=("id",))
    for entry in site.glossary:
        found["terms"][entry.term.id] = _fields(entry.term, skip=("id",))
    for profile in site.sources:
        source = profile.source
        fields = _fields(source.meta, skip=_entry_lists(type(source.meta)))
        fields["text"] = f"{len(source.body):,} characters, {hash_text(source.body)}"
        found["sources"][source.id] = fields
    for group in site.measures:
        found["measures"][group.measure.id] = _fields(group.measure, skip=("id",))
    for era in site.eras:
        found["eras"][era.id] = _fields(era, skip=("id",))
    found["site"]["site"] = _fields(site.info, skip=())
    return found


def _entry_lists(record: type[BaseModel]) -> tuple[str, ...]:
    """Fields of a source that hold entries (events, figures, drafts): compared as records of their own, or not shown."""
    return tuple(
        name
        for name, field in record.model_fields.items()
        if typing.get_origin(field.annotation) is list and any(isinstance(a, type) and issubclass(a, BaseModel) for a in typing.get_args(field.annotation))
    )


def hash_text(value: str) -> str:
    """A short fingerprint of an article's text, so a changed text shows as changed."""
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def _fields(record: object, skip: tuple[str, ...]) -> dict[str, Value]:
    if isinstance(record, BaseModel):
        names = list(type(record).model_fields)
    else:
        # Fields left out of equality (a record's digest) are not part of what it says.
        names = [f.name for f in dataclasses.fields(record) if f.compare]  # type: ignore[arg-type]  # records that are not pydantic models are dataclasses
    return {name: _plain(getattr(record, name)) for name in names if name not in skip}


def _plain(value: Any) -> Value:
    """A field's value as text (or a tuple of texts for a list), for comparing and printing."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(_one(v) for v in value)
    if isinstance(value, dict):
        return tuple(f"{k}: {_one(v)}" for k, v in sorted(value.items()))
    return _one(value)


def _one(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (str, int)):
        return str(value)
    if isinstance(value, dates.Edtf):
        return value.text
    if isinstance(value, Source):
        return value.id
    if isinstance(value, BaseModel) and "id" in type(value).model_fields:
        return str(getattr(value, "id"))
    if isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
        names = list(type(value).model_fields) if isinstance(value, BaseModel) else [f.name for f in dataclasses.fields(value) if f.compare]
        parts = [(n, ", ".join(v) if isinstance(v, tuple) else v) for n in names if (v := _plain(getattr(value, n))) not in (None, ())]
        # Shortest first, so a clipped line still shows a source's date rather than the end of its quote.
        parts.sort(key=lambda part: len(str(part[1])))
        return "; ".join(f"{n}: {v}" for n, v in parts)
    return str(value)


def commit_of(repo: Path, revision: str) -> str:
    """The full id of the commit ``revision`` names, verified by git.

    Only this id ever reaches other git commands: a revision is the
    contributor's text, and ``--output=FILE`` given as one would otherwise
    be read by git as an option. A value starting with '-' is refused
    outright, and git is told where its options end.

    Raises:
        GitError: when ``revision`` starts with '-' or names no commit.
    """
    if revision.startswith("-"):
        raise GitError(f"{revision!r} starts with '-', so git would read it as an option (give a branch, a tag or a commit)")
    done = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    commit = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not _COMMIT_ID.fullmatch(commit):
        raise GitError(f"cannot read sources/ at {revision!r}: no such commit (give a branch, a tag or a commit)")
    return commit


_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (install git to compare revisions)") from None


def extract(repo: Path, revision: str, into: Path, sources_dir: str = "sources") -> Path:
    """Copy ``sources/`` as it is at ``revision`` into ``into``; returns the project folder made.

    Only regular files and folders are copied: links and other special files
    are left out, never followed.

    Raises:
        GitError: when git cannot read the revision.
    """
    commit = commit_of(repo, revision)
    # git 2.39's archive takes no '--' after --end-of-options: what follows the commit is a path.
    done = _git(repo, "archive", "--format=tar", "--end-of-options", commit, sources_dir)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"cannot read {sources_dir}/ at {revision!r}: {message[-1] if message else 'git archive failed'}")
    project = into
    project.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            if path.is_absolute() or ".." in path.parts:
                continue
            target = project.joinpath(*path.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                target.parent.mkdir(parents=True, exist_ok=True)
                handle = archive.extractfile(member)
                assert handle is not None
                target.write_bytes(handle.read())
    return project


def describe(repo: Path, revision: str) -> str:
    """``revision`` with its short commit id, e.g. ``main (3f2c1ab)``.

    Raises:
        GitError: as :func:`commit_of`.
    """
    commit = commit_of(repo, revision)
    done = _git(repo, "rev-parse", "--short", "--verify", "--end-of-options", commit)
    short = done.stdout.decode("ascii", "replace").strip()
    return f"{revision} ({short})" if done.returncode == 0 and short and short != revision else revision


# --- comparing -------------------------------------------------------------------


def compare(base: Snapshot, head: Snapshot) -> tuple[Change, ...]:
    """Records added, removed and changed, by kind, then removed/added/changed order of ids."""
    changes: list[Change] = []
    for kind in KINDS:
        before, after = base.get(kind, {}), head.get(kind, {})
        for rid in sorted(set(before) | set(after)):
            old, new = before.get(rid), after.get(rid)
            if old is None:
                changes.append(Change(kind, rid, "added", _label(new)))
            elif new is None:
                changes.append(Change(kind, rid, "removed", _label(old)))
            else:
                fields = tuple(
                    FieldChange(name, old.get(name), new.get(name))
                    for name in dict.fromkeys([*old, *new])
                    if old.get(name) != new.get(name)
                )
                if fields:
                    changes.append(Change(kind, rid, "changed", _label(new), fields))
    return tuple(changes)


def diff_trees(base_root: Path, head_root: Path, base_label: str = "base", head_label: str = "head") -> Diff:
    """Compare the sources of two project folders.

    Raises:
        TreeError: when either tree has content errors.
    """
    base, base_drafts = snapshot(base_root, base_label)
    head, head_drafts = snapshot(head_root, head_label)
    return Diff(base_label, head_label, compare(base, head), (base_drafts, head_drafts))


def _label(fields: dict[str, Value] | None) -> str | None:
    fields = fields or {}
    for name in _LABELS:
        value = fields.get(name)
        if isinstance(value, str):
            return value
    if isinstance(fields.get("measure"), str):
        amount = fields.get("value") or f"{fields.get('low')}–{fields.get('high')}"
        return f"{fields.get('qualifier') or ''} {amount} ({fields['measure']})".strip()
    return None


# --- output --------------------------------------------------------------------

_SIGN = {"added": "+", "removed": "-", "changed": "~"}
_CLIP = 90
_CODE_SPAN = re.compile(r"[^`|\n\r]+")


def as_text(diff: Diff) -> str:
    """Plain text for a terminal: one line per record, one indented line per changed field."""
    lines = [f"changes from {diff.base} to {diff.head}:"]
    if not diff.changes:
        lines.append("  none to the records the site shows")
    for kind in KINDS:
        changes = diff.of(kind)
        if not changes:
            continue
        lines.append(f"{kind} ({_counts(changes)}):")
        for change in changes:
            label = f"  {_clip(change.label)}" if change.label else ""
            lines.append(f"  {_SIGN[change.status]} {change.id}{label}")
            for field in change.fields:
                lines.append(f"      {field.field}: {_change_text(field)}")
    if diff.drafts[0] != diff.drafts[1]:
        lines.append(f"drafts left out of the site: {diff.drafts[0]} -> {diff.drafts[1]}")
    return "\n".join(lines) + "\n"


def as_markdown(diff: Diff) -> str:
    """GitHub-flavoured Markdown for a pull request comment or a workflow's job summary.

    Everything from the sources is escaped, so a title cannot inject markup.
    """
    out = ["### What changes on the site", "", f"From {_code(diff.base)} to {_code(diff.head)}.", ""]
    if not diff.changes:
        out += ["No event, figure, term, source, measure or era is added, removed or changed.", ""]
    for kind in KINDS:
        changes = diff.of(kind)
        if not changes:
            continue
        out += [f"#### {kind.capitalize()}: {_counts(changes)}", "", "| | Id | Title | Changed fields |", "| --- | --- | --- | --- |"]
        for change in changes:
            fields = "<br>".join(f"{_code(f.field)}: {text(_change_text(f, '→'))}" for f in change.fields)
            label = text(_clip(change.label)) if change.label else ""
            out.append(f"| {change.status} | {_code(change.id)} | {label} | {fields} |")
        out.append("")
    if diff.drafts[0] != diff.drafts[1]:
        out += [f"Drafts left out of the site: {diff.drafts[0]} → {diff.drafts[1]}.", ""]
    return "\n".join(out)


def _counts(changes: tuple[Change, ...]) -> str:
    parts = [f"{sum(1 for c in changes if c.status == s)} {s}" for s in ("added", "changed", "removed")]
    return ", ".join(p for p in parts if not p.startswith("0 "))


def _change_text(field: FieldChange, arrow: str = "->") -> str:
    before, after = field.before, field.after
    if isinstance(before, tuple) or isinstance(after, tuple):
        old, new = before if isinstance(before, tuple) else (), after if isinstance(after, tuple) else ()
        added = [f"+ {_clip(v)}" for v in new if v not in old]
        removed = [f"- {_clip(v)}" for v in old if v not in new]
        return "; ".join(removed + added) or "reordered"
    return f"{_show(before)} {arrow} {_show(after)}"


def _show(value: Value) -> str:
    return "null" if value is None else f'"{_clip(str(value))}"'


def _clip(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _CLIP else flat[: _CLIP - 1].rstrip() + "…"


def _code(value: str) -> str:
    """Inline code, whose content GitHub shows literally; escaped text when it cannot be one."""
    return f"`{value}`" if _CODE_SPAN.fullmatch(value) else text(value)


def count(diff: Diff) -> str:
    """'3 changes' — for the command's last line."""
    return counted(len(diff.changes), "change")
