import datetime as dt

import pytest
from pydantic import ValidationError

from generator.messages import use
from generator.model import Offer, offer_schema_text, slugify
from generator.taxonomy import ACCESS, REFERRAL, REFERRAL_ACCESS, ROLES
from tests.conftest import ROOT

MINIMAL = {
    "id": "rygestop",
    "title": "Rygestop",
    "category": "sundhed",
    "municipalities": ["Ishøj"],
    "purpose": "At støtte et rygestop.",
    "target_group": "Borgere, der vil stoppe med at ryge.",
    "visitation": "Ring på 43 57 77 26.",
    "last_updated": dt.date(2012, 12, 19),
}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Rygestop – Ishøj", "rygestop-ishoej"),
        ("Alkoholbehandling (Lænken eller Blå Kors)", "alkoholbehandling-laenken-eller-blaa-kors"),
        ('"Firmaet" – beskyttet beskæftigelse', "firmaet-beskyttet-beskaeftigelse"),
        ("Café Vildtbanehus", "cafe-vildtbanehus"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_committed_schema_matches_model():
    committed = (ROOT / "schemas/offer.schema.json").read_text(encoding="utf-8")
    assert committed == offer_schema_text(), "schema is stale: run 'catalogue schema'"


def test_schema_describes_every_field_in_danish():
    import json

    schema = json.loads(offer_schema_text())
    assert schema["additionalProperties"] is False
    assert "id" not in schema["properties"]
    for prop in schema["properties"].values():
        assert prop["title"]
        assert prop["description"]
    assert set(schema["required"]) == {
        "title",
        "category",
        "municipalities",
        "purpose",
        "target_group",
        "visitation",
        "last_updated",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://københavn.dk/rygestop",  # a Danish domain name in one script
        "https://xn--kbenhavn-54a.dk/",  # the same, as punycode
        "https://www.ishoj.dk:443/sundhed?side=1#top",
        "https://пример.рф/",  # a whole host in another script is no look-alike of a Latin one
    ],
)
def test_links_that_go_where_they_read_are_valid(url):
    offer = Offer.model_validate({**MINIMAL, "description": f"Se <{url}>.", "contacts": [{"name": "x", "url": url}]})
    assert offer.contacts[0].url == url


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://ishoj.dk@evil.example/", "url_userinfo"),
        ("https://user:pass@ishoj.dk/", "url_userinfo"),
        ("https://іshoj.dk/", "url_mixed_scripts"),  # Cyrillic і
        ("https://xn--shoj-k9d.dk/", "url_mixed_scripts"),  # the same, as punycode
        ("https://ishoj.пример.dk/", "url_mixed_scripts"),
        ("https://xn--zz.dk/", "url_idna"),
    ],
)
def test_links_that_hide_where_they_go_are_refused_in_every_text(url, rule):
    for data in ({"contacts": [{"name": "x", "url": url}]}, {"description": f"Se [her]({url})."}):
        with pytest.raises(ValidationError) as error:
            Offer.model_validate({**MINIMAL, **data})
        assert [detail["type"] for detail in error.value.errors()] == [rule]


def link_error(url: str) -> str:
    """The model's message for a link, in English (the Danish wording is checked with the invalid files)."""
    with pytest.raises(ValidationError) as error, use("en"):
        Offer.model_validate({**MINIMAL, "contacts": [{"name": "x", "url": url}]})
    (detail,) = error.value.errors()
    return detail["msg"]


def test_the_host_a_link_goes_to_is_after_its_last_at_sign():
    assert link_error("https://ishoj.dk@x@evil.example/") == (
        "'https://ishoj.dk@x@evil.example/' has a user name before '@', so a browser goes to evil.example; "
        "write the address without it"
    )


@pytest.mark.parametrize(
    "url",
    ["https://xn--e1afmkfd.xn--p1ai:443/", "https://københavn.dk:8443/rygestop"],  # a port is no part of the host
)
def test_a_link_with_a_port_is_checked_without_it(url):
    offer = Offer.model_validate({**MINIMAL, "contacts": [{"name": "x", "url": url}]})
    assert offer.contacts[0].url == url


@pytest.mark.parametrize(
    ("url", "host", "scripts"),
    [
        ("https://іshoj.dk:443/", "іshoj.dk", "Cyrillic, Latin"),  # the host before the port is checked
        ("https://www.xn--shoj-k9d.dk/", "www.xn--shoj-k9d.dk", "Cyrillic, Latin"),  # every label is decoded
        ("https://a:b:іshoj.dk/", "a:b:іshoj.dk", "Cyrillic, Latin"),  # two colons: no port, all of it is checked
    ],
)
def test_a_host_that_mixes_scripts_is_refused_and_named(url, host, scripts):
    assert link_error(url) == (
        f"'{url}': the host name {host} mixes letters of different scripts ({scripts}), as look-alike addresses do; "
        "write it in the letters of one script"
    )


def test_a_host_that_is_no_international_domain_name_is_refused_and_named():
    assert link_error("https://xn--zz.dk/") == (
        "'https://xn--zz.dk/': xn--zz.dk is not a valid international domain name; write the address as it is spelled"
    )


def first_error(data: dict) -> str:
    with use("en"), pytest.raises(ValidationError) as raised:
        Offer.model_validate(data)
    return raised.value.errors()[0]["msg"]


def test_a_subtitle_is_one_plain_line_right_after_the_title():
    offer = Offer.model_validate({**MINIMAL, "subtitle": "Borgere med kronisk sygdom"})
    assert offer.subtitle == "Borgere med kronisk sygdom"
    assert Offer.model_validate(MINIMAL).subtitle is None
    assert list(Offer.model_fields)[1:3] == ["title", "subtitle"]
    assert "must be one line" in first_error({**MINIMAL, "subtitle": "Borgere\nmed kronisk sygdom"})
    assert "must not contain < or >" in first_error({**MINIMAL, "subtitle": "<b>Ældre</b>"})
    assert "is empty" in first_error({**MINIMAL, "subtitle": " "})


def test_roles_are_keys_of_the_taxonomy_each_once():
    offer = Offer.model_validate({**MINIMAL, "roles": ["borger", "paaroerende"]})
    assert offer.roles == ["borger", "paaroerende"]
    assert Offer.model_validate(MINIMAL).roles == []
    assert set(ROLES) == {"borger", "paaroerende", "barn", "udsat", "udoever"}
    assert all(key.isascii() for key in ROLES)
    with pytest.raises(ValidationError):
        Offer.model_validate({**MINIMAL, "roles": ["offer"]})
    assert "listed twice" in first_error({**MINIMAL, "roles": ["udsat", "udsat"]})


@pytest.mark.parametrize("referral", ["laege", "kontakt"])
def test_access_by_doctor_or_by_asking_the_offer(referral):
    assert Offer.model_validate({**MINIMAL, "referral": referral}).referral == referral
    assert REFERRAL["laege"] == "Kræver henvisning fra egen læge"


def test_every_referral_value_opens_at_least_one_access_filter():
    """An offer with any referral value is found under some value of the overview's Adgang filter."""
    assert set(REFERRAL_ACCESS) == set(REFERRAL)
    assert all(REFERRAL_ACCESS[value] for value in REFERRAL)
    assert {access for values in REFERRAL_ACCESS.values() for access in values} == set(ACCESS)
    assert (ACCESS["laege"], ACCESS["kontakt"]) == ("Via egen læge", "Kontakt tilbuddet")
