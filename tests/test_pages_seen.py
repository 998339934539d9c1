"""Every kind of page as a person sees it: no Markdown left unrendered, a heading, nothing overflowing sideways.

Once a build-speed change dropped the Markdown extension the home page's entry cards need: the first page every
caseworker opens showed `- **[Sundhed](tilbud/sundhed.md)**` as text, and the build, axe and every other test
stayed green. These tests look at the built pages and at screenshots of each kind of page, at a desktop's and a
phone's width; the screenshots are kept in artifacts/screenshots/ (not in git) for a person to look at.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.site import build, make_project, serve
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
    finally:
        context.close()
