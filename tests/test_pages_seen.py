"""Every kind of page as a person sees it: no Markdown left unrendered, a heading, nothing overflowing sideways.

Once a build-speed change dropped the Markdown extension the home page's entry cards need: the first page every
caseworker opens showed `- **[Sundhed](tilbud/sundhed.md)**` as text, and the build, axe and every other test
stayed green. These tests look at the built pages and at screenshots of each kind of page, at a desktop's and a
phone's width; the screenshots are kept in artifacts/screenshots/ (not in git) for a person to look at. axe runs
on each of them too, and no violation of any impact is accepted.
"""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.load import load_catalogue
from tests.conftest import ROOT
from tests.site import FROZEN, build, make_project, serve
from tests.test_site_browser import browser  # noqa: F401 — the module's Chromium

SCREENSHOTS = ROOT / "artifacts/screenshots"
# What Markdown looks like when it was not rendered: link syntax, bold, attribute lists, and list bullets or
# heading marks at the start of a line of text. (A line may start with "* ": the evaluation's footnotes do.)
RAW_MARKDOWN = re.compile(r"\]\(|\*\*\[|\*\*\w[^*\n]*\*\*|\{:\s|\{\s*[.#][\w-]|^\s*(?:[-+]|#{1,6})\s+\S", re.M)
HOME_ENTRIES = {
    "tilbud/sundhed/",
    "tilbud/socialt/",
    "tilbud/beskaeftigelse/",
    "tilbud/",
    "maal/",
    "evaluering/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("seen"), frozen=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Text(HTMLParser):
    """The text of a page's <article> as a reader sees it, one line per block, without code and scripts."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "br", "summary", "tr"}
    HIDDEN = {"script", "style", "code", "pre", "template", "svg"}

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.hidden, self.lines = 0, 0, [""]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag == "article"
        self.hidden += tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"
        self.hidden -= tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.lines[-1] += data


def article_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(line for line in parser.lines if line.strip())


def test_the_check_sees_what_unrendered_markdown_looks_like():
    raw = "<article><p>- **[Sundhed](tilbud/sundhed.md)**</p><p>Tekst { .offer-meta }</p></article>"
    assert len(RAW_MARKDOWN.findall(article_text(raw))) >= 3
    rendered = "<article><ul><li><strong><a href='x'>Sundhed</a></strong> – 43 57 77 26</li></ul></article>"
    assert RAW_MARKDOWN.findall(article_text(rendered)) == []


def test_no_built_page_shows_unrendered_markdown(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    shown = {}
    for page in pages:
        if found := RAW_MARKDOWN.findall(article_text(page.read_text(encoding="utf-8"))):
            shown[page.relative_to(site).as_posix()] = found[:3]
    assert shown == {}


def test_the_home_page_has_its_six_entry_links_and_each_leads_to_a_page(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    cards = home[home.index('<div class="grid cards"') :]
    cards = cards[: cards.index("</ul>")]
    links = set(re.findall(r'<a href="([^"]+)"', cards))
    assert links >= HOME_ENTRIES
    for link in links:  # written as HTML, so MkDocs does not check them
        assert (site / link / "index.html").is_file(), link


KINDS = {
    "home": "",
    "overview": "tilbud/",
    "offer": None,  # the first offer of the catalogue
    "category": "tilbud/sundhed/",
    "stale": "tilbud/foraeldede/",
    "shortlist": None,  # the Kortliste with two offers, from a share link
    "goals": "maal/",
    "evaluation": "evaluering/maal-og-resultater/",
    "help": "hjaelp/ret-et-tilbud/",
}


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_page_reads_right_at_a_desktops_and_a_phones_width(browser, site, site_url, kind, width):  # noqa: F811
    offers = sorted(path.parent.name for path in (site / "tilbud").glob("*/index.html") if "-" in path.parent.name)
    address = {"offer": f"tilbud/{offers[0]}/", "shortlist": f"tilbud/kortliste/#ids={offers[0]},{offers[1]}"}
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{site_url}/{address.get(kind) or KINDS[kind]}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("article h1").first).to_be_visible()
        if kind == "shortlist":
            expect(page.locator("article").get_by_role("link", name=re.compile(".")).first).to_be_visible()
            expect(page.locator(".shortlist-body")).to_have_count(2)  # both offers drawn, for axe too
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{kind}-{width}.png", full_page=True)
        text = page.locator("article").inner_text()
        assert RAW_MARKDOWN.findall(text) == [], kind
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} is {overflow} px wider than the window at {width} px"
        if kind == "home":
            links = page.locator(".grid.cards a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
            assert set(links) >= HOME_ENTRIES
            for link in page.locator(".grid.cards a").all():
                expect(link).to_be_visible()
        assert errors == []
        assert axe_violations(page) == [], f"{kind} at {width} px"
    finally:
        context.close()


def axe_violations(page) -> list[str]:
    """Every axe violation on the page, of any impact: a moderate one (two landmarks of the same name) is a
    screen reader user's problem too."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
    ]


# Issue 18: an offer's first phone screen, the banner of a mostly stale catalogue, tags that only search sees.

PHONE = {"width": 390, "height": 844}
# Pagefind as the search box asks it: the address of every result for a query.
RESULT_URLS = """async query => {
    const pagefind = await import("/pagefind/pagefind.js");
    const found = await pagefind.search(query);
    return Promise.all(found.results.map(async result => (await result.data()).url));
}"""


