"""The workflows run as GitHub would run them (with `act`, tests/act.py) on a fresh copy of the project.

What an owner sees on a pull request, what the weekly reminders do to the issues, what publishing hands to
GitHub Pages and how CODEOWNERS is kept current: the outcomes, not the workflows' text. Each scenario runs in
a copy of its own; the scenarios run side by side (`scenarios`), and the tests read what each one did.
"""

import re
import subprocess
import sys
import tarfile
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from generator.owners import load_owners
from generator.remind import LABEL
from tests.act import commit, copy_of_project, git, github_state, run_workflow
from tests.site import TODAY  # the workflows run on the real date

PULL_REQUEST = {
    "number": 42,
    "pull_request": {"number": 42, "head": {"ref": "ret-tilbud"}, "base": {"ref": "main"}},
}


def offer_with_a_phone(project):
    """An offer file with a contact phone number, and that number."""
    for path in sorted((project / "catalogue").glob("*.yaml")):
        if found := re.search(r"^\s+phone: \"?([\d ]{8,11})\"?$", path.read_text(encoding="utf-8"), re.M):
            return path, found[1]
    raise AssertionError("no offer has a contact phone")


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, re.M), old
    path.write_text(re.sub(old, new, text, count=count, flags=re.M), encoding="utf-8")


def owner_edit(tmp_path):
    project = copy_of_project(tmp_path / "project")
    offer, phone = offer_with_a_phone(project)
    edit(offer, r"^last_updated: .*$", f"last_updated: {TODAY}")
    edit(offer, re.escape(phone), "43 57 77 99", count=0)  # wherever the offer gives it, or validate warns
    commit(project, "Re-verified, new phone")
    return SimpleNamespace(
        run=run_workflow(project, "pull-request.yml", "pull_request", PULL_REQUEST, tmp_path / "act", job="offers")
    )


def invalid_offer(tmp_path):
    project = copy_of_project(tmp_path / "project")
    offer, _ = offer_with_a_phone(project)
    edit(offer, r"^category: .*$", "category: sport")
    commit(project, "A category that does not exist")
    run = run_workflow(project, "pull-request.yml", "pull_request", PULL_REQUEST, tmp_path / "act", job="offers")
    line = next(n for n, text in enumerate(offer.read_text("utf-8").splitlines(), 1) if text.startswith("category:"))
    return SimpleNamespace(run=run, file=offer.relative_to(project).as_posix(), line=line)


def stale_reports(tmp_path):
    """Three weekly runs: the first, the same again, and one after an owner re-verified every offer."""
    project = copy_of_project(tmp_path / "project", frozen=True)  # its offers stay stale, whatever owners verify
    register = project / "owners.yaml"
    owners, _ = load_owners(register)
    person = sorted(key for key in owners if key != "maintainers")[0]
    edit(register, rf"^{person}:$", f"{person}:\n  reminded: [mette-kommune]")
    commit(project, "A person to remind")
    work = tmp_path / "act"
    schedule = {"schedule": "17 6 * * 1"}
    first = run_workflow(project, "stale-report.yml", "schedule", schedule, work)
    after_first = github_state(work)
    second = run_workflow(project, "stale-report.yml", "schedule", schedule, work)
    for path in (project / "catalogue").glob("*.yaml"):
        if re.search(rf"^owner: {person}$", path.read_text(encoding="utf-8"), re.M):
            edit(path, r"^last_updated: .*$", f"last_updated: {TODAY}")
    commit(project, "Every offer of one owner re-verified")
    third = run_workflow(project, "stale-report.yml", "schedule", schedule, work)
    return SimpleNamespace(
        person=person, runs=(first, second, third), after_first=after_first, after_third=github_state(work)
    )


def publish(tmp_path):
    project = copy_of_project(tmp_path / "project")
    run = run_workflow(project, "publish.yml", "push", {"ref": "refs/heads/main"}, tmp_path / "act")
    names = set()
    if (tmp_path / "act/pages.tar").is_file():
        with tarfile.open(tmp_path / "act/pages.tar") as site:
            names = set(site.getnames())
    return SimpleNamespace(
        run=run,
        site=names,
        offer=next((project / "catalogue").glob("*.yaml")).stem,
        pushed=git(project.parent / "github/tilbudskatalog.git", "for-each-ref"),
    )


