"""README.md's command examples, produced by real runs: `make readme` (cog) rewrites them, a test checks them.

Examples run on the test fixtures, never on the live catalogue, so editing an offer never changes the README.
"""

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import cog  # type: ignore[import-not-found]  # provided by cogapp while it runs

ROOT = Path(__file__).resolve().parent.parent


def console(*commands: str, setup: str = "") -> None:
    """Each command as typed and what it printed (stdout and stderr, in order), into the README."""
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        for name in ("tests", "schemas"):
            (cwd / name).symlink_to(ROOT / name)
        if setup:
            subprocess.run(setup, shell=True, cwd=cwd, check=True)  # noqa: S602 — fixed text from the README
        cog.outl("```console")
        env = {**os.environ, "CATALOGUE_TODAY": "2026-11-26", "COLUMNS": "120"}
        for command in commands:
            args = shlex.split(command)
            result = subprocess.run(
                [sys.executable, "-m", "generator", *args[1:]],
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
            )
            cog.outl(f"$ {command}")
            cog.out(result.stdout)
        cog.outl("```")
