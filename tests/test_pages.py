import datetime as dt
import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import html_blocks
from generator.load import load_catalogue, load_offer
from generator.model import listed_title
from generator.pages import (
    render_catalogue,
    render_category_page,
    reusable,
    short,
    stale_banner,
    summary,
    tel_href,
)
from generator.stale import Freshness
from tests.conftest import DATA, ROOT
from tests.inert import assert_inactive
from tests.site import FROZEN

TODAY = dt.date(2026, 11, 24)
GOLDEN = ROOT / "tests/golden/full.md"


def offer_page(offer, today: dt.date) -> str:
    return render_catalogue([offer], today)[f"{offer.id}.md"]


def fresh(offer, id: str, day: dt.date = TODAY):
    """A copy of `offer` verified on `day`: companions that keep a catalogue mostly current."""
    return offer.model_copy(update={"id": id, "title": f"{offer.title} {id}", "last_updated": day})


def golden_page() -> str:
    """The full offer, with a subtitle, as the one stale offer of a mostly current catalogue: every part of an
    offer page shows, the stale warning too."""
    offer, _ = load_offer(DATA / "valid/full.yaml")
    offer = offer.model_copy(update={"subtitle": "For rygere i Ishøj"})
    companions = [fresh(offer, "a"), fresh(offer, "b")]
    return without_stamp(render_catalogue([offer, *companions], TODAY)["full.md"])


def without_stamp(page: str) -> str:
    """The stamp digests the generator's code too: the golden file pins everything else."""
    return re.sub(r"^catalogue_stamp: [0-9a-f]+$", "catalogue_stamp: …", page, flags=re.M)


def test_offer_page_matches_golden_file():
    """Pins the Markdown of one offer. After an intended change, regenerate with:
    python -c "from tests.test_pages import regenerate_golden; regenerate_golden()"
    """
    assert golden_page() == GOLDEN.read_text(encoding="utf-8")


def regenerate_golden() -> None:
    GOLDEN.write_text(golden_page(), encoding="utf-8")


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
    # The one stale offer of three warns, with its age: a month later its page says another age.
    dated = {name: offer if name == "full" else fresh(offer, name) for name, offer in offers.items()}
    first = render_catalogue(dated.values(), TODAY)
    assert ["offer-stale-warning" in first[f"{name}.md"] for name in dated] == [name == "full" for name in dated]
    first_marked = {name: text + "<!-- reused -->\n" for name, text in first.items()}
    month_later = render_catalogue(dated.values(), dt.date(2026, 12, 24), cache=reusable(first_marked))
    assert reused(month_later) == set(dated) - {"full"}
    assert "for 14 år siden" in month_later["full.md"]
    # Years later every offer is stale: the banner says so, no page warns, so the warning must leave its page.
    later = render_catalogue(dated.values(), dt.date(2040, 1, 1), cache=reusable(first_marked))
    assert reused(later) == set(dated) - {"full"}
    assert not any("offer-stale-warning" in later[f"{name}.md"] for name in dated)
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


def test_a_lists_row_is_made_again_only_when_its_offer_or_its_stale_flag_changed(monkeypatch):
    """`mkdocs serve` keeps the lists' rows (offer_cache): the lists are what they would be without it."""
    from generator import pages

    made = []
    row_html = pages.row_html

    def counted(columns, row):
        if "Alder" not in columns:  # the lists of offers; the stale list's rows also show each offer's age
            made.append(row.cells[0].href)
        return row_html(columns, row)

    monkeypatch.setattr(pages, "row_html", counted)
    offers = {offer.id: offer for offer in load_catalogue([DATA / "valid"]).offers}
    rows: dict = {}
    render_catalogue(offers.values(), TODAY, per_offer=rows)
    assert sorted(made) == sorted(f"{name}.md" for name in offers for _ in "ab")  # the overview and a category
    edited = offers | {"minimal": offers["minimal"].model_copy(update={"title": "Et nyt navn"})}
    made.clear()
    cached = render_catalogue(edited.values(), TODAY, per_offer=rows)
    assert made == ["minimal.md", "minimal.md"]
    assert cached == render_catalogue(edited.values(), TODAY)
    # One stale offer of three is flagged in the lists; years later every offer is, and the flags leave the rows.
    dated = [offer if name == "full" else fresh(offer, name) for name, offer in edited.items()]
    assert render_catalogue(dated, TODAY, per_offer=rows) == render_catalogue(dated, TODAY)  # its page flags it too
    assert Freshness.of(dated, TODAY).flags(dated[0])
    made.clear()
    later = dt.date(2040, 1, 1)
    cached = render_catalogue(dated, later, per_offer=rows)
    assert made == ["full.md", "full.md"]
    assert cached == render_catalogue(dated, later)
    render_catalogue([dated[0]], TODAY, per_offer=rows)
    assert {offer_id for _, offer_id in rows} == {"full"}


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
    assert list_links(pages["_maal/maal-8.md"]) == ["[Rygestop](../tilbud/full.md)"]
    assert pages["_maal/maal-1.md"] == "Ingen tilbud i kataloget er knyttet til dette mål.\n"


