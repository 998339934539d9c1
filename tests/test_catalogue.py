"""The catalogue: the import of Bilag 1 against its source, and the rules the live catalogue always keeps.

tests/data/frozen/catalogue/ is a frozen copy of the 35 offers as they were transcribed from Bilag 1 of the
Brug For Alle evaluation (and enriched with tags, access and owners). The seed is parsed here independently
of the YAML, so a phone number, e-mail, date or title that was mistyped or lost in transcription fails a
test. The live catalogue/ is edited every week by its owners, so it is held only to invariants: never to a
title, date or phone number of today.
"""

import datetime as dt
import re

import pytest

from generator.load import load_catalogue
from generator.owners import load_owned_catalogue
from generator.settings import reference_date
from generator.taxonomy import REFERRAL_ACCESS
from tests.conftest import ROOT
from tests.site import FROZEN

SEED = ROOT / "tests/data/seeds/000_b8f289d9fdcd30a5.txt"

# Offer number in the seed → id (file name). 11 and 12 share a title but are different offers.
IDS = """
rygestop-ishoej rygestop-vallensbaek vaegtstop kostvejledning-ishoej hjaelp-til-undervaegtige
individuelle-samtaleforloeb-til-udsatte-borgere fars-koekkenskole kostvejledning-vallensbaek
misbrugsbehandling alkoholbehandling-laenken-eller-blaa-kors
forebyggende-hjemmebesoeg-aeldre-med-anden-etnisk-baggrund forebyggende-hjemmebesoeg-kronisk-syge
akut-raad-og-vejledning socialpaedagogisk-vejledning crimestop-for-misbrugere exit cafe-vildtbanehus
voldsramt-moedrehjaelpen voldsudoever-dialog-mod-vold klar-til-job akutbolig-kloeverengen
akuttelefon-kloeverengen botilbud-kloeverengen botilbud-spindehuset botilbud-loekkekrogen genvej-til-praktik
i-traad-med-verden praktik-i-virksomhed praktik-i-virksomhedscenter vaerkstedet-lundbaekvej
firmaet-beskyttet-beskaeftigelse mentorstoette jobsoegningskursus
fvu-opkvalificerende-laese-skrive-og-regnekurser akt-fokus-paa-adfaerd-kontakt-og-trivsel
""".split()

PHONE = re.compile(r"(?<![\d-])(\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4}|\d{8})(?![\d-])")
EMAIL = re.compile(r"[\w.-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")


def seed_offers() -> dict[int, dict]:
    """Number → title, date, phones and e-mails of each offer in the seed's Bilag 1 body."""
    text = SEED.read_text(encoding="utf-8")
    appendix = text[text.index("Bilag 1: Tilbudskatalog") :]
    body = appendix[appendix.index("35. AKT") :]  # the table of contents ends with offer 35
    body = body[body.index("\n") :]
    parts = re.split(r"^(\d{1,2})\. (.+)$", body, flags=re.M)
    offers = {}
    for number, title, section in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        date = re.search(r"Senest opdateret\t(\d{1,2})-(\d{1,2})-(\d{4})", section)
        offers[int(number)] = {
            "title": title.strip(),
            "date": dt.date(int(date[3]), int(date[2]), int(date[1])),
            "phones": set(PHONE.findall(section)),
            "emails": set(EMAIL.findall(section)),
        }
    return offers


SEED_OFFERS = seed_offers()
IMPORTED = load_catalogue([FROZEN / "catalogue"])
BY_ID = {offer.id: offer for offer in IMPORTED.offers}


def all_text(offer) -> str:
    """Every text the offer shows, contacts included."""
    parts = [offer.title, offer.purpose, offer.target_group, offer.description or "", offer.visitation]
    parts.append(offer.further_information or "")
    for contact in offer.contacts:
        parts += [contact.name, contact.role or "", *contact.phone, contact.email or "", contact.url or ""]
        parts += [contact.address or "", contact.hours or ""]
    return "\n".join(parts)


