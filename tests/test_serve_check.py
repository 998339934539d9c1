"""`make serve` on a port that is taken: one clear line and a non-zero exit, never mkdocs' traceback."""

import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture
def busy_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_make_serve_on_a_busy_port_prints_one_line_and_fails(busy_port):
    # As a person types it: not as a sub-make of `make test`, which would announce its directories.
    env = {key: value for key, value in os.environ.items() if key not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    result = subprocess.run(["make", "serve", f"PORT={busy_port}"], cwd=ROOT, env=env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert len(output.splitlines()) == 1, output
    assert f"Port {busy_port} is in use; run 'make serve PORT=" in output
    assert "Traceback" not in output


def serve_check(port: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.serve_check", port], capture_output=True, text=True)


def test_a_free_port_passes_silently():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = serve_check(str(port))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_suggested_port_is_free(busy_port):
    result = serve_check(str(busy_port))
    assert result.returncode == 1
    suggested = int(result.stderr.rsplit("PORT=", 1)[1].rstrip("'\n"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", suggested))


@pytest.mark.parametrize("value", ["abc", "0", "70000", ""])
def test_a_port_that_is_not_a_port_is_one_line(value):
    result = serve_check(value)
    assert result.returncode == 2
    assert result.stderr == f"PORT must be a number from 1 to 65535, not {value!r}\n"
