"""The offline edition: the rendered site as one deterministic zip that works opened from disk."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every entry: the earliest a zip can hold, so the same site gives the same bytes."""

LEFT_OUT = re.compile(r"(^|/)(sitemap\.xml(\.gz)?|[^/]*\.map)$|^pagefind/")
"""Files of no use from disk: sitemaps (they need a web address), source maps (for debugging the theme) and
Pagefind's index (it is fetched, which pages opened from disk may not do; they search ``search/titles.js``)."""


def slug(title: str) -> str:
    """'Not one step back' -> 'not-one-step-back', for the zip's name and top folder."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "site"


def make_zip(site_dir: Path, zip_path: Path, folder: str) -> int:
    """Pack ``site_dir`` into ``zip_path`` under ``folder/``; returns the number of files.

    Entries are sorted, carry a fixed timestamp and fixed permissions, and
    are compressed at a fixed level, so the same site gives a byte-identical
    zip. The zip is written beside its target and renamed into place, so a
    failure never leaves half a file.
    """
    files = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and not LEFT_OUT.search(p.relative_to(site_dir).as_posix())
    )
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=zip_path.parent, prefix=f".{zip_path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for rel in files:
                info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                archive.writestr(info, (site_dir / rel).read_bytes(), compresslevel=9)
        os.chmod(tmp, 0o644)
        os.replace(tmp, zip_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(files)
