"""settings.py is the one home of names; mkdocs.yml cannot import it, so it is checked against it here."""

import datetime as dt

import pytest
from mkdocs.config import load_config

from generator.settings import (
    GOAL_SNIPPETS,
    OVERVIEW_PAGE,
    PAGES_DIR,
    PAGES_FOLDER,
    SHORTLIST_PAGE,
    STALE_PAGE,
    SettingError,
    reference_date,
)
from generator.taxonomy import CATEGORIES
from tests.conftest import ROOT


def nav_files(items) -> list[str]:
    files = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


def test_mkdocs_yml_names_the_generated_section_as_settings_does():
    config = load_config(str(ROOT / "mkdocs.yml"))
    section = [path for path in nav_files(config["nav"]) if path.startswith(f"{PAGES_FOLDER}/")]
    expected = [OVERVIEW_PAGE, *(f"{category}.md" for category in CATEGORIES), STALE_PAGE, SHORTLIST_PAGE]
    assert section == [f"{PAGES_FOLDER}/{page}" for page in expected]
    assert config["exclude_docs"].patterns[0].pattern == f"{PAGES_FOLDER}/{GOAL_SNIPPETS}/"
    assert config["not_in_nav"].patterns[0].pattern == f"/{PAGES_FOLDER}/*.md"
    assert config["mdx_configs"]["pymdownx.snippets"]["base_path"] == [f"{PAGES_DIR}/{GOAL_SNIPPETS}"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CATALOGUE_TODAY": "2026-11-26"}, dt.date(2026, 11, 26)),
        ({"SOURCE_DATE_EPOCH": "1764115200"}, dt.date(2025, 11, 26)),
        ({"CATALOGUE_TODAY": "2026-01-02", "SOURCE_DATE_EPOCH": "0"}, dt.date(2026, 1, 2)),
    ],
)
def test_reference_date_from_the_environment(environ, expected):
    assert reference_date(environ) == expected


@pytest.mark.parametrize("environ", [{"CATALOGUE_TODAY": "26-11-2026"}, {"SOURCE_DATE_EPOCH": "nu"}])
def test_a_reference_date_that_is_no_date_is_a_setting_error(environ):
    with pytest.raises(SettingError, match=next(iter(environ))):
        reference_date(environ)