def codeowners(tmp_path):
    """CODEOWNERS out of step with owners.yaml, and the workflow run twice."""
    project = copy_of_project(tmp_path / "project")
    (project / ".github/CODEOWNERS").write_text("# out of date\n", encoding="utf-8")
    commit(project, "CODEOWNERS out of step with owners.yaml")
    work = tmp_path / "act"
    runs = [run_workflow(project, "codeowners.yml", "push", {"ref": "refs/heads/main"}, work) for _ in range(2)]
    server = project.parent / "github/tilbudskatalog.git"
    expected = tmp_path / "CODEOWNERS"
    subprocess.run([sys.executable, "-m", "generator", "codeowners", "--output", expected], cwd=project, check=True)
    return SimpleNamespace(
        runs=runs,
        branches=git(server, "for-each-ref", "--format=%(refname)").split(),
        pushed=git(server, "show", "catalogue/codeowners:.github/CODEOWNERS") if runs[0].returncode == 0 else "",
        expected=expected.read_text(encoding="utf-8"),
        pulls=github_state(work)["pulls"],
    )


SCENARIOS = (stale_reports, codeowners, owner_edit, invalid_offer, publish)  # the longest first


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory):
    """Every scenario's outcome, run three at a time (each is mostly pip installing into a fresh venv)."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            scenario.__name__: pool.submit(scenario, tmp_path_factory.mktemp(scenario.__name__))
            for scenario in SCENARIOS
        }
    return {name: future.result() for name, future in futures.items()}


def test_a_correct_owner_edit_passes_the_owners_check(scenarios):
    run = scenarios["owner_edit"].run
    job = run.jobs["offers"]
    assert (run.returncode, job.result) == (0, "success"), run.explain()
    assert set(job.steps.values()) == {"success"} and "Build the site as it would be published" in job.steps
    assert job.annotations == []
    assert "## catalogue validate" in job.summary and "Ingen fejl fundet." in job.summary
    print(f"\nthe owner's check took {run.seconds:.0f} s under act, three workflows running at once")


def test_an_invalid_offer_fails_the_check_with_an_annotation_and_a_summary_row(scenarios):
    outcome = scenarios["invalid_offer"]
    run, job = outcome.run, outcome.run.jobs["offers"]
    assert (run.returncode, job.result) == (1, "failure"), run.explain()
    assert job.steps["Check the offers"] == "failure"
    assert [(a["level"], a["file"], a["line"], a["title"]) for a in job.annotations] == [
        ("error", outcome.file, str(outcome.line), "kategori (category)")
    ]
    assert f"| {outcome.file} | {outcome.line} | 1 | kategori (category) | 'sport' er ikke en af:" in job.summary


def test_the_stale_report_opens_one_issue_per_owner_changes_nothing_twice_and_closes_when_verified(scenarios):
    outcome = scenarios["stale_reports"]
    first, second, third = outcome.runs
    for run in outcome.runs:
        assert (run.returncode, run.jobs["remind"].result) == (0, "success"), run.explain()
    issues = outcome.after_first["issues"]
    owners_with_stale = {re.search(r"owner=([a-z0-9-]+)", issue["body"])[1] for issue in issues}
    assert len(issues) == len(owners_with_stale) > 1  # one issue per owner
    assert all(issue["labels"] == [LABEL] and issue["state"] == "OPEN" for issue in issues)
    reminded = next(issue for issue in issues if f"owner={outcome.person} " in issue["body"])
    assert reminded["assignees"] == [{"login": "mette-kommune"}]
    assert "## catalogue remind" in first.jobs["remind"].summary

    assert [argv[:2] for argv in second.gh] == [["label", "create"], ["issue", "list"]]  # nothing to change

    after = {issue["number"]: issue for issue in outcome.after_third["issues"]}
    assert after[reminded["number"]]["state"] == "CLOSED"
    assert [argv[:3] for argv in third.gh if argv[:2] != ["issue", "list"] and argv[0] != "label"] == [
        ["issue", "close", str(reminded["number"])]
    ]
    assert all(issue["state"] == "OPEN" for number, issue in after.items() if number != reminded["number"])


def test_publishing_builds_the_site_hands_it_to_pages_and_pushes_nothing(scenarios):
    outcome = scenarios["publish"]
    run = outcome.run
    assert run.returncode == 0, run.explain()
    assert (run.jobs["build"].result, run.jobs["deploy"].result) == ("success", "success")
    assert "deploy-pages" in run.calls
    assert {"./index.html", f"./tilbud/{outcome.offer}/index.html", "./pagefind/pagefind.js"} <= outcome.site
    assert outcome.pushed == ""  # no branch was pushed


def test_codeowners_follows_the_register_through_a_pull_request_never_on_main(scenarios):
    outcome = scenarios["codeowners"]
    for run in outcome.runs:  # the second run updates the same branch and opens no second pull request
        assert (run.returncode, run.jobs["codeowners"].result) == (0, "success"), run.explain()
    assert outcome.branches == ["refs/heads/catalogue/codeowners"]
    assert outcome.pushed == outcome.expected  # what `catalogue codeowners` writes
    assert [pull["head"] for pull in outcome.pulls] == ["catalogue/codeowners"]
