"""Reminder issues: one per owner, found by its marker, updated in place, closed when nothing is stale."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from generator.load import load_catalogue
from generator.owners import load_owners
from generator.remind import Action, marker, plan_reminders
from tests.conftest import DATA, ROOT

TODAY = dt.date(2026, 11, 24)
REPO = "https://github.com/ishoj-vallensbaek/tilbudskatalog"
OWNERS, _ = load_owners(DATA / "owners/owners.yaml")


def catalogue_of(tmp_path: Path, offers: dict[str, tuple[str | None, str]]) -> list:
    """Offers by id: (owner, last_updated)."""
    folder = tmp_path / "catalogue"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    source = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    for offer_id, (owner, day) in offers.items():
        text = source.replace("2012-12-19", day).replace("title: Rygestop", f"title: Tilbud {offer_id}")
        (folder / f"{offer_id}.yaml").write_text(text + (f"owner: {owner}\n" if owner else ""), encoding="utf-8")
    catalogue = load_catalogue([folder])
    assert catalogue.problems == []
    return catalogue.offers


def apply(actions: list[Action], issues: list[dict]) -> list[dict]:
    """What GitHub holds after the workflow has carried the actions out."""
    issues = [dict(issue) for issue in issues]
    by_number = {issue["number"]: issue for issue in issues}
    for action in actions:
        if action.action == "open":
            number = max(by_number, default=0) + 1
            by_number[number] = {"number": number, "title": action.title, "body": action.body, "state": "OPEN"}
            issues.append(by_number[number])
        elif action.action in {"reopen", "update"}:
            by_number[action.number].update(title=action.title, body=action.body, state="OPEN")
        elif action.action == "close":
            by_number[action.number]["state"] = "CLOSED"
    return issues


def plan(offers, issues):
    return plan_reminders(OWNERS, offers, TODAY, 12, issues, REPO)


def test_one_issue_per_owner_with_edit_links(tmp_path):
    offers = catalogue_of(
        tmp_path,
        {
            "rygestop": ("sundhed-ishoej", "2012-12-19"),
            "kostvejledning": ("sundhed-ishoej", "2013-01-17"),
            "frisk": ("sundhed-ishoej", "2026-06-01"),
            "kursus": ("jobcenter-vallensbaek", "2013-01-17"),
            "uden-ejer": (None, "2013-01-17"),
        },
    )
    actions = plan(offers, [])
    assert [(a.action, a.owner, a.title, a.number) for a in actions] == [
        ("open", "jobcenter-vallensbaek", "Forældede tilbud: Jobcenter Vallensbæk", None),
        ("open", "maintainers", "Forældede tilbud: Tilbudskatalogets redaktion", None),
        ("open", "sundhed-ishoej", "Forældede tilbud: Sundhedskonsulenterne, Ishøj Kommune", None),
    ]
    assert actions[2].labels == ("forældet",)
    assert actions[2].body == (
        "<!-- catalogue-remind: owner=sundhed-ishoej -->\n"
        "**Ansvarlig:** Sundhedskonsulenterne, Ishøj Kommune (@ishoj-vallensbaek/sundhed-ishoej)\n"
        "\n"
        "2 af jeres tilbud er ikke blevet kontrolleret i mere end 12 måneder. Åbn hvert tilbud med linket, "
        "ret det, der er forkert, og sæt `last_updated` til dagens dato – også når alt stadig er rigtigt. "
        "Gem ændringen som en pull request: den bliver kontrolleret automatisk, og når den er godkendt og "
        "flettet, bliver hjemmesiden opdateret.\n"
        "\n"
        f"- [Tilbud rygestop]({REPO}/edit/main/catalogue/rygestop.yaml) – senest opdateret 19. december 2012\n"
        f"- [Tilbud kostvejledning]({REPO}/edit/main/catalogue/kostvejledning.yaml) – senest opdateret "
        "17. januar 2013\n"
        "\n"
        "_Listen opdateres automatisk hver uge og lukkes, når alle tilbuddene er opdateret._\n"
    )


def test_second_run_against_the_first_runs_issues_changes_nothing(tmp_path):
    offers = catalogue_of(
        tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19"), "kursus": ("jobcenter-vallensbaek", "2013-01-17")}
    )
    issues = apply(plan(offers, []), [])
    assert len(issues) == 2
    assert plan(offers, issues) == []
    # GitHub may hand the body back with CRLF line ends; that is no change either.
    crlf = [{**issue, "body": issue["body"].replace("\n", "\r\n")} for issue in issues]
    assert plan(offers, crlf) == []


def test_issue_is_updated_in_place_then_closed_then_reopened(tmp_path):
    offers = catalogue_of(
        tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19"), "kost": ("sundhed-ishoej", "2013-01-17")}
    )
    issues = apply(plan(offers, []), [])
    number = issues[0]["number"]

    offers = catalogue_of(  # one offer re-verified: the same issue lists the other
        tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-20"), "kost": ("sundhed-ishoej", "2013-01-17")}
    )
    actions = plan(offers, issues)
    assert [(a.action, a.number) for a in actions] == [("update", number)]
    assert "kost.yaml" in actions[0].body and "rygestop.yaml" not in actions[0].body
    issues = apply(actions, issues)

    offers = catalogue_of(  # all re-verified: closed with a thank-you
        tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-20"), "kost": ("sundhed-ishoej", "2026-11-21")}
    )
    actions = plan(offers, issues)
    assert [(a.action, a.number) for a in actions] == [("close", number)]
    assert actions[0].body.startswith("Alle tilbud for Sundhedskonsulenterne, Ishøj Kommune er nu kontrolleret")
    issues = apply(actions, issues)
    assert plan(offers, issues) == []

    later = plan_reminders(OWNERS, offers, dt.date(2027, 12, 1), 12, issues, REPO)  # a year on: stale again
    assert [(a.action, a.number) for a in later] == [("reopen", number)]
    assert len(apply(later, issues)) == 1


def test_issue_found_by_marker_not_title_and_duplicates_closed(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    body = plan(offers, [])[0].body
    issues = [
        {"number": 7, "title": "Omdøbt af en person", "body": body, "state": "OPEN"},
        {"number": 9, "title": "Forældede tilbud: Sundhedskonsulenterne, Ishøj Kommune", "body": body, "state": "OPEN"},
        {"number": 3, "title": "Et andet issue med samme label", "body": "Ingen markør", "state": "OPEN"},
    ]
    actions = plan(offers, issues)
    assert [(a.action, a.number) for a in actions] == [("close", 9), ("update", 7)]
    assert actions[0].body == "Lukket, fordi #7 samler påmindelserne for Sundhedskonsulenterne, Ishøj Kommune."
    assert plan(offers, apply(actions, issues)) == []


def test_owner_removed_from_register_gets_its_issue_closed(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-01")})
    issues = [{"number": 4, "title": "Forældede tilbud: Gammel afdeling", "body": marker("gammel"), "state": "OPEN"}]
    assert [(a.action, a.owner, a.number) for a in plan(offers, issues)] == [("close", "gammel", 4)]


def test_remind_command_dry_run_and_json(tmp_path):
    catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    (tmp_path / "owners.yaml").write_text((DATA / "owners/owners.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nrepo_url: {REPO}\n", encoding="utf-8")

    def remind(*args):
        return subprocess.run(
            [sys.executable, "-m", "generator", "remind", "--today", "2026-11-24", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    result = remind("--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "open    Forældede tilbud: Sundhedskonsulenterne, Ishøj Kommune  (owner: sundhed-ishoej)",
        "    **Ansvarlig:** Sundhedskonsulenterne, Ishøj Kommune (@ishoj-vallensbaek/sundhed-ishoej)",
    ]
    actions = json.loads(remind().stdout)
    assert [(a["action"], a["number"], a["labels"]) for a in actions] == [("open", None, ["forældet"])]
    assert f"{REPO}/edit/main/catalogue/rygestop.yaml" in actions[0]["body"]

    issues = tmp_path / "issues.json"
    issues.write_text(
        json.dumps([{"number": 1, "title": actions[0]["title"], "body": actions[0]["body"], "state": "OPEN"}]),
        encoding="utf-8",
    )
    assert json.loads(remind("--issues", str(issues)).stdout) == []
    assert remind("--issues", str(issues), "--dry-run").stdout == "Nothing to do: every owner's issue is up to date.\n"
    issues.write_text("not json", encoding="utf-8")
    assert remind("--issues", str(issues)).returncode == 2
