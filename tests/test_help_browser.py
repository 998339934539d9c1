"""The content owners' help page, reached from the link beside an offer page's edit button, in Chromium."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.settings import CATALOGUE_DIR, PAGES_FOLDER
from tests.site import FROZEN
from tests.test_site_browser import browser, page, site_url  # noqa: F401 (the fixtures of that module)

HELP = "Sådan retter du et tilbud"


def test_an_offer_page_links_to_the_help_page_beside_its_edit_button(page, site_url):  # noqa: F811
    offer = min(path.stem for path in (FROZEN / CATALOGUE_DIR).glob("*.yaml"))  # the site holds the frozen copy
    page.goto(f"{site_url}/{PAGES_FOLDER}/{offer}/")
    edit = page.locator("a.md-content__button[rel=edit]")
    expect(edit).to_have_attribute("href", re.compile(rf"/{CATALOGUE_DIR}/{offer}\.yaml$"))
    help_link = page.get_by_role("link", name=HELP, exact=True).and_(page.locator(".md-content__button"))
    expect(help_link).to_be_visible()
    help_link.click()
    expect(page.locator("article h1")).to_contain_text(HELP)
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}] == []


def test_pages_that_are_not_offers_have_no_help_link(page, site_url):  # noqa: F811
    for path in ("/", "/tilbud/", "/maal/"):
        page.goto(site_url + path)
        expect(page.locator(".catalogue-help-link")).to_have_count(0)
