"""tests/conftest.py's rule: in CI (CI=true) a skipped test fails, saying what to do; elsewhere it is a skip."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import CI_SKIP, ROOT

SKIPPING = """
import pytest

def test_skips_in_its_body():
    pytest.skip("Chromium is not installed")

@pytest.mark.skipif(True, reason="act is not on PATH")
def test_skipped_by_a_mark():
    pass

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_to_fail():
    assert False

def test_runs():
    pass
"""

SKIPPED_MODULE = 'import pytest\n\npytest.importorskip("a_package_that_is_not_installed")\n'


def run_pytest(folder, ci: str | None, *paths: str) -> subprocess.CompletedProcess:
    """pytest on `paths` in `folder`, which holds a copy of the project's conftest.py, with CI set to `ci` (or
    unset); the last line of its output is the summary."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=-ra", *paths],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture
def folder(tmp_path):
    shutil.copy(ROOT / "tests/conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_skipping.py").write_text(SKIPPING, encoding="utf-8")
    (tmp_path / "test_skipped_module.py").write_text(SKIPPED_MODULE, encoding="utf-8")
    return tmp_path


def test_in_ci_a_skipped_test_fails_with_its_reason_and_what_to_do(folder):
    result = run_pytest(folder, "true", "test_skipping.py")
    assert result.returncode == 1, result.stdout + result.stderr
    summary = result.stdout.splitlines()[-1]
    assert "1 failed, 1 passed, 1 xfailed, 1 error" in summary  # the skip in its body fails, the mark errs
    assert "skipped" not in summary
    for reason in ("Chromium is not installed", "act is not on PATH"):
        assert f"{CI_SKIP}{reason}" in result.stdout, reason


def test_in_ci_a_skipped_module_fails(folder):
    result = run_pytest(folder, "true", "test_skipped_module.py")
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{CI_SKIP}could not import 'a_package_that_is_not_installed'" in result.stdout
    assert "skipped" not in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("ci", [None, "false"])
def test_outside_ci_a_skip_is_a_skip(folder, ci):
    result = run_pytest(folder, ci, ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 3 skipped, 1 xfailed" in result.stdout.splitlines()[-1]
