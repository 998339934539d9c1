"""The register of content owners (owners.yaml): who keeps which offers current, and how to reach them.

An offer's `owner` names a key of the register. From the register come the reviewers of each offer file
(.github/CODEOWNERS) and the reminders about stale offers (remind.py). The key `maintainers` names the
people who keep the tool itself; every file without another owner falls to them.
"""

import difflib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from generator.load import SCHEMA_COMMENT, Catalogue, Loader, read_mapping, read_text
from generator.load import _validation_problems as validation_problems
from generator.model import Offer, Text, _email
from generator.problems import Problem

REGISTER_PATH = Path("owners.yaml")
SCHEMA_PATH = Path("schemas/owners.schema.json")
MAINTAINERS = "maintainers"
CODEOWNERS_PATH = Path(".github/CODEOWNERS")
# Files and folders only maintainers may approve changes to, beside the fallback for everything else.
MAINTAINED = ("/owners.yaml", "/mkdocs.yml", "/.github/", "/generator/", "/schemas/")

GITHUB_HANDLE = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$"


def _handle(value: str) -> str:
    if not re.match(GITHUB_HANDLE, value):
        raise PydanticCustomError(
            "github", "'{value}' is not a GitHub user or team; write @user or @organisation/team", {"value": value}
        )
    return value


class Owner(BaseModel):
    """En ansvarlig for et eller flere tilbud: en afdeling, et team eller en person."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Ansvarlig")

    name: Text = Field(
        title="Navn",
        description="Afdelingens, teamets eller personens navn, som det vises for brugerne, "
        "fx 'Sundhedskonsulenterne, Ishøj Kommune'.",
    )
    email: Annotated[Text, AfterValidator(_email)] = Field(
        title="E-mail", description="Den ansvarliges e-mailadresse, helst en fælles postkasse, fx sundhed@ishoj.dk."
    )
    github: (
        Annotated[str, Field(strict=True, json_schema_extra={"pattern": GITHUB_HANDLE}), AfterValidator(_handle)] | None
    ) = Field(
        None,
        title="GitHub",
        description="GitHub-bruger eller -team, der godkender ændringer af tilbuddene og får påmindelser, "
        "fx '@ishoj-vallensbaek/sundhed-ishoej'. Uden den godkender vedligeholderne.",
    )


_REGISTER = TypeAdapter(dict[str, Owner])


def load_owners(path: Path = REGISTER_PATH) -> tuple[dict[str, Owner], list[Problem]]:
    """The register and every problem in it, each with file, line and field, as offers are checked."""
    shown = str(path)
    text, problems = read_text(path)
    if text is None:
        return {}, problems
    if not text.startswith(SCHEMA_COMMENT):
        message = f"first line must be '{SCHEMA_COMMENT}{SCHEMA_PATH}' so editors can check the file"
        problems.append(Problem(shown, 1, 1, "file", message))
    data, positions, scalars, found = read_mapping(
        text,
        shown,
        empty="the register needs one entry per owner (see README)",
        example="the register is a set of keys such as 'sundhed-ishoej:' with name and email below",
    )
    problems.extend(found)
    if data is None:
        return {}, sorted(problems)
    problems.extend(_unknown_keys(shown, data, positions))
    try:
        owners = _REGISTER.validate_python(data)
    except ValidationError as error:
        return {}, sorted(problems + validation_problems(shown, error, positions, scalars))
    maintainers = owners.get(MAINTAINERS)
    if maintainers is None or maintainers.github is None:
        line, column = positions.get((MAINTAINERS,), (1, 1))
        message = "needs a github handle: files without another owner are reviewed by the maintainers"
        if maintainers is None:
            message = f"required key is missing; add '{MAINTAINERS}:' with name, email and github"
        problems.append(Problem(shown, line, column, MAINTAINERS, message))
    return ({} if problems else owners), sorted(problems)


def _unknown_keys(shown: str, data: dict, positions: dict) -> list[Problem]:
    """Unknown keys of an entry, removed from data, with the nearest known key as the fix."""
    problems = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        for name in [name for name in entry if name not in Owner.model_fields]:
            close = difflib.get_close_matches(name, list(Owner.model_fields), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else "allowed keys are " + ", ".join(Owner.model_fields)
            line, column = positions[(key, name)]
            problems.append(Problem(shown, line, column, f"{key}.{name}", f"unknown key; {hint}"))
            del entry[name]
    return problems


def check_owners(catalogue: Catalogue, owners: dict[str, Owner]) -> list[Problem]:
    """Each offer whose `owner` is not a key of the register, at its `owner` line, with the nearest key."""
    problems = []
    for offer in catalogue.offers:
        if offer.owner is None or offer.owner in owners:
            continue
        shown = catalogue.paths.get(offer.id, f"{offer.id}.yaml")
        line, column = _owner_position(Path(shown))
        close = difflib.get_close_matches(offer.owner, list(owners), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else f"add it to {REGISTER_PATH} or use one of its keys"
        problems.append(Problem(shown, line, column, "owner", f"unknown owner '{offer.owner}'; {hint}"))
    return sorted(problems)


def _owner_position(path: Path) -> tuple[int, int]:
    """Where the `owner` key stands; only asked for the rare offer whose owner is unknown."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return 1, 1
    for key, _value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key.value == "owner":
            return key.start_mark.line + 1, key.start_mark.column + 1
    return 1, 1


def codeowners_text(owners: dict[str, Owner], offers: Iterable[Offer], folder: str = "catalogue") -> str:
    """.github/CODEOWNERS: each offer file to its owner's GitHub handle, the rest to the maintainers.

    GitHub uses the last matching line, so the catch-all comes first and the offers last.
    """
    maintainers = owners[MAINTAINERS].github if MAINTAINERS in owners else None
    fallback = maintainers or ""
    lines = [
        f"# Generated from {REGISTER_PATH} by `catalogue codeowners`; do not edit by hand.",
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
