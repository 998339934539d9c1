"""Reminders about stale offers: one GitHub issue per owner, kept in step with the catalogue.

What to do is a pure function of the register, the offers, the day and the issues that already exist,
so it can be tested offline and a second run against the issues the first one left changes nothing.
The workflow only carries the actions out with `gh`. An owner's issue is found by a hidden marker on its
body's first line, not by its title, so renaming the owner or the issue never makes a second one.

Only the reminders' own issues are ever changed: anyone can write the marker and a triager may label anyone's
issue, but only the workflow's bot can be an issue's author. Every other labelled issue is left alone.
Everything the reminders write comes from the register and the catalogue, and reaches GitHub as plain text:
Markdown is escaped, and no name or title can mention a person or link an issue.
"""

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from generator.formatting import long_date
from generator.model import ID_PATTERN, Offer
from generator.owners import MAINTAINERS, Owner
from generator.settings import CATALOGUE_DIR, HELP_PAGE
from generator.stale import stale_offers

Issue = dict[str, Any]  # as `gh issue list --json number,title,body,state,author` prints one
ISSUE_FIELDS = "number,title,body,state,author,assignees"  # what the workflow asks `gh issue list` for
LABEL = "forældet"
# The workflow's token is the `github-actions` GitHub App: `gh issue list --json author` prints it as
# {"login": "app/github-actions", "is_bot": true}; GitHub's REST API calls it github-actions[bot]. Neither is a
# login a person can register (no "/" or "[" in those), so an issue by either was opened by a workflow.
BOT_LOGINS = ("app/github-actions", "github-actions[bot]")
_MARKER_START = "<!-- catalogue-remind:"
_MARKER = re.compile(rf"{_MARKER_START} owner=(?P<key>{ID_PATTERN.removeprefix('^').removesuffix('$')}) -->")
# A zero-width space after "@" or before a number's digits: GitHub then finds no mention and no issue
# reference in the text, and a reader sees the same name (Renovate escapes its pull requests the same way).
_NO_LINK = "\u200b"
# Control characters, line and paragraph separators and bidirectional overrides: none belongs in a one-line text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Action:
    """One thing to do on GitHub: open, reopen, update or close an owner's issue."""

    action: str
    owner: str
    title: str
    body: str  # the issue's body; for close, the closing comment
    labels: tuple[str, ...] = (LABEL,)
    number: int | None = None
    assignees: tuple[str, ...] = ()  # GitHub notifies them; a team mentioned by the Actions token hears nothing

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "labels": list(self.labels)}


@dataclass(frozen=True)
class Ignored:
    """A labelled issue that is not a reminder's own, so it is never changed, and why."""

    number: int
    reason: str


def marker(owner_key: str) -> str:
    return f"<!-- catalogue-remind: owner={owner_key} -->"


def screen(issues: list[Issue], bots: Collection[str] = BOT_LOGINS) -> tuple[dict[str, list[Issue]], list[Ignored]]:
    """The reminders' own issues by owner key, and every other issue with the reason it is left alone.

    An issue is a reminder's when its body's first line is exactly the marker and one of `bots` opened it.
    """
    ours: dict[str, list[Issue]] = {}
    ignored = []
    for issue in issues:
        body = (issue.get("body") or "").replace("\r\n", "\n")
        found = _MARKER.fullmatch(body.split("\n", 1)[0])
        login = _login(issue)
        if found is None:
            reason = "the reminder marker is not its first line" if _MARKER_START in body else "no reminder marker"
        elif login not in bots:
            reason = f"opened by {_shown_login(login)}, not by the reminder bot ({', '.join(bots)})"
        else:
            ours.setdefault(found["key"], []).append(issue)
            continue
        ignored.append(Ignored(issue["number"], reason))
    return ours, ignored


