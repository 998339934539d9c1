"""The register of content owners (owners.yaml): who keeps which offers current, and how to reach them.

An offer's `owner` names a key of the register. From the register come the reviewers of each offer file
(.github/CODEOWNERS) and the reminders about stale offers (remind.py). The key `maintainers` names the
people who keep the tool itself; every file without another owner falls to them.
"""

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from generator.load import SCHEMA_COMMENT, Catalogue, ReadCache, load_catalogue
from generator.messages import say
from generator.model import Email, Line, Offer, is_valid_id
from generator.problems import Problem
from generator.reading import read_document, read_text
from generator.settings import CATALOGUE_DIR, OWNERS_PATH, OWNERS_SCHEMA_PATH
from generator.taxonomy import FIELD_LABELS
from generator.validation import rule_error, validation_problems

MAINTAINERS = "maintainers"
# Files and folders only maintainers may approve changes to, beside the fallback for everything else.
MAINTAINED = (f"/{OWNERS_PATH}", "/mkdocs.yml", "/.github/", "/generator/", "/schemas/")

GITHUB_HANDLE = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$"
GITHUB_USER = r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"  # a person's login, as an issue's assignee


def _handle(value: str) -> str:
    if not re.fullmatch(GITHUB_HANDLE.strip("^$"), value):
        raise rule_error("github", value=value)
    return value


def _user(value: str) -> str:
    if not re.fullmatch(GITHUB_USER.strip("^$"), value.removeprefix("@")):
        raise rule_error("github_user", value=value)
    return value.removeprefix("@")