def test_seed_parses_into_35_offers():
    assert sorted(SEED_OFFERS) == list(range(1, 36))
    assert SEED_OFFERS[13]["title"] == "Akut råd og vejledning"  # missing from the seed's table of contents


def test_import_is_valid_and_complete():
    assert IMPORTED.problems == []
    assert sorted(BY_ID) == sorted(IDS)


@pytest.mark.parametrize("number", range(1, 36))
def test_offer_matches_seed(number):
    seed, offer = SEED_OFFERS[number], BY_ID[IDS[number - 1]]
    assert offer.title == seed["title"]
    assert offer.last_updated == seed["date"]
    assert offer.category == ("sundhed" if number <= 12 else "socialt" if number <= 25 else "beskaeftigelse")
    text = all_text(offer)
    for phone in seed["phones"]:
        assert phone in text, f"phone {phone} of offer {number} is missing"
    for email in seed["emails"]:
        assert email in text, f"e-mail {email} of offer {number} is missing"
    for phone in PHONE.findall(text):
        assert phone in seed["phones"], f"phone {phone} in {offer.id} is not in the seed"
    for email in EMAIL.findall(text):
        assert email in seed["emails"], f"e-mail {email} in {offer.id} is not in the seed"


def test_imported_contacts_phones_and_emails_come_from_the_text():
    for offer in IMPORTED.offers:
        prose = "\n".join(filter(None, [offer.purpose, offer.description, offer.visitation, offer.further_information]))
        for contact in offer.contacts:
            for phone in contact.phone:
                assert phone in prose, f"{offer.id}: contact phone {phone} is not in the offer's text"
            if contact.email:
                assert contact.email in prose, f"{offer.id}: contact e-mail {contact.email} is not in the text"


# The live catalogue: rules every correct edit keeps, whatever the offers say this week. Marked `live`: `make
# test-edits` runs them on a copy of the project with edited offers (tests/correct_edits.py).

LIVE, OWNERS = load_owned_catalogue([ROOT / "catalogue"], reference_date(), ROOT / "owners.yaml")


@pytest.mark.live
def test_every_live_file_is_a_valid_offer():
    assert LIVE.problems == []
    assert LIVE.files == len(LIVE.offers) > 0


@pytest.mark.live
def test_live_ids_are_unique_and_are_the_file_names():
    assert len({offer.id for offer in LIVE.offers}) == len(LIVE.offers)
    assert {offer.id for offer in LIVE.offers} == {path.stem for path in (ROOT / "catalogue").iterdir()}


@pytest.mark.live
def test_every_live_offer_names_an_owner_of_the_register():
    assert OWNERS and all(offer.owner in OWNERS for offer in LIVE.offers)


@pytest.mark.live
@pytest.mark.parametrize("offer", LIVE.offers, ids=lambda offer: offer.id)
def test_no_layout_debris_in_live_offers(offer):
    """HTML fragments, bullets and tabs pasted from a document do not belong in an offer's text."""
    assert not re.search(r"</?(p|ul|li|i)\b|•|\t|^-{2,}", all_text(offer), flags=re.M)


@pytest.mark.parametrize("number", range(1, 36))
def test_no_extraction_damage_left_in_the_import(number):
    offer = BY_ID[IDS[number - 1]]
    assert not re.search(r"</?(p|ul|li|i)\b|•|\t|^ger$|^-{2,}", all_text(offer), flags=re.M), offer.id


@pytest.mark.live
def test_every_live_offer_has_an_access_value():
    """An offer without one disappears when a caseworker filters the overview by Adgang."""
    assert [offer.id for offer in LIVE.offers if offer.referral is None] == []
    assert all(REFERRAL_ACCESS[offer.referral] for offer in LIVE.offers)


@pytest.mark.live
def test_live_offers_that_share_a_title_are_told_apart():
    assert [str(warning) for warning in LIVE.warnings if warning.field == "title"] == []
