"""Where things are and what day it is: names every module reads instead of repeating them."""

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

CATALOGUE_DIR = Path("catalogue")  # the offer files, relative to the project root
SCHEMA_PATH = Path("schemas/offer.schema.json")
OWNERS_PATH = Path("owners.yaml")  # the register of content owners
OWNERS_SCHEMA_PATH = Path("schemas/owners.schema.json")
EXPORT_SCHEMA_PATH = Path("schemas/export.schema.json")
CODEOWNERS_PATH = Path(".github/CODEOWNERS")
DOCS_DIR = Path("docs")
PAGES_FOLDER = "tilbud"  # the generated section of the site (`catalogue pages` writes it to docs/tilbud/)
PAGES_DIR = DOCS_DIR / PAGES_FOLDER
HELP_PAGE = DOCS_DIR / "hjaelp/ret-et-tilbud.md"  # how to edit an offer, for content owners (Danish)
# The pages beside the offers in that section; with the category pages, no offer may take their names.
OVERVIEW_PAGE = "index.md"
STALE_PAGE = "foraeldede.md"
SHORTLIST_PAGE = "kortliste.md"
GOAL_SNIPPETS = "_maal"  # the goal lists the goals page includes (`--8<-- "maal-N.md"`)
SECTION_PAGES = (OVERVIEW_PAGE, STALE_PAGE, SHORTLIST_PAGE)


class SettingError(Exception):
    """A setting a user chose (environment, option, folder) that cannot be used; the message says how to fix it."""


def reference_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The one clock: the day staleness and "in the future" are measured from.

    CATALOGUE_TODAY, else SOURCE_DATE_EPOCH (reproducible builds), else today's date.
    """
    environ = os.environ if environ is None else environ
    if today := environ.get("CATALOGUE_TODAY"):
        try:
            return dt.date.fromisoformat(today.strip())
        except ValueError:
            raise SettingError(f"CATALOGUE_TODAY={today!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-26") from None
    if epoch := environ.get("SOURCE_DATE_EPOCH"):
        try:
            return dt.datetime.fromtimestamp(int(epoch.strip()), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise SettingError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a time; write whole seconds since 1970-01-01, e.g. 1764115200"
            ) from None
    return dt.date.today()  # noqa: DTZ011 — the calendar day where the catalogue is built is the one meant
