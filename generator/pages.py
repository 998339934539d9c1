"""Offers → Markdown pages: pure functions from data to {relative path: text}.

The pages are ordinary Markdown with front matter, so any MkDocs-compatible builder can render them;
only the thin hook in mkdocs_hook.py knows about MkDocs. Text fields are Markdown written by content
owners: they are rendered here and passed through an allow-list sanitizer, so no raw HTML, script,
event handler or javascript: link from a YAML file ever reaches a caseworker's browser.
"""

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import markdown
import nh3

from generator.model import Contact, Offer
from generator.stale import DEFAULT_MAX_AGE_MONTHS, age_in_months, is_stale, stale_offers
from generator.taxonomy import CATEGORIES, FIELD_LABELS, GOALS, REFERRAL

OVERVIEW = "index.md"
STALE_PAGE = "foraeldede.md"
SHORTLIST_PAGE = "kortliste.md"
GOAL_SNIPPETS = "_maal"
GOALS_PAGE = "../maal/index.md"  # the narrative page with one section per goal, seen from tilbud/

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "code", "blockquote", "h3", "h4"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_MARKDOWN = markdown.Markdown(extensions=["sane_lists"])  # reused: building one per field is the slow part
_MARKUP = re.compile(r"[*_`\[\]<>&\\#|!~=]|^\s*([-+]|\d+[.)])\s|^ {4}|^\t| {2}$|^\s", re.M)
_PARAGRAPHS = re.compile(r"\n\s*\n")


def render_catalogue(
    offers: Iterable[Offer],
    today: dt.date,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    cache: dict[str, tuple[tuple, str]] | None = None,
) -> dict[str, str]:
    """Every generated file of the catalogue section, keyed by path relative to the output folder.

    With a `cache` (kept by the caller across rebuilds), an offer page is rendered again only when the
    offer's content, the reference date or the threshold changed.
    """
    offers = sorted(offers, key=lambda offer: (offer.title.casefold(), offer.id))
    pages = {f"{offer.id}.md": _cached_offer_page(offer, today, max_age_months, cache) for offer in offers}
    pages[OVERVIEW] = render_overview(offers, today, max_age_months)
    for category, label in CATEGORIES.items():
        chosen = [offer for offer in offers if offer.category == category]
        pages[f"{category}.md"] = render_category_page(label, chosen, today, max_age_months)
    pages[STALE_PAGE] = render_stale_page(offers, today, max_age_months)
    pages[SHORTLIST_PAGE] = render_shortlist_page()
    for goal in GOALS:
        tagged = [offer for offer in offers if goal in offer.goals]
        pages[f"{GOAL_SNIPPETS}/maal-{goal}.md"] = render_goal_snippet(tagged)
    return pages


