"""Running Pagefind on a built site: kept free of the model and of MkDocs, so that the process which waits for a
build and then becomes Pagefind (build.py) stays small. What is indexed, and how it ranks, is search.py's.
"""

import os
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

# How much of the word index one file holds, in Pagefind's unit: a page for each word plus each place it holds
# the word (Pagefind's default: 20,000). A query word loads the one file where it would stand, with the words
# beside it: at 20,000 "bolig" came in an 80 KB file with "borger" (on 89 % of offers), and at 10,000 offers a
# need in three words loaded 133 KB of index; at 5,000, 29 KB, for 3 KB more of Pagefind's list of files
# (bench/bench_search.py). The cost: Pagefind finds a word's longer forms ("bolig": "boligløse") only in the
# files it has loaded, so more files cut more families of words: of the search words and their beginnings,
# 9 of 1,546 find fewer pages than from one file at 1,000 offers (8 at 20,000), 121 of 1,543 at 10,000 (59 at
# 20,000); the findability sets are unchanged even at a size of 1,000. Pagefind 1.5.2 reads it from the
# environment only, under a name it calls unstable: a Pagefind that ignores it builds the same index in bigger
# files, which tests/test_indexing.py notices.
CHUNK_SIZE = ("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", "5000")


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
    command = pagefind_command(site, exclude)
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=pagefind_environment())
    output = result.stdout + result.stderr
    if result.returncode:
        raise SearchIndexError(output.strip())
    return _summary(output)


def start_indexing(site: Path, exclude: Iterable[str] = EXCLUDED) -> subprocess.Popen[bytes]:
    """Index in the background: under `mkdocs serve` the edited page is shown while its index catches up."""
    command = pagefind_command(site, exclude)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=pagefind_environment())


def pagefind_command(site: Path, exclude: Iterable[str] = EXCLUDED) -> list[str]:
    return [
        str(pagefind_bin.get_executable()),
        *("--site", str(site), "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(exclude)),
    ]


def pagefind_environment() -> dict[str, str]:
    """This process's environment, with the index's file size (CHUNK_SIZE) unless the caller sets another."""
    name, size = CHUNK_SIZE
    return {name: size, **os.environ}


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
