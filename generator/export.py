"""The catalogue as data for other systems: JSON, CSV for Danish Excel and HSDS 3.0.

Pure functions (offers in, text or bytes out); only `write_exports` touches the disk. Headings, labels and
vocabularies come from the model and the taxonomy, so a renamed field is renamed in every export.
"""

import csv
import io
import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field

from generator.model import CONTACT_LABELS, ID_PATTERN, LABELS, Contact, Offer
from generator.offer_cache import OfferCache, forget_gone, kept
from generator.owners import Owner
from generator.taxonomy import CATEGORIES, GOALS, MUNICIPALITIES, REFERRAL, ROLES

SITE_FOLDER = "data"  # where the site publishes the exports: /data/tilbud.json, …
SCHEMA_VERSION = "1.1"  # the major number rises when a field is removed or changes meaning, the minor when one is added
SCHEMA_NAME = "export.schema.json"  # committed in schemas/, published beside the JSON export
JSON_NAME = "tilbud.json"
CSV_NAME = "tilbud.csv"
HSDS_FOLDER = "hsds"
HSDS_SERVICES = f"{HSDS_FOLDER}/services.json"
HSDS_ORGANIZATIONS = f"{HSDS_FOLDER}/organizations.json"
FORMATS: dict[str, tuple[str, ...]] = {
    "json": (JSON_NAME, SCHEMA_NAME),
    "csv": (CSV_NAME,),
    "hsds": (HSDS_SERVICES, HSDS_ORGANIZATIONS),
}

# Every HSDS id is uuid5(NAMESPACE, a path built from offer ids): the same offer always gets the same ids,
# so a portal that imports the feed again updates its records instead of duplicating them. Never change it.
NAMESPACE = uuid.UUID("d272ae54-ccaf-4861-a3c4-b8398aa18c81")

JSON = dict[str, Any]  # one HSDS record
NO_OWNERS: Mapping[str, Owner] = {}
PageUrl = Callable[[str], str]


class ExportedOffer(Offer):
    """Et tilbud, som det eksporteres: alle felter, også id."""

    id: str = Field(
        pattern=ID_PATTERN, title="Id", description="Tilbuddets id: filnavnet i catalogue/ og sidens webadresse."
    )


class CatalogueExport(BaseModel):
    """Tilbudskataloget som JSON: alle tilbud med alle felter."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)

    schema_: str = Field(alias="$schema", description="Henvisning til det JSON-skema, filen følger.")
    schema_version: Literal[SCHEMA_VERSION] = Field(  # type: ignore[valid-type]
        description="Formatets version. Hovednummeret skifter, når et felt fjernes eller skifter betydning."
    )
    offers: list[ExportedOffer] = Field(title="Tilbud")


def export_schema_text() -> str:
    """The JSON Schema the JSON export follows, generated from the model (committed as schemas/export.schema.json)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_NAME,
        **CatalogueExport.model_json_schema(mode="serialization", by_alias=True),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def exported_offer(offer: Offer) -> JSON:
    return {"id": offer.id, **offer.model_dump(mode="json")}


