"""Reminders about stale offers: one GitHub issue per owner, kept in step with the catalogue.

What to do is a pure function of the register, the offers, the day and the issues that already exist,
so it can be tested offline and a second run against the issues the first one left changes nothing.
The workflow only carries the actions out with `gh`. An owner's issue is found by a hidden marker in its
body, not by its title, so renaming the owner or the issue never makes a second one.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from generator.formatting import long_date
from generator.model import Offer
from generator.owners import MAINTAINERS, Owner
from generator.settings import CATALOGUE_DIR
from generator.stale import stale_offers

Issue = dict[str, Any]  # as `gh issue list --json number,title,body,state` prints one
LABEL = "forældet"
_MARKER = re.compile(r"<!-- catalogue-remind: owner=(.+?) -->")


@dataclass(frozen=True)
class Action:
    """One thing to do on GitHub: open, reopen, update or close an owner's issue."""

    action: str
    owner: str
    title: str
    body: str  # the issue's body; for close, the closing comment
    labels: tuple[str, ...] = (LABEL,)
    number: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "labels": list(self.labels)}


def marker(owner_key: str) -> str:
    return f"<!-- catalogue-remind: owner={owner_key} -->"


def plan_reminders(
    owners: dict[str, Owner],
    offers: Iterable[Offer],
    today: dt.date,
    max_age_months: int,
    issues: list[Issue],
    repo_url: str,
) -> list[Action]:
    """The actions that make the issues match today's stale offers; none when they already do.

    `issues` is what `gh issue list --state all --json number,title,body,state` prints. Offers without an
    owner are the maintainers'.
    """
    stale: dict[str, list[Offer]] = {}
    for offer in stale_offers(offers, today, max_age_months):
        stale.setdefault(offer.owner or MAINTAINERS, []).append(offer)
    by_owner: dict[str, list[Issue]] = {}
    for issue in issues:
        if found := _MARKER.search(issue.get("body") or ""):
            by_owner.setdefault(found[1], []).append(issue)

    actions = []
    for key in sorted(stale.keys() | by_owner.keys()):
        name = owners[key].name if key in owners else key
        existing = sorted(by_owner.get(key, []), key=lambda issue: (not _is_open(issue), issue["number"]))
        primary = existing[0] if existing else None
        for duplicate in existing[1:]:
            if _is_open(duplicate):
                comment = f"Lukket, fordi #{existing[0]['number']} samler påmindelserne for {name}."
                actions.append(Action("close", key, duplicate["title"], comment, number=duplicate["number"]))
        if key in stale:
            title = f"Forældede tilbud: {name}"
            body = _body(key, owners.get(key), name, stale[key], max_age_months, repo_url)
            if primary is None:
                actions.append(Action("open", key, title, body))
            elif not _is_open(primary):
                actions.append(Action("reopen", key, title, body, number=primary["number"]))
            elif primary["title"] != title or _normal(primary.get("body")) != _normal(body):
                actions.append(Action("update", key, title, body, number=primary["number"]))
        elif primary is not None and _is_open(primary):
            comment = f"Alle tilbud for {name} er nu kontrolleret inden for de seneste {max_age_months} måneder. Tak!"
            actions.append(Action("close", key, primary["title"], comment, number=primary["number"]))
    return actions


def _body(key: str, owner: Owner | None, name: str, offers: list[Offer], max_age_months: int, repo_url: str) -> str:
    handle = f" ({owner.github})" if owner and owner.github else ""
    lines = [
        marker(key),
        f"**Ansvarlig:** {_escape(name)}{handle}",
        "",
        f"{len(offers)} af jeres tilbud er ikke blevet kontrolleret i mere end {max_age_months} måneder. "
        "Åbn hvert tilbud med linket, ret det, der er forkert, og sæt `last_updated` til dagens dato "
        "– også når alt stadig er rigtigt. Gem ændringen som en pull request: den bliver kontrolleret "
        "automatisk, og når den er godkendt og flettet, bliver hjemmesiden opdateret.",
        "",
    ]
    for offer in offers:
        edit = f"{repo_url.rstrip('/')}/edit/main/{CATALOGUE_DIR.as_posix()}/{offer.id}.yaml"
        lines.append(f"- [{_escape(offer.title)}]({edit}) – senest opdateret {long_date(offer.last_updated)}")
    lines += ["", "_Listen opdateres automatisk hver uge og lukkes, når alle tilbuddene er opdateret._"]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Text that Markdown shows as written, also inside a link's brackets."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _is_open(issue: Issue) -> bool:
    return str(issue.get("state", "")).upper() == "OPEN"


def _normal(body: str | None) -> str:
    return (body or "").replace("\r\n", "\n").strip()


def describe(actions: list[Action]) -> str:
    """The actions as a person reads them (--dry-run)."""
    if not actions:
        return "Nothing to do: every owner's issue is up to date.\n"
    out = []
    for action in actions:
        number = f"#{action.number} " if action.number else ""
        out.append(f"{action.action:<7} {number}{action.title}  (owner: {action.owner})")
        out.extend(f"    {line}" for line in action.body.splitlines() if not line.startswith("<!--"))
    return "\n".join(out) + "\n"
