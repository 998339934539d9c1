import datetime as dt
import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_catalogue, load_offer
from generator.pages import render_catalogue, render_category_page, reusable, short, tel_href
from generator.stale import Freshness
from tests.conftest import DATA, ROOT
from tests.inert import assert_inactive
from tests.site import FROZEN

TODAY = dt.date(2026, 11, 24)
GOLDEN = ROOT / "tests/golden/full.md"


def offer_page(offer, today: dt.date) -> str:
    return render_catalogue([offer], today)[f"{offer.id}.md"]


def without_stamp(page: str) -> str:
    """The stamp digests the generator's code too: the golden file pins everything else."""
    return re.sub(r"^catalogue_stamp: [0-9a-f]+$", "catalogue_stamp: …", page, flags=re.M)


def test_offer_page_matches_golden_file():
    """Pins the Markdown of one offer. After an intended change, regenerate with:
    python -c "from tests.test_pages import regenerate_golden; regenerate_golden()"
    """
    offer, _ = load_offer(DATA / "valid/full.yaml")
    assert without_stamp(offer_page(offer, TODAY)) == GOLDEN.read_text(encoding="utf-8")


def regenerate_golden() -> None:
    offer, _ = load_offer(DATA / "valid/full.yaml")
    GOLDEN.write_text(without_stamp(offer_page(offer, TODAY)), encoding="utf-8")


def test_an_offer_page_is_rendered_again_only_when_its_stamp_changes():
    """Pages written before are reused while what they show is unchanged: the offer, its staleness, its owner."""
    offers = {offer.id: offer for offer in load_catalogue([DATA / "valid"]).offers}
    before = render_catalogue(offers.values(), TODAY)
    marked = {name: text + "<!-- reused -->\n" for name, text in before.items()}  # stamps left as they were

    def reused(pages: dict[str, str]) -> set[str]:
        return {name.removesuffix(".md") for name, text in pages.items() if text.endswith("<!-- reused -->\n")}

    assert reused(render_catalogue(offers.values(), TODAY, cache=reusable(marked))) == set(offers)
    edited = offers | {"minimal": offers["minimal"].model_copy(update={"title": "Et nyt navn"})}
    assert reused(render_catalogue(edited.values(), TODAY, cache=reusable(marked))) == set(offers) - {"minimal"}
    # Years later every offer is stale: each page must show the warning now.
    later = render_catalogue(offers.values(), dt.date(2040, 1, 1), cache=reusable(marked))
    assert reused(later) == set()
    assert all("offer-stale-warning" in later[f"{name}.md"] for name in offers)
    # A page from another version of the generator has another stamp.
    other = {name: re.sub(r"(catalogue_stamp: )\w+", r"\g<1>0000", text) for name, text in marked.items()}
    assert reused(render_catalogue(offers.values(), TODAY, cache=reusable(other))) == set()
    # The cache keeps the pages of the offers that are still there, and only those.
    cache = reusable(marked)
    render_catalogue([offers["full"]], TODAY, cache=cache)
    assert set(cache) == {"full"}
    # Rendered again, a page is what it would be without any pages before it.
    assert render_catalogue(edited.values(), TODAY, cache=reusable(marked))["minimal.md"] == offer_page(
        edited["minimal"], TODAY
    )


def test_catalogue_pages_are_the_expected_set():
    catalogue = load_catalogue([DATA / "valid"])
    pages = render_catalogue(catalogue.offers, TODAY)
    assert set(pages) == {
        "full.md",
        "minimal.md",
        "quoted-iso-date.md",
        "index.md",
        "sundhed.md",
        "socialt.md",
        "beskaeftigelse.md",
        "foraeldede.md",
        "kortliste.md",
        *(f"_maal/maal-{n}.md" for n in range(1, 11)),
    }
    assert "[Rygestop](../tilbud/full.md)" in pages["_maal/maal-8.md"]
    assert pages["_maal/maal-1.md"] == "Ingen tilbud i kataloget er knyttet til dette mål.\n"


def test_stale_offer_is_flagged_on_page_and_in_tables():
    offer, _ = load_offer(DATA / "valid/minimal.yaml")
    page = offer_page(offer, TODAY)
    assert "<summary>Ikke bekræftet i over 12 måneder – kontrollér før du henviser</summary>" in page
    assert "for 13 år og 11 måneder siden" in page
    fresh = offer_page(offer, dt.date(2013, 6, 1))
    assert "Ikke bekræftet" not in fresh
    pages = render_catalogue([offer], TODAY)
    assert table_rows(pages["index.md"])[0]["Senest opdateret"] == "2012-12-19 Forældet"
    assert table_rows(pages["foraeldede.md"]) == [
        {
            "Tilbud": "[Rygestop](minimal.md)",
            "Senest opdateret": "2012-12-19",
            "Alder": "13 år og 11 måneder",
            "Ansvarlig": "Ikke angivet",
        }
    ]
    assert "Ingen tilbud er forældede." in render_catalogue([offer], dt.date(2013, 6, 1))["foraeldede.md"]


def test_stale_page_lists_oldest_first():
    catalogue = load_catalogue([FROZEN / "catalogue"])  # the live offers may all be verified this year
    stale = render_catalogue(catalogue.offers, TODAY)["foraeldede.md"]
    dates = [row["Senest opdateret"] for row in table_rows(stale)]
    assert dates and dates == sorted(dates)


