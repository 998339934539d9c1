"""The built site in a real browser: Debian's Chromium driven by Playwright.

One build of the project (the frozen catalogue plus a hostile offer) serves every test in this module, so the
offers it names stay put however the live catalogue is edited.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from generator.load import load_catalogue, load_offer
from generator.search import FILTER_MUNICIPALITY
from tests.conftest import DATA
from tests.site import FROZEN, build, make_project, serve
from tests.test_search import NARRATIVE_PAGES  # with the offer pages, all that search may find

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STRICT = [] if os.environ.get("LAX") else ["--strict"]
HOSTILE = DATA / "hostile/fjendtligt-tilbud.yaml"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("site"), extra_offers=[HOSTILE], frozen=True)
    result = build(project, *STRICT)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'apt-get install chromium' (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


HEADER_BOX = "#catalogue-search-header"
HOME_BOX = "#home-search-input"


def search(page: Page, query: str, box: str = HEADER_BOX) -> list[str]:
    """Type into a search box as a caseworker would; return the result titles once they are shown."""
    field = page.locator(box)
    field.click()
    field.press_sequentially(query, delay=20)
    return result_titles(page, box, query)


def result_titles(page: Page, box: str, query: str) -> list[str]:
    results = page.locator(f"{box}-panel .catalogue-search__results")
    expect(results).to_have_attribute("data-query", query, timeout=10_000)
    return [title.strip() for title in results.locator(".catalogue-search__title").all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rygestop", "Rygestop – Ishøj"),
        ("tyrkisk", "Rygestop – Ishøj"),  # a language spoken at the offer
        ("kurdisk", "Vægtstop"),
        ("misbrug", "Misbrugsbehandling"),  # a problem
        ("alkohol", "Alkoholbehandling (Lænken eller Blå Kors)"),
        ("vold", "Voldsramt - Mødrehjælpen"),
        ("fogedudsættelse", "Akut råd og vejledning"),  # a tag: the source spells it "fagedudsættelser"
        ("hjemløs", "Akutbolig - Kløverengen"),
        ("skizofreni", "Botilbud - Kløverengen"),
        ("udviklingshæmning", "Botilbud - Spindehuset"),
        ("Kløverengen", "Akuttelefon - Kløverengen"),  # a place
        ("Hvidovre", "Alkoholbehandling (Lænken eller Blå Kors)"),
        ("Toftevej", "Genvej til praktik"),
        ("indvandrerkvinder", "Klar til job"),  # a target group
        ("regning", "FVU- Opkvalificerende læse-, skrive- og regnekurser"),
        ("sygemeldte", "Genvej til praktik"),
        ("jobsøgning", "Jobsøgningskursus"),
        ("mentor", "Mentorstøtte"),
        ("LAB § 42", "Praktik i virksomhedscenter"),  # a legal basis
        ("Brug For Alle", "Evaluering af projekt Brug For Alle"),  # the narrative pages
        ("hjemløseboliger", "10 mål for social mobilitet"),
    ],
)
def test_danish_search_finds_offer(page, site_url, query, expected):
    page.goto(site_url + "/")
    assert expected in search(page, query)


def test_search_result_opens_the_offer(page, site_url):
    page.goto(site_url + "/")
    search(page, "rygestop")
    page.locator(".catalogue-search__link", has_text="Rygestop – Ishøj").first.click()
    expect(page).to_have_url(re.compile(r"/tilbud/rygestop-ishoej/"))
    expect(page.locator("h1")).to_contain_text("Rygestop – Ishøj")
    expect(page.locator("a[href='tel:+4543577726']").first).to_be_visible()
    expect(page.locator("a[href='mailto:sundhed@ishoj.dk']").first).to_be_visible()


def test_search_starts_with_the_second_letter(page, site_url):
    """One letter matches nearly every offer: it is not searched, and no part of the index is loaded for it."""
    index_parts = []
    page.on("request", lambda request: index_parts.append(request.url) if ".pf_index" in request.url else None)
    page.goto(site_url + "/")
    field = page.locator(HEADER_BOX)
    field.click()
    field.press_sequentially("r", delay=20)
    assert index_parts == []
    # Choosing a filter searches again, after any search still running: the results it shows say, in their
    # data-query, which query was searched. Had the letter been searched, it would say "r".
    panel = page.locator(f"{HEADER_BOX}-panel")
    panel.get_by_role("button", name="Filtre").click()
    panel.locator(f'select[data-filter="{FILTER_MUNICIPALITY}"]').select_option("Ishøj")
    shown = panel.locator(".catalogue-search__results[data-query]")
    shown.wait_for(state="attached")
    assert shown.get_attribute("data-query") == ""
    expect(panel.locator("[role=status]")).to_have_text("33 resultater")  # Ishøj's offers: 32 frozen, the hostile one
    panel.locator(f'select[data-filter="{FILTER_MUNICIPALITY}"]').select_option("")
    expect(panel.locator(".catalogue-search__result")).to_have_count(0)  # no query, no filter: nothing listed
    field.click()  # back from the filters' button, the caret after the "r"
    field.press_sequentially("y", delay=20)
    titles = result_titles(page, HEADER_BOX, "ry")
    assert {"Rygestop – Ishøj", "Rygestop – Vallensbæk"} <= set(titles)
    assert index_parts


def test_search_filters_show_the_catalogues_values_and_narrow_the_results(page, site_url):
    offers = [*load_catalogue([FROZEN / "catalogue"]).offers, load_offer(HOSTILE)[0]]  # what the site holds
    ishoej = sum("Ishøj" in offer.municipalities for offer in offers)
    page.goto(site_url + "/")
    assert {"Rygestop – Ishøj", "Rygestop – Vallensbæk"} <= set(search(page, "rygestop"))
    panel = page.locator(f"{HEADER_BOX}-panel")
    panel.get_by_role("button", name="Filtre").click()
    municipality = panel.locator(f'select[data-filter="{FILTER_MUNICIPALITY}"]')
    assert f"Ishøj ({ishoej})" in municipality.locator("option").all_inner_texts()
    municipality.select_option("Ishøj")
    expect(panel.locator(".catalogue-search__title", has_text="Rygestop – Vallensbæk")).to_have_count(0)
    expect(panel.locator(".catalogue-search__title", has_text="Rygestop – Ishøj")).to_have_count(1)
    for facts in panel.locator(".catalogue-search__facts").all_inner_texts():
        assert "Ishøj" in facts


def test_search_box_is_in_the_header_of_every_page_with_a_name(page, site_url):
    for path in ("/", "/tilbud/", "/tilbud/rygestop-ishoej/", "/maal/", "/evaluering/"):
        page.goto(site_url + path)
        expect(page.get_by_role("searchbox", name="Søg i tilbud og sider").first).to_be_visible()
        expect(page.locator(f".md-header {HEADER_BOX}")).to_be_visible()


def test_home_page_big_box_lists_results_with_category_and_municipalities(page, site_url):
    page.goto(site_url + "/")
    titles = search(page, "rygning", box=HOME_BOX)
    assert titles[:2] and set(titles[:2]) == {"Rygestop – Ishøj", "Rygestop – Vallensbæk"}
    first = page.locator(f"{HOME_BOX}-panel .catalogue-search__result").first
    expect(first.locator(".catalogue-search__facts")).to_have_text(re.compile(r"^Sundhed · (Ishøj|Vallensbæk)$"))
    # An offer's result says what it is (its summary line, no highlighted search words); a narrative page's
    # result shows where the words matched.
    expect(first.locator(".catalogue-search__excerpt")).to_have_text(re.compile(r"\w{3,}"))
    expect(first.locator(".catalogue-search__excerpt mark")).to_have_count(0)
    expect(page.locator(f"{HOME_BOX}-panel [role=status]")).to_contain_text("resultat")
    page.locator(f"{HOME_BOX}-panel").get_by_role("button", name="Filtre").click()
    search(page, "alkohol")  # the header's results open over the page too, its filters unfolded
    page.locator(f"{HEADER_BOX}-panel").get_by_role("button", name="Filtre").click()
    expect(page.locator(f"{HEADER_BOX}-panel select").first).to_be_visible()
    results = Axe().run(page)
    assert [f"{v['id']} ({v['impact']})" for v in results.response["violations"]] == []


def test_home_page_search_form_opens_first_result_on_enter(page, site_url):
    page.goto(site_url + "/")
    page.locator(HOME_BOX).press_sequentially("skizofreni", delay=20)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/tilbud/botilbud-kloeverengen/"))


def test_keyboard_slash_arrows_and_enter(page, site_url):
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    page.locator("body").press("/")
    expect(page.locator(HEADER_BOX)).to_be_focused()
    page.keyboard.type("kostvejledning", delay=20)
    titles = result_titles(page, HEADER_BOX, "kostvejledning")
    assert len(titles) >= 2
    links = page.locator(f"{HEADER_BOX}-panel .catalogue-search__link")
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(HEADER_BOX)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"{HEADER_BOX}-panel")).to_be_hidden()
    expect(page.locator(HEADER_BOX)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{HEADER_BOX}-panel")).to_be_visible()
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    href = links.nth(1).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_slash_on_the_home_page_goes_to_the_big_box(page, site_url):
    page.goto(site_url + "/")
    page.locator("body").press("/")
    expect(page.locator(HOME_BOX)).to_be_focused()


def test_filters_narrow_the_results(page, site_url):
    page.goto(site_url + "/")
    everywhere = search(page, "rygning", box=HOME_BOX)
    panel = page.locator(f"{HOME_BOX}-panel")
    toggle = panel.get_by_role("button", name="Filtre")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(panel.locator(".catalogue-search__filters")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    municipality = panel.get_by_label("Kommuner")
    municipality.select_option("Vallensbæk")
    in_vallensbaek = result_titles(page, HOME_BOX, "rygning")
    assert "Rygestop – Vallensbæk" in in_vallensbaek
    assert "Rygestop – Ishøj" not in in_vallensbaek
    assert set(in_vallensbaek) < set(everywhere)
    for fact in panel.locator(".catalogue-search__facts").all_inner_texts():
        assert "Vallensbæk" in fact
    expect(toggle).to_have_text("Filtre (1)")  # the number of filters set, also when they are folded
    toggle.click()
    expect(panel.locator(".catalogue-search__filters")).to_be_hidden()
    expect(toggle).to_have_text("Filtre (1)")
    toggle.click()
    municipality.select_option("")
    expect(toggle).to_have_text("Filtre")
    panel.get_by_label("Adgang").select_option("Via sagsbehandler")
    page.locator(HOME_BOX).fill("")
    page.locator(HOME_BOX).press_sequentially("botilbud", delay=20)
    referred = result_titles(page, HOME_BOX, "botilbud")
    assert referred and referred[0].startswith("Botilbud")
    for name in ("Kategori", "Lovgrundlag", "Mål for social mobilitet"):
        expect(panel.get_by_label(name)).to_be_visible()


# A 390×844 phone with its on-screen keyboard up shows the top 420 px or so of the page: the rest is keyboard.
PHONE = {"width": 390, "height": 844}
ABOVE_THE_KEYBOARD = 420


@pytest.mark.parametrize("query", ["rygestop", "hjemløs", "min mand slår mig"])
def test_on_a_phone_the_first_result_is_above_the_keyboard(browser, site_url, query):
    """Typed as a person types, in the home page's box: the first result's title is right under the box, the
    filters folded behind one button."""
    context = browser.new_context(locale="da-DK", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "/")
        page.locator(HOME_BOX).tap()
        page.locator(HOME_BOX).type(query, delay=40)
        result_titles(page, HOME_BOX, query)
        panel = page.locator(f"{HOME_BOX}-panel")
        first = panel.locator(".catalogue-search__result").first
        title = first.locator(".catalogue-search__title")
        box, title_box = first.bounding_box(), title.bounding_box()
        print(
            f"\n{query!r} at 390×844: first result at y = {box['y']:.0f}, its title ends at y = "
            f"{title_box['y'] + title_box['height']:.0f}"
        )
        assert title_box["y"] >= 0  # not scrolled away under the header either
        assert title_box["y"] + title_box["height"] <= ABOVE_THE_KEYBOARD
        assert box["y"] <= ABOVE_THE_KEYBOARD
        expect(page.locator(HOME_BOX)).to_be_in_viewport()
        assert page.locator(HOME_BOX).bounding_box()["y"] >= page.locator(".md-header").bounding_box()["height"]
        expect(panel.locator(".catalogue-search__filters")).to_be_hidden()
        expect(panel.get_by_role("button", name="Filtre")).to_have_attribute("aria-expanded", "false")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_on_a_desktop_the_results_stay_under_the_box_without_moving_the_page(page, site_url):
    page.goto(site_url + "/")
    search(page, "rygestop", box=HOME_BOX)
    assert page.evaluate("window.scrollY") == 0  # only a phone's box moves up out of the keyboard's way
    box = page.locator(HOME_BOX).bounding_box()
    first = page.locator(f"{HOME_BOX}-panel .catalogue-search__result").first.bounding_box()
    assert 0 < first["y"] - (box["y"] + box["height"]) < 100


def test_tab_passes_the_header_box_in_one_step(page, site_url):
    """Focus alone opens nothing: Tab from the header's box goes on to the next control of the page, never
    through the filters; typing opens the results, and the filters unfold from their button by keyboard."""
    page.goto(site_url + "/tilbud/")
    page.locator(HEADER_BOX).focus()
    panel = page.locator(f"{HEADER_BOX}-panel")
    expect(panel).to_be_hidden()
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("node => !node.closest('.catalogue-search, .catalogue-search__panel')")
    assert focused.evaluate("node => !['SELECT', 'INPUT'].includes(node.tagName)")
    expect(panel).to_be_hidden()

    page.locator(HEADER_BOX).focus()
    page.keyboard.type("rygestop", delay=20)
    result_titles(page, HEADER_BOX, "rygestop")
    page.keyboard.press("Tab")
    toggle = panel.get_by_role("button", name="Filtre")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")  # past the folded filters, to the first result
    expect(panel.locator(".catalogue-search__link").first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_be_focused()
    page.keyboard.press("Tab")
    expect(panel.locator("select").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator(HEADER_BOX)).to_be_focused()


def index_chunks_loaded(browser, site_url: str, query: str) -> set[str]:
    """The parts of Pagefind's word index a fresh page loads to search for `query`."""
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    chunks: set[str] = set()
    page.on("request", lambda request: chunks.add(request.url) if ".pf_index" in request.url else None)
    try:
        page.goto(site_url + "/")
        assert page.evaluate("q => window.catalogueSearch.find(q).then(found => found.length)", query)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return chunks