def export_json(offers: Iterable[Offer]) -> str:
    document = {"$schema": SCHEMA_NAME, "schema_version": SCHEMA_VERSION, "offers": [exported_offer(o) for o in offers]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- CSV -------------------------------------------------------------------------------------------------------

CSV_COLUMNS = tuple(ExportedOffer.model_fields)  # id first, then the Offer's fields in their order
LIST_SEPARATOR = ", "  # municipalities, goals, legal basis, tags: one line, easy to filter on in Excel
CONTACT_SEPARATOR = "\n"  # one contact per line inside the cell; the long text cells have line breaks anyway
PHONE_SEPARATOR = " / "  # inside a contact, where ", " already separates name, role, e-mail, …
_FORMULA_SIGNS = frozenset("=+-@")  # what Excel reads as the start of a formula, after NFKC (＝ is =)
_ALWAYS_GUARDED = ("\t", "\r")


def csv_headings() -> list[str]:
    return [ExportedOffer.model_fields[name].title or name for name in CSV_COLUMNS]


def csv_contact(contact: Contact) -> str:
    """One contact on one line: name and role as they are, the rest after their field's label."""
    parts = [contact.name, contact.role]
    if contact.phone:
        parts.append(f"{CONTACT_LABELS['phone'].lower()} {PHONE_SEPARATOR.join(contact.phone)}")
    for name in ("email", "address", "hours", "url"):
        value = getattr(contact, name)
        if value:
            parts.append(f"{CONTACT_LABELS[name].lower()} {value}")
    return ", ".join(part for part in parts if part)


def csv_row(offer: Offer) -> list[str]:
    values = {
        "id": offer.id,
        "category": CATEGORIES[offer.category],
        "municipalities": LIST_SEPARATOR.join(offer.municipalities),
        "roles": LIST_SEPARATOR.join(ROLES[role] for role in offer.roles),
        "contacts": CONTACT_SEPARATOR.join(csv_contact(contact) for contact in offer.contacts),
        "referral": REFERRAL[offer.referral] if offer.referral else "",
        "goals": LIST_SEPARATOR.join(str(goal) for goal in offer.goals),
        "legal_basis": LIST_SEPARATOR.join(offer.legal_basis),
        "tags": LIST_SEPARATOR.join(offer.tags),
        "last_updated": offer.last_updated.isoformat(),
    }
    return [_as_text(values[name] if name in values else getattr(offer, name)) for name in CSV_COLUMNS]


def export_csv(offers: Iterable[Offer]) -> bytes:
    """UTF-8 with BOM and ';' between cells: what Danish Excel opens by double-click with æøå intact."""
    buffer = io.StringIO(newline="")
    _write_csv(buffer, map(_csv_line, offers))
    return buffer.getvalue().encode("utf-8-sig")


def _as_text(value: object) -> str:
    text = "" if value is None else str(value)
    # Excel runs a cell that starts like a formula (CSV injection); a leading ' makes it text. It looks past
    # leading whitespace (a space, NBSP, a line break) and reads full-width ＝ ＋ － ＠ as = + - @, so does this.
    return "'" + text if _starts_like_formula(text) else text


def _starts_like_formula(text: str) -> bool:
    if text.startswith(_ALWAYS_GUARDED):
        return True
    first = next((char for char in text if not char.isspace()), "")
    return unicodedata.normalize("NFKC", first)[:1] in _FORMULA_SIGNS


# --- HSDS 3.0 --------------------------------------------------------------------------------------------------

HSDS_COUNTRY = "DK"
# "Street 1, 2635 Ishøj": the only address form that gives HSDS's required postal code and city.
_POSTAL_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<postal_code>\d{4})\s+(?P<city>\S.*)$")


@lru_cache(maxsize=4096)  # the same taxonomy terms and organizations come back for every offer
def hsds_id(*path: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in path)))


def municipality_name(municipality: str) -> str:
    return f"{municipality} Kommune"


def hsds_organizations(offers: Iterable[Offer], owners: Mapping[str, Owner] = NO_OWNERS) -> list[JSON]:
    """The municipalities, and every owner named in an offer, linked to the municipality its name contains."""
    organizations = {municipality_name(m): _municipality_organization(m) for m in MUNICIPALITIES}
    for offer in offers:
        if offer.owner and offer.owner not in organizations:
            organizations[offer.owner] = _owner_organization(offer.owner, owners)
    return list(organizations.values())


def _municipality_organization(municipality: str) -> JSON:
    name = municipality_name(municipality)
    return {
        "id": hsds_id("organization", name),
        "name": name,
        "description": f"{name}, der tilbyder borgerne tilbuddene i tilbudskataloget.",
    }


def _owner_organization(key: str, owners: Mapping[str, Owner]) -> JSON:
    """An owner of the register (id from its key, so a renamed department keeps its id)."""
    owner = owners.get(key)
    name = owner.name if owner else key
    organization = {
        "id": hsds_id("organization", key),
        "name": name,
        "description": f"{name} er ansvarlig for tilbud i tilbudskataloget.",
    }
    if owner:
        organization["email"] = owner.email
    parents = [m for m in MUNICIPALITIES if municipality_name(m) in name]
    if len(parents) == 1:
        organization["parent_organization_id"] = _municipality_organization(parents[0])["id"]
    return organization


def _service_organization(offer: Offer, owners: Mapping[str, Owner]) -> JSON | None:
    if offer.owner:
        return _owner_organization(offer.owner, owners)
    if len(offer.municipalities) == 1:
        return _municipality_organization(offer.municipalities[0])
    return None  # several municipalities and no owner: HSDS gives a service one organization


