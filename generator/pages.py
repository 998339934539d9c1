"""Offers → Markdown pages: pure functions from data to {relative path: text}, through Jinja2 templates.

The pages are ordinary Markdown with front matter, so any MkDocs-compatible builder can render them;
only the thin hook in mkdocs_hook.py knows about MkDocs. Owners' text reaches an offer page through one of
two filters, `owner` (Markdown fields) and `plain` (one-line values), both backed by sanitise.owner_html;
the lists' cells (titles, shortened target groups) and everything else are escaped by the templates'
autoescaping. Under MkDocs every generated page is then allow-listed once more (sanitise.page_html). Writing
the pages to disk is the caller's job (writing.py).
"""

import datetime as dt
import hashlib
import html
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.export import CSV_NAME, HSDS_SERVICES, JSON_NAME, SITE_FOLDER
from generator.facets import ACCESS_FACET, FACETS
from generator.formatting import age, danish_digits, long_date, phone
from generator.model import CONTACT_LABELS, LABELS, Offer, listed_title
from generator.offer_cache import OfferCache, forget_gone, kept
from generator.owners import Owner
from generator.sanitise import markdown_literal, owner_html
from generator.search import META_SUMMARY, WEIGHTS, offer_metadata
from generator.settings import GOAL_SNIPPETS, OVERVIEW_PAGE, PAGES_FOLDER, SHORTLIST_PAGE, STALE_PAGE
from generator.stale import DEFAULT_MAX_AGE_MONTHS, Freshness
from generator.tables import Cell, Filter, Row, filter_form, row_html, table_of_rows
from generator.taxonomy import CATEGORIES, GOALS, REFERRAL

# The offer page's heading id: fixed, so no title becomes an id the theme's scripts look up ("__config").
OFFER_TITLE_ID = "tilbud"
GOALS_PAGE = "../maal/index.md"  # the narrative page with one section per goal, seen from tilbud/
OVERVIEW_TABLE = "tilbudstabel"  # the id the overview's filters find their table by; not the heading's id
RenderCache = dict[str, tuple[str, str]]  # offer id → (the page's stamp, the page)
_STAMP = re.compile(r"^catalogue_stamp: ([0-9a-f]+)$", re.M)  # in the offer page's front matter
SUMMARY_LENGTH = 140  # characters of an offer's one-line summary: two lines on a phone
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](target): its text, for plain text


@cache  # read on the first page, not at every start of the `catalogue` command
def _renderer() -> bytes:
    """The code that renders a page, and the libraries whose output it contains: part of every page's stamp,
    so that a new version of either renders every page again."""
    code = b"".join(
        path.read_bytes() for path in sorted(Path(__file__).parent.rglob("*")) if path.suffix in {".py", ".jinja"}
    )
    libraries = " ".join(version(name) for name in ("jinja2", "markdown", "nh3", "babel", "pydantic"))
    return hashlib.blake2b(code + libraries.encode()).digest()


def short(text: str, limit: int) -> str:
    """The first sentence or so of a field, for tables and descriptions; plain text on one line (a link is
    its text)."""
    text = _MARKDOWN_LINK.sub(r"\1", _inline_lists(text))
    return textwrap.shorten(re.sub(r"[*_`#>\[\]]", "", text), width=limit, placeholder=" …")


