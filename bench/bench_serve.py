"""How long a content owner waits under `make serve`: from saving an offer to the page showing it, against the
same wait on a plain MkDocs site.

For each N, a synthetic catalogue (bench/synthetic.py) and the plain MkDocs + Material site of the same text
(bench/bench_build.py's floor: one Markdown page per offer, no hook) are served at once on 127.0.0.1, each with
`mkdocs serve --dirty` (what `make serve` runs). Once both first builds are up, edits alternate between the two
(catalogue, plain, plain, catalogue, …): one offer's title is changed on disk (its YAML file; the plain site's
Markdown page) and its page is polled every 50 ms until the new title appears. Printed: the median latency of
each, the ratio as the median of the pairs' ratios with their range, and how many builds each server logged per
save (one is right: a hook that writes into the watched docs/ makes it two), and each site's rebuild alone as
MkDocs logs it (steadier: MkDocs' watcher polls every 0.5 s, which the latency includes). The aims: RATIO at
1,000 offers, LATENCY for the catalogue at 35 and 1,000, BUILDS for both; exits 1, after printing every line,
when one is missed.

Usage: python bench/bench_serve.py [--offers 35 1000] [--edits 5]
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aims import Aim, Verdict  # noqa: E402
from bench.bench_build import plain_project, project_copy  # noqa: E402
from bench.synthetic import measure  # noqa: E402

ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
BUILD_STARTED = re.compile(r"Building documentation")
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")  # MkDocs' own log: the rebuild alone, no watcher
# `make serve` (--dirty): save → page served, by catalogue size; one build per save in either mode.
LATENCY = {
    35: Aim("mkdocs serve --dirty, save → page", 1, " s"),
    1000: Aim("mkdocs serve --dirty, save → page", 3, " s"),
}
BUILDS = Aim("builds per save", 1, " build")
RATIO = {1000: Aim("mkdocs serve --dirty, save → page, catalogue ÷ plain site", 1.2, "x")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — our own server on loopback
            return response.read().decode("utf-8")
    except OSError:
        return ""


class Server:
    """`mkdocs serve` in a child process whose log is collected line by line."""

    def __init__(self, project: Path, *options: str) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", *options],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)

    def builds(self) -> int:
        return sum(bool(BUILD_STARTED.search(line)) for line in self.lines)

    def rebuild_seconds(self) -> list[float]:
        """How long each build after the first took, as MkDocs logs it."""
        return [float(found[1]) for line in self.lines if (found := BUILT.search(line))][1:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_for(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


class Site:
    """A served site and the one offer whose title the edits change."""

    def __init__(self, project: Path, offer_id: str, source: Path, title_line: str) -> None:
        self.server = Server(project, "--dirty")
        self.url = f"http://127.0.0.1:{self.server.port}/tilbud/{offer_id}/"
        self.source, self.title_line = source, re.compile(title_line, re.M)
        self.latencies: list[float] = []
        self.builds: list[int] = []

    def ready(self) -> None:
        if not wait_for(lambda: "<h1" in fetch(self.url), timeout=900, step=0.3):
            raise SystemExit("the server never served the page:\n" + "".join(self.server.lines[-20:]))

    def edit(self, number: int) -> None:
        time.sleep(1.5)  # let the watcher settle after the previous build (and the index catch up)
        before = self.server.builds()
        title = f"Redigeret titel {number} {time.time_ns()}"
        text = self.title_line.sub(lambda line: line[1] + title, self.source.read_text(encoding="utf-8"))
        start = time.monotonic()
        self.source.write_text(text, encoding="utf-8")
        if not wait_for(lambda: title in fetch(self.url), timeout=300):
            raise SystemExit("the edit never appeared:\n" + "".join(self.server.lines[-20:]))
        self.latencies.append(time.monotonic() - start)
        time.sleep(3)  # a second build, if the save caused one, has started by now
        wait_for(lambda: self.server.builds() > before, timeout=60)
        self.builds.append(self.server.builds() - before)


def compare(count: int, edits: int, seed: int, profile, verdict: Verdict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "catalogue-site", count, seed, profile)
        plain = plain_project(ours, Path(tmp) / "plain-site")
        offer = sorted((ours / "catalogue").glob("*.yaml"))[count // 2]
        sites = {
            "catalogue": Site(ours, offer.stem, offer, r"^(title: ).*$"),
            "plain": Site(plain, offer.stem, plain / f"docs/tilbud/{offer.stem}.md", r"^(title: |# ).*$"),
        }
        try:
            for site in sites.values():
                site.ready()
            for number in range(edits):
                order = ["catalogue", "plain"] if number % 2 == 0 else ["plain", "catalogue"]
                for name in order:
                    sites[name].edit(number)
        finally:
            for site in sites.values():
                site.server.stop()
    ours_site, plain_site = sites["catalogue"], sites["plain"]
    pairs = [a / b for a, b in zip(ours_site.latencies, plain_site.latencies, strict=True)]
    print(f"offers: {count}  mkdocs serve --dirty, save → page ({edits} paired edits, medians)")
    for name, site in sites.items():
        aim = LATENCY.get(count) if name == "catalogue" else None
        print(
            f"  {name:9}  {statistics.median(site.latencies):5.2f} s  "
            f"(each: {', '.join(f'{s:.2f}' for s in site.latencies)}{f'; aim: {aim.text}' if aim else ''})  "
            f"builds per save: {site.builds} (aim: {BUILDS.text} each)"
        )
        if aim:
            verdict.check(aim, statistics.median(site.latencies), f"{count} offers")
        verdict.check(BUILDS, max(site.builds), f"{count} offers, {name}")
    rebuilds = {name: site.server.rebuild_seconds() for name, site in sites.items()}
    if all(rebuilds.values()):  # steadier than the latency: no watcher's polling in it
        medians = {name: statistics.median(seconds) for name, seconds in rebuilds.items()}
        print(
            f"  rebuild alone (MkDocs' log), median: catalogue {medians['catalogue']:.2f} s, "
            f"plain {medians['plain']:.2f} s, ratio {medians['catalogue'] / medians['plain']:.2f}x"
        )
    ratio = RATIO.get(count)
    spread = f" [{min(pairs):.2f}–{max(pairs):.2f}]" if len(pairs) > 1 else ""
    print(f"  ratio {statistics.median(pairs):.2f}x{spread}" + (f" (aim: {ratio.text})" if ratio else ""), flush=True)
    if ratio:
        verdict.check(ratio, statistics.median(pairs), f"{count} offers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    profile = measure()
    verdict = Verdict()
    for count in args.offers:
        compare(count, args.edits, args.seed, profile, verdict)
    verdict.exit()


if __name__ == "__main__":
    main()
