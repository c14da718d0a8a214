"""Lighthouse (mobile) scores of the bundled site, page by page, served by a local static server.

Usage::

    npm install --prefix benchmarks          # once: Lighthouse into benchmarks/node_modules
    python -m benchmarks.lighthouse [--site DIR] [--no-gzip] [--dark] [--runs N]

Builds the bundled site in a temporary copy of the project (or takes a built
``--site``), serves it on 127.0.0.1 with gzip like a web host (``--no-gzip``
serves files as they are), runs Lighthouse's default mobile audit in the
system Chromium for the home page, the timeline, the glossary, the figures,
one sourcing note and one place, and prints the four category scores of each. With
``--runs N`` each page is audited N times and the median score is printed,
with the performance score of every run and the load average before the
first: Lighthouse's simulated slow phone multiplies the main-thread time it
observes, so on a busy machine performance varies from run to run (Lighthouse
advises the median of 5). ``--dark`` asks Chromium for the dark colour scheme.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.site import built_site, pages, serve

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
AUDITED = ("home", "timeline", "glossary", "figures", "sourcing note", "place")


def audit(url: str, dark: bool) -> dict:
    """One Lighthouse run; returns its JSON report."""
    flags = CHROME_FLAGS + (["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark else [])
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(flags)}",
        ]
        done = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True)
        if done.returncode != 0 or not report.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(report: dict) -> list[str]:
    """Audits below full marks that count towards a category score, as 'category: audit id (score)'."""
    out = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result.get("score") is not None and result["score"] < 1:
                out.append(f"{name}: {ref['id']} ({result['score']:.2f}) {result.get('displayValue', '')}".rstrip())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the bundled site)")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    parser.add_argument("--dark", action="store_true", help="emulate the dark colour scheme")
    parser.add_argument("--runs", type=int, default=1, help="audits per page; the median score is printed")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm install --prefix benchmarks` first", file=sys.stderr)
        return 2
    if not shutil.which(CHROMIUM):
        print(f"needs {CHROMIUM}", file=sys.stderr)
        return 2
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Lighthouse {version}, {chromium}, mobile, {'gzip' if not args.no_gzip else 'no compression'}, {'dark' if args.dark else 'light'} scheme, {args.runs} run(s) per page")
    met = True
    with built_site(args.site) as site, serve(site, compress=not args.no_gzip) as base:
        paths = pages(site)
        print(f"{'page':<15} {'path':<45} " + " ".join(f"{c:>14}" for c in CATEGORIES) + "  performance per run  load")
        for kind in AUDITED:
            load = os.getloadavg()[0]
            reports = [audit(base + paths[kind], args.dark) for _ in range(args.runs)]
            scores = {c: statistics.median(r["categories"][c]["score"] for r in reports) for c in CATEGORIES}
            spread = " ".join(f"{r['categories']['performance']['score']:.2f}" for r in reports)
            print(f"{kind:<15} {paths[kind]:<45} " + " ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES) + f"  {spread:<19}  {load:.1f}")
            worst = min(reports, key=lambda r: sum(r["categories"][c]["score"] for c in CATEGORIES))
            for line in failing_audits(worst):
                print(f"{'':<15}   {line}")
            met &= all(scores[c] >= TARGETS[c] for c in CATEGORIES)
    print("targets (performance >= 0.98, the others 1.00):", "met" if met else "NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
