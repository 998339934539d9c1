"""What search costs a caseworker: bytes downloaded and time to results, Pagefind against Material's search.

Builds the site twice from the same catalogue – as it is (Pagefind, the hook indexes after the build) and
with Material's own search plugin instead (the baseline) – serves each on 127.0.0.1 and types queries into
the header's search box in Chromium, a key every 60 ms (a fluent typist: slower typing searches more word
beginnings on the way, which loads more of the index and more excerpts). Printed per site:
  first search   bytes of every search request from loading the page to the first results, in a fresh
                 browser (empty cache) for each first query: one word, and needs in several words
                 (Material loads its whole index with the page; Pagefind only when someone types)
  later searches bytes per further query in the same page (median, and the largest)
  by kind        where the bytes went: engine (Pagefind's script, worker and WebAssembly), meta (Pagefind's
                 list of pages and index chunks), index (word index chunks), filters, fragments (a result's
                 title and summary), facts (search-facts.json: filters, words for spelling, role cues)
  time           from the last keystroke to the results of the whole query on screen (median, and the
                 slowest): for this site, until the result list says which query it shows (data-query, set by
                 search.js once the results are drawn); for Material, until its result list last changed
The catalogue is the real one (35 offers) or, for more, a synthetic one (bench/synthetic.py: varied offers
whose words come from the real catalogue). The bytes are as a gzip-serving host sends them: the site is
published on GitHub Pages, which gzips text files (HTML, CSS, JavaScript, JSON, SVG) for a browser that
accepts it, so this benchmark's own server does the same (gzip level 6, Content-Encoding: gzip, only when the
request accepts gzip); Pagefind's index files (.pf_meta, .pf_index, .pf_fragment, .pf_filter) and its
WebAssembly (.pagefind) are gzipped by Pagefind itself and are sent as they are. The figures are the encoded
(transferred) sizes Chromium reports, response headers included. The aims (FIRST, LATER,
RESULTS) are this site's, printed after the figures; exits 1, after printing every N, when one is missed at
any N. A query of this site that shows no results, or a time of 0 ms, means the measurement measured nothing:
the benchmark stops at once with exit 1 and says which query.
Usage: python bench/bench_search.py [--offers 35 10000]
"""

import argparse
import bisect
import gzip
import http.server
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, Request, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from bench.aims import Aim, Verdict  # noqa: E402
from bench.synthetic import write_catalogue  # noqa: E402
from generator.search import FACTS_FILE  # noqa: E402
from tests.site import build, make_project, serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ONE_WORD = "rygestop"
# Needs as caseworkers type them: each is the first search of a fresh browser.
SEVERAL_WORDS = ["bolig til psykisk syg", "hjælp til at stoppe med at drikke"]
# Typed one after the other after ONE_WORD, in the same page.
LATER_QUERIES = ["misbrug", "bolig til psykisk syg", "jobsøgning", "min mand slår mig", "vold", "kostvejledning"]
SETTLE_MS = 1200  # the result list is taken as final when it has not changed for this long
FIRST = Aim("first search, bytes", 300, " KB")
LATER = Aim("later searches, bytes", 50, " KB")
RESULTS = Aim("last key → results on screen", 300, " ms", strict=True)
KINDS = ("engine", "meta", "index", "filters", "fragments", "facts", "other")


# What a gzip-serving host (GitHub Pages) compresses: text. Anything else, Pagefind's own already gzipped
# files among it, goes out as it is.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: text gzipped when the request accepts gzip."""

    cache: dict[Path, bytes]  # path → gzipped body: a host compresses a file once, not per request

    def send_head(self):  # type: ignore[no-untyped-def]  # http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path /= "index.html"
        content_type = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and content_type.startswith(COMPRESSED_TYPES) and path.is_file()):
            return super().send_head()  # uncompressed, a folder's redirect, or not found
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


def serve_gzipped(folder: Path):
    """The built site on loopback, compressed as a gzip-serving host sends it (see GzipHandler)."""
    return serve(folder, type("Handler", (GzipHandler,), {"cache": {}}))