def test_the_few_stale_offers_of_a_mostly_current_catalogue_are_flagged_on_page_and_in_tables():
    offer, _ = load_offer(DATA / "valid/minimal.yaml")
    catalogue = [offer, fresh(offer, "a"), fresh(offer, "b")]
    pages = render_catalogue(catalogue, TODAY)
    page = pages["minimal.md"]
    assert "<summary>Ikke bekræftet i over 12 måneder – kontrollér før du henviser</summary>" in page
    assert "for 13 år og 11 måneder siden" in page
    assert "offer-stale-warning" not in pages["a.md"]
    assert "Ikke bekræftet" not in render_catalogue(catalogue, dt.date(2013, 6, 1))["minimal.md"]
    dates = {row["Tilbud"]: row["Senest opdateret"] for row in table_rows(pages["index.md"])}
    assert dates == {
        "[Rygestop](minimal.md)": "2012-12-19 Forældet",
        "[Rygestop a](a.md)": "2026-11-24",
        "[Rygestop b](b.md)": "2026-11-24",
    }
    assert "1 tilbud er ikke bekræftet i over 12 måneder: se [Forældede tilbud](foraeldede.md)." in pages["index.md"]
    assert table_rows(pages["foraeldede.md"]) == [
        {
            "Tilbud": "[Rygestop](minimal.md)",
            "Senest opdateret": "2012-12-19",
            "Alder": "13 år og 11 måneder",
            "Ansvarlig": "Ikke angivet",
        }
    ]
    assert stale_banner(Freshness.of(catalogue, TODAY), "/tilbud/foraeldede/") == ""
    assert "Ingen tilbud er forældede." in render_catalogue([offer], dt.date(2013, 6, 1))["foraeldede.md"]


def test_a_mostly_stale_catalogue_says_so_once_in_a_banner_not_on_each_offer():
    """When more than half the offers are stale, a flag on each would single out nothing: the banner at the top
    of every page says how many of how many, and links to the list; no offer page warns, no row says Forældet."""
    offer, _ = load_offer(DATA / "valid/minimal.yaml")
    catalogue = [offer, fresh(offer, "a", dt.date(2013, 1, 1)), fresh(offer, "b")]  # 2 of 3 stale
    freshness = Freshness.of(catalogue, TODAY)
    banner = stale_banner(freshness, "../../tilbud/foraeldede/")
    assert "2 af 3 tilbud er ikke bekræftet i over 12 måneder" in banner
    assert '<a href="../../tilbud/foraeldede/">Se de forældede tilbud</a>' in banner
    assert banner.count("<p") == 1
    pages = render_catalogue(catalogue, TODAY)
    assert not any("offer-stale-warning" in pages[f"{name}.md"] for name in ("minimal", "a", "b"))
    assert "Forældet" not in "".join(row["Senest opdateret"] for row in table_rows(pages["index.md"]))
    assert "tilbud er ikke bekræftet" not in pages["index.md"]  # the banner on the same page says it
    assert len(table_rows(pages["foraeldede.md"])) == 2  # the list the banner links to
    # Half is not most: 1 of 2 stale keeps the flag on the one offer.
    half = [offer, fresh(offer, "b")]
    assert stale_banner(Freshness.of(half, TODAY), "x") == ""
    assert "offer-stale-warning" in render_catalogue(half, TODAY)["minimal.md"]


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


class _ListLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.href = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.text = dict(attrs)["href"], ""

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append(f"[{self.text}]({self.href})")  # as the Markdown link it stands for
            self.href = None

    def handle_data(self, data):
        if self.href:
            self.text += data


def list_links(page: str) -> list[str]:
    parser = _ListLinks()
    parser.feed(page)
    return parser.links


