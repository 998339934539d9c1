"""Reminder issues: one per owner, found by its marker, updated in place, closed when nothing is stale."""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import load_catalogue
from generator.owners import Owner, load_owners
from generator.remind import ISSUE_FIELDS, Action, describe, marker, plan_reminders, screen
from tests.conftest import DATA, ROOT

TODAY = dt.date(2026, 11, 24)
REPO = "https://github.com/ishoj-vallensbaek/tilbudskatalog"
OWNERS, _ = load_owners(DATA / "owners/owners.yaml")
BOT = {"login": "app/github-actions", "is_bot": True}  # as `gh issue list --json author` prints the Actions token
PERSON = {"id": "U_kgDOBx", "is_bot": False, "login": "borger", "name": "En borger"}
MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")  # what GitHub turns into a mention (outside code)


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
            by_number[number] = {
                "number": number,
                "title": action.title,
                "body": action.body,
                "state": "OPEN",
                "author": BOT,
                "assignees": [{"login": login} for login in action.assignees],
            }
            issues.append(by_number[number])
        elif action.action in {"reopen", "update"}:
            issue = by_number[action.number]
            assigned = [*issue.get("assignees", []), *({"login": login} for login in action.assignees)]
            issue.update(title=action.title, body=action.body, state="OPEN", assignees=assigned)
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
        "**Ansvarlig:** Sundhedskonsulenterne, Ishøj Kommune\n"
        "\n"
        "2 af jeres tilbud er ikke blevet kontrolleret i mere end 12 måneder, så hjemmesiden viser dem som "
        "forældede. Sådan gør I for hvert tilbud:\n"
        "\n"
        "1. Klik på tilbuddets link herunder. Filen åbner i GitHubs redigering i browseren.\n"
        "2. Ret det, der er forkert, og skriv dagens dato ved `last_updated` – også når alt stadig er rigtigt.\n"
        "3. Gem med den grønne knap (*Commit changes …* eller *Propose changes*). Så bliver rettelsen et "
        "ændringsforslag (GitHub kalder det en *pull request*), som kontrolleres automatisk. Når en redaktør har "
        "godkendt forslaget, kommer rettelsen på hjemmesiden.\n"
        "\n"
        f"Vejledning: [Sådan retter du et tilbud]({REPO}/blob/main/docs/hjaelp/ret-et-tilbud.md).\n"
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
        {"number": 7, "title": "Omdøbt af en person", "body": body, "state": "OPEN", "author": BOT},
        {
            "number": 9,
            "title": "Forældede tilbud: Sundhedskonsulenterne, Ishøj Kommune",
            "body": body,
            "state": "OPEN",
            "author": BOT,
        },
        {
            "number": 3,
            "title": "Et andet issue med samme label",
            "body": "Ingen markør",
            "state": "OPEN",
            "author": BOT,
        },
    ]
    actions = plan(offers, issues)
    assert [(a.action, a.number) for a in actions] == [("close", 9), ("update", 7)]
    assert actions[0].body == "Lukket, fordi #7 samler påmindelserne for Sundhedskonsulenterne, Ishøj Kommune."
    assert plan(offers, apply(actions, issues)) == []


