"""Offers → Markdown pages: pure functions from data to {relative path: text}.

The pages are ordinary Markdown with front matter, so any MkDocs-compatible builder can render them;
only the thin hook in mkdocs_hook.py knows about MkDocs. Text fields are Markdown written by content
owners: they are rendered here and passed through an allow-list sanitizer, so no raw HTML, script,
event handler or javascript: link from a YAML file ever reaches a caseworker's browser.
"""

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.export import CSV_NAME, HSDS_SERVICES, JSON_NAME, SITE_FOLDER
from generator.formatting import age, long_date
from generator.model import CONTACT_LABELS, LABELS, Contact, Offer
from generator.sanitise import owner_html
from generator.search import offer_body, offer_metadata, weighted
from generator.stale import DEFAULT_MAX_AGE_MONTHS, age_in_months, is_stale, stale_offers
from generator.tables import Cell, Filter, Row, filter_form, html_table
from generator.taxonomy import ACCESS, CATEGORIES, GOALS, MUNICIPALITIES, REFERRAL, REFERRAL_ACCESS

OVERVIEW = "index.md"
STALE_PAGE = "foraeldede.md"
SHORTLIST_PAGE = "kortliste.md"
GOAL_SNIPPETS = "_maal"
GOALS_PAGE = "../maal/index.md"  # the narrative page with one section per goal, seen from tilbud/
OVERVIEW_TABLE = "alle-tilbud"  # the id the overview's filters find their table by


def render_catalogue(
    offers: Iterable[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS
) -> dict[str, str]:
    """Every generated file of the catalogue section, keyed by path relative to the output folder."""
    offers = sorted(offers, key=lambda offer: (offer.title.casefold(), offer.id))
    pages = {f"{offer.id}.md": render_offer_page(offer, today, max_age_months) for offer in offers}
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
    label = LABELS
    out = [
        _front_matter(title=offer.title, description=_short(offer.target_group, 150)),
        weighted("title", f"# {_md_text(offer.title)}\n"),
        offer_metadata(offer),
        f"**Kategori:** [{CATEGORIES[offer.category]}]({offer.category}.md) · "
        f"**Kommuner:** {_md_text(', '.join(offer.municipalities))} · "
        f"**{label['last_updated']}:** {long_date(offer.last_updated)}\n{{ .offer-meta }}\n",
    ]
    if is_stale(offer, today, max_age_months):
        out.append(_stale_warning(offer, today, max_age_months))
    # What a caseworker needs first, on the first screen of a phone: who it is for, how to get in, whom to call.
    out.append(weighted("target_group", _section(label["target_group"], offer.target_group)))
    if offer.referral:
        out.append(f'<p class="offer-referral offer-referral--{offer.referral}">{REFERRAL[offer.referral]}</p>\n')
    if offer.contacts:
        out.append(_quick_contacts(offer.contacts))
    out.append(weighted("visitation", _section(label["visitation"], offer.visitation)))
    out.append(
        f'<p class="offer-shortlist"><button type="button" class="md-button offer-shortlist-toggle" hidden '
        f'data-offer-id="{offer.id}" data-offer-title="{html.escape(offer.title)}">Føj til kortliste</button></p>\n'
    )
    out.append(weighted("purpose", _section(label["purpose"], offer.purpose)))
    if offer.description:
        out.append(weighted("description", _section(label["description"], offer.description)))
    if offer.contacts:
        cards = "".join(_contact_card(contact) for contact in offer.contacts)
        out.append(weighted("contacts", f"### {label['contacts']}\n\n" + cards))
    if offer.further_information:
        out.append(weighted("further_information", _section(label["further_information"], offer.further_information)))
    if offer.goals:
        items = "".join(f"- [Mål {goal}: {_md_text(GOALS[goal])}]({GOALS_PAGE}#maal-{goal})\n" for goal in offer.goals)
        out.append(f"## {label['goals']}\n\n{items}")
    if offer.legal_basis:
        out.append(f"## {label['legal_basis']}\n\n<p>{_plain(', '.join(offer.legal_basis))}</p>\n")
    if offer.tags:
        out.append(
            weighted("tags", f'## {label["tags"]}\n\n<p class="offer-tags">{_plain(", ".join(offer.tags))}</p>\n')
        )
    owner = f" · {label['owner']}: {_plain(offer.owner)}" if offer.owner else ""
    out.append(
        f"## {label['last_updated']}\n\n"
        f'<p class="offer-updated"><time datetime="{offer.last_updated.isoformat()}">'
        f"{long_date(offer.last_updated)}</time>{owner}</p>\n"
    )
    return out[0] + offer_body("\n".join(out[1:]))


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
        + f"Hent data: [regneark (CSV)](../{SITE_FOLDER}/{CSV_NAME}) · [JSON](../{SITE_FOLDER}/{JSON_NAME}) · "
        + f"[HSDS](../{SITE_FOLDER}/{HSDS_SERVICES}) – [om formaterne](../data.md).\n\n"
        + "Klik på en kolonneoverskrift for at sortere tabellen.\n\n"
        + filter_form(overview_filters(offers), OVERVIEW_TABLE)
        + "\n"
        + offer_table(offers, today, max_age_months, with_category=True, id=OVERVIEW_TABLE)
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
        f"Tilbud, som ingen har bekræftet i over {max_age_months} måneder (pr. {long_date(today)}), "
        "ældste først. Oplysningerne kan være forældede: kontrollér dem, før du henviser en borger, "
        "og bed den ansvarlige om at opdatere tilbuddet.\n\n"
    )
    if not stale:
        body = "Ingen tilbud er forældede.\n"
    else:
        rows = [
            Row(
                [
                    Cell(offer.title, href=f"{offer.id}.md"),
                    Cell(offer.last_updated.isoformat()),
                    Cell(age(age_in_months(offer.last_updated, today))),
                    Cell(offer.owner or "Ikke angivet"),
                ]
            )
            for offer in stale
        ]
        body = html_table(["Tilbud", LABELS["last_updated"], "Alder", LABELS["owner"]], rows)
    return _front_matter(title="Forældede tilbud", description=None) + "# Forældede tilbud\n\n" + intro + body


