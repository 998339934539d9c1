"""The only module that imports MkDocs (or ProperDocs, its fork): generate the catalogue pages before every build.

The pages are handed to MkDocs from memory (`File.generated`), never written into the watched docs/
folder: writing them there made `mkdocs serve` rebuild twice per save. Builders that ignore hooks get the
same pages on disk from `catalogue pages`; pages found there are replaced by the fresh ones. The goal lists
the goals page pulls in with `--8<-- "maal-N.md"` are filled in here from the same memory.

Under `mkdocs serve --dirty` only the pages whose text changed are rebuilt (the offer page, the lists that
show it, and the goals page when a goal list changed). While the catalogue has problems, `serve` shows them
on every page instead of the content; `build` stops and publishes nothing.
"""

import functools
import logging
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import markdown
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup

if "properdocs" in sys.modules and not TYPE_CHECKING:  # ProperDocs, MkDocs' maintained fork, runs this hook
    from properdocs.config.defaults import MkDocsConfig
    from properdocs.exceptions import Abort
    from properdocs.structure import pages as mkdocs_pages
    from properdocs.structure.files import File, Files
    from properdocs.structure.pages import Page
    from properdocs.structure.toc import get_toc
else:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort
    from mkdocs.structure import pages as mkdocs_pages
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

from generator import editor, html_blocks
from generator.build import INDEX_AFTER_BUILD
from generator.export import SITE_FOLDER, export_texts, write_exports
from generator.indexing import SearchIndexError, index_site, start_indexing
from generator.load import ReadCache
from generator.messages import say
from generator.model import Offer
from generator.offer_cache import OfferCache
from generator.owners import Owner, load_owned_catalogue, load_owners
from generator.pages import GOALS_PAGE, render_catalogue, stale_banner
from generator.problem_page import render_problem_page
from generator.problems import Problem, printable
from generator.sanitise import page_html
from generator.search import FACTS_FILE, NARRATIVE_WEIGHT, browser_settings, search_facts
from generator.settings import (
    CATALOGUE_DIR,
    GOAL_SNIPPETS,
    OWNERS_PATH,
    PAGES_FOLDER,
    STALE_PAGE,
    SettingError,
    reference_date,
)
from generator.stale import Freshness

GOALS_PAGE_URI = os.path.normpath(f"{PAGES_FOLDER}/{GOALS_PAGE}")  # maal/index.md
_SNIPPET = re.compile(r'^--8<-- "(maal-\d+\.md)"\s*$', re.M)

log = logging.getLogger("mkdocs.hooks.catalogue")


