import datetime as dt
from html.parser import HTMLParser

import pytest

from generator.load import load_catalogue, load_offer
from generator.pages import (
    danish_age,
    danish_date,
    render_catalogue,
    render_offer_page,
    render_text,
    tel_href,
    write_pages,
)
from tests.conftest import DATA, ROOT

TODAY = dt.date(2026, 11, 24)
GOLDEN = ROOT / "tests/golden/full.md"


def test_offer_page_matches_golden_file():
    """Pins the Markdown of one offer. After an intended change, regenerate with:
    python -c "from tests.test_pages import regenerate_golden; regenerate_golden()"
    """
    offer, _ = load_offer(DATA / "valid/full.yaml")
    assert render_offer_page(offer, TODAY) == GOLDEN.read_text(encoding="utf-8")


def regenerate_golden() -> None:
    offer, _ = load_offer(DATA / "valid/full.yaml")
    GOLDEN.write_text(render_offer_page(offer, TODAY), encoding="utf-8")


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
    page = render_offer_page(offer, TODAY)
    assert "<summary>Ikke bekræftet i over 12 måneder – kontrollér før du henviser</summary>" in page
    assert "for 13 år og 11 måneder siden" in page
    fresh = render_offer_page(offer, dt.date(2013, 6, 1))
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
    catalogue = load_catalogue([ROOT / "catalogue"])
    stale = render_catalogue(catalogue.offers, TODAY)["foraeldede.md"]
    dates = [row["Senest opdateret"] for row in table_rows(stale)]
    assert dates and dates == sorted(dates)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        "[klik](&#106;avascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        "<iframe src='https://evil.example'></iframe>",
        "<svg onload=alert(1)>",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_render_text_removes_active_content(hostile):
    html = render_text(f"Tekst {hostile} mere tekst").lower()
    for marker in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "data:"):
        assert marker not in html


def test_render_text_keeps_markdown():
    assert render_text("**fed** og [link](https://www.ishoj.dk)\n\n- a\n- b") == (
        '<p><strong>fed</strong> og <a href="https://www.ishoj.dk" rel="noopener noreferrer">link</a></p>\n'
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    )


def test_hostile_offer_page_has_no_active_content():
    offer, problems = load_offer(DATA / "hostile/fjendtligt-tilbud.yaml")
    assert problems == []
    page = render_offer_page(offer, TODAY)
    body = page.split("---", 2)[2]
    assert "<script" not in body and "onerror=" not in body and 'href="javascript' not in body
    assert "<iframe" not in body and "<style" not in body
    assert '<a href="https://www.ishoj.dk" rel="noopener noreferrer">sikker henvisning</a>' in body


def test_write_pages_only_touches_changed_files_and_removes_orphans(tmp_path):
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B"}) == ["a.md", "sub/b.md"]
    before = (tmp_path / "a.md").stat().st_mtime_ns
    (tmp_path / "orphan.md").write_text("old")
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B2"}) == ["sub/b.md", "orphan.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert not (tmp_path / "orphan.md").exists()
    assert write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B2"}) == []
    assert write_pages(tmp_path, {"a.md": "A"}) == ["sub/b.md"]
    assert not (tmp_path / "sub").exists()


def test_danish_dates_and_ages():
    assert danish_date(dt.date(2012, 12, 19)) == "19. december 2012"
    assert danish_age(167) == "13 år og 11 måneder"
    assert danish_age(12) == "1 år"
    assert danish_age(1) == "1 måned"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("43 57 77 26", "tel:+4543577726"), ("2727 4114", "tel:+4527274114"), ("+45 43577800", "tel:+4543577800")],
)
def test_tel_links(phone, href):
    assert tel_href(phone) == href


def test_plain_text_fast_path_matches_markdown():
    """render_text skips the Markdown parser for plain paragraphs; the HTML must be the same."""
    import markdown
    import nh3

    from generator.pages import _MARKUP

    catalogue = load_catalogue([ROOT / "catalogue", DATA / "valid"])
    texts = [t for o in catalogue.offers for t in (o.purpose, o.target_group, o.description, o.visitation) if t]
    texts += ["Linje et\nlinje to\n\nAndet afsnit.", "Pris 500-3000 kr. (typisk 500,-)", "Tlf. 43 57 77 26 / 20 15"]
    plain = [text for text in texts if not _MARKUP.search(text)]
    assert len(plain) >= 3
    for text in plain:
        slow = nh3.clean(markdown.markdown(text), tags={"p"}).strip()
        assert render_text(text) == slow, text


def test_tables_show_a_list_in_a_target_group_as_one_line():
    offer, _ = load_offer(ROOT / "catalogue/forebyggende-hjemmebesoeg-kronisk-syge.yaml")
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

    def handle_endtag(self, tag):
        if tag == "td":
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
        "data-kommune": "Ishøj",
        "data-kategori": "sundhed",
        "data-adgang": "self|caseworker",
        "data-maal": "8|9",
        "data-lovgrundlag": "SEL § 101",
    }
    body = overview.split("---", 2)[2]
    assert "<img" not in body and 'onerror="' not in body
    assert '<select id="filter-adgang" name="adgang">' in overview
    assert '<option value="9">Mål 9: Større effekt af alkoholbehandlingen</option>' in overview
    assert '<form class="offer-filters" data-filters="alle-tilbud" hidden>' in overview


def test_goal_snippet_leads_into_its_list():
    full, _ = load_offer(DATA / "valid/full.yaml")
    snippet = render_catalogue([full], TODAY)["_maal/maal-8.md"]
    assert snippet.startswith("Tilbud i kataloget:\n")
    assert snippet.endswith("- [Rygestop](../tilbud/full.md)\n")
