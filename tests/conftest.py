import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("tests/data")


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch):
    """Paths in expected messages are relative to the project root, as a content owner sees them."""
    monkeypatch.chdir(ROOT)


def pytest_configure(config):
    os.environ.setdefault("PYTHONUTF8", "1")
