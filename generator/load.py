"""Read the catalogue folder into Offers and Problems: every file is either an offer or a problem.

Nothing in the folder is skipped in silence: a file with the wrong extension, a sub-folder or a broken
link is reported by name, and a link that leaves the folder is refused unread.
"""

import datetime as dt
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.consistency import contact_warnings
from generator.messages import say, unknown_owner
from generator.model import RESERVED_IDS, Offer, is_valid_id, slugify
from generator.problems import MAX_PER_FILE, MAX_SHOWN, Problem, capped
from generator.reading import MAX_FILE_BYTES, Document, read_document, read_text
from generator.search import unfound_roles
from generator.settings import reference_date
from generator.taxonomy import ROLES
from generator.validation import missing_key_place, validation_problems

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


# What reading each file gave, by path, with what it was read from (its text, the date and the owner keys):
# `mkdocs serve` keeps one across rebuilds, so a save parses and validates the one file that changed.
ReadCache = dict[str, tuple[tuple[str, dt.date, frozenset[str] | None], "_Read"]]
_Read = tuple[Offer | None, list[Problem], list[Problem], tuple[int, int]]


def load_catalogue(
    paths: Iterable[Path],
    today: dt.date | None = None,
    owner_keys: Collection[str] | None = None,
    cache: ReadCache | None = None,
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
    if cache is not None:  # a removed or renamed file: forgotten, or a long `mkdocs serve` would keep every one
        for gone in cache.keys() - {str(path) for path in files}:
            del cache[gone]
    seen: dict[str, str] = {}
    titles: list[_TitleAt] = []
    for path in files:
        catalogue.files += 1
        offer, problems, warnings, title_at = _read_offer(path, today, owner_keys, cache)
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
        titles.append(_TitleAt(offer, str(path), *title_at))
    catalogue.offers.sort(key=lambda offer: offer.id)
    catalogue.warnings = sorted([*catalogue.warnings, *_duplicate_titles(titles)])
    catalogue.cap()
    return catalogue


@dataclass(frozen=True)
class _TitleAt:
    """An offer and where its title is written, for warnings that compare offers with each other."""

    offer: Offer
    path: str
    line: int
    column: int


def _duplicate_titles(titles: list[_TitleAt]) -> list[Problem]:
    """A warning at the title of each offer that shares its title with another and is not told apart from it
    by a subtitle of its own: in search results, the overview and the Kortliste the two would read alike."""
    groups: dict[str, list[_TitleAt]] = {}
    for at in titles:
        groups.setdefault(_same_text(at.offer.title), []).append(at)
    warnings = []
    for group in groups.values():
        for at in group:
            others = [other for other in group if other is not at]
            subtitle = _same_text(at.offer.subtitle or "")
            if others and (not subtitle or any(_same_text(o.offer.subtitle or "") == subtitle for o in others)):
                named = ", ".join(sorted(other.path for other in others))
                message = say("duplicate_title", title=at.offer.title, others=named)
                warnings.append(Problem(at.path, at.line, at.column, "title", message, severity="warning"))
    return sorted(warnings)


def _same_text(text: str) -> str:
    """A title as a reader compares it: case and runs of spaces do not tell two titles apart."""
    return " ".join(text.split()).casefold()


def offer_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The offer files to read, and a problem for every entry of a folder that is not one."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            with os.scandir(path) as entries:
                found = [
                    Path(entry.path)
                    for entry in sorted(entries, key=lambda entry: entry.name)
                    if _is_plain_offer_file(entry) or _is_offer_file(Path(entry.path), path, problems)
                ]
            if not found:
                problems.append(Problem(str(path), 1, 1, "file", say("no_offer_files")))
            files.extend(found)
        elif _is_offer_file(path, path.parent, problems):
            files.append(path)
    return files, problems


def _is_plain_offer_file(entry: os.DirEntry[str]) -> bool:
    """A regular file named NAME.yaml, told from the folder listing itself: no further look at the disk for the
    thousands of these (the link, folder and name checks below look three times at each file)."""
    return entry.is_file(follow_symlinks=False) and os.path.splitext(entry.name)[1] == OFFER_SUFFIX


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
    offer, problems, _, _ = _read_offer(path, today, owner_keys)
    return offer, capped(problems, MAX_PER_FILE)


def _read_offer(
    path: Path, today: dt.date | None, owner_keys: Collection[str] | None, cache: ReadCache | None = None
) -> _Read:
    """The offer, its problems, its warnings (only a valid offer is checked for those) and where its title is;
    from `cache` when the file's text, the date and the owner keys are what it was read from last time."""
    shown = str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems, [], (1, 1)
    if cache is None:
        return _read_text(path, text, today, owner_keys)
    source = (text, today or reference_date(), None if owner_keys is None else frozenset(owner_keys))
    if shown not in cache or cache[shown][0] != source:
        cache[shown] = (source, _read_text(path, text, today, owner_keys))
    return cache[shown][1]


def _read_text(path: Path, text: str, today: dt.date | None, owner_keys: Collection[str] | None) -> _Read:
    shown = str(path)
    problems = _file_name_problems(path, text)
    document = read_document(text, shown)
    if isinstance(document, Problem):
        return None, sorted([*problems, document]), [], (1, 1)
    problems.extend(document.problems)
    data = document.data
    if not isinstance(data, dict):
        message = say("holds_list" if isinstance(data, list) else "holds_value")
        return None, sorted([*problems, Problem(shown, *document.position(()), "file", message)]), [], (1, 1)
    owner = data.get("owner")  # checked whatever else is wrong: every problem of a file in one run
    if isinstance(owner, str) and owner.strip() and owner_keys is not None and owner.strip() not in owner_keys:
        line, column = document.positions[("owner",)]
        problems.append(Problem(shown, line, column, "owner", unknown_owner(owner.strip(), owner_keys)))
    offer = _validate(data, path.stem, document, problems, today or reference_date())
    if problems or offer is None:
        return None, sorted(problems), [], (1, 1)
    warnings = [
        *contact_warnings(offer, document, text),
        *_access_warnings(offer, document),
        *_role_warnings(offer, document),
    ]
    return offer, [], sorted(warnings), document.position(("title",))


def _role_warnings(offer: Offer, document: Document) -> list[Problem]:
    """A warning at `roles` when search would not bring the offer up for a role it serves (search.unfound_roles)."""
    line, column = document.position(("roles",))
    return [
        Problem(document.shown, line, column, "roles", say("role_not_found", role=ROLES[role], word=word), "warning")
        for role, word in unfound_roles(offer)
    ]


def _access_warnings(offer: Offer, document: Document) -> list[Problem]:
    """A warning when the offer has no access value: the overview's Adgang filter would hide it. Where the key
    belongs: after the key the model puts before it."""
    if offer.referral is not None:
        return []
    place = missing_key_place(Offer, ("referral",), document)
    assert place is not None  # noqa: S101 — a top-level key always has a place; this tells mypy
    line, column, where = place
    return [Problem(document.shown, line, column, "referral", say("no_referral", where=where), severity="warning")]


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
