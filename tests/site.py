"""Build a copy of the project's site for tests, and serve it on loopback."""

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.settings import reference_date
from tests.conftest import ROOT

# The real date: a reference date in the past would make a freshly verified offer "in the future".
TODAY = reference_date().isoformat()
MKDOCS = [sys.executable, "-m", "mkdocs"]


# The catalogue and register as imported and enriched: tests that need known offers use this copy, so an
# owner's correct edit of the live catalogue never turns a test red.
FROZEN = ROOT / "tests/data/frozen"


def make_project(target: Path, extra_offers: list[Path] = (), frozen: bool = False) -> Path:
    """A copy of everything `mkdocs build` reads, so tests can change the catalogue freely.

    `frozen` builds the frozen catalogue instead of the live one.
    """
    source = FROZEN if frozen else ROOT
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if (source / "owners.yaml").exists():
        shutil.copy(source / "owners.yaml", target / "owners.yaml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("tilbud"))
    shutil.copytree(source / "catalogue", target / "catalogue")
    (target / "generator").symlink_to(ROOT / "generator")
    for offer in extra_offers:
        shutil.copy(offer, target / "catalogue" / offer.name)
    return target


def copy_working_tree(target: Path) -> Path:
    """The project's files as a fresh clone has them, the working tree's changes included, ignored files not."""
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    names = subprocess.run(listed, cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, (name.decode() for name in names)):
        if (ROOT / name).is_file():  # a file deleted in the working tree is still in the index
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
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
def serve(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler):
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project: Path, today: str = TODAY, log: list[str] | None = None):
    """`mkdocs serve` on a free port, as a maintainer runs it; yields its address once the first build is served.

    Its log is appended to `log`, when given, once the server has stopped.
    """
    port = free_port()
    env = {**os.environ, "CATALOGUE_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(server, lambda: fetch(url + "/") is not None, "mkdocs serve", seconds=60)
        yield url
    finally:
        server.terminate()
        try:
            stderr = server.communicate(timeout=10)[1]
        except subprocess.TimeoutExpired:
            server.kill()
            stderr = server.communicate()[1]
        if log is not None:
            log.append(stderr)


def fetch(url: str) -> str | None:
    """The page at `url` (an error page's too), or None when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — our own server on loopback
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return None


def wait_for(server: subprocess.Popen, ready: Callable[[], bool], what: str, seconds: float) -> None:
    """Wait until `ready()` says the server answers; fail with what it printed if it stops or takes too long."""
    deadline = time.monotonic() + seconds
    while not ready():
        if server.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{what} did not start: {''.join(filter(None, server.communicate()))}")
        time.sleep(0.2)