def hsds_service(offer: Offer, page_url: PageUrl | None = None, owners: Mapping[str, Owner] = NO_OWNERS) -> JSON:
    """One offer as an HSDS service with its organization, contacts, phones, locations and attributes nested."""
    service_id = hsds_id("service", offer.id)
    service: JSON = {"id": service_id, "name": offer.title}
    if offer.subtitle:  # what tells it apart from another service of the same name
        service["alternate_name"] = offer.subtitle
    organization = _service_organization(offer, owners)
    if organization:
        service["organization_id"] = organization["id"]
    service["description"] = "\n\n".join(
        text for text in (offer.purpose, offer.description, offer.further_information) if text
    )
    if page_url:
        service["url"] = page_url(offer.id)
    service |= {
        "status": "active",
        "application_process": offer.visitation,
        "eligibility_description": offer.target_group,
        "assured_date": offer.last_updated.isoformat(),
        "contacts": [_contact(offer, index, contact) for index, contact in enumerate(offer.contacts)],
        # Hours of a contact with an address go with its location; the others are the service's.
        "schedules": [
            _hours(offer, index, f"{contact.name}: {contact.hours}")
            for index, contact in enumerate(offer.contacts)
            if contact.hours and not contact.address
        ],
        "service_areas": [
            {"id": hsds_id(offer.id, "area", m), "service_id": service_id, "name": municipality_name(m)}
            for m in offer.municipalities
        ],
        "service_at_locations": [
            _service_at_location(offer, index, contact)
            for index, contact in enumerate(offer.contacts)
            if contact.address
        ],
        "attributes": _attributes(offer, service_id),
    }
    if organization:
        service["organization"] = organization
    return service


def hsds_services(
    offers: Iterable[Offer], page_url: PageUrl | None = None, owners: Mapping[str, Owner] = NO_OWNERS
) -> list[JSON]:
    return [hsds_service(offer, page_url, owners) for offer in offers]


def _contact(offer: Offer, index: int, contact: Contact) -> JSON:
    service_id = hsds_id("service", offer.id)
    contact_id = hsds_id(offer.id, "contact", index)
    record: JSON = {"id": contact_id, "service_id": service_id, "name": contact.name}
    if contact.role:
        record["title"] = contact.role
    if contact.email:
        record["email"] = contact.email
    record["phones"] = [
        {
            "id": hsds_id(offer.id, "contact", index, "phone", number_index),
            "service_id": service_id,
            "contact_id": contact_id,
            "number": number,
        }
        for number_index, number in enumerate(contact.phone)
    ]
    if contact.url:  # HSDS 3.0 gives a contact no web address
        record["attributes"] = [_attribute(contact_id, "contact", "url", "url", CONTACT_LABELS["url"], contact.url)]
    return record


def _service_at_location(offer: Offer, index: int, contact: Contact) -> JSON:
    """A contact's address as a physical location; structured only when the text gives postal code and city."""
    service_id = hsds_id("service", offer.id)
    location_id = hsds_id(offer.id, "contact", index, "location")
    location: JSON = {
        "id": location_id,
        "location_type": "physical",
        "name": contact.name,
        "description": contact.address,
    }
    if match := _POSTAL_ADDRESS.match(contact.address or ""):
        location["addresses"] = [
            {
                "id": hsds_id(offer.id, "contact", index, "address"),
                "location_id": location_id,
                "address_1": match["street"],
                "city": match["city"],
                "state_province": "",  # a Danish address has none; HSDS requires the key
                "postal_code": match["postal_code"],
                "country": HSDS_COUNTRY,
                "address_type": "physical",
            }
        ]
    record: JSON = {"id": hsds_id(offer.id, "contact", index, "service-at-location"), "service_id": service_id}
    record["location_id"] = location_id
    if contact.hours:
        record["schedules"] = [_hours(offer, index, contact.hours)]
    record["location"] = location
    return record


def _hours(offer: Offer, index: int, text: str) -> JSON:
    """Opening hours as the free-text description of a schedule: the text has no RRULE to give."""
    service_id = hsds_id("service", offer.id)
    return {"id": hsds_id(offer.id, "contact", index, "hours"), "service_id": service_id, "description": text}


def _attributes(offer: Offer, service_id: str) -> list[JSON]:
    """Category, roles, goals, referral, legal basis and tags as HSDS attributes of the catalogue's own
    vocabularies."""
    found: list[tuple[str, str, str, str | None]] = [("category", offer.category, CATEGORIES[offer.category], None)]
    found += [("roles", role, ROLES[role], None) for role in offer.roles]
    found += [("goals", str(goal), GOALS[goal], None) for goal in offer.goals]
    if offer.referral:
        found.append(("referral", offer.referral, REFERRAL[offer.referral], None))
    # Free text fields: one term for the field, the text as the attribute's value.
    found += [("legal_basis", "legal_basis", LABELS["legal_basis"], text) for text in offer.legal_basis]
    found += [("tags", "tags", LABELS["tags"], text) for text in offer.tags]
    return [_attribute(service_id, "service", *found_one) for found_one in found]


