"""Search: what Pagefind indexes on an offer page, how it ranks it, and building the index.

The site's search is Pagefind (a static index in site/pagefind/, loaded in pieces by the browser). Only
elements marked `data-pagefind-body` are indexed, which overrides/main.html puts around the content of
the offer pages (front matter `search_index: offer`) and of the narrative pages (`search_index: true`).
Overviews, category pages, the stale list and the shortlist carry no mark, so they never crowd the offers
out of the results.
"""

import html
import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from generator.facets import CATEGORY, FACETS, MUNICIPALITY
from generator.model import Offer
from generator.taxonomy import CATEGORIES

LANGUAGE = "da"  # Danish stemming; the pages also say lang="da" (theme.language in mkdocs.yml)

# How much a match in each field counts (Pagefind's default weight is 1; h1 headings weigh 7).
# A word a caseworker types is most telling in the title, then in the extra search words, then in
# whom the offer is for and what it is for; contacts and practical text count least.
WEIGHTS: dict[str, float] = {
    "title": 10,
    "tags": 6,
    "target_group": 4,
    "purpose": 3,
    "description": 1.5,
    "visitation": 1,
    "contacts": 0.5,
    "further_information": 0.5,
}

# What Pagefind reads of a page: the theme's <article>, where every data-pagefind-body is. The same index,
# but the header, navigation and footer are skipped: at 1,000 offers 40 % less indexing time.
ROOT_SELECTOR = "article"

# A narrative page's text (the evaluation, the goals) weighs this against an offer's, headings included: a
# long narrative page would otherwise crowd offers out of everyday queries. It comes first when the query
# is about it. Set on the page by overrides/main.html, from the hook (mkdocs_hook.on_config).
NARRATIVE_WEIGHT = 0.5

# Page parts that repeat on every offer or say nothing about it: never indexed.
EXCLUDED = (
    ".offer-stale-warning",
    ".offer-shortlist",
    ".offer-quick-contacts",
    ".offer-updated",
    ".headerlink",
    ".md-content__button",
)

# The filters the search box offers are the facets (facets.py), by their Danish labels.
FILTER_MUNICIPALITY = MUNICIPALITY.label  # a municipality named in a query becomes this filter
FILTER_CATEGORY = CATEGORY.label  # every offer carries it

# Facts shown in a search result (docs/javascripts/search.js reads them by these names).
META_CATEGORY = "kategori"
META_MUNICIPALITIES = "kommuner"

# Pagefind's ranking (its `ranking` option), chosen by measuring tests/data/search/: termSaturation (BM25's
# k1, Pagefind's default 1.4) raised, so a word in a weighted field (title, tags) counts more against the
# same word repeated in long text; and the facts shown in a result do not rank (Pagefind boosts a page whose
# metadata holds a query word, which would lift every offer for "social" or a municipality's name).
RANKING = {"termSaturation": 2, "metaWeights": {META_CATEGORY: 0, META_MUNICIPALITIES: 0}}

# What the search box needs before its first search, published beside the index (search_facts): the filters'
# values and counts, and the words offers are searched by (Pagefind has no typo tolerance, so the search box
# corrects a misspelt query word, "skitzofreni", to the nearest of these words).
FACTS_FILE = "search-facts.json"
_WORD = re.compile(r"[^\W\d_]{5,}")  # shorter words are too close to too many others to correct


def browser_settings() -> dict[str, object]:
    """What the search box (docs/javascripts/search.js) must know of the index: how to rank, which filter a
    municipality named in a query stands for, and where its facts are (search_facts)."""
    return {"ranking": RANKING, "municipalityFilter": FILTER_MUNICIPALITY, "factsFile": FACTS_FILE}


def search_facts(offers: Iterable[Offer]) -> str:
    """As JSON: each filter's values with the number of offers that have them, as Pagefind counts them (the
    search box's filters), and the distinct long words of the offers' titles and tags (spelling correction)."""
    offers = list(offers)
    filters = {facet.label: counts for facet in FACETS if (counts := facet.counts(offers))}
    words = {word for offer in offers for text in (offer.title, *offer.tags) for word in _WORD.findall(text.lower())}
    facts = {"filters": filters, "words": sorted(words)}
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def offer_metadata(offer: Offer) -> str:
    """A hidden element carrying the offer's filters and the facts shown in a search result.

    The values are element text, not attribute values, so a comma or colon in a value needs no escaping;
    `data-pagefind-ignore` keeps the text out of the word index while Pagefind still reads the filters.
    """
    filters = [(facet.label, facet.name_of(code)) for facet in FACETS for code in facet.codes(offer)]
    meta = [(META_CATEGORY, CATEGORIES[offer.category]), (META_MUNICIPALITIES, ", ".join(offer.municipalities))]
    spans = [_span("data-pagefind-filter", name, value) for name, value in filters]
    spans += [_span("data-pagefind-meta", name, value) for name, value in meta]
    return f'<div class="offer-search-data" hidden data-pagefind-ignore="index">{"".join(spans)}</div>\n'


def _span(attribute: str, name: str, value: str) -> str:
    return f'<span {attribute}="{html.escape(name)}">{html.escape(value, quote=False)}</span>'


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


if __name__ == "__main__":  # for builders that ignore MkDocs hooks: python -m generator.search site
    import sys

    try:
        print(index_site(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
    except SearchIndexError as error:
        sys.exit(f"search index: {error}")