@pytest.fixture(scope="module")
def offers():
    return sorted(load_catalogue([FROZEN / "catalogue"]).offers, key=lambda offer: offer.id)


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(locale="da-DK", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_an_offer_pages_first_phone_screen_says_what_it_is_for_whom_how_to_get_in_and_whom_to_call(
    phone, site_url, offers
):
    """For every offer: without scrolling, the one-line summary, the target group, the access and (where the
    offer has a phone number) a number to tap, dialled with +45, under the stale banner."""
    for offer in offers:
        phone.goto(f"{site_url}/tilbud/{offer.id}/")
        summary = phone.locator("article .offer-summary")
        expect(summary).to_be_visible()
        assert summary.inner_text() and "\n" not in summary.inner_text(), offer.id
        needed = [summary, phone.get_by_role("heading", name="Målgruppe"), phone.locator("article .offer-text").first]
        if offer.referral:
            needed.append(phone.locator("article .offer-referral"))
        if any(contact.phone for contact in offer.contacts):
            number = phone.locator('.offer-quick-contacts a[href^="tel:+45"]').first
            expect(number).to_have_text(re.compile(r"^\d\d \d\d \d\d \d\d$"))
            needed.append(number)
        for locator in needed:
            box = locator.bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], (offer.id, locator)
        banner, header = (
            phone.locator(".md-banner:has(.catalogue-stale-banner)").bounding_box(),
            phone.locator(".md-header").bounding_box(),
        )
        assert (
            banner["y"] == 0 and banner["y"] + banner["height"] <= header["y"]
        )  # the page's first line, then the header
        if offer.id == offers[0].id:
            phone.screenshot(path=SCREENSHOTS / "offer-first-screen-390.png")


def test_a_mostly_stale_catalogue_says_so_once_at_the_top_of_every_page(phone, site, site_url, offers):
    """The frozen catalogue is from 2013: one banner on every page (how many of how many, and the way to the
    list), and neither a warning on each offer nor "Forældet" on every row."""
    for path in [*(address for address in KINDS.values() if address is not None), f"tilbud/{offers[0].id}/"]:
        phone.goto(f"{site_url}/{path}")
        banner = phone.locator(".md-banner .catalogue-stale-banner")
        expect(banner).to_have_count(1)
        expect(banner).to_contain_text(f"{len(offers)} af {len(offers)} tilbud er ikke bekræftet i over 12 måneder")
        expect(phone.locator(".offer-stale-warning")).to_have_count(0)
    phone.goto(f"{site_url}/tilbud/")
    expect(phone.locator("article table")).not_to_contain_text("Forældet")
    phone.locator(".catalogue-stale-banner a").click()
    expect(phone).to_have_url(f"{site_url}/tilbud/foraeldede/")
    expect(phone.locator("article table tbody tr")).to_have_count(len(offers))
    home = (site / "index.html").read_text(encoding="utf-8")  # outside <article>: search never indexes it
    assert home.index("catalogue-stale-banner") < home.index("<article")


def test_tags_are_not_shown_but_search_finds_an_offer_by_a_word_only_its_tags_hold(phone, site_url, offers):
    """Pagefind indexes hidden elements: a tag word that is nowhere in the offer's visible text still finds it."""
    checked = 0
    for offer in offers:
        if not offer.tags:
            continue
        phone.goto(f"{site_url}/tilbud/{offer.id}/")
        expect(phone.locator(".offer-tags")).to_be_hidden()
        expect(phone.get_by_role("heading", name="Emneord")).to_have_count(0)
        shown = phone.locator("article").inner_text().casefold()
        for tag in offer.tags:
            if " " in tag or tag.casefold() in shown:
                continue
            assert f"/tilbud/{offer.id}/" in phone.evaluate(RESULT_URLS, tag), (offer.id, tag)
            checked += 1
    assert checked >= 10  # the frozen catalogue has many words only its tags hold ("fogedudsættelse", "sprut")


@pytest.fixture(scope="module")
def current_site_url(tmp_path_factory):
    """The frozen catalogue as it stood in October 2013, mostly current: one offer (of 2012-10-11) is stale."""
    project = make_project(tmp_path_factory.mktemp("current"), frozen=True)
    result = build(project, "--strict", today="2013-10-15")
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


def test_the_few_stale_offers_of_a_current_catalogue_warn_in_one_closed_line(phone, current_site_url, offers):
    stale = [offer for offer in offers if offer.last_updated < dt.date(2012, 10, 15)]
    assert len(stale) == 1
    phone.goto(f"{current_site_url}/tilbud/{stale[0].id}/")
    expect(phone.locator(".catalogue-stale-banner")).to_have_count(0)
    warning = phone.locator(".offer-stale-warning")
    expect(warning).to_contain_text("Ikke bekræftet i over 12 måneder – kontrollér før du henviser")
    assert warning.evaluate("details => details.open") is False
    assert warning.bounding_box()["height"] < 0.1 * PHONE["height"]
    warning.locator("summary").click()
    expect(warning).to_contain_text("senest opdateret")
    phone.goto(f"{current_site_url}/tilbud/")
    expect(phone.locator("article table tbody tr", has_text="Forældet")).to_have_count(1)
    expect(phone.locator("article")).to_contain_text("1 tilbud er ikke bekræftet i over 12 måneder")
    current = next(offer for offer in offers if offer not in stale)
    phone.goto(f"{current_site_url}/tilbud/{current.id}/")
    expect(phone.locator(".offer-stale-warning")).to_have_count(0)