def test_a_query_naming_a_role_loads_no_more_of_the_index_than_its_words(browser, site_url, page):
    """Which offers serve the role a query names is read from the role filter beside the words' own searches,
    never by a search without words: Pagefind answers that by loading its whole word index (4.8 MB at 10,000
    offers)."""
    page.goto(site_url + "/")
    assert page.evaluate("q => window.catalogueSearch.role(q)", "min datter drikker") == "paaroerende"
    assert page.evaluate("q => window.catalogueSearch.role(q)", "datter drikker") is None
    named = index_chunks_loaded(browser, site_url, "min datter drikker")
    assert named == index_chunks_loaded(browser, site_url, "datter drikker")  # "min" is a stop-word


OFFER_PAGES = {f"/tilbud/{path.stem}/" for path in [*(FROZEN / "catalogue").glob("*.yaml"), HOSTILE]}
FIND_URLS = "query => window.catalogueSearch.find(query).then(pages => pages.map(page => page.url))"


def test_overview_and_list_pages_are_not_results(page, site_url):
    """Every result, not only the first ones shown, is an offer or a narrative page, for the words that fill the
    overview, category, stale and shortlist pages."""
    page.goto(site_url + "/")
    titles = search(page, "tilbud")
    panel = page.locator(f"{HEADER_BOX}-panel")
    more = panel.locator(".catalogue-search__more")
    while more.is_visible():
        before = panel.locator(".catalogue-search__link").count()
        more.click()
        expect(panel.locator(".catalogue-search__link")).not_to_have_count(before)
    hrefs = [
        urlsplit(href).path for href in panel.locator(".catalogue-search__link").evaluate_all("l => l.map(a => a.href)")
    ]
    expect(panel.locator("[role=status]")).to_have_text(f"{len(hrefs)} resultater")
    assert len(hrefs) > 10  # more than the first page of results
    assert set(hrefs) <= OFFER_PAGES | NARRATIVE_PAGES
    assert not {"Alle tilbud", "Sundhed", "Socialt", "Beskæftigelse", "Forældede tilbud", "Kortliste"} & set(titles)
    for query in (
        "alle tilbud",
        "sundhed",
        "socialt",
        "beskæftigelse",
        "forældede tilbud",
        "kortliste",
        "senest opdateret",
    ):
        urls = page.evaluate(FIND_URLS, query)
        assert urls, query
        assert set(urls) <= OFFER_PAGES | NARRATIVE_PAGES, query


