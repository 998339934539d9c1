"""The only module that imports MkDocs (or ProperDocs, its fork): generate the catalogue pages before every build.

The pages are handed to MkDocs from memory (`File.generated`), never written into the watched docs/
folder: writing them there made `mkdocs serve` rebuild twice per save. Builders that ignore hooks get the
same pages on disk from `catalogue pages`; pages found there are replaced by the fresh ones.
The goal lists the goals page pulls in with `--8<-- "maal-N.md"` are filled in here from the same
memory, so the snippets extension only reads them from disk when there is no hook.

Under `mkdocs serve --dirty` only the pages whose text changed are rebuilt (the offer page, the lists
that show it, and the goals page when a goal list changed): the edited page appears within a second or
two even with thousands of offers.
"""

import logging
import os
import re
import sys
from pathlib import Path

if "properdocs" in sys.modules:  # ProperDocs, MkDocs' maintained fork, is the builder running this hook
    from properdocs.config.defaults import MkDocsConfig
    from properdocs.exceptions import Abort
    from properdocs.structure.files import File, Files
    from properdocs.structure.pages import Page
else:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

from generator.load import load_catalogue
from generator.pages import GOAL_SNIPPETS, GOALS_PAGE, render_catalogue
from generator.stale import reference_date

CATALOGUE = "catalogue"
OUTPUT = "tilbud"  # the generated section of the site; `catalogue pages` writes it to docs/tilbud/
GOALS_PAGE_URI = os.path.normpath(f"{OUTPUT}/{GOALS_PAGE}")  # maal/index.md
_SNIPPET = re.compile(r'^--8<-- "(maal-\d+\.md)"\s*$', re.M)

log = logging.getLogger("mkdocs.hooks.catalogue")


class _State:
    """What one build generated, kept across `mkdocs serve` rebuilds to render and rebuild only what changed."""

    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve`: keep what makes the next rebuild cheap
        self.pending: dict[str, str] = {}  # src_uri → Markdown, from on_pre_build until on_files hands it over
        self.digests: dict[str, int] = {}  # src_uri → hash of its Markdown in the previous build
        self.changed: set[str] = set()  # src_uris whose Markdown differs from the previous build
        self.snippets: dict[str, str] = {}  # goal lists by snippet name, for the goals page
        self.offer_ids: set[str] = set()
        self.render_cache: dict = {}


_state = _State()


class _GeneratedPage(File):
    """A page from memory that reports itself modified only when its text changed (for --dirty)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    catalogue = load_catalogue([Path(os.path.relpath(root / CATALOGUE))])
    if catalogue.problems:
        for problem in catalogue.problems:
            log.error(str(problem))
        raise Abort(f"{len(catalogue.problems)} problem(s) in the catalogue; nothing was built")
    cache = _state.render_cache if _state.serving else None  # a one-off build renders each offer once anyway
    pages = render_catalogue(catalogue.offers, reference_date(), cache=cache)
    snippets = f"{GOAL_SNIPPETS}/"
    _state.snippets = {name.removeprefix(snippets): text for name, text in pages.items() if name.startswith(snippets)}
    _state.pending = {f"{OUTPUT}/{name}": text for name, text in pages.items() if not name.startswith(snippets)}
    digests = {uri: hash(text) for uri, text in _state.pending.items()}
    digests |= {f"{OUTPUT}/{snippets}{name}": hash(text) for name, text in _state.snippets.items()}
    _state.changed = {uri for uri, digest in digests.items() if _state.digests.get(uri) != digest}
    _state.changed |= _state.digests.keys() - digests.keys()
    _state.digests = digests
    _state.offer_ids = {offer.id for offer in catalogue.offers}
    if _state.changed:
        log.info(f"catalogue: {len(_state.changed)} generated page(s) changed")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; point each offer page's edit button at its YAML file."""
    for file in list(files):
        if file.src_uri.startswith(f"{OUTPUT}/"):  # left on disk by `catalogue pages`: replaced below
            files.remove(file)
    catalogue = os.path.relpath(Path(config.config_file_path).parent / CATALOGUE, config.docs_dir)
    pending, _state.pending = _state.pending, {}  # from here on the files hold the only copy
    for uri, text in pending.items():
        file = _GeneratedPage.generated(config, uri, content=text)
        file.changed = uri in _state.changed
        stem = uri.removeprefix(f"{OUTPUT}/").removesuffix(".md")
        file.edit_uri = f"{catalogue}/{stem}.yaml" if stem in _state.offer_ids else None
        files.append(file)
    goals_page = files.get_file_from_path(GOALS_PAGE_URI)
    if goals_page and any(uri.startswith(f"{OUTPUT}/{GOAL_SNIPPETS}/") for uri in _state.changed):
        goals_page.is_modified = lambda: True  # its goal lists changed though its own file did not
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the goal lists from memory; the snippets extension never needs the files on disk."""
    if isinstance(page.file, _GeneratedPage):
        page.file.content_string = ""  # read once into page.markdown: MkDocs keeps that, not this second copy
    if "--8<--" not in markdown:
        return markdown

    def goal_list(match: re.Match) -> str:
        return _state.snippets.get(match[1], match[0])

    return _SNIPPET.sub(goal_list, markdown)
