"""The narrative pages (the evaluation and the ten goals) in the built site, against the seeds."""

import html
import re

import pytest

from generator.taxonomy import GOALS
from tests.conftest import ROOT
from tests.site import build, make_project

EVALUATION_SEED = ROOT / "tests/data/seeds/000_b8f289d9fdcd30a5.txt"
OCR_ARTEFACTS = [
    "Ishgj",
    "Ishej",
    "Ishaj",
    "Mal 1",
    "Mal 2",
    "Mal 7",
    "bern ",
    "faerre",
    "feerre",
    "beskaeftigelse",
    "malrettet",
    "Byradet",
    "hjemlase",
    "Sterre",
    "Starre",
    "4095",
    "Mal3",
    "@get",
    " pa ",
    " na ",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("narrative"), frozen=True)  # offers tagged as imported
    result = build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def text_of(page) -> str:
    """The visible text of a built page, whitespace folded."""
    body = page.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def seed_tables() -> list[str]:
    """Tables 1–5 of the evaluation as the seed has them: caption to source line."""
    text = EVALUATION_SEED.read_text(encoding="utf-8")
    text = text[: text.index("Bilag 1: Tilbudskatalog")]
    return re.findall(r"^Tabel \d:.*?^(?:Kilde|Bemærk):.*?$", text, flags=re.M | re.S)


def test_seed_has_the_six_table_blocks():
    tables = seed_tables()
    assert [t.split(":")[0] for t in tables] == ["Tabel 1", "Tabel 2", "Tabel 3", "Tabel 4", "Tabel 5", "Tabel 5"]


def test_every_number_of_tables_1_to_5_is_in_the_evaluation(site):
    built = " ".join(text_of(page) for page in (site / "evaluering").rglob("index.html"))
    for table in seed_tables():
        for number in re.findall(r"\d+(?:[.,½]\d*)*", table):
            assert number.rstrip(".") in built, f"{number!r} of {table.splitlines()[0]!r} is missing"


def test_tables_are_real_tables(site):
    page = (site / "evaluering/maal-og-resultater/index.html").read_text(encoding="utf-8")
    assert page.count("<table") >= 5
    assert re.search(r"<td[^>]*>\s*182\s*</td>", page)


def test_quotation_kept_as_quotation(site):
    page = (site / "evaluering/maal-og-resultater/index.html").read_text(encoding="utf-8")
    quotes = " ".join(re.findall(r"<blockquote>(.*?)</blockquote>", page, flags=re.S))
    assert "Jeg synes i høj grad" in quotes


def test_bilag_1_links_to_the_catalogue_instead_of_copying_it(site):
    page = (site / "evaluering/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./tilbud/"', page)
    built = " ".join(text_of(p) for p in (site / "evaluering").rglob("index.html"))
    assert "Rygestopkurset strækker sig" not in built


def test_charts_are_built_with_text_labels_and_nothing_external(site):
    page = (site / "evaluering/maal-og-resultater/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart">.*?</figure>', page, flags=re.S)
    assert len(charts) == 2
    for chart in charts:
        assert "<svg" in chart and "<text" in chart and '<table class="chart-data">' in chart
        assert not re.search(r'(src|href)="(https?:)?//', chart)
    assert any("182 borgere" in chart and "126 borgere" in chart for chart in charts)  # table 2's shift
    assert any("33,3 procent" in chart and "80 procent" in chart for chart in charts)  # goals 1–4


def test_ten_goals_with_danish_titles(site):
    page = text_of(site / "maal/index.html")
    for number, title in GOALS.items():
        assert f"Mål {number}: {title}" in page


def test_no_ocr_artefacts_remain():
    text = (ROOT / "docs/maal/index.md").read_text(encoding="utf-8")
    for artefact in OCR_ARTEFACTS:
        assert artefact not in text, artefact


def test_goals_and_offers_link_both_ways(site):
    goals_page = (site / "maal/index.html").read_text(encoding="utf-8")
    tagged = 0
    for offer_page in (site / "tilbud").glob("*/index.html"):
        offer_id = offer_page.parent.name
        page = offer_page.read_text(encoding="utf-8")
        for goal in re.findall(r'href="\.\./\.\./maal/#maal-(\d+)"', page):
            tagged += 1
            section = goals_page.split(f'id="maal-{goal}"', 1)[1].split('id="maal-', 1)[0]
            assert f'href="../tilbud/{offer_id}/"' in section, (offer_id, goal)
    assert tagged >= 5
    for goal in GOALS:
        section = goals_page.split(f'id="maal-{goal}"', 1)[1].split('id="maal-', 1)[0]
        for offer_id in re.findall(r'href="\.\./tilbud/([a-z0-9-]+)/"', section):
            page = (site / "tilbud" / offer_id / "index.html").read_text(encoding="utf-8")
            assert f'href="../../maal/#maal-{goal}"' in page, (offer_id, goal)


def test_home_page_offers_every_way_in(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    for target in ("tilbud/sundhed/", "tilbud/socialt/", "tilbud/beskaeftigelse/", "maal/", "evaluering/"):
        assert f'href="{target}"' in page, target
    assert 'name="q"' in page
