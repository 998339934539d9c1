"""Read the catalogue folder into Offers and Problems: every file is either an offer or a problem.

Nothing in the folder is skipped in silence: a file with the wrong extension, a sub-folder or a broken
link is reported by name, and a link that leaves the folder is refused unread.
"""

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.consistency import contact_warnings
from generator.messages import say, unknown_owner
from generator.model import RESERVED_IDS, Offer, is_valid_id, slugify
from generator.problems import MAX_PER_FILE, MAX_SHOWN, Problem, capped
from generator.reading import MAX_FILE_BYTES, Document, read_document, read_text
from generator.settings import reference_date
from generator.validation import validation_problems

__all__ = ["MAX_FILE_BYTES", "Catalogue", "load_catalogue", "load_offer", "offer_files"]

SCHEMA_COMMENT = "# yaml-language-server: $schema="
OFFER_SUFFIX = ".yaml"


@dataclass
class Catalogue:
    offers: list[Offer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # capped: at most MAX_PER_FILE a file, MAX_SHOWN in all
    warnings: list[Problem] = field(default_factory=list)  # reported, but no reason not to build (consistency.py)
    files: int = 0
    problem_count: int = 0  # every problem found, also those the caps leave out

    def add_problems(self, problems: list[Problem], limit: int = MAX_PER_FILE) -> None:
        self.problem_count += len(problems)
        self.problems.extend(capped(problems, limit))

    def cap(self) -> None:
        """At most MAX_SHOWN problems in all, then one that says how many there are."""
        self.problems = capped(self.problems, MAX_SHOWN, say("not_all_shown", count=self.problem_count))


def load_catalogue(
    paths: Iterable[Path], today: dt.date | None = None, owner_keys: Collection[str] | None = None
) -> Catalogue:
    """Every offer and every problem under `paths` (folders or files), in one pass.

    `today` is the reference date for "in the future" (default: settings.reference_date());
    `owner_keys`, when given, are the register's keys every offer's `owner` must be one of.
    """
    today = today or reference_date()
    catalogue = Catalogue()
    files, problems = offer_files(paths)
    catalogue.problem_count += len(problems)
    catalogue.problems.extend(problems)  # one a folder entry; capped in all below
    seen: dict[str, str] = {}
    for path in files:
        catalogue.files += 1
        offer, problems, warnings = _read_offer(path, today, owner_keys)
        catalogue.add_problems(problems)
        catalogue.warnings.extend(capped(warnings, MAX_PER_FILE))
        if offer is None:
            continue
        if offer.id in seen:
            message = say("id_used_twice", id=offer.id, other=seen[offer.id])
            catalogue.add_problems([Problem(str(path), 1, 1, "file", message)])
            continue
        seen[offer.id] = str(path)
        catalogue.offers.append(offer)
    catalogue.offers.sort(key=lambda offer: offer.id)
    catalogue.cap()
    return catalogue


def offer_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The offer files to read, and a problem for every entry of a folder that is not one."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found = [entry for entry in sorted(path.iterdir()) if _is_offer_file(entry, path, problems)]
            if not found:
                problems.append(Problem(str(path), 1, 1, "file", say("no_offer_files")))
            files.extend(found)
        elif _is_offer_file(path, path.parent, problems):
            files.append(path)
    return files, problems


def _is_offer_file(path: Path, folder: Path, problems: list[Problem]) -> bool:
    def problem(message: str) -> bool:
        problems.append(Problem(str(path), 1, 1, "file", message))
        return False

    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            return problem(say("link_missing"))
        if folder.resolve() not in target.parents:
            return problem(say("link_outside"))
    if path.is_dir():
        return problem(say("is_folder"))
    if not path.is_file():
        return problem(say("not_regular_remove"))
    if path.suffix == OFFER_SUFFIX or path.suffix == ".yml":
        return True  # a .yml file is read, and told to be renamed
    if path.suffix.lower() in {".yaml", ".yml"}:
        return problem(say("lowercase_suffix", stem=path.stem))
    return problem(say("not_offer_file", folder=folder))


def load_offer(
    path: Path, today: dt.date | None = None, owner_keys: Collection[str] | None = None
) -> tuple[Offer | None, list[Problem]]:
    """The offer in one file, or None with the problems found in it (at most MAX_PER_FILE, then a count)."""
    offer, problems, _ = _read_offer(path, today, owner_keys)
    return offer, capped(problems, MAX_PER_FILE)


def _read_offer(
    path: Path, today: dt.date | None, owner_keys: Collection[str] | None
) -> tuple[Offer | None, list[Problem], list[Problem]]:
    """The offer, its problems and its warnings (only a valid offer is checked for those)."""
    shown = str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems, []
    problems = _file_name_problems(path, text)
    document = read_document(text, shown)
    if isinstance(document, Problem):
        return None, sorted([*problems, document]), []
    problems.extend(document.problems)
    data = document.data
    if not isinstance(data, dict):
        message = say("holds_list" if isinstance(data, list) else "holds_value")
        return None, sorted([*problems, Problem(shown, *document.position(()), "file", message)]), []
    owner = data.get("owner")  # checked whatever else is wrong: every problem of a file in one run
    if isinstance(owner, str) and owner.strip() and owner_keys is not None and owner.strip() not in owner_keys:
        line, column = document.positions[("owner",)]
        problems.append(Problem(shown, line, column, "owner", unknown_owner(owner.strip(), owner_keys)))
    offer = _validate(data, path.stem, document, problems, today or reference_date())
    if problems or offer is None:
        return None, sorted(problems), []
    return offer, [], contact_warnings(offer, document, text)


def _validate(
    data: dict[str, object], stem: str, document: Document, problems: list[Problem], today: dt.date
) -> Offer | None:
    if "id" in data:
        line, column = document.positions[("id",)]
        problems.append(Problem(document.shown, line, column, "id", say("id_key")))
        del data["id"]
    try:
        return Offer.model_validate({**data, "id": stem if is_valid_id(stem) else "invalid"}, context={"today": today})
    except ValidationError as error:
        problems.extend(validation_problems(error, document, Offer))
        return None


def _file_name_problems(path: Path, text: str) -> list[Problem]:
    shown, stem = str(path), path.stem
    messages = []
    if path.suffix != OFFER_SUFFIX:
        messages.append(say("rename_yml", stem=stem))
    if not is_valid_id(stem):
        messages.append(say("bad_file_name", name=path.name, suggestion=slugify(stem) or "a-name"))
    if stem in RESERVED_IDS:
        messages.append(say("reserved_id", stem=stem))
    if not text.startswith(SCHEMA_COMMENT):
        messages.append(say("first_line", line=f"{SCHEMA_COMMENT}../schemas/offer.schema.json"))
    return [Problem(shown, 1, 1, "file", message) for message in messages]