def kind(url: str) -> str:
    """What a search request fetches (see the module's docstring)."""
    path = url.split("?")[0]
    for folder, name in (("/pagefind/index/", "index"), ("/pagefind/filter/", "filters")):
        if folder in path:
            return name
    if "/pagefind/fragment/" in path:
        return "fragments"
    if path.endswith(".pf_meta"):
        return "meta"
    if path.endswith("/" + FACTS_FILE):
        return "facts"
    return "engine" if "/pagefind/" in path else "other"


def baseline_project(project: Path, folder: Path) -> Path:
    """The same site with Material's search plugin and Material's own search box."""
    shutil.copytree(project, folder, symlinks=True, ignore=shutil.ignore_patterns("site"))
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("plugins: []", "plugins: [search]"), encoding="utf-8")
    for name in ("header.html", "search.html"):
        (folder / "overrides/partials" / name).unlink()
    return folder


class Site:
    def __init__(self, box: str, results: str, is_search_request, item: str, shown: str | None = None):
        self.box, self.results, self.is_search_request, self.item = box, results, is_search_request, item
        self.shown = shown  # the element whose data-query names the query whose results are on screen


OURS = Site(
    "#catalogue-search-header",
    "#catalogue-search-header-panel",
    lambda url: "/pagefind/" in url or url.split("?")[0].endswith("/" + FACTS_FILE),  # the index and the facts
    item="#catalogue-search-header-panel .catalogue-search__result",
    shown="#catalogue-search-header-panel .catalogue-search__results",
)
MATERIAL = Site(
    "input.md-search__input",
    ".md-search-result",
    lambda url: "/search/" in url or "/workers/search" in url,
    item=".md-search-result__item",
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


class MeasuredNothing(Exception):
    """A query showed no results, or no time passed: the figures would describe a broken search."""


@dataclass
class Searched:
    query: str
    bytes: Counter[str] = field(default_factory=Counter)  # by kind
    time: float = 0.0  # ms, last key → results on screen
    results: int = 0

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


def session(browser: Browser, url: str, site: Site, queries: list[str]) -> list[Searched]:
    """Load the home page in a fresh browser and type each query into the search box; the first query's bytes
    include everything the search loaded from the page's load on."""
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[Request] = []
    # Kept as they come, sized afterwards: Playwright hands the events over late, so a request is told to its
    # query by when it started, not by when it was reported.
    page.on("requestfinished", lambda request: requests.append(request) if site.is_search_request(request.url) else 0)
    try:
        page.goto(url + "/")
        page.wait_for_load_state("networkidle")
        page.evaluate(WATCH, [site.box, site.results, site.shown])
        box = page.locator(site.box)
        if site is MATERIAL:
            page.keyboard.press("s")  # Material opens its search dialog
        box.click()
        searched, typed = [], []
        for query in queries:
            box.fill("")
            page.wait_for_timeout(300)
            typed.append(time.time() * 1000)
            box.press_sequentially(query, delay=60)
            if site.shown:
                wait_for_results(page, query)
            page.wait_for_load_state("networkidle")
            settle(page)
            bench = page.evaluate("window.__bench")
            time_ms = bench["done"] - bench["key"] if site.shown else max(0.0, bench["change"] - bench["key"])
            searched.append(Searched(query, time=time_ms, results=page.locator(site.item).count()))
            if site is OURS:
                check(searched[-1])
        page.wait_for_timeout(500)  # the last requests' events
        for request in requests:
            at = bisect.bisect_right(typed, request.timing["startTime"]) - 1
            searched[max(at, 0)].bytes[kind(request.url)] += transferred(request)  # before typing: the first
        return searched
    finally:
        context.close()


def transferred(request: Request) -> int:
    """The bytes of a response as it came over the network. Chromium reports a body size of 0 for a web
    worker's script (Pagefind's worker): its Content-Length is counted instead."""
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if not body and (response := request.response()) is not None:
        body = int(response.headers.get("content-length", 0))
    return body + sizes["responseHeadersSize"]


def wait_for_results(page: Page, query: str) -> None:
    try:
        page.wait_for_function(f"window.__bench.query === {json.dumps(query)}", polling=50, timeout=60_000)
    except PlaywrightTimeoutError:
        raise MeasuredNothing(f"the results of {query!r} were not on screen a minute after the last key") from None


def settle(page: Page) -> None:
    page.wait_for_function(
        f"performance.now() - Math.max(window.__bench.change, window.__bench.key) > {SETTLE_MS}", polling=100
    )


def check(searched: Searched) -> None:
    if searched.results == 0:
        raise MeasuredNothing(f"the query {searched.query!r} showed no results: the search is broken")
    if searched.time <= 0:
        raise MeasuredNothing(f"the query {searched.query!r} took {searched.time:.0f} ms: its results were not timed")


def breakdown(counts: Counter[str] | dict[str, float]) -> str:
    return ", ".join(f"{name} {counts[name] / 1024:.1f}" for name in KINDS if counts.get(name))


def measure_ours(browser: Browser, url: str) -> dict:
    """This site: the first search of each kind in a fresh browser, the later ones after the one-word query."""
    one = session(browser, url, OURS, [ONE_WORD, *LATER_QUERIES])
    firsts = [one[0]] + [session(browser, url, OURS, [query])[0] for query in SEVERAL_WORDS]
    return {"firsts": firsts, "later": one[1:], "times": [s.time for s in firsts + one[1:]]}


def report(name: str, figures: dict) -> None:
    print(f"  {name}")
    for first in figures["firsts"]:
        label = f"first search {first.query!r}"
        print(f"    {label:48} {first.total / 1024:6.1f} KB  ({breakdown(first.bytes)})")
    later = figures["later"]
    totals = [s.total for s in later]
    median_kinds = {name: statistics.median(s.bytes[name] for s in later) for name in KINDS}
    print(
        f"    {'later searches, median (largest)':48} {statistics.median(totals) / 1024:6.1f} KB"
        f"  (largest {max(totals) / 1024:.1f} KB, {max(later, key=lambda s: s.total).query!r};"
        f" median by kind: {breakdown(median_kinds) or 'nothing'})"
    )
    times = figures["times"]
    print(f"    {'last key → results, median (slowest)':48} {statistics.median(times):6.0f} ms  ({max(times):.0f} ms)")


def run(count: int, browser: Browser, verdict: Verdict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "ours").mkdir()
        ours = make_project(Path(tmp) / "ours")
        if count != 35:
            shutil.rmtree(ours / "catalogue")
            write_catalogue(ours / "catalogue", count)
        offers = len(list((ours / "catalogue").glob("*.yaml")))
        baseline = baseline_project(ours, Path(tmp) / "material")
        for project in (ours, baseline):
            result = build(project)
            if result.returncode:
                raise SystemExit(result.stdout + result.stderr)
        with serve_gzipped(ours / "site") as url:
            figures = measure_ours(browser, url)
        with serve_gzipped(baseline / "site") as url:
            material = session(browser, url, MATERIAL, [ONE_WORD, *LATER_QUERIES])
    print(f"offers: {offers} (bytes as a gzip-serving host such as GitHub Pages sends them: text gzipped)")
    report("Pagefind (this site)", figures)
    # Material's time is when its result list last changed; when it never changed after the last key (its
    # whole index still loading, at 10,000 offers), there is no time to compare with.
    material_time = statistics.median(s.time for s in material)
    print(
        f"  Material search: first search {material[0].total / 1024:.1f} KB, later"
        f" {statistics.median(s.total for s in material[1:]) / 1024:.1f} KB, last key → results"
        f" {material_time:.0f} ms" + ("" if material_time > 0 else " (its list never changed after the last key)")
    )
    first = max(s.total for s in figures["firsts"]) / 1024
    print(f"  ratio (Pagefind / Material): first search {first * 1024 / material[0].total:.2f}x")
    print(f"  aims: first search {FIRST.text}, later (median) {LATER.text}, results (median) {RESULTS.text}")
    verdict.check(FIRST, first, f"{offers} offers")
    verdict.check(LATER, statistics.median(s.total for s in figures["later"]) / 1024, f"{offers} offers")
    verdict.check(RESULTS, statistics.median(figures["times"]), f"{offers} offers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 10_000])  # the aims are for 10,000
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        verdict = Verdict()
        try:
            for count in args.offers:
                run(count, browser, verdict)
        except MeasuredNothing as error:
            print(f"FAILED, nothing was measured: {error}", flush=True)
            sys.exit(1)
        finally:
            browser.close()
    verdict.exit()


if __name__ == "__main__":
    main()
