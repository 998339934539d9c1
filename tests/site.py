"""Build a copy of the project's site for tests, and serve it on loopback."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from generator.settings import reference_date
from tests.conftest import ROOT

# The real date: a reference date in the past would make a freshly verified offer "in the future".
TODAY = reference_date().isoformat()
MKDOCS = [sys.executable, "-m", "mkdocs"]


def make_project(target: Path, extra_offers: list[Path] = ()) -> Path:
    """A copy of everything `mkdocs build` reads, so tests can change the catalogue freely."""
    for name in ("mkdocs.yml", "owners.yaml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    for name in ("docs", "overrides", "catalogue"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("tilbud"))
    (target / "generator").symlink_to(ROOT / "generator")
    for offer in extra_offers:
        shutil.copy(offer, target / "catalogue" / offer.name)
    return target


def build(project: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess:
    env = {**os.environ, "CATALOGUE_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", *args], cwd=project, env=env, capture_output=True, text=True, encoding="utf-8"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