def render_shortlist_page() -> str:
    """The page a team member prints for a case meeting; filled in the browser from the chosen offers."""
    return (
        _front_matter(title="Kortliste", description="Tilbud, du har samlet til et møde, klar til udskrift.")
        + "# Kortliste\n\n"
        + "Saml tilbud til et møde i det tværfaglige team: tryk *Føj til kortliste* på et tilbuds side. "
        + "Listen gemmes kun i denne browser. Del den med et link, skriv noter til mødet, "
        + "og udskriv den som uddeling, når du er klar.\n{ .shortlist-intro }\n\n"
        # Not id="kortliste": the heading above gets that id, and the list must not end up inside it.
        + '<div class="shortlist" data-shortlist data-search-exclude>'
        + "<noscript>Kortlisten kræver JavaScript.</noscript></div>\n"
    )


def render_goal_snippet(offers: list[Offer]) -> str:
    """The list included in a goal's section on the goals page (links are relative to maal/)."""
    if not offers:
        return "Ingen tilbud i kataloget er knyttet til dette mål.\n"
    items = "".join(f"- [{_md_text(offer.title)}](../tilbud/{offer.id}.md)\n" for offer in offers)
    return "Tilbud i kataloget:\n{ .goal-offers-lead }\n\n" + items


def offer_table(
    offers: list[Offer], today: dt.date, max_age_months: int, with_category: bool, id: str | None = None
) -> str:
    """A table that sorts in the browser (ISO dates sort correctly as text) and stacks on a phone."""
    columns = ["Tilbud", *(["Kategori"] if with_category else []), "Målgruppe", "Kommuner", "Senest opdateret"]
    stale = {offer.id for offer in stale_offers(offers, today, max_age_months)}
    rows = [
        Row(
            [
                Cell(offer.title, href=f"{offer.id}.md"),
                *([Cell(CATEGORIES[offer.category])] if with_category else []),
                Cell(_short(offer.target_group, 120)),
                Cell(", ".join(offer.municipalities)),
                Cell(offer.last_updated.isoformat(), note="Forældet" if offer.id in stale else None),
            ],
            data=_filter_values(offer),
        )
        for offer in offers
    ]
    return html_table(columns, rows, id=id)


