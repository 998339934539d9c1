"""Browsing the catalogue like a caseworker, in a real browser: filters, the offer's first screen, phones,
the Kortliste (counter, share link, notes; its printed handout is test_shortlist_print.py) and accessibility on
every kind of page.

Reuses the build, server and browser of test_site_browser.py. Nothing here pins the live catalogue's
titles or dates: offers are chosen by what they have (a referral, contacts, a median size).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from generator.load import load_catalogue
from tests.conftest import ROOT
from tests.site import FROZEN, build, make_project, serve
from tests.test_site_browser import browser, page, site_url  # noqa: F401 (the fixtures of that module)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def offers():
    return sorted(load_catalogue([FROZEN / "catalogue"]).offers, key=lambda offer: offer.id)


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="da-DK", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def typical(offers, count=3):
    """The offers around the median size of their YAML file: what a team typically prints."""
    by_size = sorted(offers, key=lambda offer: ((FROZEN / "catalogue" / f"{offer.id}.yaml").stat().st_size, offer.id))
    middle = len(by_size) // 2
    return by_size[middle - count // 2 : middle - count // 2 + count]


def add_to_shortlist(page: Page, site_url: str, ids: list[str]) -> None:
    for offer_id in ids:
        page.goto(f"{site_url}/tilbud/{offer_id}/")
        page.locator(".offer-shortlist-toggle").click()
        expect(page.locator(".offer-shortlist-toggle")).to_have_attribute("aria-pressed", "true")


def violations(page: Page) -> list[str]:
    """Every axe violation, of any impact: two landmarks of the same name are a screen reader user's problem too."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


# Filters on Alle tilbud


def visible_rows(page: Page):
    return page.locator("#tilbudstabel tbody tr:visible")


