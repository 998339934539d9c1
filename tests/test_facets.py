"""The facets: which values an offer has, in which order the overview lists them, and how they are counted."""

import datetime as dt

from generator.facets import ACCESS_FACET, CATEGORY, FACETS, GOAL, LEGAL_BASIS, MUNICIPALITY, goal_name
from generator.model import Offer


def offer(id_: str, **fields: object) -> Offer:
    return Offer.model_validate(
        {
            "id": id_,
            "title": "Rygestop",
            "category": "sundhed",
            "municipalities": ["Ishøj"],
            "purpose": "At støtte et rygestop.",
            "target_group": "Borgere, der vil stoppe med at ryge.",
            "visitation": "Ring til os.",
            "last_updated": dt.date(2012, 12, 19),
            **fields,
        }
    )


OFFERS = [
    offer("a", category="beskaeftigelse", legal_basis=["SEL § 107", "lov om social service § 85"], goals=[9, 2]),
    offer("b", category="sundhed", municipalities=["Vallensbæk", "Ishøj"], referral="self_or_caseworker"),
    offer("c", category="sundhed", legal_basis=["LAB § 42"], referral="caseworker"),
]


def test_facets_are_keyed_and_labelled_as_the_overview_and_search_show_them():
    assert [(facet.key, facet.label) for facet in FACETS] == [
        ("kommune", "Kommuner"),
        ("kategori", "Kategori"),
        ("adgang", "Adgang"),
        ("maal", "Mål for social mobilitet"),
        ("lovgrundlag", "Lovgrundlag"),
    ]


def test_options_follow_the_taxonomys_order_and_hold_only_values_some_offer_has():
    assert CATEGORY.options(OFFERS) == [("sundhed", "Sundhed"), ("beskaeftigelse", "Beskæftigelse")]
    assert MUNICIPALITY.options(OFFERS) == [("Ishøj", "Ishøj"), ("Vallensbæk", "Vallensbæk")]
    assert ACCESS_FACET.options(OFFERS) == [("self", "Kan selv henvende sig"), ("caseworker", "Via sagsbehandler")]
    assert GOAL.options(OFFERS) == [("2", goal_name("2")), ("9", goal_name("9"))]
    assert ACCESS_FACET.options(OFFERS[:1]) == []


def test_free_text_options_are_alphabetical_whatever_the_case():
    assert [code for code, _ in LEGAL_BASIS.options(OFFERS)] == [
        "LAB § 42",
        "lov om social service § 85",
        "SEL § 107",
    ]


def test_counts_are_offers_per_value_by_its_name():
    assert CATEGORY.counts(OFFERS) == {"Beskæftigelse": 1, "Sundhed": 2}
    assert ACCESS_FACET.counts(OFFERS) == {"Kan selv henvende sig": 1, "Via sagsbehandler": 2}
    assert MUNICIPALITY.counts(OFFERS) == {"Ishøj": 3, "Vallensbæk": 1}


def test_a_goal_is_named_by_its_number_and_the_governments_words():
    assert goal_name("7") == "Mål 7: Færre skal være hjemløse"
