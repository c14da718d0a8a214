"""The bundled site for the reader-side benchmarks: built in a copy of the project, served like a web host."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGE_TYPES = {
    "home": "index.html",
    "timeline": "timeline.html",
    "glossary": "glossary.html",
    "figures": "figures.html",
    "measure": "figures/{measure}",
    "sourcing note": "sources/{note}",
    "sources index": "sources/index.html",
    "tag": "tags/{tag}",
    "places": "places.html",
    "place": "places/{place}",
    "about": "about.html",
    "404": "404.html",
}
"""One page of each kind; ``{note}``, ``{measure}``, ``{tag}`` and ``{place}`` are filled with the first of their kind (no place page when no event names a place)."""

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt"}


def build_site(workdir: Path) -> Path:
    """Build the repository's sources with the repository's theme in ``workdir``; returns the site folder."""
    from builder.project import copy_skeleton

    project = workdir / "project"
    copy_skeleton(ROOT, project)
    shutil.copytree(ROOT / "sources", project / "sources")
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(project)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")
    return project / "site"


def pages(site: Path) -> dict[str, str]:
    """Page type -> path of one page of that type in ``site``."""
    note = next(p.name for p in sorted((site / "sources").glob("*.html")) if p.name != "index.html")
    tag = next(p.name for p in sorted((site / "tags").glob("*.html")) if p.name != "index.html")
    measure = next(p.name for p in sorted((site / "figures").glob("*.html")))
    place = next((p.name for p in sorted((site / "places").glob("*.html"))), None)
    return {kind: path.format(note=note, tag=tag, measure=measure, place=place) for kind, path in PAGE_TYPES.items() if place is not None or "{place}" not in path}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text when the browser accepts it, as web hosts do."""

    compress = True
    protocol_version = "HTTP/1.1"
    """Keep-alive, as web hosts answer: over HTTP/1.0 every request pays for a new connection."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if not (self.compress and path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool = True):
    """Serve ``site`` on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_site(site: Path | None = None):
    """``site`` if given, else the bundled site built in a temporary folder."""
    if site is not None:
        yield site
        return
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        yield build_site(Path(tmp))