def summary(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """What an offer is in one line, from its purpose: all of it when it is short enough, else its first
    sentence when that is, else the text shortened on a word boundary; plain text."""
    plain = short(text, max(limit, len(text)))  # whole, as plain text on one line
    if len(plain) <= limit:
        return plain
    first = re.match(r"(.+?[.!?])(?=\s+[A-ZÆØÅ0-9]|$)", plain)  # not after "bl.a." inside a sentence
    if first and len(first[1]) >= limit // 4 and len(first[1]) <= limit:
        return first[1]
    return short(plain, limit)


def first_phone(offer: Offer) -> str | None:
    """The number a list shows: the first phone of the first contact that has one."""
    return next((number for contact in offer.contacts for number in contact.phone), None)


def tel_href(phone: str) -> str:
    """The one `tel:` link for a phone number, `tel:+4543577726`, whichever way the number is written; a number
    that is not Danish keeps its own country code (or, without one, is dialled as written)."""
    if digits := danish_digits(phone):
        return f"tel:+45{digits}"
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("00"):  # 0046 … is +46 …
        return f"tel:+{digits[2:]}"
    return f"tel:+{digits}" if phone.strip().startswith("+") else f"tel:{digits}"


def yaml_string(text: str) -> Markup:
    """`text` as a YAML double-quoted scalar that MkDocs reads back as exactly `text`.

    A front matter MkDocs cannot parse is not an error to it: the page is then rendered as Markdown, front
    matter included, and owner text in it can become markup (an element id="__config" that takes over the
    theme). So only printable characters other than `"` and `\\` stand as they are; everything else (line
    and paragraph separators, noncharacters, controls, format characters) is written as an escape.
    """
    if not (text.isprintable() and '"' not in text and "\\" not in text):  # else: nothing to escape (common)
        text = "".join(c if c.isprintable() and c not in '"\\' else _yaml_escape(c) for c in text)
    return Markup(f'"{text}"')  # noqa: S704 — front matter is YAML, read by MkDocs, never shown as HTML


def _yaml_escape(character: str) -> str:
    code = ord(character)
    if character in '"\\':
        return "\\" + character
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_TEMPLATES.filters.update(
    # owner_html's output is allow-listed and inert: the one road from an offer file to a page.
    owner=lambda text: Markup(owner_html(text)),  # noqa: S704
    plain=lambda text: Markup(owner_html(text, markdown_text=False)),  # noqa: S704
    md=markdown_literal,
    short=short,
    summary=summary,
    tel=tel_href,
    phone=phone,
    listed=listed_title,
    long_date=long_date,
    age=age,
    yaml=yaml_string,
    # Themes print the description into an HTML attribute without escaping it.
    meta=lambda value: yaml_string(html.escape(value)),
)
_TEMPLATES.globals.update(
    labels=LABELS,
    contact_labels=CONTACT_LABELS,
    categories=CATEGORIES,
    referrals=REFERRAL,
    goals=GOALS,
    goals_page=GOALS_PAGE,
    weights=WEIGHTS,
    folder=PAGES_FOLDER,
    title_id=OFFER_TITLE_ID,
    summary_meta=META_SUMMARY,
)


def render_catalogue(
    offers: Iterable[Offer],
    today: dt.date,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    owners: Mapping[str, Owner] | None = None,
    cache: RenderCache | None = None,
    per_offer: OfferCache | None = None,
) -> dict[str, str]:
    """Every generated file of the catalogue section, keyed by path relative to the output folder.

    Freshness is decided here once and passed to every page. With a `cache` (the pages on disk, read back by
    `reusable`: `catalogue pages`), an offer page is rendered again only when its stamp changed; with
    `per_offer` (kept by `mkdocs serve` across rebuilds), an offer's page and its rows in the lists only when
    the offer did.
    """
    offers = sorted(offers, key=lambda offer: (listed_title(offer).casefold(), offer.id))
    freshness = Freshness.of(offers, today, max_age_months)
    owners = owners or {}
    pages = {f"{offer.id}.md": _cached_offer_page(offer, freshness, owners, cache, per_offer) for offer in offers}
    if cache is not None:  # a removed or renamed offer's page is not kept
        for gone in cache.keys() - {offer.id for offer in offers}:
            del cache[gone]
    forget_gone(per_offer, offers)
    pages[OVERVIEW_PAGE] = render_overview(offers, freshness, per_offer)
    for category, label in CATEGORIES.items():
        chosen = [offer for offer in offers if offer.category == category]
        pages[f"{category}.md"] = render_category_page(label, chosen, freshness, per_offer)
    pages[STALE_PAGE] = render_stale_page(freshness, owners, per_offer)
    pages[SHORTLIST_PAGE] = render_shortlist_page()
    for goal in GOALS:
        tagged = [offer for offer in offers if goal in offer.goals]
        pages[f"{GOAL_SNIPPETS}/maal-{goal}.md"] = render_goal_snippet(tagged)
    return pages


def render_offer_page(offer: Offer, freshness: Freshness, owners: Mapping[str, Owner] | None = None) -> str:
    return _render_offer_page(offer, freshness, owners or {}, page_stamp(offer, freshness, owners or {}))


def page_stamp(offer: Offer, freshness: Freshness, owners: Mapping[str, Owner]) -> str:
    """A digest of everything an offer page shows: the offer, its owner's name, whether it is flagged as stale
    (and how old, when it is), and the code that renders it. Written into the page, so the page on disk says
    what it was made from."""
    shown = json.dumps([offer.model_dump_json(), *_shown_beside(offer, freshness, owners)]).encode()
    return hashlib.blake2b(shown, key=_renderer(), digest_size=16).hexdigest()


def _shown_beside(offer: Offer, freshness: Freshness, owners: Mapping[str, Owner]) -> tuple[object, ...]:
    """What an offer page shows besides the offer: its owner's name, and its age when it is flagged as stale."""
    flagged = freshness.flags(offer)
    return owner_name(offer, owners), (freshness.age_in_months(offer), freshness.max_age_months) if flagged else None


def reusable(pages: Mapping[str, str | None]) -> RenderCache:
    """Offer pages written before (such as `catalogue pages` finds them on disk), by their stamps: those whose
    stamp is still the same are not rendered again."""
    cache = {}
    for name, text in pages.items():
        if not text or not name.endswith(".md") or "/" in name:  # offer pages lie directly in the folder
            continue
        front = text.split("\n---\n", 1)[0] if text.startswith("---\n") else ""
        if stamp := _STAMP.search(front):
            cache[name.removesuffix(".md")] = (stamp[1], text)
    return cache


def _render_offer_page(offer: Offer, freshness: Freshness, owners: Mapping[str, Owner], stamp: str) -> str:
    return _TEMPLATES.get_template("offer.md.jinja").render(
        offer=offer,
        stamp=stamp,
        freshness=freshness,
        owner=owner_name(offer, owners),
        quick_contacts=[contact for contact in offer.contacts if contact.phone or contact.email],
        search_data=Markup(offer_metadata(offer).strip()),  # noqa: S704 — built with html.escape in search.py
    )


def render_overview(offers: list[Offer], freshness: Freshness, rows: OfferCache | None = None) -> str:
    return _TEMPLATES.get_template("overview.md.jinja").render(
        offers=offers,
        freshness=freshness,
        stale_page=STALE_PAGE,
        data={"folder": SITE_FOLDER, "csv": CSV_NAME, "json": JSON_NAME, "hsds": HSDS_SERVICES},
        filters=Markup(filter_form(overview_filters(offers), OVERVIEW_TABLE)),  # noqa: S704 — Jinja2, autoescaped
        table=offer_table(offers, freshness, with_category=True, id=OVERVIEW_TABLE, rows=rows),
    )


def stale_banner(freshness: Freshness, stale_page_url: str) -> str:
    """The site's one stale flag, for the top of every page while most offers are stale (HTML, "" otherwise):
    how many offers of how many, and a link to the stale list at `stale_page_url`."""
    if not freshness.mostly_stale:
        return ""
    return _TEMPLATES.get_template("banner.html.jinja").render(freshness=freshness, href=stale_page_url)


def render_category_page(label: str, offers: list[Offer], freshness: Freshness, rows: OfferCache | None = None) -> str:
    table = offer_table(offers, freshness, with_category=False, rows=rows)
    return _TEMPLATES.get_template("category.md.jinja").render(
        label=label, offers=offers, overview=OVERVIEW_PAGE, table=table
    )


def render_stale_page(
    freshness: Freshness, owners: Mapping[str, Owner] | None = None, rows: OfferCache | None = None
) -> str:
    columns = ["Tilbud", LABELS["last_updated"], "Alder", LABELS["owner"]]

    def row(offer: Offer) -> Markup:
        months, owner = freshness.age_in_months(offer), owner_name(offer, owners or {}) or "Ikke angivet"
        cells = lambda: Row(  # noqa: E731
            [
                Cell(listed_title(offer), href=f"{offer.id}.md"),
                Cell(offer.last_updated.isoformat()),
                Cell(age(months)),
                Cell(owner),
            ]
        )
        return _row(rows, "stale", offer, (months, owner), columns, cells)

    table = Markup(table_of_rows(columns, [row(offer) for offer in freshness.stale]))  # noqa: S704 — Jinja2, autoescaped
    return _TEMPLATES.get_template("stale.md.jinja").render(freshness=freshness, table=table)


def render_shortlist_page() -> str:
    return _TEMPLATES.get_template("shortlist.md.jinja").render()


def render_goal_snippet(offers: list[Offer]) -> str:
    return _TEMPLATES.get_template("goal.md.jinja").render(offers=offers)


def owner_name(offer: Offer, owners: Mapping[str, Owner]) -> str | None:
    """Whom to ask about the offer, as the register names them (the key itself without a register)."""
    if offer.owner is None:
        return None
    return owners[offer.owner].name if offer.owner in owners else offer.owner


def offer_table(
    offers: list[Offer],
    freshness: Freshness,
    with_category: bool,
    id: str | None = None,
    rows: OfferCache | None = None,
) -> Markup:
    """A table that sorts in the browser (ISO dates sort correctly as text) and stacks on a phone: whom an
    offer is for, how a citizen gets in and whom to call, row by row. "Forældet" marks a stale offer only
    while stale offers are few (Freshness.flags); a mostly stale catalogue says so once, in the banner."""
    columns = ["Tilbud", *(["Kategori"] if with_category else []), "Målgruppe", LABELS["referral"], "Telefon"]
    columns += ["Kommuner", "Senest opdateret"]

    def row(offer: Offer) -> Markup:
        flagged = freshness.flags(offer)
        make = lambda: _offer_row(offer, flagged, with_category)  # noqa: E731
        return _row(rows, "overview" if with_category else "category", offer, flagged, columns, make)

    return Markup(table_of_rows(columns, [row(offer) for offer in offers], id=id))  # noqa: S704 — Jinja2, autoescaped


def _row(
    rows: OfferCache | None, table: str, offer: Offer, shows: object, columns: list[str], make: Callable[[], Row]
) -> Markup:
    """The offer's row in `table`, made again only when the offer or what else the row `shows` changed."""
    return kept(rows, table, offer, shows, lambda: row_html(columns, make()))


def _offer_row(offer: Offer, flagged: bool, with_category: bool) -> Row:
    return Row(
        [
            Cell(listed_title(offer), href=f"{offer.id}.md"),
            *([Cell(CATEGORIES[offer.category])] if with_category else []),
            Cell(short(offer.target_group, 120)),
            Cell(" · ".join(ACCESS_FACET.name_of(code) for code in ACCESS_FACET.codes(offer))),
            _phone_cell(first_phone(offer)),
            Cell(", ".join(offer.municipalities)),
            Cell(offer.last_updated.isoformat(), note="Forældet" if flagged else None),
        ],
        data=_filter_values(offer),
    )


def _phone_cell(number: str | None) -> Cell:
    """A phone number as a list shows it: in the site's one format, tappable, never broken across lines."""
    return Cell(phone(number), href=tel_href(number), kind="phone") if number else Cell("", kind="phone")


def overview_filters(offers: list[Offer]) -> list[Filter]:
    """The overview's filters, with only the values some offer has, in the taxonomy's order."""
    return [Filter(facet.key, facet.label, facet.options(offers)) for facet in FACETS]


def _filter_values(offer: Offer) -> dict[str, list[str]]:
    return {facet.key: facet.codes(offer) for facet in FACETS}


def _cached_offer_page(
    offer: Offer,
    freshness: Freshness,
    owners: Mapping[str, Owner],
    cache: RenderCache | None,
    per_offer: OfferCache | None,
) -> str:
    if per_offer is not None:  # the same Offer as last time (`mkdocs serve`): not even its stamp is made again
        shown = _shown_beside(offer, freshness, owners)
        return kept(per_offer, "page", offer, shown, lambda: _cached_offer_page(offer, freshness, owners, cache, None))
    stamp = page_stamp(offer, freshness, owners)
    if cache is None:
        return _render_offer_page(offer, freshness, owners, stamp)
    if offer.id not in cache or cache[offer.id][0] != stamp:
        cache[offer.id] = (stamp, _render_offer_page(offer, freshness, owners, stamp))
    return cache[offer.id][1]


def _inline_lists(text: str) -> str:
    """Markdown list items run into one line, comma-separated: 'sygdom: Diabetes, KOL, Demens'."""
    lines, previous_was_item = [], False
    for line in text.splitlines():
        item = re.match(r"\s*(?:[-*+]|\d+\.)\s+(.*)", line)
        if item:
            lines.append((", " if previous_was_item else " ") + item[1].rstrip(" .;"))
        elif line.strip():
            lines.append((". " if previous_was_item else " ") + line)
        previous_was_item = bool(item) or (previous_was_item and not line.strip())
    return "".join(lines)
