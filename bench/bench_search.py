"""What search costs a caseworker: bytes downloaded and time to results, Pagefind against Material's search.

Builds the site twice from the same catalogue – as it is (Pagefind, the hook indexes after the build) and
with Material's own search plugin instead (the baseline) – serves each on 127.0.0.1 and types queries into
the header's search box in Chromium, a key at a time. Printed per site:
  first search   bytes of every search request from loading the page to the first results
                 (Material loads its whole index with the page; Pagefind only when someone types)
  later searches bytes per further query (median)
  time           from the last keystroke to the results of the whole query on screen (median): for this
                 site, until the result list says which query it shows (data-query, set by search.js once
                 the results are drawn); for Material, until its result list last changed
The catalogue is the real one (35 offers) or, for more, a synthetic one (bench/synthetic.py: varied offers
whose words come from the real catalogue). The bytes are the encoded sizes Chromium reports (this server
does not compress; a web host that gzips sends less). The aims (FIRST, LATER, RESULTS) are this site's, printed
after the figures; exits 1, after printing every N, when one is missed at any N.
Usage: python bench/bench_search.py [--offers 35 1000 10000]
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from bench.aims import Aim, Verdict  # noqa: E402
from bench.synthetic import write_catalogue  # noqa: E402
from generator.search import FACTS_FILE  # noqa: E402
from tests.site import build, make_project, serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = ["rygestop", "misbrug", "bolig til psykisk syg", "jobsøgning", "vold", "kostvejledning"]
SETTLE_MS = 1200  # the result list is taken as final when it has not changed for this long
FIRST = Aim("first search, bytes", 300, " KB")
LATER = Aim("later searches, bytes", 50, " KB")
RESULTS = Aim("last key → results on screen", 300, " ms", strict=True)


def baseline_project(project: Path, folder: Path) -> Path:
    """The same site with Material's search plugin and Material's own search box."""
    shutil.copytree(project, folder, symlinks=True, ignore=shutil.ignore_patterns("site"))
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("plugins: []", "plugins: [search]"), encoding="utf-8")
    for name in ("header.html", "search.html"):
        (folder / "overrides/partials" / name).unlink()
    return folder


class Site:
    def __init__(self, box: str, results: str, is_search_request, shown: str | None = None):
        self.box, self.results, self.is_search_request = box, results, is_search_request
        self.shown = shown  # the element whose data-query names the query whose results are on screen


OURS = Site(
    "#catalogue-search-header",
    "#catalogue-search-header-panel",
    lambda url: "/pagefind/" in url or url.endswith("/" + FACTS_FILE),  # the index and the search box's facts
    shown="#catalogue-search-header-panel .catalogue-search__results",
)
MATERIAL = Site(
    "input.md-search__input", ".md-search-result", lambda url: "/search/" in url or "/workers/search" in url
)

WATCH = """([box, results, shown]) => {
  window.__bench = { key: 0, change: 0, done: 0, query: null };
  const input = document.querySelector(box);
  input.addEventListener('keydown', () => { window.__bench.key = performance.now(); });
  new MutationObserver(() => {
    window.__bench.change = performance.now();
    const list = shown && document.querySelector(shown);
    if (list && list.dataset.query && list.dataset.query === input.value.trim()
        && list.dataset.query !== window.__bench.query) {
      window.__bench.done = performance.now();
      window.__bench.query = list.dataset.query;
    }
  }).observe(document.querySelector(results),
             { subtree: true, childList: true, attributes: true, characterData: true });
}"""


def measure(page: Page, url: str, site: Site) -> dict:
    transferred: list[int] = []

    def finished(request):
        if site.is_search_request(request.url):
            sizes = request.sizes()
            transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", finished)
    page.goto(url + "/")
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH, [site.box, site.results, site.shown])
    box = page.locator(site.box)
    if site is MATERIAL:
        page.keyboard.press("s")  # Material opens its search dialog
    box.click()
    per_query, times = [], []
    for query in QUERIES:
        before = sum(transferred)
        box.fill("")
        page.wait_for_timeout(300)
        box.press_sequentially(query, delay=60)
        if site.shown:
            page.wait_for_function(f"window.__bench.query === {json.dumps(query)}", polling=50, timeout=120_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            f"performance.now() - Math.max(window.__bench.change, window.__bench.key) > {SETTLE_MS}",
            polling=100,
        )
        bench = page.evaluate("window.__bench")
        times.append(bench["done"] - bench["key"] if site.shown else max(0.0, bench["change"] - bench["key"]))
        per_query.append(sum(transferred) - before)
    page.remove_listener("requestfinished", finished)
    loaded_with_page = sum(transferred) - sum(per_query)
    return {
        "first": loaded_with_page + per_query[0],
        "later": statistics.median(per_query[1:]),
        "time": statistics.median(times),
    }


def run(count: int, browser, verdict: Verdict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "ours").mkdir()
        ours = make_project(Path(tmp) / "ours")
        if count != 35:
            shutil.rmtree(ours / "catalogue")
            write_catalogue(ours / "catalogue", count)
        offers = len(list((ours / "catalogue").glob("*.yaml")))
        baseline = baseline_project(ours, Path(tmp) / "material")
        figures = {}
        for name, project, site in (("Pagefind (this site)", ours, OURS), ("Material search", baseline, MATERIAL)):
            result = build(project)
            if result.returncode:
                raise SystemExit(result.stdout + result.stderr)
            with serve(project / "site") as url:
                context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
                figures[name] = measure(context.new_page(), url, site)
                context.close()
    print(f"offers: {offers}")
    for name, figure in figures.items():
        print(
            f"  {name:22} first search {figure['first'] / 1024:7.1f} KB   later {figure['later'] / 1024:6.1f} KB"
            f"   last key → results {figure['time']:5.0f} ms"
        )
    ours_f, base_f = figures["Pagefind (this site)"], figures["Material search"]
    # Material's time is when its result list last changed; when it never changed after the last key (its
    # whole index still loading, at 10,000 offers), there is no time to compare with.
    time_ratio = f"{ours_f['time'] / base_f['time']:.2f}x" if base_f["time"] > 0 else "n/a"
    print(f"  ratio (Pagefind / Material): first search {ours_f['first'] / base_f['first']:.2f}x, time {time_ratio}")
    print(f"  aims: first search {FIRST.text}, later {LATER.text}, results {RESULTS.text}")
    verdict.check(FIRST, ours_f["first"] / 1024, f"{offers} offers")
    verdict.check(LATER, ours_f["later"] / 1024, f"{offers} offers")
    verdict.check(RESULTS, ours_f["time"], f"{offers} offers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35])
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        verdict = Verdict()
        for count in args.offers:
            run(count, browser, verdict)
        browser.close()
    verdict.exit()


if __name__ == "__main__":
    main()
