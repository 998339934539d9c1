"""The Kortliste printed as a meeting's handout, in Chromium's own PDF: a first page that lists every chosen offer
in one table (offer, what it is, access, whom to call) under the date and the meeting's notes, then each offer's
details, none split across pages where it fits on one.

The PDF's pages are also written as PNG files to artifacts/screenshots/ (with poppler's pdftoppm, when it is
installed) for a person to look at.
"""

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from generator.formatting import phone
from generator.load import load_catalogue
from generator.pages import first_phone, listed_title
from generator.taxonomy import REFERRAL
from tests.conftest import ROOT
from tests.site import FROZEN
from tests.test_browse_browser import add_to_shortlist, typical
from tests.test_site_browser import browser, page, site_url  # noqa: F401 (the fixtures of that module)

SCREENSHOTS = ROOT / "artifacts/screenshots"
A4_CONTENT_HEIGHT = (297 - 2 * 15) / 25.4 * 96  # CSS px inside the 15 mm margins of katalog.css's @page
NOTE = "Mødet 2. december: borgeren ønsker hjælp til bolig og beskæftigelse."
SCREEN_ONLY = ("Udskriv kortlisten", "Ryd kortlisten", "Kopiér link", "Fjern", "Føj til kortliste", "Noter til mødet")


@pytest.fixture(scope="module")
def offers():
    return sorted(load_catalogue([FROZEN / "catalogue"]).offers, key=lambda offer: offer.id)


def squeezed(text: str) -> str:
    """Text as compared with a PDF's: no white space (the PDF breaks lines where the page does), ligatures undone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def printed_handout(page: Page, site_url: str, ids: list[str]) -> list[str]:  # noqa: F811
    """The Kortliste of `ids`, with the meeting's note, printed to A4 on 26 November 2026: each page's text."""
    add_to_shortlist(page, site_url, ids)
    page.clock.set_fixed_time(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    page.goto(site_url + "/tilbud/kortliste/")
    expect(page.locator(".shortlist-offer .shortlist-body")).to_have_count(len(ids))
    page.get_by_label("Noter til mødet").fill(NOTE)
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format="A4")
    if shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "kortliste-print.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", SCREENSHOTS / "kortliste-print.pdf", SCREENSHOTS / "kortliste-print"],
            check=True,
        )
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def test_three_typical_offers_print_as_an_overview_page_then_each_offers_details(page, site_url, offers):  # noqa: F811
    chosen = typical(offers)
    sheets = printed_handout(page, site_url, [offer.id for offer in chosen])
    print(f"\n3 typical offers ({', '.join(offer.id for offer in chosen)}) print on {len(sheets)} A4 page(s)")
    first = squeezed(sheets[0])

    # Page 1: the date, the note and the table of every chosen offer – and none of their details yet.
    assert squeezed("Udskrevet 26. november 2026") in first
    assert squeezed(NOTE) in first
    assert squeezed("Valgte tilbud (3)") in first
    for column in ("Tilbud", "Hvad det er", "Adgang", "Kontakt"):
        assert squeezed(column) in first
    for offer in chosen:
        assert squeezed(listed_title(offer)) in first, offer.id
        if offer.referral:
            assert squeezed(REFERRAL[offer.referral]) in first, offer.id
        if number := first_phone(offer):
            assert squeezed(phone(number)) in first, offer.id
    assert squeezed("Målgruppe") not in first  # the offers' details begin on the next page
    for screen_only in SCREEN_ONLY:
        assert screen_only not in "\n".join(sheets)

    # What the page shows in each overview row is what the offer's own page says at its top.
    page.emulate_media(media="print")
    rows = page.locator(".shortlist-overview tbody tr")
    expect(rows).to_have_count(3)
    for index, offer in enumerate(chosen):
        page.goto(f"{site_url}/tilbud/{offer.id}/")
        summary = page.locator("article .offer-summary").inner_text().strip()
        page.go_back()
        expect(rows.nth(index).locator("td").first).to_have_text(summary)
        assert squeezed(summary) in first

    # Each offer's details: from page 2 on, one block that starts and ends on the same page (it fits on one).
    sections = page.locator(".shortlist-offer")
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in sections.all_inner_texts()]
    heights = sections.evaluate_all("sections => sections.map(section => section.getBoundingClientRect().height)")
    details = [squeezed(sheet) for sheet in sheets[1:]]
    for index, offer in enumerate(chosen):
        assert heights[index] < A4_CONTENT_HEIGHT, f"{offer.id} is taller than a page: it may split"
        title, last = squeezed(lines[index][0]), squeezed(lines[index][-1])
        assert title == squeezed(listed_title(offer))
        starts = [number for number, sheet in enumerate(details) if title in sheet]
        assert starts, f"{offer.id}: its details are not printed"
        sheet = details[starts[0]]
        begin = sheet.index(title)
        following = [sheet.find(squeezed(listed_title(other)), begin + 1) for other in chosen[index + 1 :]]
        end = min([at for at in following if at > 0], default=len(sheet))
        assert last in sheet[begin:end], f"{offer.id}: its details end on another page than they start"
    assert len(sheets) <= 1 + len(chosen)


def test_the_overview_follows_the_list(page, site_url, offers):  # noqa: F811
    chosen = offers[:3]
    add_to_shortlist(page, site_url, [offer.id for offer in chosen])
    page.goto(site_url + "/tilbud/kortliste/")
    expect(page.locator(".shortlist-body")).to_have_count(3)
    overview = page.locator(".shortlist-overview")
    expect(overview).to_be_hidden()  # on the screen the offers themselves are the list
    page.get_by_role("button", name=f"Fjern {listed_title(chosen[1])} fra kortlisten").click()
    page.emulate_media(media="print")
    expect(overview.locator("tbody th")).to_have_text([listed_title(chosen[0]), listed_title(chosen[2])])
    expect(overview.locator("caption")).to_have_text("Valgte tilbud (2)")
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Ryd kortlisten").click()
    page.emulate_media(media="print")
    expect(overview).to_be_hidden()  # an empty list prints no empty table