class Owner(BaseModel):
    """En ansvarlig for et eller flere tilbud: en afdeling, et team eller en person."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Ansvarlig")

    name: Line = Field(
        title=FIELD_LABELS["name"],
        description="Afdelingens, teamets eller personens navn, som det vises for brugerne, "
        "fx 'Sundhedskonsulenterne, Ishøj Kommune'.",
    )
    email: Email = Field(
        title=FIELD_LABELS["email"],
        description="Den ansvarliges e-mailadresse, helst en fælles postkasse, fx sundhed@ishoj.dk.",
    )
    github: (
        Annotated[str, Field(strict=True, json_schema_extra={"pattern": GITHUB_HANDLE}), AfterValidator(_handle)] | None
    ) = Field(
        None,
        title=FIELD_LABELS["github"],
        description="GitHub-bruger eller -team, der godkender ændringer af tilbuddene, "
        "fx '@ishoj-vallensbaek/sundhed-ishoej'. Uden den godkender vedligeholderne.",
    )
    reminded: list[
        Annotated[
            str, Field(strict=True, json_schema_extra={"pattern": "^@?" + GITHUB_USER[1:]}), AfterValidator(_user)
        ]
    ] = Field(
        default_factory=list,
        max_length=10,
        title=FIELD_LABELS["reminded"],
        description="GitHub-brugere (personer, ikke teams), som påmindelsen om forældede tilbud tildeles, så GitHub "
        "giver dem besked, fx [mette-ishoej]. Er 'github' en person, påmindes den også.",
    )

    def assignees(self) -> list[str]:
        """Whom a reminder is assigned to: GitHub notifies assignees, but not a team the Actions token mentions."""
        person = [self.github.removeprefix("@")] if self.github and "/" not in self.github else []
        return list(dict.fromkeys([*person, *self.reminded]))


_REGISTER = TypeAdapter(dict[str, Owner])


def load_owners(path: Path = OWNERS_PATH) -> tuple[dict[str, Owner], list[Problem]]:
    """The register and every problem in it, each with file, line and field, as offers are checked."""
    shown = str(path)
    if not os.path.lexists(path):
        return {}, [Problem(shown, 1, 1, "file", say("register_missing"))]
    text, problems = read_text(path, shown)
    if text is None:
        return {}, problems
    if not text.startswith(SCHEMA_COMMENT):
        message = say("first_line", line=f"{SCHEMA_COMMENT}{OWNERS_SCHEMA_PATH}")
        problems.append(Problem(shown, 1, 1, "file", message))
    document = read_document(text, shown, empty="register_empty")
    if isinstance(document, Problem):
        return {}, sorted([*problems, document])
    problems.extend(document.problems)
    if not isinstance(document.data, dict):
        message = say("register_not_mapping")
        return {}, sorted([*problems, Problem(shown, *document.position(()), "file", message)])
    for key in document.data:
        if not is_valid_id(str(key)):
            message = say("owner_key")
            problems.append(Problem(shown, *document.position((key,)), str(key), message))
    try:
        owners = _REGISTER.validate_python(document.data)
    except ValidationError as error:
        return {}, sorted(problems + validation_problems(error, document, Owner))
    maintainers = owners.get(MAINTAINERS)
    if maintainers is None or maintainers.github is None:
        line, column = document.positions.get((MAINTAINERS,), (1, 1))
        message = say("maintainers_github")
        if maintainers is None:
            message = say("maintainers_missing", key=MAINTAINERS)
        problems.append(Problem(shown, line, column, MAINTAINERS, message))
    return ({} if problems else owners), sorted(problems)


def load_owned_catalogue(
    paths: Iterable[Path], today: dt.date, register: Path = OWNERS_PATH, cache: ReadCache | None = None
) -> tuple[Catalogue, dict[str, Owner]]:
    """The catalogue checked against the register: every offer's `owner` must be one of its keys.

    In a project (mkdocs.yml beside the register's place) the register must be there: a missing, unreadable
    or irregular one is a problem, never a reason to skip the check, or CODEOWNERS would name no reviewer.
    Outside a project (a folder of offers checked on its own) owners are not checked.
    """
    if not register_required(register) and not os.path.lexists(register):
        return load_catalogue(paths, today, cache=cache), {}
    owners, problems = load_owners(register)
    catalogue = load_catalogue(paths, today, owner_keys=None if problems else owners.keys(), cache=cache)
    catalogue.problem_count += len(problems)
    catalogue.problems[:0] = problems
    catalogue.cap()
    return catalogue, owners


def register_required(register: Path) -> bool:
    """Whether `register` belongs to a project (a site is built beside it), so that offers must have owners."""
    return (register.parent / "mkdocs.yml").is_file()


def codeowners_text(
    owners: Mapping[str, Owner], offers: Iterable[Offer], folder: str = CATALOGUE_DIR.as_posix()
) -> str:
    """.github/CODEOWNERS: each offer file to its owner's GitHub handle, the rest to the maintainers.

    GitHub uses the last matching line, so the catch-all comes first and the offers last.
    """
    maintainers = owners[MAINTAINERS].github if MAINTAINERS in owners else None
    fallback = maintainers or ""
    lines = [
        f"# Generated from {OWNERS_PATH} by `catalogue codeowners`; do not edit by hand.",
        "# Reviewers of each file: the offer's owner, else the maintainers. The last matching line wins.",
        f"* {fallback}".rstrip(),
        *(f"{path} {fallback}".rstrip() for path in MAINTAINED),
        "",
    ]
    for offer in sorted(offers, key=lambda offer: offer.id):
        owner = owners.get(offer.owner) if offer.owner else None
        handle = (owner.github if owner else None) or fallback
        lines.append(f"/{folder}/{offer.id}.yaml {handle}".rstrip())
    return "\n".join(lines) + "\n"


def codeowners_drift(committed: str, expected: str) -> tuple[list[str], list[str]]:
    """How the committed CODEOWNERS differs from the register: (wrong lines, offer lines not yet in step).

    Only the maintainers' lines fail the check. An offer added, renamed or re-owned in a pull request is
    reviewed by the maintainers or its previous owner until the publish workflow regenerates the file on
    main: a content owner editing in the browser cannot regenerate it, and their correct edit must pass.
    """
    have, want = _code_owner_lines(committed), _code_owner_lines(expected)
    wrong: list[str] = []
    lagging: list[str] = []
    for path in sorted(have.keys() | want.keys()):
        if have.get(path) == want.get(path):
            continue
        line = f"{path}: {have.get(path) or 'no line'}, expected {want.get(path) or 'no line'}"
        (lagging if path.startswith(f"/{CATALOGUE_DIR.as_posix()}/") else wrong).append(line)
    return wrong, lagging


def _code_owner_lines(text: str) -> dict[str, str]:
    lines = (line.split(maxsplit=1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {parts[0]: parts[1].strip() if len(parts) > 1 else "" for parts in lines}


def owners_schema_text() -> str:
    """The JSON schema editors use to check owners.yaml while it is typed."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "owners.schema.json",
        "title": "Ansvarlige",
        "description": "Registret over ansvarlige for tilbuddene. Nøglen (fx 'sundhed-ishoej') skrives i "
        "tilbuddets 'owner'. Nøglen 'maintainers' er dem, der vedligeholder selve kataloget.",
        "type": "object",
        "required": [MAINTAINERS],
        "additionalProperties": {"$ref": "#/$defs/Owner"},
        "$defs": {"Owner": Owner.model_json_schema()},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
