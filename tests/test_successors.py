"""The same catalogue built by MkDocs' successors: ProperDocs (runs the hook) and Zensical (ignores it).

Each builder gets its own virtual environment under .venv-successors/ (git-ignored, reused when present),
installed from PyPI on first use, so this module takes a minute or two the first time.
"""

import html
import json
import os
import re
import subprocess
import sys
import tomllib
import venv
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.load import load_catalogue
from generator.pages import tel_href
from generator.sanitise import owner_html
from generator.settings import PAGES_FOLDER, SECTION_PAGES
from generator.taxonomy import CATEGORIES
from tests.conftest import DATA, ROOT
from tests.site import TODAY, make_project

pytestmark = pytest.mark.successors

CACHE = ROOT / ".venv-successors"
# The builder, plus what generator.charts (the chart fence) and `catalogue pages` need at build time.
BUILDERS = {
    "properdocs": ["properdocs>=1.6.7,<1.7", "mkdocs-material>=9.8,<9.9"],
    "zensical": ["zensical>=0.0.70,<0.2"],
}


def _project_requirements() -> list[str]:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return [dep for dep in dependencies if not dep.startswith(("mkdocs", "properdocs"))]


def _environment(name: str) -> Path:
    """The builder's venv, created and installed once; reinstalled when its requirements change."""
    folder = CACHE / name
    python = folder / "bin/python"
    requirements = [*BUILDERS[name], *_project_requirements()]
    stamp = folder / "requirements.txt"
    if not (python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").split("\n") == requirements):
        venv.create(folder, with_pip=True, clear=True)
        result = subprocess.run(
            [python, "-m", "pip", "install", "--quiet", *requirements], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-3000:]
        stamp.write_text("\n".join(requirements), encoding="utf-8")
    return python


def _run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CATALOGUE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def _assert_every_offer_page(site: Path, catalogue: Path) -> None:
    offers = load_catalogue([catalogue]).offers
    assert offers
    for offer in offers:
        page = site / f"tilbud/{offer.id}/index.html"
        assert page.is_file(), f"{offer.id}: no page"
        markup = page.read_text(encoding="utf-8")
        text = _text(markup)
        assert html.escape(offer.title, quote=False) in markup and offer.title in text, offer.id
        for field in (offer.target_group, offer.visitation):
            assert _text(owner_html(field)) in text, (offer.id, field[:60])
        for phone in (phone for contact in offer.contacts for phone in contact.phone):
            assert f'href="{tel_href(phone)}"' in markup, (offer.id, phone)


def test_properdocs_builds_the_site_with_the_hook(tmp_path):
    python = _environment("properdocs")
    project = make_project(tmp_path)
    result = _run([python, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    _assert_every_offer_page(site, project / "catalogue")
    assert not (project / "docs/tilbud").exists()  # the hook served the pages from memory
    assert "../tilbud/" in (site / "maal/index.html").read_text(encoding="utf-8")  # goal lists
    assert "<svg" in (site / "evaluering/maal-og-resultater/index.html").read_text(encoding="utf-8")  # charts
    assert (site / "pagefind/pagefind.js").is_file()  # the hook indexed the site for search


def test_properdocs_stops_on_an_invalid_offer_with_the_validate_message(tmp_path):
    python = _environment("properdocs")
    project = make_project(tmp_path, extra_offers=[DATA / "invalid/date-not-iso.yaml"])
    result = _run([python, "-m", "properdocs", "build", "-f", "mkdocs.yml"], project)
    assert result.returncode == 1
    assert (
        "catalogue/date-not-iso.yaml:8:1: senest opdateret (last_updated): '19-12-2012' skal skrives" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_zensical_builds_the_site_from_catalogue_pages(tmp_path):
    python = _environment("zensical")
    project = make_project(tmp_path)
    pages = _run([sys.executable, "-m", "generator", "pages", "--today", TODAY], project)
    assert pages.returncode == 0, pages.stderr
    result = _run([python, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"], project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = project / "site"
    _assert_every_offer_page(site, project / "catalogue")
    assert "../tilbud/" in (site / "maal/index.html").read_text(encoding="utf-8")  # snippets read docs/tilbud/_maal
    assert "<svg" in (site / "evaluering/maal-og-resultater/index.html").read_text(encoding="utf-8")
    # Zensical's own search holds every offer page but no list of offers (their front matter says
    # `search: exclude: true`): at 10,000 offers the overview alone would exceed its limit of 8,192 token
    # positions a field, which stops the build.
    indexed = {item["location"].split("#")[0] for item in json.loads((site / "search.json").read_bytes())["items"]}
    catalogue = load_catalogue([project / "catalogue"]).offers
    assert {f"{PAGES_FOLDER}/{offer.id}/" for offer in catalogue} <= indexed
    lists = [*SECTION_PAGES, *(f"{category}.md" for category in CATEGORIES)]
    listed = {f"{PAGES_FOLDER}/{Path(page).stem}/".replace("/index/", "/") for page in lists}
    assert all((site / url / "index.html").is_file() for url in listed)
    assert not listed & indexed, listed & indexed
    # The catalogue's own search, indexed after the build as the README says: every offer and narrative page.
    search = _run([sys.executable, "-m", "generator.indexing", "site"], project)
    assert search.returncode == 0, search.stderr
    offers = len(list((project / "catalogue").glob("*.yaml")))
    pages = (project / "docs").rglob("*.md")
    narrative = sum("search_index: true" in page.read_text(encoding="utf-8") for page in pages)
    assert f"pages={offers + narrative}," in search.stdout