def test_owner_removed_from_register_gets_its_issue_closed(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-01")})
    issues = [
        {
            "number": 4,
            "title": "Forældede tilbud: Gammel afdeling",
            "body": marker("gammel"),
            "state": "OPEN",
            "author": {"login": "github-actions[bot]"},  # the REST API's name for the same bot
        }
    ]
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
        "    **Ansvarlig:** Sundhedskonsulenterne, Ishøj Kommune",
    ]
    actions = json.loads(remind().stdout)
    assert [(a["action"], a["number"], a["labels"]) for a in actions] == [("open", None, ["forældet"])]
    assert f"{REPO}/edit/main/catalogue/rygestop.yaml" in actions[0]["body"]

    issues = tmp_path / "issues.json"
    ours = {"number": 1, "title": actions[0]["title"], "body": actions[0]["body"], "state": "OPEN", "author": BOT}
    issues.write_text(json.dumps([ours]), encoding="utf-8")
    assert json.loads(remind("--issues", str(issues)).stdout) == []
    assert remind("--issues", str(issues), "--dry-run").stdout == "Nothing to do: every owner's issue is up to date.\n"

    # A forged copy is left alone and named in the dry run, by its number only.
    forged = {**ours, "number": 2, "title": "Falsk", "author": PERSON}
    issues.write_text(json.dumps([ours, forged]), encoding="utf-8")
    assert json.loads(remind("--issues", str(issues)).stdout) == []
    assert remind("--issues", str(issues), "--dry-run").stdout == (
        "Nothing to do: every owner's issue is up to date.\n"
        "ignored #2  (opened by borger, not by the reminder bot (app/github-actions, github-actions[bot]))\n"
    )

    # Another bot (a GitHub App token) is named with --bot.
    app = {**ours, "author": {"login": "app/tilbudskatalog", "is_bot": True}}
    issues.write_text(json.dumps([app]), encoding="utf-8")
    assert [a["action"] for a in json.loads(remind("--issues", str(issues)).stdout)] == ["open"]
    assert json.loads(remind("--issues", str(issues), "--bot", "app/tilbudskatalog").stdout) == []

    # Issues listed without their authors would all be ignored and every run would open new ones: refused.
    issues.write_text(json.dumps([{key: value for key, value in ours.items() if key != "author"}]), encoding="utf-8")
    result = remind("--issues", str(issues))
    assert (result.returncode, result.stdout) == (2, "")
    assert f"gh issue list --json {ISSUE_FIELDS}" in result.stderr
    issues.write_text("not json", encoding="utf-8")
    assert remind("--issues", str(issues)).returncode == 2


