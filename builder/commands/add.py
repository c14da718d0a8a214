"""Turn a saved web page (HTML) or plain text into a new source file sources/<id>.md, with drafts to review.

The article's text is kept with the site furniture removed; the title,
byline, publisher, address, date and language are taken from the page where
it shows them, and whatever it does not show stays empty and is listed.
Nothing is downloaded: give the saved page, not an address. An existing
source is never overwritten. The new file gets drafts of the events, figures
and glossary terms in the text (see 'suggest'); nothing is written if the
file would not pass the check.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

NAME = "add"
HELP = "import a saved article as a new source, with drafts to review"

KINDS = ("news", "analysis", "official-statement", "document", "reference")
_READ = ("title", "authors", "publisher", "url", "published", "reuse")
"""Fields ``add`` reads off the page, in the order they are written."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=_saved_file, help="the saved page (.html) or the article's text (.txt)")
    parser.add_argument("--url", default=None, help="the article's address, when you know it (never fetched)")
    parser.add_argument("--title", default=None, help="the headline, when the page does not show one")
    parser.add_argument("--kind", choices=KINDS, default="news", help="what kind of text it is (default: news)")
    parser.add_argument("--id", dest="source_id", default=None, help="the source id (default: from the title)")


_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _saved_file(value: str) -> Path:
    """The path of a saved file; a web address is a usage error (exit 2), since nothing is downloaded."""
    if _ADDRESS.match(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is a web address, but add reads a saved file and never downloads anything: "
            f"open the page in your browser, save it (File > Save Page As..., as a web page, .html), "
            f"then run: python -m builder add saved-page.html --url {value}"
        )
    return Path(value)


def run(args: argparse.Namespace) -> int:
    from builder.importer import BadInput, read_article
    from builder.suggest import SuggestError, known_in, slugify, suggest_text
    from builder.suggest.yamlblock import scalar

    root: Path = args.root
    sources = root / "sources"
    if args.url is not None and not _is_url(args.url):
        return _fail(f"--url {args.url!r} is not a web address (give the full http:// or https:// address)", usage=True)
    try:
        page = read_article(args.path, url=args.url, title=args.title)
    except BadInput as err:
        return _fail(str(err))
    source_id = args.source_id or slugify(page.title or "", 60)
    if not source_id or not _is_slug(source_id):
        return _fail(f"{source_id!r} is not a valid source id (use lowercase letters, digits and hyphens, e.g. --id uk-intel-2023)", usage=True)
    duplicate = _already_added(sources, page)
    if duplicate:
        return _fail(f"{args.path}: this article is already {duplicate}; nothing was written")
    if args.source_id and (sources / f"{source_id}.md").exists():
        return _fail(f"sources/{source_id}.md already exists and is never overwritten (choose another --id)", usage=True)
    source_id = _free_id(sources, source_id)
    rel = f"sources/{source_id}.md"

    text = _source_file(page, args.kind, args.path.name, scalar)
    try:
        result = suggest_text(source_id, text, known_in(root))
    except SuggestError as err:
        return _fail(f"{args.path}: {err}")
    problems = _problems_of(root, rel, result.text)
    if problems:
        for problem in problems:
            print(problem)
        return _fail(f"the new file would not pass the check ({len(problems)} problem(s)); nothing was written")
    sources.mkdir(exist_ok=True)
    with open(root / rel, "x", encoding="utf-8") as handle:
        handle.write(result.text)
    _report(rel, page, result.drafts)
    return 0


def _fail(message: str, *, usage: bool = False) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2 if usage else 1


def _is_url(value: str) -> bool:
    from builder.model import _http_url

    try:
        _http_url(value)
    except ValueError:
        return False
    return True


def _is_slug(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)) and len(value) <= 80