def render_offer_page(offer: Offer, today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> str:
    label = FIELD_LABELS
    out = [
        _front_matter(title=offer.title, description=_short(offer.target_group, 150)),
        f"# {_md_text(offer.title)}\n",
        f"**Kategori:** [{CATEGORIES[offer.category]}]({offer.category}.md) · "
        f"**Kommuner:** {_md_text(', '.join(offer.municipalities))} · "
        f"**{label['last_updated']}:** {danish_date(offer.last_updated)}\n{{ .offer-meta }}\n",
    ]
    if is_stale(offer, today, max_age_months):
        out.append(_stale_warning(offer, today, max_age_months))
    out.append(
        f'<p class="offer-shortlist"><button type="button" class="md-button offer-shortlist-toggle" hidden '
        f'data-offer-id="{offer.id}" data-offer-title="{html.escape(offer.title)}">Føj til kortliste</button></p>\n'
    )
    if offer.referral:
        out.append(f"{REFERRAL[offer.referral]}\n{{ .offer-referral .offer-referral--{offer.referral} }}\n")
    if offer.contacts:
        out.append(_quick_contacts(offer.contacts))
    out.append(_section(label["purpose"], offer.purpose))
    out.append(_section(label["target_group"], offer.target_group))
    if offer.description:
        out.append(_section(label["description"], offer.description))
    out.append(_section(label["visitation"], offer.visitation))
    if offer.contacts:
        out.append(f"### {label['contacts']}\n\n" + "".join(_contact_card(contact) for contact in offer.contacts))
    if offer.further_information:
        out.append(_section(label["further_information"], offer.further_information))
    if offer.goals:
        items = "".join(f"- [Mål {goal}: {_md_text(GOALS[goal])}]({GOALS_PAGE}#maal-{goal})\n" for goal in offer.goals)
        out.append(f"## {label['goals']}\n\n{items}")
    if offer.legal_basis:
        out.append(f"## {label['legal_basis']}\n\n{_md_line(', '.join(offer.legal_basis))}\n")
    if offer.tags:
        out.append(f"## {label['tags']}\n\n{_md_line(', '.join(offer.tags))}\n{{ .offer-tags }}\n")
    owner = f" · {label['owner']}: {_md_text(offer.owner)}" if offer.owner else ""
    out.append(f"## {label['last_updated']}\n\n{danish_date(offer.last_updated)}{owner}\n{{ .offer-updated }}\n")
    return "\n".join(out)


def _cached_offer_page(
    offer: Offer, today: dt.date, max_age_months: int, cache: dict[str, tuple[tuple, str]] | None
) -> str:
    if cache is None:
        return render_offer_page(offer, today, max_age_months)
    key = (hashlib.blake2b(offer.model_dump_json().encode()).digest(), today, max_age_months)
    if offer.id not in cache or cache[offer.id][0] != key:
        cache[offer.id] = (key, render_offer_page(offer, today, max_age_months))
    return cache[offer.id][1]


def render_overview(offers: list[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> str:
    stale = stale_offers(offers, today, max_age_months)
    links = " · ".join(f"[{label}]({category}.md)" for category, label in CATEGORIES.items())
    notice = (
        f"{len(stale)} tilbud er ikke bekræftet i over {max_age_months} måneder: se [Forældede tilbud]({STALE_PAGE})."
        if stale
        else f"Alle tilbud er bekræftet inden for de seneste {max_age_months} måneder."
    )
    return (
        _front_matter(
            title="Alle tilbud",
            description="Kommunernes tilbud til borgerne inden for sundhed, det sociale område og beskæftigelse.",
        )
        + "# Alle tilbud\n\n"
        + f"Kataloget har {len(offers)} tilbud. Efter kategori: {links}.\n\n{notice}\n\n"
        + "Klik på en kolonneoverskrift for at sortere tabellen.\n\n"
        + offer_table(offers, today, max_age_months, with_category=True)
    )


def render_category_page(
    label: str, offers: list[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS
) -> str:
    return (
        _front_matter(title=label, description=f"Tilbud inden for {label.lower()}.")
        + f"# {label}\n\n"
        + f"{len(offers)} tilbud. Se også [alle tilbud]({OVERVIEW}).\n\n"
        + offer_table(offers, today, max_age_months, with_category=False)
    )


def render_stale_page(offers: list[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> str:
    stale = stale_offers(offers, today, max_age_months)
    intro = (
        f"Tilbud, som ingen har bekræftet i over {max_age_months} måneder (pr. {danish_date(today)}), "
        "ældste først. Oplysningerne kan være forældede: kontrollér dem, før du henviser en borger, "
        "og bed den ansvarlige om at opdatere tilbuddet.\n\n"
    )
    if not stale:
        body = "Ingen tilbud er forældede.\n"
    else:
        rows = "".join(
            f"| [{_md_text(offer.title)}]({offer.id}.md) | {offer.last_updated.isoformat()} "
            f"| {danish_age(age_in_months(offer.last_updated, today))} | {_md_text(offer.owner or 'Ikke angivet')} |\n"
            for offer in stale
        )
        body = "| Tilbud | Senest opdateret | Alder | Ansvarlig |\n| --- | --- | --- | --- |\n" + rows
    return _front_matter(title="Forældede tilbud", description=None) + "# Forældede tilbud\n\n" + intro + body


def render_shortlist_page() -> str:
    """The page a team member prints for a case meeting; filled in the browser from the chosen offers."""
    return (
        _front_matter(title="Kortliste", description="Tilbud, du har samlet til et møde, klar til udskrift.")
        + "# Kortliste\n\n"
        + "Saml tilbud til et møde i det tværfaglige team: tryk *Føj til kortliste* på et tilbuds side. "
        + "Listen gemmes kun i denne browser. Udskriv den, når du er klar.\n\n"
        + '<div id="kortliste" data-search-exclude><noscript>Kortlisten kræver JavaScript.</noscript></div>\n'
    )


def render_goal_snippet(offers: list[Offer]) -> str:
    """The list included in a goal's section on the goals page (links are relative to maal/)."""
    if not offers:
        return "Ingen tilbud i kataloget er knyttet til dette mål.\n"
    return "".join(f"- [{_md_text(offer.title)}](../tilbud/{offer.id}.md)\n" for offer in offers)


def offer_table(offers: list[Offer], today: dt.date, max_age_months: int, with_category: bool) -> str:
    """A Markdown table (sortable in the browser); ISO dates sort correctly as text."""
    columns = ["Tilbud", *(["Kategori"] if with_category else []), "Målgruppe", "Kommuner", "Senest opdateret"]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for offer in offers:
        flag = " **Forældet**" if is_stale(offer, today, max_age_months) else ""
        cells = [
            f"[{_md_text(offer.title)}]({offer.id}.md)",
            *([CATEGORIES[offer.category]] if with_category else []),
            _md_text(_short(offer.target_group, 120)),
            _md_text(", ".join(offer.municipalities)),
            f"{offer.last_updated.isoformat()}{flag}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_text(text: str) -> str:
    """Content-owner Markdown → safe HTML: rendered, then cleaned against an allow-list."""
    if not _MARKUP.search(text):  # plain paragraphs, most fields: same HTML without the parser
        return "\n".join(f"<p>{html.escape(part.strip(), quote=False)}</p>" for part in _PARAGRAPHS.split(text.strip()))
    rendered = _MARKDOWN.reset().convert(text)
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def danish_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def danish_age(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [f"{years} år"] if years else []
    if months or not years:
        parts.append(f"{months} {'måned' if months == 1 else 'måneder'}")
    return " og ".join(parts)


def tel_href(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return f"tel:+{digits}" if phone.strip().startswith("+") else f"tel:+45{digits}"


def _stale_warning(offer: Offer, today: dt.date, max_age_months: int) -> str:
    age = danish_age(age_in_months(offer.last_updated, today))
    owner = f" Ansvarlig: {html.escape(offer.owner)}." if offer.owner else ""
    return (
        '<div class="admonition warning offer-stale-warning" role="note" data-search-exclude>'
        '<p class="admonition-title">Forældede oplysninger</p>'
        f"<p>Tilbuddet blev senest opdateret {danish_date(offer.last_updated)} – for {age} siden, "
        f"og ingen har bekræftet det inden for de seneste {max_age_months} måneder. "
        f"Kontrollér oplysningerne, før du henviser en borger.{owner}</p>"
        "</div>\n"
    )


def _quick_contacts(contacts: list[Contact]) -> str:
    """The numbers a caseworker on the phone needs, before any prose."""
    items = []
    for contact in contacts:
        links = [f'<a href="{tel_href(phone)}">{html.escape(phone)}</a>' for phone in contact.phone]
        if contact.email:
            links.append(f'<a href="mailto:{html.escape(contact.email)}">{html.escape(contact.email)}</a>')
        if links:
            items.append(f"<li><strong>{html.escape(contact.name)}:</strong> {' · '.join(links)}</li>")
    return f'<ul class="offer-quick-contacts" aria-label="Hurtig kontakt">{"".join(items)}</ul>\n' if items else ""


def _contact_card(contact: Contact) -> str:
    rows = []
    if contact.role:
        rows.append(("Rolle", html.escape(contact.role)))
    for phone in contact.phone:
        rows.append(("Telefon", f'<a href="{tel_href(phone)}">{html.escape(phone)}</a>'))
    if contact.email:
        email = html.escape(contact.email)
        rows.append(("E-mail", f'<a href="mailto:{email}">{email}</a>'))
    if contact.address:
        rows.append(("Adresse", html.escape(contact.address)))
    if contact.hours:
        rows.append(("Åbningstider", html.escape(contact.hours)))
    if contact.url:
        url = html.escape(contact.url)
        rows.append(("Hjemmeside", f'<a href="{url}" rel="noopener noreferrer">{url}</a>'))
    details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<div class="offer-contact"><p><strong>{html.escape(contact.name)}</strong></p><dl>{details}</dl></div>\n'


def _section(heading: str, text: str) -> str:
    return f'## {heading}\n\n<div class="offer-text">{render_text(text)}</div>\n'


def _front_matter(title: str, description: str | None) -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        # Themes put the description in an HTML attribute without escaping it.
        lines.append(f"description: {json.dumps(html.escape(description), ensure_ascii=False)}")
    return "\n".join([*lines, "---", "", ""])


def _short(text: str, limit: int) -> str:
    """The first sentence or so of a field, for tables and descriptions; plain text."""
    plain = re.sub(r"\s+", " ", re.sub(r"[*_`#>\[\]]", "", _inline_lists(text))).strip()
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


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


def _short_date(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _md_text(text: str) -> str:
    """Plain text made safe inside a Markdown line: no markup, no HTML."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", escaped)


def _md_line(text: str) -> str:
    """Plain text as a paragraph of its own: also no list, quote or heading from its first characters."""
    return re.sub(r"^(\d+)\.|^(-)", lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2]}", _md_text(text))


def write_pages(folder: Path, pages: dict[str, str]) -> list[str]:
    """Make `folder` hold exactly `pages`, touching only files whose text changed.

    Rewriting unchanged files would make `mkdocs serve` see a change and rebuild in a loop.
    Returns the paths written or removed.
    """

    def differs(item: tuple[str, str]) -> bool:
        try:
            return (folder / item[0]).read_text(encoding="utf-8") != item[1]
        except FileNotFoundError:
            return True

    def write(item: tuple[str, str]) -> None:
        (folder / item[0]).write_text(item[1], encoding="utf-8")

    # Threads, because creating a file is mostly waiting for the disk (6x faster at 1,000 pages here).
    with ThreadPoolExecutor(max_workers=8) as pool:
        differences = pool.map(differs, pages.items())
        to_write = [item for item, different in zip(pages.items(), differences, strict=True) if different]
        for parent in sorted({(folder / name).parent for name, _ in to_write}):
            parent.mkdir(parents=True, exist_ok=True)
        list(pool.map(write, to_write))
    changed = [name for name, _ in to_write]
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in pages:
                path.unlink()
                changed.append(name)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
