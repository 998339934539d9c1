"""`catalogue` — validate offers, list stale ones, write the JSON schema and the site's pages.

Exit codes: 0 all good, 1 problems (invalid or stale offers), 2 usage errors.
"""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from generator.load import load_catalogue
from generator.model import offer_schema_text
from generator.owners import SCHEMA_PATH as OWNERS_SCHEMA_PATH
from generator.owners import owners_schema_text
from generator.pages import render_catalogue, write_pages
from generator.problems import FORMATS
from generator.stale import DEFAULT_MAX_AGE_MONTHS, age_in_months, reference_date, stale_offers

DEFAULT_CATALOGUE = Path("catalogue")
SCHEMA_PATH = Path("schemas/offer.schema.json")
PAGES_PATH = Path("docs/tilbud")


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        parser.error(str(error))  # exits 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `catalogue stale | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # never a traceback for a content owner
        if os.environ.get("CATALOGUE_DEBUG"):
            raise
        print(f"catalogue: internal error: {error!r}; rerun with CATALOGUE_DEBUG=1 and report it", file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalogue", description="Check and publish the offer catalogue.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check offer files and report every problem")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: catalogue/)")
    validate.add_argument("--format", choices=sorted(FORMATS), default="text")
    validate.set_defaults(run=_validate)

    stale = commands.add_parser("stale", help="list offers not verified for too long, oldest first")
    stale.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: catalogue/)")
    stale.add_argument("--today", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
    stale.add_argument("--max-age-months", type=_positive, default=DEFAULT_MAX_AGE_MONTHS, metavar="N")
    stale.add_argument("--format", choices=["text", "json"], default="text")
    stale.set_defaults(run=_stale)

    pages = commands.add_parser("pages", help="write the catalogue's Markdown pages (what the MkDocs hook does)")
    pages.add_argument("--output", type=Path, default=PAGES_PATH)
    pages.add_argument("--today", type=_date, default=None, help="reference date for stale offers (default: today)")
    pages.set_defaults(run=_pages)

    schema = commands.add_parser("schema", help=f"write {SCHEMA_PATH} from the model")
    schema.add_argument("--output", type=Path, default=SCHEMA_PATH)
    schema.add_argument("--check", action="store_true", help="exit 1 if the file differs instead of writing it")
    schema.add_argument("--owners-output", type=Path, default=OWNERS_SCHEMA_PATH)
    schema.set_defaults(run=_schema)

    _add_codeowners(commands)
    _add_remind(commands)
    _add_new(commands)
    return parser


def _load(paths: list[Path]):
    paths = paths or [DEFAULT_CATALOGUE]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    return load_catalogue(paths)


def _validate(args) -> int:
    catalogue = _load(args.paths)
    sys.stdout.write(FORMATS[args.format](catalogue.problems))
    if catalogue.problems:
        files = len({problem.path for problem in catalogue.problems})
        print(f"{len(catalogue.problems)} problem(s) in {files} of {catalogue.files} file(s)", file=sys.stderr)
        return 1
    print(f"{catalogue.files} file(s) valid", file=sys.stderr)
    return 0


def _stale(args) -> int:
    catalogue = _load(args.paths)
    if catalogue.problems:
        sys.stderr.write(FORMATS["text"](catalogue.problems))
        return 1
    today = args.today or reference_date()
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
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(
            f"{len(rows)} of {len(catalogue.offers)} offer(s) not verified for more than "
            f"{args.max_age_months} months (today {today.isoformat()})" + (", oldest first:" if rows else ".")
        )
        for row in rows:
            print(
                f"  {row['last_updated']}  {_age(row['age_months']):<18}  {row['id']}  "
                f"{row['title']}  (owner: {row['owner'] or 'none named'})"
            )
    return 1 if rows else 0


def _pages(args) -> int:
    catalogue = _load([])
    if catalogue.problems:
        sys.stderr.write(FORMATS["text"](catalogue.problems))
        return 1
    changed = write_pages(args.output, render_catalogue(catalogue.offers, args.today or reference_date()))
    print(f"{len(changed)} page(s) written or removed in {args.output}", file=sys.stderr)
    return 0


def _schema(args) -> int:
    status = 0
    for output, text in ((args.output, offer_schema_text()), (args.owners_output, owners_schema_text())):
        if args.check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                print(f"{output} is out of date; run 'catalogue schema'", file=sys.stderr)
                status = 1
            continue
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return status


# --- catalogue codeowners: .github/CODEOWNERS from the register ------------------------------------------


def _add_codeowners(commands) -> None:
    from generator.owners import CODEOWNERS_PATH

    codeowners = commands.add_parser("codeowners", help=f"write {CODEOWNERS_PATH} from owners.yaml")
    codeowners.add_argument("--output", type=Path, default=CODEOWNERS_PATH)
    codeowners.add_argument("--check", action="store_true", help="exit 1 if the file differs instead of writing it")
    codeowners.set_defaults(run=_codeowners)


def _owned_catalogue():
    """The catalogue and the register, checked against each other; problems from both."""
    from generator.owners import check_owners, load_owners

    catalogue = _load([])
    owners, problems = load_owners()
    return catalogue, owners, catalogue.problems + problems + (check_owners(catalogue, owners) if owners else [])


def _codeowners(args) -> int:
    import difflib

    from generator.owners import codeowners_text

    catalogue, owners, problems = _owned_catalogue()
    if problems:
        sys.stderr.write(FORMATS["text"](problems))
        return 1
    text = codeowners_text(owners, catalogue.offers, DEFAULT_CATALOGUE.as_posix())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(True), text.splitlines(True), str(args.output), "expected")
            sys.stderr.writelines(diff)
            print(f"{args.output} is out of date; run 'catalogue codeowners' and commit it", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


# --- catalogue remind: the actions that keep one issue per owner in step with the stale offers ------------


def _add_remind(commands) -> None:
    remind = commands.add_parser("remind", help="plan the weekly issues that remind owners of stale offers")
    remind.add_argument("--today", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
    remind.add_argument("--max-age-months", type=_positive, default=DEFAULT_MAX_AGE_MONTHS, metavar="N")
    remind.add_argument(
        "--issues", type=Path, metavar="FILE.json", help="existing issues, as 'gh issue list --json ...' prints them"
    )
    remind.add_argument("--repo-url", help="the repository the edit links open (default: repo_url in mkdocs.yml)")
    remind.add_argument("--dry-run", action="store_true", help="print the actions for a person instead of as JSON")
    remind.add_argument("--format", choices=["text", "json"], default="json", help="output without --dry-run")
    remind.set_defaults(run=_remind)


def _remind(args) -> int:
    from generator.remind import describe, plan_reminders

    issues = []
    if args.issues:
        try:
            issues = json.loads(args.issues.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UsageError(f"{args.issues}: cannot read the issues ({error})") from None
        if not isinstance(issues, list):
            raise UsageError(f"{args.issues}: expected a JSON list of issues")
    catalogue, owners, problems = _owned_catalogue()
    if problems:
        sys.stderr.write(FORMATS["text"](problems))
        return 1
    repo_url = args.repo_url or _mkdocs_repo_url()
    today = args.today or reference_date()
    actions = plan_reminders(owners, catalogue.offers, today, args.max_age_months, issues, repo_url)
    if args.dry_run or args.format == "text":
        sys.stdout.write(describe(actions))
    else:
        print(json.dumps([action.as_dict() for action in actions], ensure_ascii=False, indent=2))
    return 0


def _mkdocs_repo_url() -> str:
    """repo_url from mkdocs.yml, its one home (the file has Python tags, so read only that line)."""
    import re

    config = Path("mkdocs.yml")
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    if found := re.search(r"^repo_url:\s*(\S+)", text, flags=re.M):
        return found[1]
    raise UsageError("no repo_url in mkdocs.yml; pass --repo-url")


# --- catalogue new: a new offer file that fails validation until it is filled in ---------------------------


def _add_new(commands) -> None:
    from generator.taxonomy import CATEGORIES

    new = commands.add_parser("new", help="write catalogue/ID.yaml with every required key, to be filled in")
    new.add_argument("id", metavar="ID", help="the offer's id and file name, e.g. rygestop-ishoej")
    new.add_argument("--category", choices=list(CATEGORIES))
    new.add_argument("--owner", help="the owner's key in owners.yaml")
    new.set_defaults(run=_new)


def _new(args) -> int:
    import difflib
    import re

    from generator.model import ID_PATTERN, RESERVED_IDS, slugify
    from generator.new_offer import new_offer_text
    from generator.owners import load_owners

    if not re.match(ID_PATTERN, args.id):
        raise UsageError(
            f"'{args.id}' is not a valid id (a-z, 0-9 and '-', æøå as ae/oe/aa); use '{slugify(args.id) or 'a-name'}'"
        )
    if args.id in RESERVED_IDS:
        raise UsageError(f"'{args.id}' is reserved for a page of the site; choose another id")
    target = DEFAULT_CATALOGUE / f"{args.id}.yaml"
    if not DEFAULT_CATALOGUE.is_dir():
        raise UsageError(f"{DEFAULT_CATALOGUE}: no such folder; run this in the repository's top folder")
    if target.exists() or target.with_suffix(".yml").exists():
        raise UsageError(f"{target} already exists; edit it, or choose another id")
    if args.owner:
        owners, _problems = load_owners()
        if owners and args.owner not in owners:
            close = difflib.get_close_matches(args.owner, list(owners), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else "see owners.yaml"
            raise UsageError(f"unknown owner '{args.owner}'; {hint}")
    schema = os.path.relpath(SCHEMA_PATH, DEFAULT_CATALOGUE).replace(os.sep, "/")
    target.write_text(new_offer_text(reference_date(), schema, args.category, args.owner), encoding="utf-8")
    print(f"wrote {target}; fill in the empty keys, then run 'catalogue validate {target}'", file=sys.stderr)
    return 0


def _age(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' * (years != 1)}"] if years else []
    return " ".join(parts + [f"{months} month{'s' * (months != 1)}"])


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of months (1 or more)")
    return int(text)
