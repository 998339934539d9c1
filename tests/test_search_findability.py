"""Findability: does a caseworker's own wording put the right offer at the top of the search?

The queries are the words caseworkers use, not the catalogue's; each runs in Chromium through the site's own
search code (window.catalogueSearch.find, the ranking the search box shows) over the Pagefind index of the
real catalogue. Two sets: findability.yaml, which search and tags were tuned against, and
findability-holdout.yaml, written before tuning and never tuned against, which tells whether an improvement
is general. The rates are printed; the floors are what was measured, minus a margin, so a change that makes
search worse fails here.
"""

import os
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from tests.conftest import DATA
from tests.site import build, make_project, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Query set → (top-1 floor, top-3 floor). Raise the floors when the measured rates rise; never lower them
# to let a change through.
FLOORS: dict[str, tuple[float, float]] = {
    "findability": (0.42, 0.63),  # measured on the search branch, before everyday-word tags: 19/38, 27/38
    "findability-holdout": (0.70, 0.80),  # measured before tuning: 37/48, 41/48
}
SETS = {name: yaml.safe_load((DATA / f"search/{name}.yaml").read_text(encoding="utf-8")) for name in FLOORS}


def offer_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def ranked(tmp_path_factory) -> dict[str, list[str]]:
    """Each query's result ids, best first."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'apt-get install chromium' (make test does)")
    queries = sorted({entry["query"] for entries in SETS.values() for entry in entries})
    project = make_project(tmp_path_factory.mktemp("site"))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url + "/")
        found = page.evaluate("queries => Promise.all(queries.map(q => window.catalogueSearch.find(q)))", queries)
        browser.close()
    return {query: [offer_id(page["url"]) for page in pages] for query, pages in zip(queries, found, strict=True)}


@pytest.mark.parametrize("name", FLOORS)
def test_there_are_enough_queries(name):
    assert len(SETS[name]) >= 30


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