def test_filters_narrow_the_overview_and_live_in_the_address(page, site_url, offers):
    page.goto(site_url + "/tilbud/")
    total = len(offers) + 1  # and the hostile test offer
    count = page.locator(".offer-filter-count")
    expect(count).to_have_text(f"Viser {total} af {total} tilbud")
    expect(count).to_have_attribute("aria-live", "polite")

    page.get_by_label("Kommuner").select_option(label="Vallensbæk")
    page.get_by_label("Adgang").select_option(label="Kan selv henvende sig")
    expected = [
        offer.id
        for offer in offers
        if "Vallensbæk" in offer.municipalities and offer.referral in {"self", "self_or_caseworker"}
    ]
    expect(visible_rows(page)).to_have_count(len(expected))
    expect(count).to_have_text(f"Viser {len(expected)} af {total} tilbud")
    shown = sorted(
        href.strip("/").split("/")[-1]
        for href in visible_rows(page)
        .locator("td:first-child a")  # the offer's link; the Telefon column links too
        .evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
    assert shown == sorted(expected)
    assert parse_qs(urlsplit(page.url).query) == {"kommune": ["Vallensbæk"], "adgang": ["self"]}

    bookmarked = page.url
    page.goto("about:blank")
    page.goto(bookmarked)  # a bookmark or a link from a colleague shows the same list
    expect(page.get_by_label("Kommuner")).to_have_value("Vallensbæk")
    expect(visible_rows(page)).to_have_count(len(expected))

    page.get_by_role("button", name="Nulstil filtre").click()
    expect(count).to_have_text(f"Viser {total} af {total} tilbud")
    assert urlsplit(page.url).query == ""


def test_filter_by_goal_and_legal_basis(page, site_url, offers):
    goal = next(goal for offer in offers for goal in offer.goals)
    basis = next(basis for offer in offers for basis in offer.legal_basis)
    page.goto(site_url + "/tilbud/?" + f"maal={goal}")
    expect(visible_rows(page)).to_have_count(sum(goal in offer.goals for offer in offers))
    page.goto(site_url + "/tilbud/")
    page.get_by_label("Lovgrundlag").select_option(value=basis)
    expect(visible_rows(page)).to_have_count(sum(basis in offer.legal_basis for offer in offers))
    assert parse_qs(urlsplit(page.url).query) == {"lovgrundlag": [basis]}


PIPED_BASIS = "SEL § 103|LAB § 42"  # one legal basis, written with a "|"; each half is another offer's basis


@pytest.fixture(scope="module")
def piped_site_url(tmp_path_factory):
    """The frozen catalogue and one offer whose legal basis holds a "|": its own build, so the counts above stay."""
    folder = tmp_path_factory.mktemp("piped")
    minimal = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    extra = folder / "lodret-streg.yaml"
    offer = minimal.replace("title: Rygestop", "title: Lovgrundlag med lodret streg")
    extra.write_text(offer + f'legal_basis: ["{PIPED_BASIS}"]\n', encoding="utf-8")
    (folder / "project").mkdir()
    project = make_project(folder / "project", extra_offers=[extra], frozen=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


def test_a_legal_basis_with_a_bar_is_one_filter_value(page, piped_site_url, offers):
    page.goto(piped_site_url + "/tilbud/")
    page.get_by_label("Lovgrundlag").select_option(value=PIPED_BASIS)
    expect(visible_rows(page)).to_have_count(1)
    expect(visible_rows(page).locator("a")).to_have_text("Lovgrundlag med lodret streg")
    page.get_by_label("Lovgrundlag").select_option(value="LAB § 42")
    expected = [offer.title for offer in offers if "LAB § 42" in offer.legal_basis]
    expect(visible_rows(page).locator("td:first-child a")).to_have_text(expected)


def test_without_javascript_the_overview_shows_every_offer(browser, site_url, offers):
    context = browser.new_context(locale="da-DK", viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/tilbud/?kommune=Vallensb%C3%A6k")
    expect(page.locator("form.offer-filters")).to_be_hidden()
    expect(page.locator("#tilbudstabel tbody tr:visible")).to_have_count(len(offers) + 1)
    context.close()


# The offer page and the tables on a phone


def test_offer_page_first_screen_has_target_group_access_and_contact(phone, site_url, offers):
    for offer in offers:
        phone.goto(f"{site_url}/tilbud/{offer.id}/")
        needed = [phone.get_by_role("heading", name="Målgruppe")]
        if offer.referral:
            needed.append(phone.locator(".offer-referral"))
        if any(contact.phone or contact.email for contact in offer.contacts):
            needed.append(phone.locator(".offer-quick-contacts a").first)
        else:
            needed.append(phone.get_by_role("heading", name="Kontakt og visitation"))
        for locator in needed:
            box = locator.bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], (offer.id, locator)


# The stale warning of an offer in a mostly current catalogue, and the banner of a mostly stale one (every
# offer of the frozen catalogue is stale): tests/test_pages_seen.py.


@pytest.mark.parametrize("path", ["/tilbud/", "/tilbud/sundhed/", "/tilbud/foraeldede/"])
def test_tables_fit_a_phone_without_sideways_scrolling(phone, site_url, path):
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = phone.locator("article table").first
    assert table.evaluate("table => table.scrollWidth <= table.parentElement.clientWidth")
    assert table.evaluate("t => [...t.querySelectorAll('td')].every(td => td.scrollWidth <= td.clientWidth + 1)")
    first = phone.locator("article table tbody tr").first
    expect(first.locator("td").first.locator("a")).to_be_visible()


# Kortliste


def test_kortliste_heading_is_a_heading_not_the_list(page, site_url, offers):
    add_to_shortlist(page, site_url, [offers[0].id])
    page.goto(site_url + "/tilbud/")
    overview_size = page.locator("article h1").evaluate("h1 => getComputedStyle(h1).fontSize")
    page.goto(site_url + "/tilbud/kortliste/")
    expect(page.locator(".shortlist-offer")).to_have_count(1)
    heading = page.locator("article h1")
    expect(heading).to_have_count(1)
    assert heading.evaluate("h1 => h1.firstChild.textContent.trim()") == "Kortliste"
    assert heading.locator(".shortlist-offer, [data-shortlist], button, textarea").count() == 0
    assert heading.evaluate("h1 => getComputedStyle(h1).fontSize") == overview_size
    assert heading.bounding_box()["height"] < 100


def test_header_counter_follows_the_list_on_every_page(page, site_url, offers):
    page.goto(f"{site_url}/tilbud/{offers[0].id}/")
    counter = page.locator(".md-header .shortlist-counter")
    expect(counter).to_have_text("Kortliste (0)")
    page.locator(".offer-shortlist-toggle").click()
    expect(counter).to_have_text("Kortliste (1)")
    page.goto(f"{site_url}/tilbud/{offers[1].id}/")
    page.locator(".offer-shortlist-toggle").click()
    expect(counter).to_have_text("Kortliste (2)")
    page.goto(site_url + "/maal/")
    expect(counter).to_have_text("Kortliste (2)")
    counter.click()
    expect(page).to_have_url(re.compile(r"/tilbud/kortliste/$"))
    page.locator(".shortlist-remove").first.click()
    expect(counter).to_have_text("Kortliste (1)")


def test_removing_an_offer_moves_focus_and_is_announced(page, site_url, offers):
    chosen = offers[:3]
    add_to_shortlist(page, site_url, [offer.id for offer in chosen])
    page.goto(site_url + "/tilbud/kortliste/")
    sections = page.locator(".shortlist-offer")
    expect(sections).to_have_count(3)
    page.get_by_role("button", name=f"Fjern {chosen[0].title} fra kortlisten").click()
    expect(sections).to_have_count(2)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == f"Fjern {chosen[1].title} fra kortlisten"
    status = page.locator(".shortlist-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text(f"{chosen[0].title} er fjernet fra kortlisten. 2 tilbud tilbage.")
    page.get_by_role("button", name=f"Fjern {chosen[2].title} fra kortlisten").click()
    expect(sections).to_have_count(1)
    assert page.evaluate("document.activeElement.id") == "valgte-tilbud"
    expect(page.locator("#valgte-tilbud")).to_have_text("Valgte tilbud (1)")


def test_share_link_restores_the_list_in_a_fresh_browser(browser, page, site_url, offers):
    chosen = typical(offers)
    add_to_shortlist(page, site_url, [offer.id for offer in chosen])
    page.goto(site_url + "/tilbud/kortliste/")
    link = page.get_by_label("Del kortlisten med et link").input_value()
    assert urlsplit(link).fragment == "ids=" + ",".join(offer.id for offer in chosen)
    assert urlsplit(link).query == ""

    fresh = browser.new_context(locale="da-DK", viewport=DESKTOP)
    other = fresh.new_page()
    other.goto(link)
    titles = other.locator(".shortlist-offer h3")
    expect(titles).to_have_text([offer.title for offer in chosen])
    expect(other.locator(".md-header .shortlist-counter")).to_have_text("Kortliste (3)")
    assert urlsplit(other.url).fragment == ""  # a reload does not ask again
    other.reload()
    expect(titles).to_have_text([offer.title for offer in chosen])
    fresh.close()


def test_share_link_asks_before_touching_a_different_list(page, site_url, offers):
    own, shared = offers[0], typical(offers)
    add_to_shortlist(page, site_url, [own.id])
    page.goto(site_url + "/tilbud/kortliste/#ids=" + ",".join(offer.id for offer in shared) + ",not-an-offer,<x>")
    choice = page.get_by_role("region", name="Du har åbnet en delt kortliste")
    expect(choice).to_be_visible()
    expect(page.locator(".shortlist-offer h3")).to_have_text([own.title])  # nothing changed yet
    choice.get_by_role("button", name="Føj de delte tilbud til min kortliste").click()
    expect(choice).to_be_hidden()
    expect(page.locator(".shortlist-offer")).to_have_count(1 + len(shared) + 1)
    expect(page.locator(".shortlist-offer").last).to_contain_text("findes ikke længere")
    assert page.evaluate("document.activeElement.id") == "valgte-tilbud"


@pytest.mark.parametrize("kept", [0, 1], ids=["only-a-bad-escape", "an-offer-and-a-bad-escape"])
def test_share_link_with_a_malformed_escape_still_draws_the_list(page, site_url, offers, kept):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    chosen = offers[:kept]
    page.goto(site_url + "/tilbud/kortliste/#ids=" + "".join(f"{offer.id}," for offer in chosen) + "abc%E0%A4%A")
    expect(page.locator("#valgte-tilbud")).to_have_text(f"Valgte tilbud ({kept})")
    expect(page.locator(".shortlist-offer h3")).to_have_text([offer.title for offer in chosen])
    if not kept:
        expect(page.locator(".shortlist-empty")).to_be_visible()
    expect(page.locator(".md-header .shortlist-counter")).to_have_text(f"Kortliste ({kept})")
    assert errors == []


def test_meeting_notes_are_printed_but_never_stored_or_sent(page, site_url, offers):
    add_to_shortlist(page, site_url, [offers[0].id])
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.post_data or "")))
    page.goto(site_url + "/tilbud/kortliste/")
    notes = page.get_by_label("Noter til mødet")
    notes.press_sequentially("Borgeren ønsker hjælp med rygestop", delay=5)
    page.get_by_role("button", name="Kopiér link").click()
    assert "rygestop" not in page.get_by_label("Del kortlisten med et link").input_value().lower()
    storage = page.evaluate("JSON.stringify([localStorage, sessionStorage, document.cookie])")
    assert "Borgeren ønsker" not in storage
    assert "Borgeren" not in page.url
    page.emulate_media(media="print")
    expect(page.locator(".shortlist-notes-print")).to_have_text("Borgeren ønsker hjælp med rygestop")
    expect(notes).to_be_hidden()
    page.emulate_media(media="screen")
    page.reload()
    expect(page.get_by_label("Noter til mødet")).to_have_value("")
    assert not any("Borgeren" in url or "Borgeren" in body for url, body in sent)


