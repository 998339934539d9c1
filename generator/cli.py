"""`catalogue` — validate offers, list stale ones, write the JSON schema and the site's pages.

Each command returns an Outcome (exit code and text); only `main` writes, so the exit code is the
same whether or not the reader of a pipe has gone away.
"""

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.export import FORMATS as EXPORT_FORMATS
from generator.export import export_schema_text, write_exports
from generator.formatting import age
from generator.load import Catalogue
from generator.messages import LANGUAGES, say, unknown_owner, use
from generator.model import RESERVED_IDS, is_valid_id, offer_schema_text, slugify
from generator.new_offer import new_offer_text
from generator.owners import Owner, codeowners_drift, codeowners_text, load_owned_catalogue, owners_schema_text
from generator.pages import render_catalogue, reusable
from generator.problems import FORMATS, format_text, printable
from generator.remind import BOT_LOGINS, ISSUE_FIELDS, describe, plan_reminders, screen
from generator.settings import (
    CATALOGUE_DIR,
    CODEOWNERS_PATH,
    EXPORT_SCHEMA_PATH,
    OWNERS_PATH,
    OWNERS_SCHEMA_PATH,
    PAGES_DIR,
    SCHEMA_PATH,
    SettingError,
    reference_date,
)
from generator.stale import DEFAULT_MAX_AGE_MONTHS, age_in_months, stale_offers
from generator.taxonomy import CATEGORIES
from generator.writing import write_pages, written_pages

SCHEMAS: dict[str, Callable[[], str]] = {
    SCHEMA_PATH.name: offer_schema_text,
    OWNERS_SCHEMA_PATH.name: owners_schema_text,
    EXPORT_SCHEMA_PATH.name: export_schema_text,
}

EXIT_CODES = {
    0: "all good",
    1: "found what the command looks for: problems (validate), stale offers (stale), an outdated file (--check)",
    2: "usage or setting error: a wrong option, path or environment variable",
    3: "internal error: a bug in this tool; please report it",
    4: "the catalogue has problems, so the command did nothing; run 'catalogue validate'",
}
OK, FOUND, USAGE, INTERNAL, INVALID = range(5)