def overview_filters(offers: list[Offer]) -> list[Filter]:
    """The overview's filters, with only the values some offer has, in the taxonomy's order."""
    present = {name: {value for offer in offers for value in _filter_values(offer)[name]} for name in _FILTER_LABELS}
    order = {
        "kommune": list(MUNICIPALITIES),
        "kategori": list(CATEGORIES),
        "adgang": list(ACCESS),
        "maal": [str(goal) for goal in GOALS],
        "lovgrundlag": sorted(present["lovgrundlag"], key=str.casefold),
    }
    return [
        Filter(name, label, [(value, _FILTER_OPTION[name](value)) for value in order[name] if value in present[name]])
        for name, label in _FILTER_LABELS.items()
    ]


_FILTER_LABELS = {
    "kommune": LABELS["municipalities"],
    "kategori": LABELS["category"],
    "adgang": LABELS["referral"],
    "maal": LABELS["goals"],
    "lovgrundlag": LABELS["legal_basis"],
}
_FILTER_OPTION: dict[str, Callable[[str], str]] = {
    "kommune": str,
    "kategori": CATEGORIES.__getitem__,
    "adgang": ACCESS.__getitem__,
    "maal": lambda goal: f"Mål {goal}: {GOALS[int(goal)]}",
    "lovgrundlag": str,
}


def _filter_values(offer: Offer) -> dict[str, list[str]]:
    return {
        "kommune": list(offer.municipalities),
        "kategori": [offer.category],
        "adgang": list(REFERRAL_ACCESS[offer.referral]) if offer.referral else [],
        "maal": [str(goal) for goal in offer.goals],
        "lovgrundlag": list(offer.legal_basis),
    }


def tel_href(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return f"tel:+{digits}" if phone.strip().startswith("+") else f"tel:+45{digits}"


def _stale_warning(offer: Offer, today: dt.date, max_age_months: int) -> str:
    """One line on the first screen; the dates and whom to ask on demand."""
    since = age(age_in_months(offer.last_updated, today))
    owner = f" Ansvarlig: {owner_html(offer.owner, markdown_text=False)}." if offer.owner else ""
    return (
        '<details class="warning offer-stale-warning" data-search-exclude>'
        f"<summary>Ikke bekræftet i over {max_age_months} måneder – kontrollér før du henviser</summary>"
        f"<p>Tilbuddet blev senest opdateret {long_date(offer.last_updated)} – for {since} siden, "
        f"og ingen har bekræftet det inden for de seneste {max_age_months} måneder. "
        f"Kontrollér oplysningerne, før du henviser en borger.{owner}</p>"
        "</details>\n"
    )


def _quick_contacts(contacts: list[Contact]) -> str:
    """The numbers a caseworker on the phone needs, before any prose."""
    items = []
    for contact in contacts:
        links = [f'<a href="{tel_href(phone)}">{_plain(phone)}</a>' for phone in contact.phone]
        if contact.email:
            links.append(f'<a href="mailto:{html.escape(contact.email)}">{_plain(contact.email)}</a>')
        if links:
            items.append(f"<li><strong>{_plain(contact.name)}:</strong> {' · '.join(links)}</li>")
    return f'<ul class="offer-quick-contacts" aria-label="Hurtig kontakt">{"".join(items)}</ul>\n' if items else ""


def _contact_card(contact: Contact) -> str:
    rows = []
    if contact.role:
        rows.append((CONTACT_LABELS["role"], _plain(contact.role)))
    rows += [(CONTACT_LABELS["phone"], f'<a href="{tel_href(phone)}">{_plain(phone)}</a>') for phone in contact.phone]
    if contact.email:
        email = f'<a href="mailto:{html.escape(contact.email)}">{_plain(contact.email)}</a>'
        rows.append((CONTACT_LABELS["email"], email))
    if contact.address:
        rows.append((CONTACT_LABELS["address"], _plain(contact.address)))
    if contact.hours:
        rows.append((CONTACT_LABELS["hours"], _plain(contact.hours)))
    if contact.url:
        url = f'<a href="{html.escape(contact.url)}" rel="noopener noreferrer">{_plain(contact.url)}</a>'
        rows.append((CONTACT_LABELS["url"], url))
    details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<div class="offer-contact"><p><strong>{_plain(contact.name)}</strong></p><dl>{details}</dl></div>\n'


def _plain(text: str) -> str:
    return owner_html(text, markdown_text=False)


def _section(heading: str, text: str) -> str:
    return f'## {heading}\n\n<div class="offer-text">{owner_html(text)}</div>\n'


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
