"""The only module that imports MkDocs: regenerate the catalogue pages before every build.

Everything else lives in plain functions (load, pages), so a builder that ignores MkDocs hooks
can run `catalogue pages` first and get the same site.
"""

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from generator.load import load_catalogue
from generator.pages import render_catalogue, write_pages
from generator.search import SearchIndexError, index_site
from generator.stale import reference_date

CATALOGUE = "catalogue"
OUTPUT = "tilbud"  # generated, git-ignored folder inside docs/

log = logging.getLogger("mkdocs.hooks.catalogue")
_offer_ids: set[str] = set()


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    catalogue = load_catalogue([Path(os.path.relpath(root / CATALOGUE))])
    if catalogue.problems:
        for problem in catalogue.problems:
            log.error(str(problem))
        raise Abort(f"{len(catalogue.problems)} problem(s) in the catalogue; nothing was built")
    changed = write_pages(Path(config.docs_dir) / OUTPUT, render_catalogue(catalogue.offers, reference_date()))
    if changed:
        log.info(f"catalogue: {len(changed)} generated page(s) updated")
    _offer_ids.clear()
    _offer_ids.update(offer.id for offer in catalogue.offers)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Point each offer page's edit button at its YAML file; generated lists get none."""
    catalogue = os.path.relpath(Path(config.config_file_path).parent / CATALOGUE, config.docs_dir)
    for file in files:
        folder, _, name = file.src_uri.partition("/")
        if folder == OUTPUT:
            stem = name.removesuffix(".md")
            file.edit_uri = f"{catalogue}/{stem}.yaml" if stem in _offer_ids else None
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site for search (also the temporary site `mkdocs serve` builds)."""
    try:
        summary = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(f"search index: {error}") from None
    log.info(f"search: indexed {summary.pages} page(s), language {', '.join(summary.languages) or 'unknown'}")