def test_goal_snippet_leads_into_its_list():
    full, _ = load_offer(DATA / "valid/full.yaml")
    snippet = render_catalogue([full], TODAY)["_maal/maal-8.md"]
    assert snippet.startswith('<p class="goal-offers-lead">Tilbud i kataloget:</p>\n')
    assert list_links(snippet) == ["[Rygestop](../tilbud/full.md)"]
    assert html_blocks.lift(snippet)[0].count("catalogue-block-") == 2  # no Markdown left to convert


def test_goal_snippet_escapes_the_titles():
    hostile, _ = load_offer(DATA / "hostile/fjendtligt-tilbud.yaml")
    snippet = render_catalogue([hostile.model_copy(update={"goals": [8]})], TODAY)["_maal/maal-8.md"]
    assert "<img" not in snippet and "<script" not in snippet
    assert list_links(snippet) == [f"[{listed_title(hostile)}](../tilbud/{hostile.id}.md)"]


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


# What a caseworker sees first on an offer page, and in the lists (issue 18)


def body_of(page: str) -> str:
    return page.split("\n---\n", 1)[1]


def test_offer_page_starts_with_what_a_caseworker_needs_on_the_phone():
    """In this order before anything else: title, subtitle, what the offer is (one line from the purpose), who it
    is for, access, and a tappable number for each contact; the purpose in full comes later."""
    page = body_of(golden_page())
    order = [
        "# Rygestop {",
        '<p class="offer-subtitle"',
        '<p class="offer-summary" data-pagefind-ignore data-pagefind-meta="resume">At støtte et rygestop.</p>',
        "## Målgruppe",
        "Borgeren kan selv henvende sig eller henvises af sagsbehandler\n{ .offer-referral",
        '<a href="tel:+4543577726">43 57 77 26</a>',
        "## Kontakt og visitation",
        "## Formål",
        '<div class="offer-text" data-pagefind-weight="3"><p>At støtte et rygestop.</p></div>',
    ]
    positions = [page.find(part) for part in order]
    assert -1 not in positions, [part for part, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        ("At støtte et rygestop. Kurset varer 6 uger.", "At støtte et rygestop. Kurset varer 6 uger."),
        # Too long for one line: the first sentence, not cut at an abbreviation.
        (
            "At hjælpe bl.a. ældre og syge med at komme ud. " + "Mere. " * 30,
            "At hjælpe bl.a. ældre og syge med at komme ud.",
        ),
        # A first sentence too short to say anything: the text, shortened on a word boundary.
        ("Et kursus. " + "Borgeren lærer at lave sund mad til hele familien " * 4, None),
        ("Se **mere** hos [Stoplinien](https://www.stoplinien.dk) og `her`.", "Se mere hos Stoplinien og her."),
        ("Borgere med:\n\n- KOL\n- diabetes\n", "Borgere med: KOL, diabetes"),
    ],
)
def test_the_summary_is_one_plain_line_from_the_purpose(purpose, expected):
    line = summary(purpose)
    assert "\n" not in line and not re.search(r"[*_`\[\]()]|https?:", line)
    assert len(line) <= 140
    if expected is None:
        assert line.endswith(" …") and line.startswith("Et kursus. Borgeren lærer")
        assert line.removesuffix(" …") in " ".join(purpose.split())  # cut between words
    else:
        assert line == expected


def test_a_long_purpose_is_shortened_on_the_offer_page_and_kept_whole_below():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    purpose = "Formålet er at give borgeren " + "en god og tryg hverdag med støtte " * 10 + "fra kommunen."
    page = offer_page(offer.model_copy(update={"purpose": purpose}), TODAY)
    (shown,) = re.findall(r'<p class="offer-summary" data-pagefind-ignore data-pagefind-meta="resume">(.*)</p>', page)
    assert shown.endswith(" …") and len(shown) <= 140
    assert f"<p>{purpose}</p>" in page


def test_tags_are_search_words_not_shown_on_the_page():
    page = body_of(golden_page())
    assert "## Emneord" not in page
    (tags,) = re.findall(r"<p [^>]*>rygning, tyrkisk</p>", page)
    assert " hidden " in tags  # not shown, nor read out; Pagefind indexes hidden elements (test_pages_seen)
    assert 'data-pagefind-weight="6"' in tags
    assert "data-pagefind-ignore" not in tags