class _State:
    """What one build generated, kept across `mkdocs serve` rebuilds to render and rebuild only what changed."""

    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve`: keep what makes the next rebuild cheap, show problems in pages
        self.pending: dict[str, str] = {}  # src_uri → Markdown, from on_pre_build until on_files hands it over
        self.digests: dict[str, int] = {}  # src_uri → hash of its Markdown in the previous build
        self.changed: set[str] = set()  # src_uris whose Markdown differs from the previous build
        self.snippets: dict[str, str] = {}  # goal lists by snippet name, for the goals page
        self.lifted: dict[str, dict[str, str]] = {}  # src_uri → its whole HTML blocks, while Markdown runs
        self.offers: list[Offer] = []
        self.freshness: Freshness | None = None  # None while problems are shown: no stale banner then
        self.banner: tuple[int, int, int] | None = None  # what the stale banner said in the previous build
        self.owners: dict[str, Owner] = {}
        self.markdown: markdown.Markdown | None = None  # converts every generated page of one build (_CataloguePage)
        self.read_cache: ReadCache = {}  # each offer file as last read: a save reads again the one that changed
        self.offer_cache: OfferCache = {}  # pages, rows, export records, words: a save remakes the changed offer's
        self.warned: set[str] = set()  # the warnings logged by the previous build
        self.problems: list[Problem] = []  # under serve: shown on every page until the catalogue is valid
        self.problem_count = 0  # how many in all: `problems` holds at most problems.MAX_SHOWN
        self.everything_changed = False  # problems appeared or went: every page must be built again
        self.indexed = False  # the site has a search index (under serve, later ones are made in the background)
        self.indexer: subprocess.Popen[bytes] | None = None
        self.exports: tempfile.TemporaryDirectory[str] | None = None  # where the data files wait for MkDocs
        self.templates = _CompiledTemplates()  # the theme's templates, compiled once for every `serve` rebuild


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, in memory. MkDocs makes a new theme environment for every
    `serve` rebuild, and compiling Material's templates again was a sixth of a rebuild after a save. Jinja
    checks each template's source against its checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if code := self.compiled.get(bucket.key):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_state = _State()


class _GeneratedPage(File):
    """A page from memory that reports itself modified only when its text changed (for --dirty)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class _CataloguePage(Page):
    """A generated page, converted as MkDocs converts a page (Page.render, with its processors for titles, anchors
    and links) but by one Markdown shared by every generated page of the build, reset between them: a new one per
    page, with every extension, was a twentieth of a build."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if _state.markdown is None:
            extensions, options = config["markdown_extensions"], config["mdx_configs"] or {}
            _state.markdown = markdown.Markdown(extensions=extensions, extension_configs=options)
        md = _state.markdown
        md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        links = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
        links._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown or "")
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links.links_to_anchors


def on_startup(command: str, dirty: bool) -> None:
    """Only `mkdocs serve` shows problems in the browser; `build` and `gh-deploy` stop and publish nothing."""
    _state.serving = command == "serve"


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve` rebuilds when the register of owners changes too: it decides the owner check and the names
    the pages show. Added here, not under `watch:` in mkdocs.yml, where a missing file is a configuration error
    that would hide the register's own problem."""
    register = Path(config.config_file_path).parent / OWNERS_PATH
    if register.is_file():
        server.watch(str(register), recursive=False)
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Hand the search box its settings and the theme the narrative pages' search weight (overrides/)."""
    config.extra["search_settings"] = browser_settings()
    config.extra["narrative_search_weight"] = NARRATIVE_WEIGHT
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        today = reference_date()
        catalogue, owners = load_owned_catalogue(
            [Path(os.path.relpath(root / CATALOGUE_DIR))],
            today,
            Path(os.path.relpath(root / OWNERS_PATH)),
            cache=_state.read_cache if _state.serving else None,
        )
    except SettingError as error:
        raise Abort(f"catalogue: {error}") from None
    had_problems = bool(_state.problems)
    _state.markdown = None  # mkdocs.yml's extensions may have changed since the last build under `serve`
    if catalogue.problems:
        for problem in catalogue.problems:
            log.error(printable(str(problem)))
        if not _state.serving:
            raise Abort(say("nothing_built", count=catalogue.problem_count))
        log.warning(f"catalogue: {say('pages_show_problems')}")
        _state.problems, _state.problem_count = catalogue.problems, catalogue.problem_count
        _state.freshness = None
        # Every address that had a page gets one again, showing the problems.
        _state.pending = {uri: "" for uri in _state.digests if not uri.startswith(f"{PAGES_FOLDER}/{GOAL_SNIPPETS}/")}
        _state.everything_changed = True
        return
    warnings = [printable(str(warning)) for warning in catalogue.warnings]
    for warning in warnings:  # not an error: `build --strict` still publishes (consistency.py)
        if warning not in _state.warned:  # under `serve` once, not again on every save
            log.info(warning)
    _state.warned = set(warnings)
    _state.problems = []
    _state.everything_changed = had_problems
    per_offer = _state.offer_cache if _state.serving else None
    pages = render_catalogue(catalogue.offers, today, owners=owners, per_offer=per_offer)
    snippets = f"{GOAL_SNIPPETS}/"
    _state.snippets = {name.removeprefix(snippets): text for name, text in pages.items() if name.startswith(snippets)}
    _state.pending = {f"{PAGES_FOLDER}/{name}": text for name, text in pages.items() if not name.startswith(snippets)}
    digests = {uri: hash(text) for uri, text in _state.pending.items()}
    digests |= {f"{PAGES_FOLDER}/{snippets}{name}": hash(text) for name, text in _state.snippets.items()}
    _state.changed = {uri for uri, digest in digests.items() if _state.digests.get(uri) != digest}
    _state.changed |= _state.digests.keys() - digests.keys()
    _state.digests = digests
    _state.offers, _state.owners = catalogue.offers, owners
    _state.freshness = freshness = Freshness.of(catalogue.offers, today)
    banner = (len(freshness.stale), freshness.total, freshness.max_age_months) if freshness.mostly_stale else None
    if banner != _state.banner:  # the banner is on every page: under --dirty, every page must be built again
        _state.banner, _state.everything_changed = banner, True
    if _state.changed:
        log.info(f"catalogue: {len(_state.changed)} generated page(s) changed")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the exports; point each offer page's edit button at its YAML file."""
    for file in list(files):
        if file.src_uri.startswith(f"{PAGES_FOLDER}/"):  # left on disk by `catalogue pages`: replaced below
            files.remove(file)
    catalogue = os.path.relpath(Path(config.config_file_path).parent / CATALOGUE_DIR, config.docs_dir)
    offer_ids = {offer.id for offer in _state.offers}
    pending, _state.pending = _state.pending, {}  # from here on the files hold the only copy
    for uri, text in pending.items():
        file = cast(_GeneratedPage, _GeneratedPage.generated(config, uri, content=text))
        file.changed = _state.everything_changed or uri in _state.changed
        stem = uri.removeprefix(f"{PAGES_FOLDER}/").removesuffix(".md")
        file.edit_uri = f"{catalogue}/{stem}.yaml" if stem in offer_ids else None
        files.append(file)
        _CataloguePage(None, file, config)  # becomes file.page
    if _state.everything_changed:
        for file in files.documentation_pages():
            file.is_modified = lambda: True  # type: ignore[method-assign]
    goals_page = files.get_file_from_path(GOALS_PAGE_URI)
    if goals_page and any(uri.startswith(f"{PAGES_FOLDER}/{GOAL_SNIPPETS}/") for uri in _state.changed):
        goals_page.is_modified = lambda: True  # type: ignore[method-assign]  # its goal lists changed
    if not _state.problems:
        _add_exports(files, config)
        facts = search_facts(_state.offers, _state.offer_cache if _state.serving else None)
        files.append(File.generated(config, FACTS_FILE, content=facts))
    _add_editor(files, config)
    return files


