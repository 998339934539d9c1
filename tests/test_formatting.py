import datetime as dt
import re

import pytest

from generator.formatting import age, danish_digits, long_date, phone
from generator.load import load_catalogue
from generator.pages import tel_href
from tests.conftest import ROOT
from tests.site import FROZEN


def test_long_danish_date():
    assert long_date(dt.date(2012, 12, 19)) == "19. december 2012"


@pytest.mark.parametrize(
    ("months", "danish", "english"),
    [(167, "13 år og 11 måneder", "13 years and 11 months"), (12, "1 år", "1 year"), (1, "1 måned", "1 month")],
)
def test_ages(months, danish, english):
    assert age(months) == danish
    assert age(months, "en") == english


# Every way the catalogue and its owners write a Danish number (the model allows spaces, dots, hyphens and +45).
WRITTEN = [
    "43577800",
    "4357 7800",
    "43 57 78 00",
    "43-57-78-00",
    "43.57.78.00",
    "+45 43577800",
    "+4543577800",
    "+45 43 57 78 00",
    "0045 4357 7800",
    "(+45) 43 57 78 00",
    " 43577800 ",
    "43\u00a057\u00a078\u00a000",
    "+4 5 4357 7800",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_a_danish_number_is_shown_in_pairs_and_linked_with_45_however_it_is_written(written):
    assert phone(written) == "43 57 78 00"
    assert tel_href(written) == "tel:+4543577800"


@pytest.mark.parametrize(
    ("written", "shown", "href"),
    [
        ("3647 1361", "36 47 13 61", "tel:+4536471361"),
        ("2727 4114", "27 27 41 14", "tel:+4527274114"),
        ("43 57 77 26", "43 57 77 26", "tel:+4543577726"),
    ],
)
def test_the_catalogues_own_forms(written, shown, href):
    assert (phone(written), tel_href(written)) == (shown, href)


@pytest.mark.parametrize(
    ("written", "href"),
    [("+46 8 123 456 78", "tel:+46812345678"), ("0046 8 123 456 78", "tel:+46812345678"), ("112", "tel:112")],
)
def test_a_number_that_is_not_danish_is_shown_as_written_and_keeps_its_country(written, href):
    """Not 8 digits after an optional +45: no pairs are forced on it, and no +45 is put before it."""
    assert phone(written) == written
    assert tel_href(written) == href


@pytest.mark.parametrize("text", ["4357780", "435778001", "+46 43577800", "43 57 78 00 ext 2", "tlf. 43577800", ""])
def test_only_eight_digits_after_45_are_a_danish_number(text):
    assert danish_digits(text) is None
    assert phone(text) == text.strip()


@pytest.mark.live
@pytest.mark.parametrize("folder", [ROOT / "catalogue", FROZEN / "catalogue"], ids=["live", "frozen"])
def test_every_phone_of_the_catalogue_is_shown_and_linked_as_a_danish_number(folder):
    catalogue = load_catalogue([folder])
    phones = [number for offer in catalogue.offers for contact in offer.contacts for number in contact.phone]
    assert phones
    for number in phones:
        assert re.fullmatch(r"\d\d \d\d \d\d \d\d", phone(number)), number
        assert tel_href(number) == "tel:+45" + phone(number).replace(" ", ""), number
