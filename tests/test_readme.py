"""The README tells the truth by construction: its command examples are what the commands print."""

import subprocess
import sys

from tests.conftest import ROOT


def test_readme_examples_are_what_the_commands_print():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "-I", ".", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        "README examples are out of date: run 'make readme'\n" + result.stdout + result.stderr
    )