@dataclass
class Outcome:
    code: int
    out: str = ""
    err: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        with use(args.lang):
            outcome: Outcome = args.run(args)
    except SettingError as error:
        outcome = Outcome(USAGE, err=f"catalogue: {error}\n")
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback for a content owner
        if os.environ.get("CATALOGUE_DEBUG"):
            raise
        message = f"catalogue: internal error: {error!r}; rerun with CATALOGUE_DEBUG=1 and report it\n"
        outcome = Outcome(INTERNAL, err=message)
    _write(sys.stdout, outcome.out)
    _write(sys.stderr, "\n".join(printable(line) for line in outcome.err.split("\n")))
    return outcome.code


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `catalogue stale | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _parser() -> argparse.ArgumentParser:
    epilog = "exit codes:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in EXIT_CODES.items())
    parser = argparse.ArgumentParser(
        prog="catalogue",
        description="Check and publish the offer catalogue.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], Outcome], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, epilog=epilog)
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
        sub.set_defaults(run=run)
        sub.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=None,
            help="language of the messages (default: CATALOGUE_LANG, else da: content owners read them)",
        )
        return sub

    paths_help = f"offer files or folders (default: {CATALOGUE_DIR}/)"
    validate = command("validate", _validate, "check offer files and report every problem")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=paths_help)
    validate.add_argument("--format", choices=sorted(FORMATS), default="text")

    stale = command("stale", _stale, "list offers not verified for too long, oldest first")
    stale.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=paths_help)
    stale.add_argument("--today", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
    stale.add_argument("--max-age-months", type=_positive, default=DEFAULT_MAX_AGE_MONTHS, metavar="N")
    stale.add_argument("--format", choices=["text", "json"], default="text")

    pages = command("pages", _pages, "write the catalogue's Markdown pages (what the MkDocs hook does)")
    pages.add_argument("--output", type=Path, default=PAGES_DIR)
    pages.add_argument("--today", type=_date, default=None, help="reference date for stale offers (default: today)")

    schema = command("schema", _schema, f"write the JSON schemas ({', '.join(SCHEMAS)}) from the models")
    schema.add_argument("--output", type=Path, default=SCHEMA_PATH.parent, metavar="DIR")
    schema.add_argument("--check", action="store_true", help="exit 1 if a file differs instead of writing it")

    export = command("export", _export, "write the catalogue as JSON, CSV (Danish Excel) or HSDS 3.0")
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=paths_help)
    export.add_argument("--format", choices=list(EXPORT_FORMATS), required=True)
    export.add_argument("--output", type=Path, default=Path("."), metavar="DIR", help="folder (default: current)")

    codeowners = command("codeowners", _codeowners, f"write {CODEOWNERS_PATH} from {OWNERS_PATH}")
    codeowners.add_argument("--output", type=Path, default=CODEOWNERS_PATH)
    codeowners.add_argument("--check", action="store_true", help="exit 1 if the file differs instead of writing it")

    remind = command("remind", _remind, "plan the issues that remind each owner of their stale offers")
    remind.add_argument("--today", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
    remind.add_argument("--max-age-months", type=_positive, default=DEFAULT_MAX_AGE_MONTHS, metavar="N")
    remind.add_argument("--issues", type=Path, metavar="FILE.json", help="existing issues, as 'gh issue list' prints")
    remind.add_argument("--repo-url", help="the repository the edit links open (default: repo_url in mkdocs.yml)")
    remind.add_argument("--dry-run", action="store_true", help="print the actions for a person instead of as JSON")
    remind.add_argument(
        "--bot",
        action="append",
        metavar="LOGIN",
        help=f"the author of the reminders' issues as 'gh' prints it; repeatable (default: {', '.join(BOT_LOGINS)})",
    )

    new = command("new", _new, f"write {CATALOGUE_DIR}/ID.yaml with every required key, to be filled in")
    new.add_argument("id", metavar="ID", help="the offer's id and file name, e.g. rygestop-ishoej")
    new.add_argument("--category", choices=list(CATEGORIES))
    new.add_argument("--owner", help=f"the owner's key in {OWNERS_PATH}")
    return parser


def _load(paths: list[Path]) -> tuple[Catalogue, dict[str, Owner]]:
    """The catalogue and its owners, validated against the one clock; `--today` only asks "stale as of when?"."""
    paths = paths or [CATALOGUE_DIR]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise SettingError(f"{path}: no such file or folder")
    return load_owned_catalogue(paths, reference_date())


def _invalid(catalogue: Catalogue) -> Outcome:
    summary = say("summary_invalid", count=catalogue.problem_count) + "\n"
    return Outcome(INVALID, err=format_text(catalogue.problems) + summary)


def _validate(args: argparse.Namespace) -> Outcome:
    """Exit 1 on problems; warnings are shown with them but never fail the check (the site is still built)."""
    catalogue, _ = _load(args.paths)
    out = FORMATS[args.format](catalogue.problems + catalogue.warnings)
    warned = f"; {say('summary_warnings', count=len(catalogue.warnings))}" if catalogue.warnings else ""
    if catalogue.problems:
        files = len({problem.path for problem in catalogue.problems})
        summary = say("summary_problems", count=catalogue.problem_count, files=files, read=catalogue.files)
        return Outcome(FOUND, out, summary + warned + "\n")
    return Outcome(OK, out, say("summary_valid", count=catalogue.files) + warned + "\n")


def _stale(args: argparse.Namespace) -> Outcome:
    catalogue, _ = _load(args.paths)
    today = args.today or reference_date()
    if catalogue.problems:
        return _invalid(catalogue)
    found = stale_offers(catalogue.offers, today, args.max_age_months)
    rows = [
        {
            "id": offer.id,
            "title": offer.title,
            "last_updated": offer.last_updated.isoformat(),
            "age_months": age_in_months(offer.last_updated, today),
            "owner": offer.owner,
        }
        for offer in found
    ]
    if args.format == "json":
        return Outcome(FOUND if rows else OK, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    lines = [
        f"{len(rows)} of {len(catalogue.offers)} offer(s) not verified for more than "
        f"{args.max_age_months} months (today {today.isoformat()})" + (", oldest first:" if rows else ".")
    ]
    lines += [
        f"  {offer.last_updated}  {age(age_in_months(offer.last_updated, today), 'en'):<22}  {offer.id}  "
        f"{offer.title}  (owner: {offer.owner or 'none named'})"
        for offer in found
    ]
    return Outcome(FOUND if rows else OK, "\n".join(lines) + "\n")


def _pages(args: argparse.Namespace) -> Outcome:
    catalogue, owners = _load([])
    today = args.today or reference_date()
    if catalogue.problems:
        return _invalid(catalogue)
    try:
        written = written_pages(args.output)  # offer pages whose stamp is unchanged are not rendered again
        pages = render_catalogue(catalogue.offers, today, owners=owners, cache=reusable(written))
        changed = write_pages(args.output, pages, written)
    except OSError as error:
        raise SettingError(f"cannot write pages to {args.output}: {error.strerror or error}") from None
    return Outcome(OK, err=f"{len(changed)} page(s) written or removed in {args.output}\n")


def _schema(args: argparse.Namespace) -> Outcome:
    if args.check:
        stale = [name for name, text in SCHEMAS.items() if _read(args.output / name) != text()]
        return Outcome(
            FOUND if stale else OK,
            err="".join(f"{args.output / name} is out of date; run 'catalogue schema'\n" for name in stale),
        )
    return Outcome(
        OK, err="".join(f"wrote {_write_file(args.output / name, text())}\n" for name, text in SCHEMAS.items())
    )


def _codeowners(args: argparse.Namespace) -> Outcome:
    catalogue, owners = _load([])
    if catalogue.problems:
        return _invalid(catalogue)
    text = codeowners_text(owners, catalogue.offers)
    if args.check:
        wrong, notes = codeowners_drift(_read(args.output), text)
        err = "".join(f"{args.output}: {line}\n" for line in [*wrong, *notes])
        if wrong:
            return Outcome(FOUND, err=err + f"{args.output} names wrong reviewers; run 'catalogue codeowners'\n")
        return Outcome(OK, err=err)
    return Outcome(OK, err=f"wrote {_write_file(args.output, text)}\n")


def _remind(args: argparse.Namespace) -> Outcome:
    issues = []
    if args.issues:
        try:
            issues = json.loads(args.issues.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SettingError(f"{args.issues}: cannot read the issues ({error})") from None
        if not isinstance(issues, list):
            raise SettingError(f"{args.issues}: expected a JSON list of issues, as 'gh issue list --json' prints")
        # Without authors no issue counts as the reminders' own, and every run would open new ones.
        if not all(
            isinstance(issue, dict) and isinstance(issue.get("number"), int) and "author" in issue for issue in issues
        ):
            fields = f"gh issue list --json {ISSUE_FIELDS}"
            raise SettingError(f"{args.issues}: each issue needs its number and author, as '{fields}' prints")
    catalogue, owners = _load([])
    if catalogue.problems:
        return _invalid(catalogue)
    today = args.today or reference_date()
    repo_url = args.repo_url or _mkdocs_repo_url()
    bots = tuple(args.bot) if args.bot else BOT_LOGINS
    actions = plan_reminders(owners, catalogue.offers, today, args.max_age_months, issues, repo_url, bots)
    if args.dry_run:
        return Outcome(OK, describe(actions, screen(issues, bots)[1]))
    return Outcome(OK, json.dumps([action.as_dict() for action in actions], ensure_ascii=False, indent=2) + "\n")


def _mkdocs_repo_url() -> str:
    """repo_url from mkdocs.yml, its one home (the file has Python tags, so only that line is read)."""
    if found := re.search(r"^repo_url:\s*(\S+)", _read(Path("mkdocs.yml")), flags=re.M):
        return found[1]
    raise SettingError("no repo_url in mkdocs.yml; pass --repo-url")


def _new(args: argparse.Namespace) -> Outcome:
    if not is_valid_id(args.id):
        raise SettingError(say("new_invalid_id", id=args.id, suggestion=slugify(args.id) or "a-name"))
    if args.id in RESERVED_IDS:
        raise SettingError(say("new_reserved", id=args.id))
    target = CATALOGUE_DIR / f"{args.id}.yaml"
    if not CATALOGUE_DIR.is_dir():
        raise SettingError(say("new_no_folder", folder=CATALOGUE_DIR))
    if target.exists() or target.with_suffix(".yml").exists():
        raise SettingError(say("new_exists", target=target))
    owners: dict[str, Owner] = {}
    if OWNERS_PATH.is_file():
        _, owners = load_owned_catalogue([], reference_date())
        if args.owner and owners and args.owner not in owners:
            raise SettingError(unknown_owner(args.owner, owners))
    schema = os.path.relpath(SCHEMA_PATH, CATALOGUE_DIR).replace(os.sep, "/")
    _write_file(target, new_offer_text(reference_date(), schema, args.category, args.owner, owners.keys()))
    return Outcome(OK, err=say("new_written", target=target) + "\n")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _write_file(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise SettingError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _export(args: argparse.Namespace) -> Outcome:
    catalogue, owners = _load(args.paths)
    if catalogue.problems:
        return _invalid(catalogue)
    if args.output.exists() and not args.output.is_dir():
        raise SettingError(f"{args.output}: not a folder")
    try:
        written = write_exports(catalogue.offers, args.output, [args.format], owners=owners)
    except OSError as error:
        raise SettingError(f"cannot write to {args.output}: {error.strerror or error}") from None
    return Outcome(OK, err="".join(f"wrote {path}\n" for path in written))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of months (1 or more)")
    return int(text)