def _attribute(link_id: str, link_entity: str, field: str, code: str, name: str, value: str | None = None) -> JSON:
    info = (Contact if link_entity == "contact" else Offer).model_fields[field]
    attribute: JSON = {
        "id": hsds_id(link_id, "attribute", field, code, value or ""),
        "link_id": link_id,
        "link_type": field,
        "link_entity": link_entity,
    }
    if value is not None:
        attribute["value"] = value
    attribute["taxonomy_term"] = {
        "id": hsds_id("taxonomy-term", link_entity, field, code),
        "code": code,
        "name": name,
        "description": info.description,
        "taxonomy": f"Tilbudskatalog: {info.title}",
    }
    return attribute


# --- Files -----------------------------------------------------------------------------------------------------


def write_exports(
    offers: list[Offer],
    folder: Path,
    formats: Iterable[str] = tuple(FORMATS),
    page_url: PageUrl | None = None,
    owners: Mapping[str, Owner] = NO_OWNERS,
) -> list[Path]:
    """Write the export files into `folder`, one record at a time.

    Streaming keeps the memory of a build flat: at 10,000 offers the HSDS services alone are ~100 MB of JSON,
    which must not be held whole beside the site MkDocs is building.
    """
    written = []
    for name, write in _writers(offers, formats, page_url, owners, None):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "utf-8-sig" if name == CSV_NAME else "utf-8"
        with path.open("w", encoding=encoding, newline="") as out:
            write(out)
        written.append(path)
    return written


def export_texts(
    offers: list[Offer],
    page_url: PageUrl | None = None,
    owners: Mapping[str, Owner] = NO_OWNERS,
    cache: OfferCache | None = None,
) -> dict[str, str]:
    """The text of every export file, by its name, as write_exports writes them (the CSV's byte order mark
    included): for `mkdocs serve`, which hands them to MkDocs from memory instead of writing them twice (here,
    then into the site), and which keeps each offer's records in `cache`, so a save makes only the changed
    offer's again."""
    texts = {}
    for name, write in _writers(offers, tuple(FORMATS), page_url, owners, cache):
        out = io.StringIO(newline="")
        write(out)
        texts[name] = ("\ufeff" if name == CSV_NAME else "") + out.getvalue()
    return texts


def _writers(
    offers: list[Offer],
    formats: Iterable[str],
    page_url: PageUrl | None,
    owners: Mapping[str, Owner],
    cache: OfferCache | None,
) -> Iterator[tuple[str, Callable[[TextIO], None]]]:
    """Each export file's name, and what writes it."""
    forget_gone(cache, offers)

    def records(
        name: str, record: Callable[[Offer], Any], shows: Callable[[Offer], object] = lambda _: None
    ) -> Iterator[Any]:
        return (kept(cache, name, offer, shows(offer), partial(record, offer)) for offer in offers)

    def service(offer: Offer) -> str:
        return _json(hsds_service(offer, page_url, owners))

    def service_shows(offer: Offer) -> object:
        return (page_url(offer.id) if page_url else None, owners.get(offer.owner or ""))

    writers: dict[str, Callable[[TextIO], None]] = {
        JSON_NAME: lambda out: _write_json_list(out, _JSON_HEAD, records(JSON_NAME, _offer_json)),
        SCHEMA_NAME: lambda out: _write_text(out, export_schema_text()),
        CSV_NAME: lambda out: _write_csv(out, records(CSV_NAME, _csv_line)),
        HSDS_SERVICES: lambda out: _write_json_list(out, "", records(HSDS_SERVICES, service, service_shows)),
        HSDS_ORGANIZATIONS: lambda out: _write_json_list(out, "", map(_json, hsds_organizations(offers, owners))),
    }
    for name in (name for fmt in formats for name in FORMATS[fmt]):
        yield name, writers[name]


def _json(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)


def _offer_json(offer: Offer) -> str:
    return _json(exported_offer(offer))


_JSON_HEAD = f'{{"$schema": "{SCHEMA_NAME}", "schema_version": "{SCHEMA_VERSION}", "offers": '


def _write_text(out: TextIO, text: str) -> None:
    out.write(text)


def _write_json_list(out: TextIO, head: str, items: Iterator[str]) -> None:
    """`head` (an object's opening up to a key), then a JSON list of the JSON texts `items`, then the closing."""
    out.write(head + "[")
    for number, item in enumerate(items):
        out.write(("," if number else "") + "\n" + item)
    out.write("\n]" + ("}" if head else "") + "\n")


def _write_csv(out: TextIO, lines: Iterable[str]) -> None:
    out.write(_csv_text(csv_headings()))
    out.writelines(lines)


def _csv_line(offer: Offer) -> str:
    return _csv_text(csv_row(offer))


def _csv_text(row: list[str]) -> str:
    """One row as the CSV file holds it: `;` between the fields (Excel's in Danish), lines ended by CRLF."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(row)
    return out.getvalue()
