"""The only module that imports MkDocs: regenerate the catalogue pages before every build.

Everything else lives in plain functions (load, pages), so a builder that ignores MkDocs hooks
can run `catalogue pages` first and get the same site.
"""

import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.export import SITE_FOLDER, export_files
from generator.model import Offer
from generator.owners import Owner, load_owned_catalogue
from generator.pages import render_catalogue, write_pages
from generator.problems import printable
from generator.sanitise import page_html
from generator.search import WORDS_FILE, SearchIndexError, browser_settings, index_site, search_words
from generator.settings import CATALOGUE_DIR, OWNERS_PATH, PAGES_FOLDER, SettingError, reference_date

log = logging.getLogger("mkdocs.hooks.catalogue")
_offer_ids: set[str] = set()
_offers: list[Offer] = []
_owners: dict[str, Owner] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Hand the search box its settings (overrides/partials/search.html puts them on the page)."""
    config.extra["search_settings"] = browser_settings()
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        today = reference_date()
        catalogue, owners = load_owned_catalogue(
            [Path(os.path.relpath(root / CATALOGUE_DIR))], today, Path(os.path.relpath(root / OWNERS_PATH))
        )
        if catalogue.problems:
            for problem in catalogue.problems:
                log.error(printable(str(problem)))
            raise Abort(f"{len(catalogue.problems)} problem(s) in the catalogue; nothing was built")
        changed = write_pages(Path(config.docs_dir) / PAGES_FOLDER, render_catalogue(catalogue.offers, today))
    except SettingError as error:
        raise Abort(f"catalogue: {error}") from None
    except OSError as error:
        raise Abort(f"catalogue: cannot write the generated pages: {error}") from None
    if changed:
        log.info(f"catalogue: {len(changed)} generated page(s) updated")
    _offer_ids.clear()
    _offer_ids.update(offer.id for offer in catalogue.offers)
    _offers[:] = catalogue.offers
    _owners.clear()
    _owners.update(owners)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Point each offer page's edit button at its YAML file (generated lists get none); add the exports."""
    catalogue = os.path.relpath(Path(config.config_file_path).parent / CATALOGUE_DIR, config.docs_dir)
    for file in files:
        folder, _, name = file.src_uri.partition("/")
        if folder == PAGES_FOLDER:
            stem = name.removesuffix(".md")
            file.edit_uri = f"{catalogue}/{stem}.yaml" if stem in _offer_ids else None
    _add_exports(files, config)
    files.append(File.generated(config, WORDS_FILE, content=search_words(_offers)))
    return files


def _add_exports(files: Files, config: MkDocsConfig) -> None:
    """Publish the exports under data/ as files of the site, so links to them are checked like any other."""

    def page_url(offer_id: str) -> str:
        return urljoin(config.site_url, files.get_file_from_path(f"{PAGES_FOLDER}/{offer_id}.md").url)

    for name, content in export_files(_offers, page_url=page_url if config.site_url else None, owners=_owners).items():
        files.append(File.generated(config, f"{SITE_FOLDER}/{name}", content=content))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages carry owners' text: clean them once more, after every Markdown extension has run."""
    if page.file.src_uri.startswith(f"{PAGES_FOLDER}/"):
        return page_html(html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site for search (also the temporary site `mkdocs serve` builds)."""
    try:
        summary = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(f"search index: {error}") from None
    log.info(f"search: indexed {summary.pages} page(s), language {', '.join(summary.languages) or 'unknown'}")