def test_only_the_bots_issues_with_the_marker_on_their_first_line_count(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    ours = apply(plan(offers, []), [])
    assert [issue["number"] for issue in ours] == [1]
    body = ours[0]["body"]
    foreign = [
        # A citizen's issue, labelled by a triager, with a copied marker: older than the bot's, so it would be
        # adopted (its title and body overwritten) and the bot's own closed as its duplicate.
        {**ours[0], "number": 0, "title": "Min egen sag", "author": PERSON},
        # One that names an owner no longer in the register would be closed.
        {"number": 5, "title": "Spørgsmål", "body": marker("gammel") + "\nHej", "state": "OPEN", "author": PERSON},
        # No author at all is no bot.
        {"number": 6, "title": "Uden forfatter", "body": marker("gammel"), "state": "OPEN"},
    ]
    issues = ours + foreign
    assert plan(offers, issues) == []
    ignored = screen(issues)[1]
    assert [(issue.number, issue.reason) for issue in ignored] == [
        (0, "opened by borger, not by the reminder bot (app/github-actions, github-actions[bot])"),
        (5, "opened by borger, not by the reminder bot (app/github-actions, github-actions[bot])"),
        (6, "opened by an unknown author, not by the reminder bot (app/github-actions, github-actions[bot])"),
    ]
    assert describe([], ignored).splitlines() == [
        "Nothing to do: every owner's issue is up to date.",
        "ignored #0  (opened by borger, not by the reminder bot (app/github-actions, github-actions[bot]))",
        "ignored #5  (opened by borger, not by the reminder bot (app/github-actions, github-actions[bot]))",
        "ignored #6  (opened by an unknown author, not by the reminder bot (app/github-actions, github-actions[bot]))",
    ]
    assert "Min egen sag" not in describe([], ignored)  # anyone's title stays out of the job summary
    # The bot's own issue with the same foreign ones around it: one update, to the bot's own only.
    stale_again = catalogue_of(
        tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19"), "kost": ("sundhed-ishoej", "2013-01-17")}
    )
    assert [(a.action, a.number) for a in plan(stale_again, issues)] == [("update", 1)]
    assert body != plan(stale_again, issues)[0].body


@pytest.mark.parametrize(
    "body",
    [
        "Hej\n{marker}\n",  # on the second line
        "\n{marker}\n",  # after an empty line
        " {marker}\n",  # indented
        "{marker} og mere\n",  # not alone on its line
        "> {marker}\n",  # quoted
    ],
)
def test_bot_issue_without_the_marker_exactly_on_its_first_line_is_ignored(tmp_path, body):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    text = body.format(marker=marker("sundhed-ishoej"))
    issues = [{"number": 3, "title": "Noget andet", "body": text, "state": "OPEN", "author": BOT}]
    assert [(a.action, a.number) for a in plan(offers, issues)] == [("open", None)]
    assert [(issue.number, issue.reason) for issue in screen(issues)[1]] == [
        (3, "the reminder marker is not its first line")
    ]


@pytest.mark.parametrize("author", [BOT, PERSON])
def test_marker_in_the_middle_of_a_body_is_ignored(tmp_path, author):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-01")})  # nothing stale
    body = f"Jeg har fundet en fejl.\n\n{marker('sundhed-ishoej')}\n{marker('gammel')}\n\nVenlig hilsen\n"
    issues = [{"number": 8, "title": "Fejl", "body": body, "state": "OPEN", "author": author}]
    assert plan(offers, issues) == []  # not closed, though nothing is stale and 'gammel' is no owner
    assert "ignored #8  (the reminder marker is not its first line)" in describe([], screen(issues)[1])


def test_names_and_titles_reach_github_escaped_and_mention_no_one(tmp_path):
    name = "**x** [a](b) <img src=x onerror=alert(1)> @someone &commat;other #12 `kode` ~~s~~"
    owners = {**OWNERS, "fremmed": Owner(name=name, email="fremmed@ishoj.dk", github="@fremmed")}
    loaded = catalogue_of(tmp_path, {"rygestop": ("fremmed", "2012-12-19")})
    offers = [loaded[0].model_copy(update={"title": "Hjælp til @someone **nu** [her](https://x.example)"})]

    def plan_for(offers, issues):
        return plan_reminders(owners, offers, TODAY, 12, issues, REPO)

    opened = plan_for(offers, [])
    assert [(a.action, a.owner) for a in opened] == [("open", "fremmed")]
    body, title = opened[0].body, opened[0].title
    escaped = (
        "\\*\\*x\\*\\* \\[a\\](b) \\<img src=x onerror=alert(1)\\> @\u200bsomeone \\&commat;other "
        "\\#\u200b12 \\`kode\\` \\~\\~s\\~\\~"
    )
    assert body.splitlines()[1] == f"**Ansvarlig:** {escaped}"
    assert f"- [Hjælp til @\u200bsomeone \\*\\*nu\\*\\* \\[her\\](https://x.example)]({REPO}/edit/main/" in body
    assert "fremmed" not in body.split("\n", 1)[1]  # nor the owner's own handle: the body mentions no one
    # A title is plain text on GitHub, where a backslash would show: it only mentions no one and links no issue.
    plain = "**x** [a](b) <img src=x onerror=alert(1)> @\u200bsomeone &commat;other #\u200b12 `kode` ~~s~~"
    assert title == f"Forældede tilbud: {plain}"

    issues = apply(opened, [])
    issues = apply(opened, issues)  # a second issue, as if a run had been repeated: the duplicate is closed
    assert plan_for(offers, issues[:1]) == []
    duplicate = plan_for(offers, issues)
    assert [(a.action, a.number) for a in duplicate] == [("close", 2)]
    assert duplicate[0].body == f"Lukket, fordi #1 samler påmindelserne for {escaped}."
    closed = plan_for([], issues[:1])  # nothing stale any more: closed with a thank-you
    assert [(a.action, a.number) for a in closed] == [("close", 1)]
    assert closed[0].body.startswith(f"Alle tilbud for {escaped} er nu kontrolleret")

    for action in (*opened, *duplicate, *closed):
        assert not MENTION.search(action.body) and not MENTION.search(action.title)
        assert not re.search(r"#\d", action.title)


def test_workflow_lists_the_issues_with_their_authors():
    workflow = (ROOT / ".github/workflows/stale-report.yml").read_text(encoding="utf-8")
    assert f"--json {ISSUE_FIELDS} > issues.json" in workflow.replace("\\\n", "").replace("  ", "")


def test_reminders_are_assigned_to_the_owners_people(tmp_path):
    """GitHub notifies assignees; a team mentioned with the Actions token hears nothing."""
    owners = {
        **OWNERS,
        "person": Owner(name="P", email="p@ishoj.dk", github="@mette-ishoej", reminded=["@ole-ishoej", "mette-ishoej"]),
        "team": Owner(name="T", email="t@ishoj.dk", github="@org/team", reminded=["ole-ishoej"]),
    }
    offers = catalogue_of(tmp_path, {"a": ("person", "2012-12-19"), "b": ("team", "2012-12-19")})
    actions = plan_reminders(owners, offers, TODAY, 12, [], REPO)
    assert {a.owner: a.assignees for a in actions} == {
        "person": ("mette-ishoej", "ole-ishoej"),
        "team": ("ole-ishoej",),
    }
    issues = apply(actions, [])
    assert plan_reminders(owners, offers, TODAY, 12, issues, REPO) == []
    # Someone added to the register later is assigned to the open issue too.
    owners["team"] = owners["team"].model_copy(update={"reminded": ["ole-ishoej", "ny-ishoej"]})
    update = plan_reminders(owners, offers, TODAY, 12, issues, REPO)
    assert [(a.action, a.assignees) for a in update] == [("update", ("ole-ishoej", "ny-ishoej"))]


# The rules below are each stated once more on their own, so that changing any of them fails a test
# (`make mutation`).


def test_an_action_as_json_for_the_workflow():
    action = Action("update", "sundhed-ishoej", "T", "B", number=4, assignees=("ole-ishoej",))
    assert action.as_dict() == {
        "action": "update",
        "owner": "sundhed-ishoej",
        "title": "T",
        "body": "B",
        "labels": ["forældet"],
        "number": 4,
        "assignees": ("ole-ishoej",),
    }


def test_describe_lists_each_action_and_its_body_without_the_marker():
    actions = [
        Action(
            "update", "sundhed-ishoej", "Forældede tilbud: S", marker("sundhed-ishoej") + "\nLinje 1\nLinje 2", number=4
        ),
        Action("open", "maintainers", "Forældede tilbud: R", "Tekst"),
    ]
    assert describe(actions) == (
        "update  #4 Forældede tilbud: S  (owner: sundhed-ishoej)\n"
        "    Linje 1\n"
        "    Linje 2\n"
        "open    Forældede tilbud: R  (owner: maintainers)\n"
        "    Tekst\n"
    )


def test_why_an_issue_is_left_alone():
    issues = [
        {"number": 1, "body": "Ingen markør her", "state": "OPEN", "author": BOT},
        {"number": 2, "body": None, "state": "OPEN", "author": BOT},
        {"number": 3, "body": marker("sundhed-ishoej"), "state": "OPEN", "author": {"login": 42}},
        {"number": 4, "body": marker("sundhed-ishoej"), "state": "OPEN", "author": {"login": "Mette-Ishoej"}},
    ]
    assert [(issue.number, issue.reason) for issue in screen(issues)[1]] == [
        (1, "no reminder marker"),
        (2, "no reminder marker"),
        (3, "opened by an unknown author, not by the reminder bot (app/github-actions, github-actions[bot])"),
        (4, "opened by Mette-Ishoej, not by the reminder bot (app/github-actions, github-actions[bot])"),
    ]


def test_the_threshold_and_the_bots_asked_for_are_the_ones_used(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2026-05-01")})  # 6 months old
    assert plan_reminders(OWNERS, offers, TODAY, 12, [], REPO) == []
    opened = plan_reminders(OWNERS, offers, TODAY, 3, [], REPO)
    assert [(a.action, a.owner) for a in opened] == [("open", "sundhed-ishoej")]
    assert "i mere end 3 måneder" in opened[0].body
    app = {"login": "app/tilbudskatalog", "is_bot": True}
    issues = [{"number": 5, "title": opened[0].title, "body": opened[0].body, "state": "OPEN", "author": app}]
    assert plan_reminders(OWNERS, offers, TODAY, 3, issues, REPO, bots=("app/tilbudskatalog",)) == []


def test_every_action_names_its_owner_title_body_and_people(tmp_path):
    owners = {**OWNERS, "sundhed-ishoej": OWNERS["sundhed-ishoej"].model_copy(update={"reminded": ["ole-ishoej"]})}
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    opened = plan_reminders(owners, offers, TODAY, 12, [], REPO)
    title, body = opened[0].title, opened[0].body
    closed = [{"number": 2, "title": title, "body": body, "state": "CLOSED", "author": BOT}]
    assert plan_reminders(owners, offers, TODAY, 12, closed, REPO) == [
        Action("reopen", "sundhed-ishoej", title, body, number=2, assignees=("ole-ishoej",))
    ]
    renamed = [{"number": 2, "title": "Gammel titel", "body": body, "state": "OPEN", "author": BOT}]
    assert plan_reminders(owners, offers, TODAY, 12, renamed, REPO) == [
        Action("update", "sundhed-ishoej", title, body, number=2, assignees=("ole-ishoej",))
    ]
    twice = [*renamed, {**renamed[0], "number": 3, "title": title}]
    assert plan_reminders(owners, offers, TODAY, 12, twice, REPO)[0] == Action(
        "close",
        "sundhed-ishoej",
        title,
        "Lukket, fordi #2 samler påmindelserne for Sundhedskonsulenterne, Ishøj Kommune.",
        number=3,
    )
    fresh = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2026-11-01")})
    assert [a.body for a in plan_reminders(owners, fresh, TODAY, 12, renamed, REPO)] == [
        "Alle tilbud for Sundhedskonsulenterne, Ishøj Kommune er nu kontrolleret inden for de seneste 12 måneder. Tak!"
    ]


def test_an_owner_missing_from_the_register_is_named_by_key_and_assigned_no_one(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    (action,) = plan_reminders({}, offers, TODAY, 12, [], REPO)
    assert (action.owner, action.title, action.assignees) == ("sundhed-ishoej", "Forældede tilbud: sundhed-ishoej", ())


def test_links_are_made_from_the_repository_address_with_or_without_a_trailing_slash(tmp_path):
    offers = catalogue_of(tmp_path, {"rygestop": ("sundhed-ishoej", "2012-12-19")})
    repo = "https://github.com/ishoj/katalog-X"
    (action,) = plan_reminders(OWNERS, offers, TODAY, 12, [], repo + "/")
    assert f"({repo}/blob/main/docs/hjaelp/ret-et-tilbud.md)" in action.body
    assert f"({repo}/edit/main/catalogue/rygestop.yaml)" in action.body


def test_control_characters_in_a_name_become_single_spaces(tmp_path):
    """The register refuses them; the reminders remove them all the same (model_construct skips the check)."""
    owners = {"k": Owner.model_construct(name="Sundhed\tog\u202eomsorg\n Ishøj", email="k@ishoj.dk")}
    offers = catalogue_of(tmp_path, {"rygestop": (None, "2012-12-19")})
    offers = [offers[0].model_copy(update={"owner": "k"})]
    (action,) = plan_reminders(owners, offers, TODAY, 12, [], REPO)
    assert action.title == "Forældede tilbud: Sundhed og omsorg Ishøj"
