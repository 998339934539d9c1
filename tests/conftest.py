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


# In CI a skipped test is a failure: a missing prerequisite (a browser, a binary, a package) must be installed
# there, or the run is green without having tested anything.
CI_SKIP = "skipped in CI (CI=true), where every test must run: install what it needs instead. Reason: "


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _skip_reason(longrepr) -> str:
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if _in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = CI_SKIP + _skip_reason(report.longrepr)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A module skipped as a whole (`pytest.importorskip`, `pytest.skip(allow_module_level=True)`) fails too."""
    report = yield
    if _in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = CI_SKIP + _skip_reason(report.longrepr)
    return report
