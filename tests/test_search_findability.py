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
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect, sync_playwright

from generator.search import FACTS_FILE, FILTER_MUNICIPALITY, ROLE_SERVED_BY
from generator.taxonomy import MUNICIPALITIES, ROLES
from tests.conftest import DATA
from tests.site import FROZEN, build, make_project, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HELD_OUT = "findability-heldout-2026-12-06"
HELD_OUT_B = "findability-heldout-2026-12-06b"  # a second one, written before issue 18's tuning
# Query set → (top-1 floor, top-3 floor). Raise the floors when the measured rates rise; never lower them
# to let a change through.
FLOORS: dict[str, tuple[float, float]] = {
    # before this ranking: 25/38, 33/38; before roles, everyday words and frequency-ranked corrections: 30/38,
    # 37/38, and 38/52, 48/52 with the role queries added then (8/14, 11/14 of those)
    "findability": (0.84, 0.96),  # measured 46/52, 52/52
    # before this ranking, when it was written: 37/48, 41/48; measured while choosing changes, so tuned too;
    # before roles, everyday words and frequency-ranked corrections: 40/48, 45/48
    "findability-holdout": (0.83, 0.95),  # measured 42/48, 48/48
    # Written 2026-12-06 from the source documents alone, before any further tuning; measured once, never tuned
    # against. Its floors lie two queries below what was measured: one query's luck cannot cross them.
    HELD_OUT: (0.84, 0.92),  # measured 32/38, 37/38 on 2026-12-06; after issue 18's search work 34/38, 37/38
    # Written 2026-12-06 by a helper who saw neither the search code nor the tags, before the roles, everyday
    # words and corrections above were built; measured once, after them.
    HELD_OUT_B: (0.84, 0.94),  # measured once: 36/40, 40/40; 34/38, 38/38 without the two dropped by rule
}
SETS = {name: yaml.safe_load((DATA / f"search/{name}.yaml").read_text(encoding="utf-8")) for name in FLOORS}
for _entries in SETS.values():  # `also`: offers that are equally right (two offers with the same text)
    for _entry in _entries:
        _entry["expected"] = [*_entry["expected"], *_entry.pop("also", [])]
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
    for entry in SETS[HELD_OUT] + SETS[HELD_OUT_B]:
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
    """The words of the offers' titles and tags that spelling correction knows (search-facts.json): the words
    offers are searched by, each of which finds its offer."""
    known = json.loads((folder / FACTS_FILE).read_text(encoding="utf-8"))["words"]
    offers = [yaml.safe_load(path.read_text("utf-8")) for path in (FROZEN / "catalogue").glob("*.yaml")]
    texts = [text.lower() for offer in offers for text in (offer["title"], *offer.get("tags", []))]
    return sorted({word for text in texts for word in re.findall(r"[^\W\d_]+", text)} & set(known))


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


# --- Roles: a query naming whom it is about never puts an offer for another role first --------------------------

ROLE_QUERIES = [entry for name in ("findability", "findability-holdout") for entry in SETS[name] if "role" in entry]


def offer_roles() -> dict[str, list[str]]:
    """Each offer of the frozen catalogue by id, with the roles its file names."""
    files = (FROZEN / "catalogue").glob("*.yaml")
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")).get("roles", []) for path in files}


def test_the_role_queries_cover_every_role_and_each_finds_its_offers():
    assert {entry["role"] for entry in ROLE_QUERIES} == set(ROLES)
    roles = offer_roles()
    for entry in ROLE_QUERIES:  # the expected offer serves the role: the set itself is right
        assert all(set(roles[expected]) & set(ROLE_SERVED_BY[entry["role"]]) for expected in entry["expected"])


def test_a_query_names_the_role_it_is_about(site):
    page, _ = site
    queries = [entry["query"] for entry in ROLE_QUERIES]
    named = page.evaluate("queries => Promise.all(queries.map(q => window.catalogueSearch.role(q)))", queries)
    assert dict(zip(queries, named, strict=True)) == {entry["query"]: entry["role"] for entry in ROLE_QUERIES}
    # Words that name no role, or several: "udsatte borgere" are the socially vulnerable, not victims of violence.
    for query in ("udsatte borgere", "rygestop", "far og barn laver mad"):
        assert page.evaluate("q => window.catalogueSearch.role(q)", query) is None, query
    # Another subject between "jeg" and the violence: the one who types is the one it is done to.
    assert page.evaluate("q => window.catalogueSearch.role(q)", "jeg tror min mand slår børnene") == "udsat"


def test_no_query_naming_a_role_puts_an_offer_for_another_role_first(ranked):
    """Every offer for another role comes after every result that is not one: the first result never is."""
    roles = offer_roles()
    for entry in ROLE_QUERIES:
        served = set(ROLE_SERVED_BY[entry["role"]])
        other = [bool(roles.get(found)) and not set(roles[found]) & served for found in ranked[entry["query"]]]
        assert other and not other[0], entry["query"]
        assert other == sorted(other), (entry["query"], ranked[entry["query"]])  # all of them last


def test_a_caseworker_typing_a_perpetrators_words_gets_the_offer_for_perpetrators_first(site):
    """As a person types, letter by letter, into the home page's box, a sentence of the kind that used to put
    smoking cessation first ("… og vil stoppe"): once complete, the offer for those who are violent is first."""
    page, _ = site
    field = page.locator("#home-search-input")
    field.click()
    field.fill("")
    query = "jeg har slået min kæreste og vil stoppe nu"
    field.press_sequentially(query, delay=20)
    results = page.locator("#home-search-input-panel .catalogue-search__results")
    expect(results).to_have_attribute("data-query", query, timeout=10_000)
    first = results.locator(".catalogue-search__link").first.get_attribute("href")
    assert offer_id(first) == "voldsudoever-dialog-mod-vold"


def test_offers_with_the_same_title_are_told_apart_in_the_results(site):
    """Two "Forebyggende hjemmebesøg": each result carries its subtitle, as every list does."""
    page, _ = site
    found = page.evaluate(FIND, ["forebyggende hjemmebesøg", {}])
    titles = [result["title"] for result in found if "forebyggende-hjemmebesoeg" in result["url"]]
    assert sorted(titles) == [
        "Forebyggende hjemmebesøg – Borgere med kronisk sygdom",
        "Forebyggende hjemmebesøg – Borgere over 75 år med anden etnisk baggrund",
    ]


def test_an_offer_result_says_what_the_offer_is_not_its_tags(site):
    """A result shows the offer's one-line summary (from its purpose), the line its page opens with; the hidden
    search words still find it but are not what a caseworker reads."""
    page, _ = site
    page.goto(page.url.split("#")[0])
    box = page.locator("main input[type=search]").first
    box.click()
    box.type("rygestop", delay=30)
    first = page.locator(".catalogue-search__result").first
    expect(first).to_be_visible()
    shown = first.locator(".catalogue-search__excerpt").inner_text()
    home = page.url
    first.locator("a").click()
    assert shown == page.locator("article .offer-summary").inner_text()
    page.goto(home)