def test_hostile_offer_page_has_no_active_content():
    offer, problems = load_offer(DATA / "hostile/fjendtligt-tilbud.yaml")
    assert problems == []
    page = offer_page(offer, TODAY)
    body = page.split("---", 2)[2]
    assert_inactive(body, owner_text=False)
    assert '<a href="https://www.ishoj.dk" rel="noopener noreferrer">sikker henvisning</a>' in body


@pytest.mark.parametrize(
    ("phone", "href"),
    [("43 57 77 26", "tel:+4543577726"), ("2727 4114", "tel:+4527274114"), ("+45 43577800", "tel:+4543577800")],
)
def test_tel_links(phone, href):
    assert tel_href(phone) == href


def test_tables_show_a_list_in_a_target_group_as_one_line():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    offer = offer.model_copy(update={"target_group": "Borgere med kronisk sygdom:\n\n- Type 2 diabetes\n- KOL\n"})
    overview = render_catalogue([offer], TODAY)["index.md"]
    (row,) = table_rows(overview)
    assert "Borgere med kronisk sygdom: Type 2 diabetes" in row["Målgruppe"]
    assert "- " not in row["Målgruppe"]


class _TableRows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            data = {name: value for name, value in attrs if name.startswith("data-")}
            self.rows.append({"data": data} if data else {})
        elif tag == "td":
            self.cell = dict(attrs)["data-label"]
            self.rows[-1][self.cell] = ""
        elif tag == "a" and self.cell:
            self.href = dict(attrs)["href"]
            self.rows[-1][self.cell] += "["

    def handle_endtag(self, tag):
        if tag == "a" and self.cell:
            self.rows[-1][self.cell] += f"]({self.href})"  # a link cell as the Markdown link it stands for
        elif tag == "td":
            self.rows[-1][self.cell] = self.rows[-1][self.cell].strip()
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.rows[-1][self.cell] += data


def table_rows(page: str) -> list[dict]:
    """The body rows of a generated table: cell text by column label, and the row's data attributes."""
    parser = _TableRows()
    parser.feed(page)
    return [row for row in parser.rows if set(row) - {"data"}]


def test_overview_rows_carry_the_filter_values_and_escape_them():
    hostile, _ = load_offer(DATA / "hostile/fjendtligt-tilbud.yaml")
    full, _ = load_offer(DATA / "valid/full.yaml")
    overview = render_catalogue([hostile, full], TODAY)["index.md"]
    rows = {row["Tilbud"]: row for row in table_rows(overview)}
    assert rows["[Rygestop](full.md)"]["data"] == {
        "data-kommune": '["Ishøj"]',
        "data-kategori": '["sundhed"]',
        "data-adgang": '["self","caseworker"]',
        "data-maal": '["8","9"]',
        "data-lovgrundlag": '["SEL § 101"]',
    }
    body = overview.split("---", 2)[2]
    assert "<img" not in body and 'onerror="' not in body
    assert '<select id="filter-adgang" name="adgang">' in overview
    assert '<option value="9">Mål 9: Større effekt af alkoholbehandlingen</option>' in overview
    assert '<form class="offer-filters" data-filters="tilbudstabel" hidden>' in overview


def test_a_filter_value_is_one_value_whatever_it_holds():
    full, _ = load_offer(DATA / "valid/full.yaml")
    written = ["SEL § 85|LAB", 'LAB, "§ 42"', "[SEL]"]
    offer = full.model_copy(update={"legal_basis": written})
    overview = render_catalogue([offer], TODAY)["index.md"]
    (row,) = table_rows(overview)
    assert json.loads(row["data"]["data-lovgrundlag"]) == written
    assert '<option value="SEL § 85|LAB">SEL § 85|LAB</option>' in overview


def test_goal_snippet_leads_into_its_list():
    full, _ = load_offer(DATA / "valid/full.yaml")
    snippet = render_catalogue([full], TODAY)["_maal/maal-8.md"]
    assert snippet.startswith("Tilbud i kataloget:\n")
    assert snippet.endswith("- [Rygestop](../tilbud/full.md)\n")


# What MkDocs cannot read as front matter it renders as Markdown, front matter and all: the generated front
# matter must read back as meant whatever an offer holds (the model refuses these characters too; this holds
# even for an offer that never met the model).
AWKWARD_TEXTS = [
    "Rygestop\ufffe",
    "Rygestop\u2028--- \n{#__config}",
    "Rygestop\u2029---",
    'Citat " og \\ og \\" og \'',
    "\x85næste linje",
    "tab\tog\x00nul og \x1b[31m",
    "emoji 😀 og \U000e0041 og \u200b",
    ": ikke: en nøgle # kommentar",
    "---",
    "- liste",
]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_front_matter_reads_back_as_meant(text):
    assert_front_matter_reads_back(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40))
def test_front_matter_reads_back_for_any_text(text):
    assert_front_matter_reads_back(text)


def assert_front_matter_reads_back(text):
    from mkdocs.utils.meta import get_data

    offer, _ = load_offer(DATA / "valid/full.yaml")
    awkward = offer.model_copy(update={"title": text, "target_group": text})
    pages = {
        "offer": offer_page(awkward, TODAY),
        "category": render_category_page(text, [awkward], Freshness.of([awkward], TODAY)),
    }
    for kind, page in pages.items():
        body, meta = get_data(page)
        assert meta.get("title") == text, kind
        assert not body.startswith("---"), kind
    assert get_data(pages["offer"])[1]["description"] == html.escape(short(text, 150))
