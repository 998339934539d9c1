"""Findability: does a caseworker's own wording put the right offer at the top of the search?

The queries are the words caseworkers use, not the catalogue's; each runs in Chromium through the site's own
search code (window.catalogueSearch.find, the ranking the search box shows) over the Pagefind index of the
frozen copy of the catalogue (tests/data/frozen/), so an owner's edit of the live catalogue never moves the
floors; refresh the copy, and re-measure, when the live catalogue's tags change much. Two sets:
findability.yaml, which search and tags were tuned against, and findability-holdout.yaml, written before
tuning and never tuned against, which tells whether an improvement is general. The rates are printed; the
floors are what was measured, minus a margin, so a change that makes search worse fails here.
"""

import json
import os
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, sync_playwright

from generator.search import FACTS_FILE, FILTER_MUNICIPALITY
from generator.taxonomy import MUNICIPALITIES
from tests.conftest import DATA
from tests.site import FROZEN, build, make_project, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HELD_OUT = "findability-heldout-2026-12-06"
# Query set → (top-1 floor, top-3 floor). Raise the floors when the measured rates rise; never lower them
# to let a change through.
FLOORS: dict[str, tuple[float, float]] = {
    # before this ranking: 25/38, 33/38
    "findability": (0.73, 0.92),  # measured 30/38, 37/38
    # before this ranking, when it was written: 37/48, 41/48; measured while choosing changes, so tuned too
    "findability-holdout": (0.81, 0.89),  # measured 41/48, 45/48
    # Written 2026-12-06 from the source documents alone, before any further tuning; measured once, never tuned
    # against. Its floors lie two queries below what was measured: one query's luck cannot cross them.
    HELD_OUT: (0.78, 0.92),  # measured 32/38, 37/38 on 2026-12-06
}
SETS = {name: yaml.safe_load((DATA / f"search/{name}.yaml").read_text(encoding="utf-8")) for name in FLOORS}
FIND = "([query, filters]) => window.catalogueSearch.find(query, filters)"


def offer_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Page, Path]:
    """A page of the built site (with the frozen catalogue) in Chromium, and the built site's folder."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'apt-get install chromium' (make test does)")
    project = make_project(tmp_path_factory.mktemp("site"), frozen=True)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url + "/")
        yield page, project / "site"
        browser.close()


def find(page: Page, query: str, filters: dict[str, str] | None = None) -> list[str]:
    return [offer_id(found["url"]) for found in page.evaluate(FIND, [query, filters or {}])]


@pytest.fixture(scope="module")
def ranked(site) -> dict[str, list[str]]:
    """Each query's result ids, best first."""
    page, _ = site
    queries = sorted({entry["query"] for entries in SETS.values() for entry in entries})
    found = page.evaluate("queries => Promise.all(queries.map(q => window.catalogueSearch.find(q)))", queries)
    return {query: [offer_id(page["url"]) for page in pages] for query, pages in zip(queries, found, strict=True)}


@pytest.mark.parametrize("name", FLOORS)
def test_there_are_enough_queries(name):
    assert len(SETS[name]) >= 30


def test_the_held_out_queries_are_not_the_tuned_ones():
    tuned = {entry["query"].lower() for entry in SETS["findability"]}
    assert not tuned & {entry["query"].lower() for entry in SETS["findability-holdout"]}


def test_the_held_out_set_is_no_near_copy_of_the_tuned_ones_nor_of_its_offers_tags():
    """Near-duplicates ("skitzofreni" of "skizofreni") and a query that is an offer's tag test nothing new."""
    tuned = [entry["query"].lower() for name in ("findability", "findability-holdout") for entry in SETS[name]]
    offers = {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in (FROZEN / "catalogue").glob("*.yaml")}
    for entry in SETS[HELD_OUT]:
        query = entry["query"].lower()
        assert all(edits(query, other) > 2 for other in tuned), query
        for expected in entry["expected"]:
            assert query not in {tag.lower() for tag in offers[expected].get("tags", [])}, query


def edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        previous = current
    return previous[-1]


@pytest.mark.parametrize("name", FLOORS)
def test_caseworker_queries_find_the_right_offer(ranked, name):
    top1 = top3 = 0
    for entry in SETS[name]:
        ids = ranked[entry["query"]]
        hit1 = bool(ids[:1]) and ids[0] in entry["expected"]
        hit3 = any(found in entry["expected"] for found in ids[:3])
        top1 += hit1
        top3 += hit3
        print(f"{'1' if hit1 else '3' if hit3 else '-'}  {entry['query']!r:48} {ids[:3]}")
    total = len(SETS[name])
    print(f"{name}: top-1 {top1}/{total} ({top1 / total:.0%}), top-3 {top3}/{total} ({top3 / total:.0%})")
    top1_floor, top3_floor = FLOORS[name]
    assert top1 / total >= top1_floor
    assert top3 / total >= top3_floor


def search_words(folder: Path) -> list[str]:
    return json.loads((folder / FACTS_FILE).read_text(encoding="utf-8"))["words"]


def offer_municipalities() -> dict[str, list[str]]:
    """Each offer of the frozen catalogue by id, with the municipalities its file names."""
    files = (FROZEN / "catalogue").glob("*.yaml")
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["municipalities"] for path in files}


def test_a_municipality_named_in_the_query_filters_by_it(site):
    page, _ = site
    assert find(page, "rygestop i vallensbæk") == ["rygestop-vallensbaek"]
    assert find(page, "Vallensbæks rygestop") == ["rygestop-vallensbaek"]
    ishoej = find(page, "rygestop i Ishøj")
    assert ishoej[0] == "rygestop-ishoej" and "rygestop-vallensbaek" not in ishoej


def test_a_municipality_filter_keeps_that_municipalitys_offers_in_their_order(site):
    """The filter a named municipality becomes: of a word's results, that municipality's offers, ranked as before
    (the narrative pages belong to no municipality)."""
    page, folder = site
    offers = offer_municipalities()
    for word in search_words(folder)[::25]:
        everywhere = find(page, word)
        assert any(found in offers for found in everywhere), word  # a title or tag word finds its offer
        for municipality in MUNICIPALITIES:
            expected = [found for found in everywhere if municipality in offers.get(found, [])]
            assert find(page, word, {FILTER_MUNICIPALITY: municipality}) == expected, (word, municipality)
            assert find(page, f"{word} i {municipality.lower()}") == expected, (word, municipality)
            assert find(page, f"{municipality}s {word}") == expected, (word, municipality)


def test_everyday_small_words_do_not_change_the_results(site):
    page, folder = site
    smoking = find(page, "jeg vil gerne have hjælp til at stoppe med at ryge")
    assert set(smoking[:2]) == {"rygestop-ishoej", "rygestop-vallensbaek"}
    for word in search_words(folder)[::25]:
        short = find(page, f"hjælp {word}")
        assert find(page, f"jeg vil gerne have hjælp til at {word} med min") == short, word
        alone = find(page, word)
        assert alone and set(alone) <= set(short), word  # every page with the word, among others with "hjælp"
        assert short[0] in alone, word  # first, a page that holds the word, not one that holds only "hjælp"


def test_a_misspelt_word_finds_what_the_word_finds(site):
    """Two letters swapped in the middle of a title or tag word: the first result stays the same."""
    page, folder = site
    words = [word for word in search_words(folder) if len(word) >= 8 and word[3] != word[4]]
    same = 0
    for word in words:
        typo = word[:3] + word[4] + word[3] + word[5:]
        expected, found = find(page, word), find(page, typo)
        same += bool(found) and found[:1] == expected[:1]
    print(f"misspelt words: the same first result for {same}/{len(words)}")
    assert same / len(words) >= 0.9
