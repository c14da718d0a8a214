"""List the events, figures, glossary terms, sources, measures and eras that differ between two commits.

BASE and HEAD are git revisions (a branch, a tag, a commit). Without HEAD, the
working tree is compared with BASE. Each side is checked and curated as the
build would; both must pass the check. With --format github the list is
GitHub-flavoured Markdown, for a pull request comment or a job summary.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from builder import diff

NAME = "diff"
HELP = "list what changes on the site between two commits (for reviewers)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. main or origin/main")
    parser.add_argument("head", metavar="HEAD", nargs="?", default=None, help="the revision to compare to (default: the working tree)")


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    with tempfile.TemporaryDirectory(prefix="builder-diff-") as tmp:
        try:
            base_root = diff.extract(root, args.base, Path(tmp) / "base")
            head_root = diff.extract(root, args.head, Path(tmp) / "head") if args.head else root
            base_label = diff.describe(root, args.base)
            head_label = diff.describe(root, args.head) if args.head else "the working tree"
            result = diff.diff_trees(base_root, head_root, base_label, head_label)
        except diff.GitError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        except diff.TreeError as err:
            for problem in err.problems:
                print(f"{err.label}: {problem}", file=sys.stderr)
            print(f"diff: {err} (fix them there first; python -m builder check lists them)", file=sys.stderr)
            return 1
    sys.stdout.write(diff.as_markdown(result) if args.format == "github" else diff.as_text(result))
    print(f"diff: {diff.count(result)}", file=sys.stderr)
    return 0