def _add_exports(files: Files, config: MkDocsConfig) -> None:
    """Publish the exports under data/ as files of the site, so links to them are checked like any other."""

    def page_url(offer_id: str) -> str:  # site_url ends with "/" (MkDocs adds it): joining is appending
        page = files.get_file_from_path(f"{PAGES_FOLDER}/{offer_id}.md")
        return f"{config.site_url}{page.url if page else ''}"

    url = page_url if config.site_url else None
    # Under serve from memory (11 MiB of text at 1,000 offers, ten times that at 10,000, beside the kept records):
    # only the changed offer's records are made again, and a save waits for no writing and copying.
    if _state.serving:
        texts = export_texts(_state.offers, page_url=url, owners=_state.owners, cache=_state.offer_cache)
        for name, text in texts.items():
            files.append(File.generated(config, f"{SITE_FOLDER}/{name}", content=text))
        return
    if _state.exports is None:
        _state.exports = tempfile.TemporaryDirectory(prefix="catalogue-data-")
    folder = Path(_state.exports.name)
    written = write_exports(_state.offers, folder, page_url=url, owners=_state.owners)
    for path in written:  # written to disk first, record by record: held whole in memory they cost ~1 GB at 10,000
        uri = f"{SITE_FOLDER}/{path.relative_to(folder).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(path)))


# The web editor at /admin/ (generator/editor.py, docs/admin/): glue only, kept apart from the pages above.


def _add_editor(files: Files, config: MkDocsConfig) -> None:
    """Serve the web editor at /admin/ where mkdocs.yml configures one (`extra.editor`), and under `serve`
    for decap-server (make serve starts it): the page and its scripts from docs/admin/, Decap and eemeli/yaml
    from node_modules, and config.yml made from the model. Elsewhere the site has no /admin/ and no link to it.
    """
    try:
        backend = editor.editor_settings(config.extra)
    except SettingError as error:
        raise Abort(f"editor: {error}") from None
    root = Path(config.config_file_path).parent
    bundle = editor.bundle_files(root / "node_modules") or editor.bundle_files(
        Path(__file__).resolve().parent.parent / "node_modules"  # a copy of the project (the tests) uses ours
    )
    enabled = backend is not None or (_state.serving and bool(bundle))
    config.extra["editor_enabled"] = enabled
    for file in list(files):
        if not enabled and file.src_uri.startswith(f"{editor.EDITOR_FOLDER}/"):
            files.remove(file)
    if not enabled:
        return
    if not bundle:
        raise Abort("editor: the web editor needs Decap CMS from npm: run 'npm ci' (make does it)")
    for uri, path in bundle.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    owners, _ = load_owners(root / OWNERS_PATH)  # unreadable: the owner is typed, and validate checks it
    text = editor.config_text(editor.editor_config(owners, backend))
    files.append(File.generated(config, f"{editor.EDITOR_FOLDER}/config.yml", content=text))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The not-found page (overrides/404.html) lists the problems too: an offer's page may not exist yet. Under
    `serve`, the theme's templates come compiled from the previous rebuild."""
    if _state.serving:
        env.bytecode_cache = _state.templates
    # The page comes from an autoescaping template: every quoted value in it is escaped already.
    page = render_problem_page(_state.problems, reloads=False, count=_state.problem_count) if _state.problems else ""
    env.globals["catalogue_problems"] = Markup(page)  # noqa: S704
    env.globals["catalogue_banner"] = _stale_banner(files)
    return env