def _free_id(sources: Path, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first id no file in ``sources`` has."""
    candidate, n = base, 2
    while (sources / f"{candidate}.md").exists():
        suffix = f"-{n}"
        candidate = base[: 80 - len(suffix)].rstrip("-") + suffix
        n += 1
    return candidate


def _already_added(sources: Path, page) -> str | None:
    """The existing source with the same address or the same text, if any."""
    import frontmatter

    from builder.quotes import normalize

    if not sources.is_dir():
        return None
    text = normalize(page.text)
    for path in sorted(sources.glob("*.md")):
        try:
            post = frontmatter.loads(path.read_text(encoding="utf-8"))
        except Exception:  # a broken file is the check's business, not a duplicate
            continue
        if page.url and post.metadata.get("url") == page.url:
            return f"sources/{path.name} (same url)"
        if normalize(post.content) == text:
            return f"sources/{path.name} (same text)"
    return None


def _source_file(page, kind: str, name: str, scalar) -> str:
    """The new file: a draft, with the metadata found, the unknowns listed in a comment, and the text.

    Every field the builder read off the page or wrote itself is named under
    ``machine:``; given by the contributor (``--url``, ``--title``), it is not.
    """
    missing = [f for f, v in (("publisher", page.publisher), ("authors", page.authors), ("url", page.url), ("published", page.published)) if not v]
    machine = [f for f in _READ if f in page.found and not page.found[f].startswith("given with")]
    machine += [*(["inferred"] if page.inferred else []), "notes"]
    lines = ["---"]
    if missing:
        lines.append(f"# Not shown by the page, so left unknown: {', '.join(missing)}. Fill in only what the page shows; never guess.")
    lines += [
        "# A draft, never published: review it as CONTRIBUTING.md says (Review what the builder wrote), then delete draft: true.",
        "draft: true",
        "# What the builder wrote and no one has reviewed yet: delete each name once you have checked or rewritten that field.",
        f"machine: {scalar(machine)}",
        f"title: {scalar(page.title)}",
        f"publisher: {scalar(page.publisher)}",
        f"authors: {scalar(list(page.authors))}",
        f"url: {scalar(page.url)}",
        f"published: {scalar(page.published)}",
        "accessed: null",
        f"language: {page.language}",
        f"kind: {kind}",
    ]
    if page.reuse:
        lines += ["reuse:", f"  limit: {page.reuse[0]}", f"  statement: {scalar(page.reuse[1])}"]
    if page.inferred:
        lines.append("inferred:")
        lines += [f"  {key}: {scalar(value)}" for key, value in sorted(page.inferred.items())]
    removed = f"; {page.removed} line(s) of site furniture were removed" if page.removed else ""
    lines.append(f"notes: {scalar(f'Imported with the add command from the saved file {name}{removed}. Compare the text with the original before publishing.')}")
    lines.append("---")
    return "\n".join(lines) + "\n" + page.text.strip("\n") + "\n"


def _problems_of(root: Path, rel: str, text: str) -> list:
    """The check's errors for the new file, checked beside the project's sources in a scratch copy."""
    from builder.check import check
    from builder.load import load_tree
    from builder.problems import Problems

    with tempfile.TemporaryDirectory(prefix="builder-add-") as scratch:
        copy = Path(scratch)
        if (root / "sources").is_dir():
            shutil.copytree(root / "sources", copy / "sources", symlinks=True)
        (copy / "sources").mkdir(exist_ok=True)
        (copy / rel).write_text(text, encoding="utf-8")
        problems = Problems()
        check(load_tree(copy, problems), problems)
        return [p for p in problems.errors if p.path == rel]


def _report(rel: str, page, drafts) -> None:
    from builder.commands.suggest import report

    print(f"add: wrote {rel}", file=sys.stderr)
    for field, where in sorted(page.found.items()):
        print(f"  {field}: from {where}", file=sys.stderr)
    missing = [f for f, v in (("publisher", page.publisher), ("authors", page.authors), ("url", page.url), ("published", page.published)) if not v]
    if missing:
        print(f"  not found (left empty; fill in only what the page shows): {', '.join(missing)}", file=sys.stderr)
    if page.removed:
        print(f"  removed {page.removed} line(s) of site furniture; compare the text with the original", file=sys.stderr)
    print("  the source is a draft (draft: true) and names under machine: what the builder wrote; review both as CONTRIBUTING.md says before publishing", file=sys.stderr)
    report(rel, drafts)