INDEXED_TEXT = """async query => {
    const pagefind = await import("/pagefind/pagefind.js");
    const found = await pagefind.search(query);
    return Promise.all(found.results.map(async result => (await result.data()).content));
}"""


def test_stale_warning_is_not_searched(page, site_url):
    """The warning repeats on most offers; its words must not make every stale offer a result."""
    page.goto(site_url + "/")
    texts = page.evaluate(INDEXED_TEXT, "forældede oplysninger bekræftet")
    assert not any("ingen har bekræftet det" in text for text in texts)


# The frozen catalogue's dates (and the hostile offer's, 2013-01-17), oldest first, with how many offers have each.
DATES_OLDEST_FIRST = [
    *["2012-10-11"] * 1,
    *["2012-10-18"] * 6,
    *["2012-12-19"] * 7,
    *["2013-01-08"] * 1,
    *["2013-01-10"] * 1,
    *["2013-01-11"] * 1,
    *["2013-01-15"] * 1,
    *["2013-01-17"] * 9,
    *["2013-01-21"] * 1,
    *["2013-06-06"] * 1,
    *["2013-07-01"] * 7,
]


def test_stale_catalogue_shows_one_banner_and_lists_its_offers_oldest_first(page, site_url):
    """Every offer is stale: the banner says so once (test_pages_seen.py), not a warning on each offer."""
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    expect(page.locator(".catalogue-stale-banner")).to_contain_text("ikke bekræftet i over 12 måneder")
    expect(page.locator(".offer-stale-warning")).to_have_count(0)
    page.goto(site_url + "/tilbud/foraeldede/")
    expect(page.locator("h1")).to_contain_text("Forældede tilbud")
    dates = [cell.strip() for cell in page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()]
    assert dates == DATES_OLDEST_FIRST  # every offer: none was confirmed in the last 12 months
    page.goto(site_url + "/tilbud/")
    expect(page.locator("article table tbody tr", has_text="Rygestop – Ishøj")).not_to_contain_text("Forældet")