def _stale_banner(files: Files) -> Callable[[str], Markup] | None:
    """The banner of a mostly stale catalogue for overrides/main.html, as a function of the page's way to the
    site's root (the theme's `base_url`); None when there is none to show, or while problems are shown."""
    stale_page = files.get_file_from_path(f"{PAGES_FOLDER}/{STALE_PAGE}")
    freshness = _state.freshness
    if _state.problems or freshness is None or not freshness.mostly_stale or stale_page is None:
        return None
    # From a generated template with autoescaping: the numbers and the address are escaped already. Rendered once
    # per depth of page (its base_url), not once per page: 10,000 offer pages share a handful of depths.
    return functools.cache(lambda base_url: Markup(stale_banner(freshness, f"{base_url}/{stale_page.url}")))  # noqa: S704


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Carry a generated page's whole HTML blocks past Markdown; fill in the goal lists from memory, carried past
    Markdown too; while problems are shown, skip the page's Markdown altogether."""
    if isinstance(page.file, _GeneratedPage):
        page.file.content_string = ""  # read once into page.markdown: MkDocs keeps that, not this second copy
        if markdown.startswith("---"):  # MkDocs could not read the front matter: it would render it as Markdown
            raise Abort(f"catalogue: internal error: the front matter of {page.file.src_uri} cannot be read back")
    if _state.problems:
        return ""
    if isinstance(page.file, _GeneratedPage):
        markdown, _state.lifted[page.file.src_uri] = html_blocks.lift(markdown)
        return markdown
    if page.file.src_uri != GOALS_PAGE_URI:
        return markdown

    def goal_list(match: re.Match[str]) -> str:
        return _state.snippets.get(match[1], str(match[0]))

    markdown, _state.lifted[page.file.src_uri] = html_blocks.lift(_SNIPPET.sub(goal_list, markdown))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Pages with owners' text (the generated ones, and the goals page with its offer lists): clean them once
    more, after every Markdown extension has run."""
    if _state.problems:
        return render_problem_page(_state.problems, count=_state.problem_count)
    if isinstance(page.file, _GeneratedPage):
        page.markdown = ""  # rendered: MkDocs would keep every page's Markdown to the end of the build
    if page.file.src_uri.startswith(f"{PAGES_FOLDER}/") or page.file.src_uri == GOALS_PAGE_URI:
        lifted = _state.lifted.pop(page.file.src_uri, {})
        return page_html(html_blocks.restore(html, lifted, link=lambda target: _url(target, page, files)))
    return html


def _url(target: str, page: Page, files: Files) -> str:
    """A link to another page's Markdown file as MkDocs makes it: relative to the page, and reported when
    there is no such page (a warning, which `--strict` makes fatal)."""
    found = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), target)))
    if found is None:
        log.warning(f"Doc file '{page.file.src_uri}' contains a link to '{target}', which is not found")
        return target
    return found.url_relative_to(page.file)


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site for search (also the temporary site `mkdocs serve` builds), unless the build was
    started by `python -m generator.build` (make build), which indexes once MkDocs has exited (less memory).

    Under `serve`, rebuilds after the first index in the background: a content owner waits for the page,
    not for the search index, and an indexing still running from the previous save is stopped first.
    """
    if _state.problems or (not _state.serving and os.environ.get(INDEX_AFTER_BUILD)):
        return
    if _state.serving and _state.indexed:
        _stop_indexing()
        _state.indexer = start_indexing(Path(config.site_dir))
        return
    try:
        summary = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(f"search index: {error}") from None
    log.info(f"search: indexed {summary.pages} page(s), language {', '.join(summary.languages) or 'unknown'}")
    _state.indexed = True


def on_shutdown() -> None:
    _stop_indexing()
    if _state.exports is not None:
        _state.exports.cleanup()
        _state.exports = None


def _stop_indexing() -> None:
    """Stop an indexing still running in the background: the next one starts from the newer site."""
    if _state.indexer is not None:
        _state.indexer.kill()
        _state.indexer.wait()
        _state.indexer = None