# The goals page and the footer


def test_each_goal_lists_its_offers_right_under_its_heading(page, site_url):
    page.goto(site_url + "/maal/")
    headings = page.locator("article h2[id^='maal-']")
    expect(headings).to_have_count(10)
    for index in range(10):
        follower = headings.nth(index).locator("xpath=following-sibling::*[1]")
        assert follower.evaluate("node => node.tagName") == "P"
        text = follower.inner_text()
        assert text == "Tilbud i kataloget:" or text.startswith("Ingen tilbud"), text


def test_footer_has_the_accessibility_statement_and_contact(page, site_url):
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !!python tags
    extra = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]  # noqa: S506 — a SafeLoader
    page.goto(site_url + "/")
    footer = page.locator(".md-footer")
    expect(footer.get_by_role("link", name="Tilgængelighedserklæring")).to_have_attribute(
        "href", extra["accessibility_statement"]
    )
    for line in extra["contact"]:
        expect(footer.locator("address")).to_contain_text(line)
    expect(footer).not_to_contain_text("Made with")


# Accessibility on every kind of page


AXE_PAGES = {
    "home": "/",
    "overview": "/tilbud/",
    "overview filtered": "/tilbud/?kommune=Ish%C3%B8j&adgang=caseworker",
    "category": "/tilbud/sundhed/",
    "stale": "/tilbud/foraeldede/",
    "goals": "/maal/",
    "evaluation": "/evaluering/maal-og-resultater/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("kind", [*AXE_PAGES, "offer", "kortliste with offers"])
def test_no_accessibility_violations_on_any_kind_of_page(browser, site_url, offers, kind, viewport):
    context = browser.new_context(locale="da-DK", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if kind == "offer":
        path = f"/tilbud/{next(offer.id for offer in offers if offer.referral and offer.contacts)}/"
    elif kind == "kortliste with offers":
        add_to_shortlist(page, site_url, [offer.id for offer in typical(offers)])
        path = "/tilbud/kortliste/"
    else:
        path = AXE_PAGES[kind]
    page.goto(site_url + path)
    if kind == "kortliste with offers":
        expect(page.locator(".shortlist-body")).to_have_count(3)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    context.close()
