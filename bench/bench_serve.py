"""How long a content owner waits under `mkdocs serve`: from saving an offer's YAML to the page showing it.

For each N, a synthetic catalogue (bench/synthetic.py) is served on 127.0.0.1 at a free port; once the first
build is up, one offer's title is changed on disk and its page is polled every 50 ms until the new title
appears. Printed: the latency, and how many builds the server logged for the save (one is right: a
hook that writes into the watched docs/ makes it two). Both `mkdocs serve` and `mkdocs serve --dirty`
(what `make serve` uses) are measured. The aims: LATENCY for `--dirty` at 35 and 1,000 offers (none at other
sizes), and BUILDS for both; exits 1, after printing every line, when one is missed.

Usage: python bench/bench_serve.py [--offers 35 1000] [--edits 3]
"""

import argparse
import os
import re
import shutil
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
from bench.synthetic import measure, write_catalogue  # noqa: E402

ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
BUILD_STARTED = re.compile(r"Building documentation")
# `make serve` (--dirty): save → page served, by catalogue size; one build per save in either mode.
LATENCY = {
    35: Aim("mkdocs serve --dirty, save → page", 1, " s"),
    1000: Aim("mkdocs serve --dirty, save → page", 3, " s"),
}
BUILDS = Aim("builds per save", 1, " build")


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


def measure_serve(project: Path, offer: Path, edits: int, options: tuple[str, ...]) -> tuple[list[float], list[int]]:
    server = Server(project, *options)
    url = f"http://127.0.0.1:{server.port}/tilbud/{offer.stem}/"
    latencies, builds = [], []
    try:
        if not wait_for(lambda: "<h1" in fetch(url), timeout=600, step=0.3):
            raise SystemExit("the server never served the page:\n" + "".join(server.lines[-20:]))
        for number in range(edits):
            time.sleep(1.5)  # let the watcher settle after the previous build
            before = server.builds()
            title = f"Redigeret titel {number} {time.time_ns()}"
            text = re.sub(r"^title: .*$", f"title: {title}", offer.read_text(encoding="utf-8"), count=1, flags=re.M)
            start = time.monotonic()
            offer.write_text(text, encoding="utf-8")
            if not wait_for(lambda title=title: title in fetch(url), timeout=300):
                raise SystemExit("the edit never appeared:\n" + "".join(server.lines[-20:]))
            latencies.append(time.monotonic() - start)
            time.sleep(3)  # a second build, if the save caused one, has started by now
            wait_for(lambda before=before: server.builds() > before, timeout=60)
            builds.append(server.builds() - before)
    finally:
        server.stop()
    return latencies, builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    profile = measure()
    verdict = Verdict()
    for count in args.offers:
        for options in ((), ("--dirty",)):
            with tempfile.TemporaryDirectory() as tmp:
                project = Path(tmp)
                shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
                shutil.copy(ROOT / "owners.yaml", project / "owners.yaml")  # the synthetic offers' owners are its keys
                for name in ("docs", "overrides"):
                    shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("tilbud"))
                (project / "generator").symlink_to(ROOT / "generator")
                offers = write_catalogue(project / "catalogue", count, args.seed, profile)
                latencies, builds = measure_serve(project, offers[len(offers) // 2], args.edits, options)
            mode = "mkdocs serve --dirty" if options else "mkdocs serve"
            latency = LATENCY.get(count) if options else None
            print(
                f"offers: {count:>6}  {mode:<21} edit → page: median {statistics.median(latencies):5.2f} s "
                f"(each: {', '.join(f'{s:.2f}' for s in latencies)}{f'; aim: {latency.text}' if latency else ''})  "
                f"builds per save: {builds} (aim: {BUILDS.text} each)",
                flush=True,
            )
            if latency:
                verdict.check(latency, statistics.median(latencies), f"{count} offers")
            verdict.check(BUILDS, max(builds), f"{count} offers, {mode}")
    verdict.exit()


if __name__ == "__main__":
    main()
