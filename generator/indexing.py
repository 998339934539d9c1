"""Running Pagefind on a built site: kept free of the model and of MkDocs, so that the process which waits for a
build and then becomes Pagefind (build.py) stays small. What is indexed, and how it ranks, is search.py's.
"""

import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

# What Pagefind reads of a page: the theme's <article>, where every data-pagefind-body is. The same index,
# but the header, navigation and footer are skipped: at 1,000 offers 40 % less indexing time.
ROOT_SELECTOR = "article"

# Page parts that repeat on every offer or say nothing about it: never indexed.
EXCLUDED = (
    ".offer-stale-warning",
    ".offer-shortlist",
    ".offer-quick-contacts",
    ".offer-updated",
    ".headerlink",
    ".md-content__button",
)

SITE_DIR = "site"  # MkDocs' default


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    words: int
    filters: int
    languages: tuple[str, ...]


class SearchIndexError(Exception):
    """Pagefind failed; the message is its own output."""


def index_site(site: Path, exclude: Iterable[str] = EXCLUDED) -> IndexSummary:
    """Write the Pagefind index into site/pagefind/ for the built site in `site`."""
    result = subprocess.run(pagefind_command(site, exclude), capture_output=True, text=True, encoding="utf-8")
    output = result.stdout + result.stderr
    if result.returncode:
        raise SearchIndexError(output.strip())
    return _summary(output)


def start_indexing(site: Path, exclude: Iterable[str] = EXCLUDED) -> subprocess.Popen[bytes]:
    """Index in the background: under `mkdocs serve` the edited page is shown while its index catches up."""
    return subprocess.Popen(pagefind_command(site, exclude), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pagefind_command(site: Path, exclude: Iterable[str] = EXCLUDED) -> list[str]:
    return [
        str(pagefind_bin.get_executable()),
        *("--site", str(site), "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(exclude)),
    ]


def _summary(output: str) -> IndexSummary:
    def count(what: str) -> int:
        found = re.search(rf"Indexed (\d+) {what}", output)
        return int(found[1]) if found else 0

    languages = re.search(r"Discovered \d+ languages?: (.*)", output)
    return IndexSummary(
        pages=count("page"),
        words=count("word"),
        filters=count("filter"),
        languages=tuple(part.strip() for part in languages[1].split(",")) if languages else (),
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.indexing [SITE]`: index a site another builder made (Zensical, ProperDocs)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        print(index_site(Path(args[0] if args else SITE_DIR)))
    except SearchIndexError as error:
        print(f"search index: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