def test_overview_table_sorts_by_date(page, site_url):
    page.goto(site_url + "/tilbud/")
    header = page.locator("article table th", has_text="Senest opdateret")
    rows = page.locator("article table tbody tr")

    def column(cell: str) -> list[str]:
        return [text.strip() for text in rows.locator(f"td:{cell}").all_inner_texts()]

    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert [date[:10] for date in column("last-child")] == DATES_OLDEST_FIRST
    assert column("first-child")[0] == "Socialpædagogisk vejledning"  # the only offer of 2012-10-11
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert [date[:10] for date in column("last-child")] == DATES_OLDEST_FIRST[::-1]
    assert column("first-child")[-1] == "Socialpædagogisk vejledning"


def test_edit_button_opens_the_offer_yaml(page, site_url):
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    edit = page.locator("a.md-content__button[href*='/edit/']")
    expect(edit).to_have_attribute("href", re.compile(r"/edit/main/catalogue/rygestop-ishoej\.yaml$"))


def test_print_hides_navigation_and_keeps_contacts(page, site_url):
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".offer-quick-contacts")).to_be_visible()
    expect(page.locator(".offer-contact").first).to_be_visible()


def test_no_request_leaves_the_site_host(page, site_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in ("/", "/tilbud/", "/tilbud/sundhed/", "/tilbud/rygestop-ishoej/", "/tilbud/foraeldede/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    search(page, "rygestop")
    page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(site_url).netloc}


LIVE_HANDLERS = """() => [...document.querySelectorAll('article *')].flatMap(element =>
    [...element.attributes].filter(a => a.name.startsWith('on')).map(a => element.tagName + ' ' + a.name))"""


def test_hostile_offer_runs_nothing(page, site_url):
    page.goto(site_url + "/tilbud/fjendtligt-tilbud/")
    expect(page.locator("h1")).to_contain_text("Fjendtligt tilbud")
    page.wait_for_timeout(300)  # an autofocus handler would have fired by now
    for element in page.locator("article :is(a, p, li, code, b, strong, dd, div):visible").all():
        element.hover()
        element.focus()
    page.locator("article a", has_text="Klik her").click()
    page.locator("article a", has_text="farlig henvisning").click()
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert page.evaluate(LIVE_HANDLERS) == []
    active = "article :is(script, iframe, style, svg, img, object, embed, [autofocus]):not(.md-content__button *)"
    assert page.locator(active).count() == 0  # Material's own edit button carries an icon
    assert page.locator("article [id='kortliste'], a[href^='javascript']").count() == 0
    expect(page.locator("article a", has_text="sikker henvisning")).to_have_attribute("href", "https://www.ishoj.dk")
    expect(page.locator("article")).to_contain_text("~~~{.text data-x=")  # the fence is shown as text


AXE_PAGES = ["/", "/tilbud/", "/tilbud/sundhed/", "/tilbud/rygestop-ishoej/", "/tilbud/foraeldede/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in serious
    )


def test_shortlist_collects_offers_for_a_meeting_and_prints_them(page, site_url):
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    toggle = page.locator(".offer-shortlist-toggle")
    expect(toggle).to_have_text("Føj til kortliste")
    toggle.click()
    expect(toggle).to_have_text("Fjern fra kortliste")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.goto(site_url + "/tilbud/fjendtligt-tilbud/")
    page.locator(".offer-shortlist-toggle").click()
    page.goto(site_url + "/tilbud/kortliste/")
    offers = page.locator(".shortlist-offer")
    expect(offers).to_have_count(2)
    expect(offers.first.locator("h3").first).to_have_text("Rygestop – Ishøj")
    expect(offers.first).to_contain_text("Ishøj-borgere, der ønsker at stoppe med at ryge.")
    expect(offers.first.locator("a[href='tel:+4543577726']").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".shortlist-tools")).to_be_hidden()
    page.emulate_media(media="screen")
    offers.nth(1).locator(".shortlist-remove").click()
    expect(offers).to_have_count(1)
    page.reload()
    expect(page.locator(".shortlist-offer")).to_have_count(1)
    assert page.evaluate("window.pwned") is None
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}] == []
