"""`catalogue` — validate offers, list stale ones, write the JSON schema and the site's pages.

Exit codes: 0 all good, 1 problems (invalid or stale offers), 2 usage errors.
"""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from generator.export import FORMATS as EXPORT_FORMATS
from generator.export import write_exports
from generator.load import load_catalogue
from generator.model import offer_schema_text
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
    schema.set_defaults(run=_schema)

    export = commands.add_parser("export", help="write the catalogue as JSON, CSV (Danish Excel) or HSDS 3.0")
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: catalogue/)")
    export.add_argument("--format", choices=list(EXPORT_FORMATS), required=True)
    export.add_argument("--output", type=Path, default=Path("."), metavar="DIR", help="folder (default: current)")
    export.set_defaults(run=_export)
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
    text = offer_schema_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run 'catalogue schema'", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _export(args) -> int:
    catalogue = _load(args.paths)
    if catalogue.problems:
        sys.stderr.write(FORMATS["text"](catalogue.problems))
        return 1
    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"{args.output}: not a folder")
    for path in write_exports(catalogue.offers, args.output, [args.format]):
        print(f"wrote {path}", file=sys.stderr)
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
