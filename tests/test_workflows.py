"""The GitHub Actions workflows and pre-commit hooks: valid, least privilege, every action pinned."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.remind import LABEL
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_the_four_workflows_exist():
    assert {path.name for path in WORKFLOWS} == {
        "pull-request.yml",
        "publish.yml",
        "stale-report.yml",
        "codeowners.yml",
    }


def test_actionlint_finds_nothing():
    actionlint = shutil.which("actionlint", path=str(BIN))
    assert actionlint, "actionlint is a test dependency (pyproject.toml)"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action} needs a '# vX' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_least_permissions(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"} or path.name == "stale-report.yml"
    writes = {
        (job_name, scope)
        for job_name, job in workflow["jobs"].items()
        for scope, level in {**workflow["permissions"], **job.get("permissions", {})}.items()
        if level == "write"
    }
    expected = {
        "pull-request.yml": set(),
        "publish.yml": {("deploy", "pages"), ("deploy", "id-token")},
        "stale-report.yml": {("remind", "issues")},
        "codeowners.yml": {("codeowners", "contents"), ("codeowners", "pull-requests")},
    }
    assert writes == expected[path.name]


def test_pull_request_checks_offers_builds_and_tests():
    jobs = load(ROOT / ".github/workflows/pull-request.yml")["jobs"]
    runs = "\n".join(step.get("run", "") for step in jobs["offers"]["steps"])
    assert "catalogue validate --format github" in runs
    assert "catalogue validate --format markdown" in runs and "$GITHUB_STEP_SUMMARY" in runs
    assert runs.count("python -m generator.build --strict") == 1 and "make test" not in runs  # the owner's job: fast
    assert "make test" in "\n".join(step.get("run", "") for step in jobs["tests"]["steps"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_checkout_keeps_a_token_and_pip_is_cached(path):
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip"


def test_publish_deploys_only_after_a_successful_build_daily_and_on_merge():
    workflow = load(ROOT / ".github/workflows/publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"]  # the stale marks follow the calendar
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "if" not in deploy
    assert deploy["environment"]["name"] == "github-pages"
    used = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    assert "git push" not in (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")


def test_stale_report_is_weekly_and_manual_and_uses_the_packages_label():
    workflow = load(ROOT / ".github/workflows/stale-report.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["jobs"]["remind"]["env"]["LABEL"] == LABEL
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["remind"]["steps"])
    assert "--state all" in runs and "catalogue remind" in runs


def test_pre_commit_config_is_valid_and_its_hooks_run():
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    entries = {hook["id"]: hook["entry"] for hook in hooks}
    assert set(entries) == {"catalogue-validate", "catalogue-schema", "catalogue-codeowners"}
    assert re.match(hooks[0]["files"], "catalogue/rygestop-ishoej.yaml")
    for hook in hooks:  # each entry works as pre-commit calls it, from the top folder
        command = hook["entry"].split() + ([] if hook.get("pass_filenames") is False else ["tests/data/valid"])
        command[0] = str(BIN / Path(command[0]).name)
        assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0, hook["id"]