def test_phone_numbers_are_shown_in_one_format_and_dialled_with_45():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    contact = offer.contacts[0].model_copy(update={"phone": ["43577727", "+45 43 57 77 26", "3647 1361"]})
    page = offer_page(offer.model_copy(update={"contacts": [contact]}), TODAY)
    links = re.findall(r'<a href="(tel:[^"]*)">([^<]*)</a>', page)
    expected = [
        ("tel:+4543577727", "43 57 77 27"),
        ("tel:+4543577726", "43 57 77 26"),
        ("tel:+4536471361", "36 47 13 61"),
    ]
    assert links == expected * 2  # the quick contacts on the first screen, then the contact details


def subtitled_catalogue():
    """Two offers with one title, told apart by their subtitles, and a third without one."""
    full, _ = load_offer(DATA / "valid/full.yaml")
    same = {"title": "Forebyggende hjemmebesøg", "goals": [8]}
    return [
        full.model_copy(update={**same, "id": "kronisk", "subtitle": "Borgere med kronisk sygdom"}),
        full.model_copy(update={**same, "id": "etnisk", "subtitle": "Ældre med anden etnisk baggrund"}),
        full.model_copy(update={"id": "rygestop", "goals": [8]}),
    ]


def test_offers_with_the_same_title_are_told_apart_in_every_list_and_on_their_page():
    offers = subtitled_catalogue()
    pages = render_catalogue(offers, TODAY)
    expected = [
        "[Forebyggende hjemmebesøg – Borgere med kronisk sygdom](kronisk.md)",
        "[Forebyggende hjemmebesøg – Ældre med anden etnisk baggrund](etnisk.md)",
        "[Rygestop](rygestop.md)",
    ]
    for name in ("index.md", "sundhed.md", "foraeldede.md"):
        assert sorted(row["Tilbud"] for row in table_rows(pages[name])) == expected, name
    goal = pages["_maal/maal-8.md"]
    assert "[Forebyggende hjemmebesøg – Borgere med kronisk sygdom](../tilbud/kronisk.md)" in list_links(goal)
    assert "[Forebyggende hjemmebesøg – Ældre med anden etnisk baggrund](../tilbud/etnisk.md)" in list_links(goal)
    page = pages["kronisk.md"]
    assert page.startswith('---\ntitle: "Forebyggende hjemmebesøg – Borgere med kronisk sygdom"\n')
    assert "\n# Forebyggende hjemmebesøg { #tilbud" in page
    assert '<p class="offer-subtitle" data-pagefind-weight="4">Borgere med kronisk sygdom</p>' in page
    assert 'data-offer-title="Forebyggende hjemmebesøg – Borgere med kronisk sygdom"' in page  # the Kortliste
    assert "offer-subtitle" not in pages["rygestop.md"]


def test_the_offer_lists_show_access_and_the_first_phone_of_the_first_contact_with_one():
    full, _ = load_offer(DATA / "valid/full.yaml")
    no_phone = full.contacts[0].model_copy(update={"phone": []})
    second = full.model_copy(update={"id": "second", "contacts": [no_phone, full.contacts[1]], "referral": "laege"})
    none = full.model_copy(update={"id": "none", "contacts": [no_phone], "referral": None})
    pages = render_catalogue([full, second, none], TODAY)
    for name, category in (("index.md", True), ("sundhed.md", False)):
        rows = {row["Tilbud"].split("](")[1]: row for row in table_rows(pages[name])}
        columns = ["Tilbud", *(["Kategori"] if category else []), "Målgruppe", "Adgang", "Telefon", "Kommuner"]
        assert list(rows["full.md)"])[1:] == [*columns, "Senest opdateret"]  # the date last: it sorts
        assert rows["full.md)"]["Adgang"] == "Kan selv henvende sig · Via sagsbehandler"
        assert rows["full.md)"]["Telefon"] == "[43 57 77 26](tel:+4543577726)"
        assert rows["second.md)"]["Telefon"] == "[80 31 31 31](tel:+4580313131)"  # the first contact has none
        assert rows["second.md)"]["Adgang"] == "Via egen læge"
        assert rows["none.md)"]["Telefon"] == rows["none.md)"]["Adgang"] == ""
    assert pages["index.md"].count('<td data-label="Telefon" class="cell-phone">') == 3  # never wrapped
    assert '<td data-label="Telefon" class="cell-phone"></td>' in pages["index.md"]  # empty: no line on a card