def plan_reminders(
    owners: dict[str, Owner],
    offers: Iterable[Offer],
    today: dt.date,
    max_age_months: int,
    issues: list[Issue],
    repo_url: str,
    bots: Collection[str] = BOT_LOGINS,
) -> list[Action]:
    """The actions that make the reminders' issues match today's stale offers; none when they already do.

    `issues` is what `gh issue list --state all --json number,title,body,state,author` prints; only the
    reminders' own (see `screen`) are changed. Offers without an owner are the maintainers'. The issue of an
    owner no longer in the register is closed when nothing of theirs is stale: it is the reminders' own.
    """
    stale: dict[str, list[Offer]] = {}
    for offer in stale_offers(offers, today, max_age_months):
        stale.setdefault(offer.owner or MAINTAINERS, []).append(offer)
    by_owner, _ = screen(issues, bots)

    actions = []
    for key in sorted(stale.keys() | by_owner.keys()):
        name = owners[key].name if key in owners else key
        title = f"Forældede tilbud: {_plain(name)}"
        existing = sorted(by_owner.get(key, []), key=lambda issue: (not _is_open(issue), issue["number"]))
        primary = existing[0] if existing else None
        for duplicate in existing[1:]:
            if _is_open(duplicate):
                comment = f"Lukket, fordi #{existing[0]['number']} samler påmindelserne for {_escape(name)}."
                actions.append(Action("close", key, title, comment, number=duplicate["number"]))
        if key in stale:
            body = _body(key, name, stale[key], max_age_months, repo_url)
            assignees = tuple(owners[key].assignees()) if key in owners else ()
            if primary is None:
                actions.append(Action("open", key, title, body, assignees=assignees))
            elif not _is_open(primary):
                actions.append(Action("reopen", key, title, body, number=primary["number"], assignees=assignees))
            elif (
                primary["title"] != title
                or _normal(primary.get("body")) != _normal(body)
                or not set(assignees) <= _assigned(primary)
            ):
                actions.append(Action("update", key, title, body, number=primary["number"], assignees=assignees))
        elif primary is not None and _is_open(primary):
            comment = (
                f"Alle tilbud for {_escape(name)} er nu kontrolleret inden for de seneste {max_age_months} måneder. "
                "Tak!"
            )
            actions.append(Action("close", key, title, comment, number=primary["number"]))
    return actions


def _body(key: str, name: str, offers: list[Offer], max_age_months: int, repo_url: str) -> str:
    help_page = f"{repo_url.rstrip('/')}/blob/main/{HELP_PAGE.as_posix()}"
    lines = [
        marker(key),
        f"**Ansvarlig:** {_escape(name)}",
        "",
        f"{len(offers)} af jeres tilbud er ikke blevet kontrolleret i mere end {max_age_months} måneder, så "
        "hjemmesiden viser dem som forældede. Sådan gør I for hvert tilbud:",
        "",
        "1. Klik på tilbuddets link herunder. Filen åbner i GitHubs redigering i browseren.",
        "2. Ret det, der er forkert, og skriv dagens dato ved `last_updated` – også når alt stadig er rigtigt.",
        "3. Gem med den grønne knap (*Commit changes …* eller *Propose changes*). Så bliver rettelsen et "
        "ændringsforslag (GitHub kalder det en *pull request*), som kontrolleres automatisk. Når en "
        "redaktør har godkendt forslaget, kommer rettelsen på hjemmesiden.",
        "",
        f"Vejledning: [Sådan retter du et tilbud]({help_page}).",
        "",
    ]
    for offer in offers:
        edit = f"{repo_url.rstrip('/')}/edit/main/{CATALOGUE_DIR.as_posix()}/{offer.id}.yaml"
        lines.append(f"- [{_escape(offer.title)}]({edit}) – senest opdateret {long_date(offer.last_updated)}")
    lines += ["", "_Listen opdateres automatisk hver uge og lukkes, når alle tilbuddene er opdateret._"]
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """One line that GitHub shows as written and that mentions no one and links no issue (for a title)."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return re.sub(r"@|#(?=\d)", lambda found: found[0] + _NO_LINK, text)


def _escape(text: str) -> str:
    """`_plain` text that Markdown shows as written, also inside a link's brackets (for a body or a comment).

    `&` is escaped too, or `&#64;` would become an "@" that mentions someone.
    """
    return re.sub(r"([\\`*_\[\]<>#|&~$])", r"\\\1", _plain(text))


def _assigned(issue: Issue) -> set[str]:
    people = issue.get("assignees") or []
    return {str(person.get("login")) for person in people if isinstance(person, dict)}


def _login(issue: Issue) -> str | None:
    author = issue.get("author")
    login = author.get("login") if isinstance(author, dict) else None
    return login if isinstance(login, str) else None


def _shown_login(login: str | None) -> str:
    """A login for a terminal or a job summary: anything that is no login's shape is not printed."""
    return login if login and re.fullmatch(r"[A-Za-z0-9_./\[\]-]{1,100}", login) else "an unknown author"


def _is_open(issue: Issue) -> bool:
    return str(issue.get("state", "")).upper() == "OPEN"


def _normal(body: str | None) -> str:
    return (body or "").replace("\r\n", "\n").strip()


def describe(actions: list[Action], ignored: Iterable[Ignored] = ()) -> str:
    """The actions as a person reads them (--dry-run), then the issues left alone and why.

    An ignored issue is shown by its number only: its title and body are anyone's text.
    """
    out = [] if actions else ["Nothing to do: every owner's issue is up to date."]
    for action in actions:
        number = f"#{action.number} " if action.number else ""
        out.append(f"{action.action:<7} {number}{action.title}  (owner: {action.owner})")
        out.extend(f"    {line}" for line in action.body.splitlines() if not line.startswith("<!--"))
    out.extend(f"ignored #{issue.number}  ({issue.reason})" for issue in ignored)
    return "\n".join(out) + "\n"
