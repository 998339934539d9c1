"""The built site in a real browser: Debian's Chromium driven by Playwright.

One build of the project (its real catalogue plus a hostile offer) serves every test in this module.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import DATA
from tests.site import build, make_project, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STRICT = [] if os.environ.get("LAX") else ["--strict"]
HOSTILE = DATA / "hostile/fjendtligt-tilbud.yaml"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("site"), extra_offers=[HOSTILE])
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


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box as a caseworker would; return the result titles."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    return [title.strip() for title in page.locator(".md-search-result__article h1").all_inner_texts()]


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
    page.locator(".md-search-result__item", has_text="Rygestop – Ishøj").first.click()
    expect(page).to_have_url(re.compile(r"/tilbud/rygestop-ishoej/"))
    expect(page.locator("h1")).to_contain_text("Rygestop – Ishøj")
    expect(page.locator("a[href='tel:+4543577726']").first).to_be_visible()
    expect(page.locator("a[href='mailto:sundhed@ishoj.dk']").first).to_be_visible()


def test_home_page_search_form_opens_results(page, site_url):
    page.goto(site_url + "/")
    page.fill("#home-search-input", "rygestop")
    page.locator(".home-search button").click()
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


def test_stale_offer_shows_warning_and_is_listed_oldest_first(page, site_url):
    page.goto(site_url + "/tilbud/rygestop-ishoej/")
    expect(page.locator(".offer-stale-warning")).to_contain_text("Ikke bekræftet i over 12 måneder")
    page.goto(site_url + "/tilbud/foraeldede/")
    expect(page.locator("h1")).to_contain_text("Forældede tilbud")
    dates = [cell.strip() for cell in page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()]
    assert dates and dates == sorted(dates)
    page.goto(site_url + "/tilbud/")
    expect(page.locator("article table tbody tr", has_text="Rygestop – Ishøj")).to_contain_text("Forældet")


def test_overview_table_sorts_by_date(page, site_url):
    page.goto(site_url + "/tilbud/")
    header = page.locator("article table th", has_text="Senest opdateret")
    header.click()
    first = page.locator("article table tbody tr td:last-child").all_inner_texts()
    header.click()
    second = page.locator("article table tbody tr td:last-child").all_inner_texts()
    assert [d[:10] for d in first] == sorted(d[:10] for d in first) or [d[:10] for d in second] == sorted(
        d[:10] for d in second
    )
    assert first == list(reversed(second)) or first != second


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


def test_hostile_offer_runs_nothing(page, site_url):
    page.goto(site_url + "/tilbud/fjendtligt-tilbud/")
    expect(page.locator("h1")).to_contain_text("Fjendtligt tilbud")
    for link in page.locator("article a").all():
        link.hover()
    page.locator("article a", has_text="Klik her").click()
    page.locator("article a", has_text="farlig henvisning").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert (
        page.locator("article script, article iframe, article style, article [onerror], article [onload]").count() == 0
    )
    assert page.locator("a[href^='javascript']").count() == 0
    expect(page.locator("article a", has_text="sikker henvisning")).to_have_attribute("href", "https://www.ishoj.dk")


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
