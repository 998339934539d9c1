"""`mkdocs serve` as a content owner previews a change in Chromium: a broken offer shows its problem in the
page, and the offer comes back by itself (MkDocs' livereload) once the file is fixed — no reload pressed.
"""

import re

import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.load import load_catalogue
from generator.problem_page import HEADING
from generator.settings import CATALOGUE_DIR, PAGES_FOLDER
from tests.conftest import DATA
from tests.site import make_project, mkdocs_serve
from tests.test_site_browser import browser, page  # noqa: F401 (the fixtures of that module)

REBUILD = 60_000  # ms: a rebuild on a shared, busy machine


def small_project(tmp_path):
    project = make_project(tmp_path, frozen=True)
    for offer in (project / CATALOGUE_DIR).iterdir():
        offer.unlink()
    for offer in (DATA / "valid").glob("*.yaml"):
        (project / CATALOGUE_DIR / offer.name).write_bytes(offer.read_bytes())
    return project


def test_a_broken_offer_shows_its_problem_and_the_page_returns_when_fixed(tmp_path, page):  # noqa: F811
    project = small_project(tmp_path)
    offer = project / CATALOGUE_DIR / "minimal.yaml"
    original = offer.read_text(encoding="utf-8")
    title = re.compile("^" + re.escape(yaml.safe_load(original)["title"]))  # then the heading's permalink
    broken = re.sub(r"(?m)^last_updated: .*$", "last_updated: 19-12-2012", original)
    with mkdocs_serve(project) as url:
        page.goto(f"{url}/{PAGES_FOLDER}/{offer.stem}/")
        heading = page.locator("article h1")
        expect(heading).to_have_text(title)

        offer.write_text(broken, encoding="utf-8")
        (problem,) = load_catalogue([offer]).problems
        expected = f"{CATALOGUE_DIR}/{offer.name}:{problem.line}:{problem.column}: senest opdateret (last_updated): "
        assert problem.field == "last_updated"
        expected += problem.message
        expect(heading).to_have_text(HEADING, timeout=REBUILD)
        expect(page.locator(".catalogue-problems li")).to_have_text([expected])
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == [], [
            (node["target"], node["failureSummary"]) for v in violations for node in v["nodes"]
        ]

        offer.write_text(original, encoding="utf-8")
        expect(heading).to_have_text(title, timeout=REBUILD)
        expect(page.locator(".catalogue-problems")).to_have_count(0)
