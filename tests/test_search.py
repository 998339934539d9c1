import datetime as dt
import gzip
import html
import json
import re
from collections import Counter
from pathlib import Path

from generator.facets import ACCESS_FACET, GOAL, LEGAL_BASIS, goal_name
from generator.load import load_catalogue, load_offer
from generator.pages import render_catalogue
from generator.search import (
    FILTER_CATEGORY,
    FILTER_MUNICIPALITY,
    FILTER_ROLE,
    META_CATEGORY,
    META_MUNICIPALITIES,
    META_SUMMARY,
    browser_settings,
    offer_metadata,
    search_facts,
)
from generator.taxonomy import ACCESS, REFERRAL, REFERRAL_ACCESS
from tests.conftest import DATA, ROOT
from tests.site import FROZEN, build, make_project


def filters(markup: str) -> list[tuple[str, str]]:
    return re.findall(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>', markup)


def test_metadata_carries_every_filter_value_and_is_hidden_from_the_word_index():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    markup = offer_metadata(offer)
    found = filters(markup)
    assert (FILTER_MUNICIPALITY, "Ishøj") in found
    assert (ACCESS_FACET.label, ACCESS["self"]) in found and (ACCESS_FACET.label, ACCESS["caseworker"]) in found
    assert (GOAL.label, goal_name("8")) in found and (GOAL.label, goal_name("9")) in found
    assert (LEGAL_BASIS.label, "SEL § 101") in found
    assert markup.startswith('<div class="offer-search-data" hidden data-pagefind-ignore="index">')


def test_metadata_escapes_text():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    offer = offer.model_copy(update={"legal_basis": ["<b>SEL</b> & co"]})
    assert (LEGAL_BASIS.label, "&lt;b&gt;SEL&lt;/b&gt; &amp; co") in filters(offer_metadata(offer))


# The narrative pages (front matter `search_index: true`): with the offer pages, everything search may find.
NARRATIVE_PAGES = {
    "/evaluering/",
    "/evaluering/erfaringer/",
    "/evaluering/maal-og-resultater/",
    "/evaluering/maalgruppe/",
    "/evaluering/organisering/",
    "/evaluering/tilskud/",
    "/maal/",
}


def indexed_pages(site: Path) -> list[str]:
    """The address of every page in the built site's Pagefind index: what search can ever return.

    Pagefind writes one fragment per indexed page (gzip: a signature, then JSON with the page's url).
    """
    pages = []
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        pages.append(json.loads(data.removeprefix(b"pagefind_dcd"))["url"])
    return pages


def test_the_built_site_indexes_the_offers_and_the_narrative_pages_and_nothing_else(tmp_path):
    """Home, help, overview, category, stale and shortlist pages stay out of the results."""
    project = make_project(tmp_path, frozen=True)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    offers = {f"/tilbud/{path.stem}/" for path in (FROZEN / "catalogue").glob("*.yaml")}
    assert len(offers) == 35
    indexed = indexed_pages(project / "site")
    assert set(indexed) == offers | NARRATIVE_PAGES
    assert len(indexed) == len(offers | NARRATIVE_PAGES)  # each page once
    entry = json.loads((project / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["da"]["page_count"] == 42
    for page in ("index.html", "tilbud/index.html", "tilbud/sundhed/index.html", "tilbud/foraeldede/index.html"):
        assert (project / "site" / page).is_file(), page  # built, and not indexed


def test_every_referral_value_has_its_filter_values():
    assert set(REFERRAL_ACCESS) == set(REFERRAL)
    assert {access for values in REFERRAL_ACCESS.values() for access in values} == set(ACCESS)


def test_search_words_are_the_long_words_of_titles_tags_target_groups_and_purposes_with_the_offers_holding_them():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    offer = offer.model_copy(
        update={
            "title": "Rygestop for Rygere",
            "tags": ["rygning", "kom og kvit", "rygning"],
            "target_group": "Rygere i Ishøj",
            "purpose": "Hjælp.",
            "description": "Kurset er gratis.",  # the long texts are not corrected to: names, addresses
        }
    )
    other = offer.model_copy(update={"title": "Vægtstop", "tags": [], "target_group": "Alle", "purpose": "Vægttab"})
    assert json.loads(search_facts([offer, offer, other]))["words"] == {
        "hjælp": 2,
        "ishøj": 2,
        "rygere": 2,
        "rygestop": 2,
        "rygning": 2,
        "vægtstop": 1,
        "vægttab": 1,
    }


# The filters of the frozen catalogue (tests/data/frozen/): each value with the number of offers that have it.
FROZEN_FILTERS = {
    "Kommuner": {"Ishøj": 32, "Vallensbæk": 26},
    "Kategori": {"Beskæftigelse": 10, "Socialt": 13, "Sundhed": 12},
    "Adgang": {"Via sagsbehandler": 19, "Kan selv henvende sig": 16, "Via egen læge": 1, "Kontakt tilbuddet": 2},
    "Mål for social mobilitet": {
        "Mål 2: Flere udsatte unge skal gennemføre en ungdomsuddannelse": 1,
        "Mål 4: Flere personer med psykiske vanskeligheder eller sociale problemer skal i uddannelse og "
        "beskæftigelse": 5,
        "Mål 5: Flere personer udsat for vold i nære relationer skal i uddannelse og beskæftigelse": 1,
        "Mål 6: Færre udsatte unge skal begå kriminalitet": 2,
        "Mål 7: Færre skal være hjemløse": 2,
        "Mål 8: Større effekt af stofmisbrugsbehandlingen": 2,
        "Mål 9: Større effekt af alkoholbehandlingen": 2,
    },
    "Lovgrundlag": {
        "§ 85": 1,
        "§ 103": 1,
        "§ 104": 1,
        "§ 107": 1,
        "§ 108": 1,
        "SEL § 103": 1,
        "LAB § 42": 1,
        "LAB § 78": 1,
    },
}


def test_search_facts_kept_across_rebuilds_are_the_facts_made_afresh():
    """`mkdocs serve` keeps each offer's words (the OfferCache): after an edit the facts are what a fresh build
    makes, with the edited offer's new words and without its old ones."""
    offers = load_catalogue([FROZEN / "catalogue"]).offers
    cache: dict = {}
    assert search_facts(offers, cache) == search_facts(offers)
    edited = [offers[0].model_copy(update={"purpose": "Snorkelkursus for alle."}), *offers[1:]]
    facts = search_facts(edited, cache)
    assert facts == search_facts(edited)
    assert "snorkelkursus" in json.loads(facts)["words"]

    """The search box shows these counts instead of asking Pagefind, which reads the pages' filter spans."""
    offers = load_catalogue([FROZEN / "catalogue"]).offers
    assert len(offers) == 35
    assert json.loads(search_facts(offers))["filters"] == FROZEN_FILTERS
    carried = Counter(
        (name, html.unescape(value))
        for offer in offers
        for name, value in set(filters(offer_metadata(offer)))
        if name != FILTER_ROLE  # ranks, is never shown: not a facet
    )
    assert carried == Counter(
        {(name, value): n for name, values in FROZEN_FILTERS.items() for value, n in values.items()}
    )


def test_browser_settings_name_the_filters_every_offer_carries_and_keep_shown_facts_out_of_ranking():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    names = {name for name, _ in filters(offer_metadata(offer))}
    settings = browser_settings()
    assert {settings["municipalityFilter"], FILTER_CATEGORY} <= names
    page = render_catalogue([offer], dt.date(2013, 1, 1))[f"{offer.id}.md"]  # the metadata and the summary line
    meta = set(re.findall(r'data-pagefind-meta="([^"]+)"', page))
    assert meta == {META_CATEGORY, META_MUNICIPALITIES, META_SUMMARY}
    assert settings["ranking"]["metaWeights"] == dict.fromkeys(meta, 0)


# --- Exclusion, settings and the Pagefind run, without a build (fast; `make mutation` runs these) ---------------


def test_browser_settings_are_what_search_js_reads():
    assert browser_settings() == {
        "ranking": {"termSaturation": 2, "metaWeights": {"kategori": 0, "kommuner": 0, "resume": 0}},
        "municipalityFilter": "Kommuner",
        "roleFilter": "Rolle",
        "factsFile": "search-facts.json",
    }
    script = (ROOT / "docs/javascripts/search.js").read_text(encoding="utf-8")
    assert set(re.findall(r"settings\.(\w+)", script)) == set(browser_settings())


def test_metadata_of_an_offer_is_exactly_its_filters_then_its_shown_facts():
    offer, _ = load_offer(DATA / "valid/minimal.yaml")
    offer = offer.model_copy(
        update={"municipalities": ["Ishøj", "Vallensbæk"], "referral": "self", "roles": ["borger", "paaroerende"]}
    )
    assert offer_metadata(offer) == (
        '<div class="offer-search-data" hidden data-pagefind-ignore="index">'
        '<span data-pagefind-filter="Kommuner">Ishøj</span>'
        '<span data-pagefind-filter="Kommuner">Vallensbæk</span>'
        '<span data-pagefind-filter="Kategori">Sundhed</span>'
        '<span data-pagefind-filter="Adgang">Kan selv henvende sig</span>'
        '<span data-pagefind-filter="Rolle">borger</span>'
        '<span data-pagefind-filter="Rolle">paaroerende</span>'
        '<span data-pagefind-meta="kategori">Sundhed</span>'
        '<span data-pagefind-meta="kommuner">Ishøj, Vallensbæk</span>'
        "</div>\n"
    )


def test_search_facts_are_compact_utf8_json():
    offer, _ = load_offer(DATA / "valid/minimal.yaml")
    offer = offer.model_copy(update={"tags": ["søvnløshed"]})
    assert search_facts([offer]).startswith(
        '{"filters":{"Kommuner":{"Ishøj":1},"Kategori":{"Sundhed":1}},'
        '"words":{"borgere":1,"rygestop":1,"stoppe":1,"støtte":1,"søvnløshed":1},"everyday":{'
    )
