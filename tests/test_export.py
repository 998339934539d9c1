"""The exports as another system reads them: the JSON against its schema, the CSV through `csv` as Excel
would split it, HSDS against Open Referral's own schemas."""

import csv
import io
import json
import subprocess
import sys
import uuid

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator.cli import main
from generator.export import (
    CSV_NAME,
    FORMATS,
    HSDS_ORGANIZATIONS,
    HSDS_SERVICES,
    JSON_NAME,
    NAMESPACE,
    SCHEMA_NAME,
    export_csv,
    export_json,
    export_schema_text,
    export_texts,
    hsds_organizations,
    hsds_service,
    hsds_services,
    write_exports,
)
from generator.load import load_catalogue
from generator.model import Contact, Offer
from generator.owners import load_owners
from generator.taxonomy import CATEGORIES, REFERRAL, ROLES
from tests.conftest import DATA, ROOT
from tests.site import build, make_project

HSDS = ROOT / "tests/data/hsds"  # Open Referral's HSDS 3.0 schemas, vendored unmodified (see its README)
FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


@pytest.fixture(scope="module")
def offers() -> list[Offer]:
    catalogue = load_catalogue([DATA / "valid"])
    assert not catalogue.problems
    return catalogue.offers


@pytest.fixture(scope="module")
def full(offers) -> Offer:
    return next(offer for offer in offers if offer.id == "full")


def errors(validator: jsonschema.protocols.Validator, instance: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


# --- JSON ------------------------------------------------------------------------------------------------------


def export_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / SCHEMA_NAME).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


def test_committed_export_schema_matches_model():
    committed = (ROOT / "schemas" / SCHEMA_NAME).read_text(encoding="utf-8")
    assert committed == export_schema_text(), "stale: run 'catalogue export --format schema --output schemas'"


# Every field, id first, then in the model's order; an empty field is null or [], never left out.
JSON_FIELDS = [
    "id",
    "title",
    "subtitle",
    "category",
    "municipalities",
    "purpose",
    "target_group",
    "roles",
    "description",
    "visitation",
    "further_information",
    "contacts",
    "referral",
    "goals",
    "legal_basis",
    "tags",
    "owner",
    "last_updated",
]
CONTACT_FIELDS = ["name", "role", "phone", "email", "address", "hours", "url"]


def test_json_export_validates_against_its_schema_and_holds_every_field(offers):
    document = json.loads(export_json(offers))
    assert errors(export_validator(), document) == []
    assert list(document) == ["$schema", "schema_version", "offers"]
    assert (document["$schema"], document["schema_version"]) == ("export.schema.json", "1.1")
    assert [item["id"] for item in document["offers"]] == ["full", "minimal", "quoted-iso-date"]
    full, minimal, _ = document["offers"]
    assert list(full) == list(minimal) == JSON_FIELDS
    assert [list(contact) for contact in full["contacts"]] == [CONTACT_FIELDS, CONTACT_FIELDS]
    assert full == {
        "id": "full",
        "title": "Rygestop",
        "subtitle": None,
        "category": "sundhed",
        "municipalities": ["Ishøj"],
        "purpose": "At støtte et rygestop.",
        "target_group": "Borgere, der vil stoppe med at ryge.",
        "roles": [],
        "description": "Kurset har **6 mødegange**:\n\n- på dansk\n- på tyrkisk",  # the owner's Markdown, as written
        "visitation": "Ring til Sundhedskonsulenterne på 43 57 77 26.",
        "further_information": "Se også [Stoplinien](https://www.stoplinien.dk).",
        "contacts": [
            {
                "name": "Sundhedskonsulenterne i Ishøj",
                "role": "Sundhedskonsulent",
                "phone": ["43 57 77 26", "43577727"],
                "email": "sundhed@ishoj.dk",
                "address": "Ishøj Store Torv 22",
                "hours": "Mandag 9.30 - 12.00",
                "url": "https://www.ishoj.dk",
            },
            {
                "name": "Stoplinien",
                "role": None,
                "phone": ["80313131"],
                "email": None,
                "address": None,
                "hours": None,
                "url": None,
            },
        ],
        "referral": "self_or_caseworker",
        "goals": [8, 9],
        "legal_basis": ["SEL § 101"],
        "tags": ["rygning", "tyrkisk"],
        "owner": "sundhed-ishoej",
        "last_updated": "2012-12-19",
    }
    assert minimal == {
        "id": "minimal",
        "title": "Rygestop",
        "subtitle": None,
        "category": "sundhed",
        "municipalities": ["Ishøj"],
        "purpose": "At støtte et rygestop.",
        "target_group": "Borgere, der vil stoppe med at ryge.",
        "roles": [],
        "description": None,
        "visitation": "Ring til Sundhedskonsulenterne på 43 57 77 26.",
        "further_information": None,
        "contacts": [],
        "referral": None,
        "goals": [],
        "legal_basis": [],
        "tags": [],
        "owner": None,
        "last_updated": "2012-12-19",
    }
    for item, offer in zip(document["offers"], offers, strict=True):
        assert Offer.model_validate(item) == offer  # read back, the same offer


def test_json_schema_rejects_what_the_model_rejects(offers):
    validator = export_validator()
    document = json.loads(export_json(offers))
    document["offers"][0]["category"] = "kultur"
    del document["offers"][1]["last_updated"]
    document["offers"][2]["colour"] = "blue"
    assert len(errors(validator, document)) == 3


def test_json_writes_phones_as_lists_of_text(full):
    contacts = json.loads(export_json([full]))["offers"][0]["contacts"]
    assert [contact["phone"] for contact in contacts] == [["43 57 77 26", "43577727"], ["80313131"]]


# --- CSV -------------------------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_csv_round_trips_with_the_offers_values(offers):
    rows = read_csv(export_csv(offers))
    titles = {name: field.title for name, field in Offer.model_fields.items() if name != "id"}
    assert list(rows[0]) == ["Id", *titles.values()]
    assert "Senest opdateret" in rows[0] and "Kontaktpersoner" in rows[0]
    labels = {**{v: k for k, v in CATEGORIES.items()}, **{v: k for k, v in REFERRAL.items()}, "": None}
    for row, offer in zip(rows, offers, strict=True):
        cell = {name: row[title] for name, title in titles.items()}
        assert row["Id"] == offer.id
        for name in ("title", "purpose", "target_group", "visitation"):
            assert cell[name] == getattr(offer, name)
        for name in ("description", "further_information", "owner"):
            assert cell[name] == (getattr(offer, name) or "")
        assert labels[cell["category"]] == offer.category
        assert labels[cell["referral"]] == offer.referral
        assert cell["municipalities"].split(", ") == offer.municipalities
        assert [int(goal) for goal in cell["goals"].split(", ") if goal] == offer.goals
        assert [text for text in cell["legal_basis"].split(", ") if text] == offer.legal_basis
        assert [text for text in cell["tags"].split(", ") if text] == offer.tags
        assert cell["last_updated"] == offer.last_updated.isoformat()
        assert len(cell["contacts"].splitlines()) == len(offer.contacts)


def test_subtitle_and_roles_reach_every_export(full, hsds_service_validator):
    offer = full.model_copy(update={"subtitle": "Borgere med kronisk sygdom", "roles": ["borger", "paaroerende"]})
    document = json.loads(export_json([offer]))
    assert errors(export_validator(), document) == []
    item = document["offers"][0]
    assert (item["subtitle"], item["roles"]) == ("Borgere med kronisk sygdom", ["borger", "paaroerende"])
    row = read_csv(export_csv([offer]))[0]
    assert (row["Undertitel"], row["Henvender sig til"]) == ("Borgere med kronisk sygdom", "Borgeren selv, Pårørende")
    service = hsds_service(offer)
    assert errors(hsds_service_validator, service) == []
    assert service["alternate_name"] == "Borgere med kronisk sygdom"
    roles = [a["taxonomy_term"] for a in service["attributes"] if a["link_type"] == "roles"]
    assert [(term["code"], term["name"]) for term in roles] == [(key, ROLES[key]) for key in offer.roles]
    assert "alternate_name" not in hsds_service(full)


def test_csv_writes_one_contact_per_line_with_labelled_parts(full):
    row = read_csv(export_csv([full]))[0]
    assert row["Kontaktpersoner"] == (
        "Sundhedskonsulenterne i Ishøj, Sundhedskonsulent, telefon 43 57 77 26 / 43577727, "
        "e-mail sundhed@ishoj.dk, adresse Ishøj Store Torv 22, åbningstider Mandag 9.30 - 12.00, "
        "hjemmeside https://www.ishoj.dk\n"
        "Stoplinien, telefon 80313131"
    )
    assert (row["Kommuner"], row["Mål for social mobilitet"], row["Emneord"]) == ("Ishøj", "8, 9", "rygning, tyrkisk")


def test_csv_is_excel_shaped(offers):
    data = export_csv(offers)
    assert data.count(b"\r\n") >= len(offers) + 1
    header = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.startswith("Id;Titel;Undertitel;Kategori;")


def test_csv_cell_never_starts_like_a_formula(full):
    offer = full.model_copy(update={"description": "- på dansk\n- på tyrkisk", "owner": "=HYPERLINK(1)"})
    row = read_csv(export_csv([offer]))[0]
    assert row["Beskrivelse"] == "'- på dansk\n- på tyrkisk"
    assert row["Ansvarlig"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        (" =HYPERLINK(1)", True),  # leading space
        ("\u00a0=HYPERLINK(1)", True),  # no-break space
        ("\n=HYPERLINK(1)", True),  # a line break
        ("\t=HYPERLINK(1)", True),  # tab
        ("\tTekst", True),  # a cell that starts with tab or CR is always guarded
        ("\rTekst", True),
        ("\uff1dHYPERLINK(1)", True),  # full-width ＝
        ("\uff0bSUM(1)", True),  # full-width ＋
        ("\uff20SUM(1)", True),  # full-width ＠
        ("\uff0d1+1", True),  # full-width －
        ("\ufe66SUM(1)", True),  # small ﹦
        ("@SUM(1)", True),
        ("+SUM(1)", True),
        # A phone number written with its country code is guarded too: Excel shows it with the quote hidden,
        # and a number that opens as text keeps its + and spaces.
        ("+45 43 57 77 26", True),
        ("Rygestop for borgere i Ishøj", False),
        (" Rygestop", False),
        ("43 57 77 26", False),
        ("", False),
    ],
)
def test_csv_formula_guard_looks_past_whitespace_and_compatibility_forms(full, cell, guarded):
    offer = full.model_copy(update={"owner": cell})
    row = read_csv(export_csv([offer]))[0]
    assert row["Ansvarlig"] == ("'" + cell if guarded else cell)


# --- HSDS ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hsds_service_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((HSDS / "schema/compiled/service_with_definitions.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


def hsds_table_validator(name: str) -> jsonschema.Draft202012Validator:
    """One table schema of schema/, whose references ("phone.json") name the other files of that folder."""
    resources = [
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8"))))
        for path in (HSDS / "schema").glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(registry[name].contents, registry=registry, format_checker=FORMAT_CHECKER)


def test_hsds_services_validate_against_the_official_schema(offers, hsds_service_validator):
    for service in hsds_services(offers):
        assert errors(hsds_service_validator, service) == []
    broken = hsds_services(offers)[0] | {"status": "open", "id": "full"}
    del broken["name"]
    assert len(errors(hsds_service_validator, broken)) == 3  # the validator is wired: enum, uuid, required


def test_hsds_organizations_validate_against_the_official_table_schema(offers):
    validator = hsds_table_validator("organization.json")
    organizations = hsds_organizations(offers)
    for organization in organizations:
        assert errors(validator, organization) == []
    ids = {organization["id"] for organization in organizations}
    assert {organization.get("parent_organization_id", organization["id"]) for organization in organizations} <= ids
    assert all(service.get("organization_id", next(iter(ids))) in ids for service in hsds_services(offers))


def test_hsds_service_maps_the_offer(full):
    service = hsds_service(full, page_url=lambda offer_id: f"https://example.org/tilbud/{offer_id}/")
    assert service["id"] == str(uuid.uuid5(NAMESPACE, "service/full"))
    assert (service["name"], service["status"], service["assured_date"]) == ("Rygestop", "active", "2012-12-19")
    assert service["description"].startswith(full.purpose + "\n\n" + full.description)
    assert service["description"].endswith(full.further_information)
    assert service["application_process"] == full.visitation
    assert service["eligibility_description"] == full.target_group
    assert service["url"] == "https://example.org/tilbud/full/"
    assert service["organization"]["name"] == full.owner
    assert [area["name"] for area in service["service_areas"]] == ["Ishøj Kommune"]
    contact = service["contacts"][0]
    assert (contact["name"], contact["title"], contact["email"]) == (
        "Sundhedskonsulenterne i Ishøj",
        "Sundhedskonsulent",
        "sundhed@ishoj.dk",
    )
    assert [phone["number"] for phone in contact["phones"]] == ["43 57 77 26", "43577727"]
    assert {phone["contact_id"] for phone in contact["phones"]} == {contact["id"]}
    assert contact["attributes"][0]["value"] == "https://www.ishoj.dk"
    located = service["service_at_locations"][0]
    assert located["location"]["description"] == "Ishøj Store Torv 22"
    assert "addresses" not in located["location"]  # no postal code and city in the text: HSDS requires both
    assert located["schedules"][0]["description"] == "Mandag 9.30 - 12.00"
    attributes = {(a["link_type"], a["taxonomy_term"]["code"], a.get("value")) for a in service["attributes"]}
    assert attributes == {
        ("category", "sundhed", None),
        ("goals", "8", None),
        ("goals", "9", None),
        ("referral", "self_or_caseworker", None),
        ("legal_basis", "legal_basis", "SEL § 101"),
        ("tags", "tags", "rygning"),
        ("tags", "tags", "tyrkisk"),
    }


def test_hsds_address_is_structured_when_the_text_gives_postal_code_and_city(full, hsds_service_validator):
    offer = full.model_copy(
        update={"contacts": [Contact(name="Stoplinien", address="Åboulevard 58, 2200 Kbh. N", hours="Hverdage 9-15")]}
    )
    service = hsds_service(offer)
    assert errors(hsds_service_validator, service) == []
    (address,) = service["service_at_locations"][0]["location"]["addresses"]
    assert {key: address[key] for key in ("address_1", "postal_code", "city", "country")} == {
        "address_1": "Åboulevard 58",
        "postal_code": "2200",
        "city": "Kbh. N",
        "country": "DK",
    }


def test_hsds_hours_without_an_address_belong_to_the_service(full):
    offer = full.model_copy(update={"contacts": [Contact(name="Akuttelefonen", hours="Døgnet rundt")]})
    service = hsds_service(offer)
    assert service["service_at_locations"] == []
    assert [schedule["description"] for schedule in service["schedules"]] == ["Akuttelefonen: Døgnet rundt"]


def test_hsds_ids_are_stable_and_unique(offers):
    first, again = hsds_services(offers), hsds_services(offers)
    assert first == again
    found: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id":
                    found.append(item)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for service in first:
        collect({key: value for key, value in service.items() if key != "organization"})
    taxonomy_terms = {a["taxonomy_term"]["id"] for s in first for a in s["attributes"]}
    records = [item for item in found if item not in taxonomy_terms]  # terms are shared on purpose
    assert len(records) == len(set(records))


def test_hsds_organization_of_a_department_points_to_its_municipality(full):
    owners, _ = load_owners(DATA / "owners/owners.yaml")
    organizations = {o["name"]: o for o in hsds_organizations([full], owners)}
    department = organizations[owners[full.owner].name]
    assert department["parent_organization_id"] == organizations["Ishøj Kommune"]["id"]
    assert department["email"] == owners[full.owner].email


def test_hsds_organization_without_owner_is_the_one_municipality_or_none(offers):
    minimal = next(offer for offer in offers if offer.id == "minimal")
    assert hsds_service(minimal)["organization"]["name"] == "Ishøj Kommune"
    shared = minimal.model_copy(update={"municipalities": ["Ishøj", "Vallensbæk"]})
    service = hsds_service(shared)
    assert "organization" not in service and "organization_id" not in service
    assert [area["name"] for area in service["service_areas"]] == ["Ishøj Kommune", "Vallensbæk Kommune"]


@pytest.mark.live
def test_live_catalogue_exports_and_validates(hsds_service_validator):
    catalogue = load_catalogue([ROOT / "catalogue"])
    assert not catalogue.problems
    assert errors(export_validator(), json.loads(export_json(catalogue.offers))) == []
    assert len(read_csv(export_csv(catalogue.offers))) == len(catalogue.offers)
    for service in hsds_services(catalogue.offers):
        assert errors(hsds_service_validator, service) == []
    validator = hsds_table_validator("organization.json")
    for organization in hsds_organizations(catalogue.offers):
        assert errors(validator, organization) == []


# --- Files and command ------------------------------------------------------------------------------------------


def test_with_a_cache_only_changed_offers_are_exported_again_and_the_texts_are_the_files(offers, tmp_path, monkeypatch):
    """`mkdocs serve` hands MkDocs the exports from memory (export_texts), keeping each offer's records: after
    an edit they are, byte for byte, the files a build writes."""
    from generator import export

    made = []
    service = export.hsds_service
    monkeypatch.setattr(export, "hsds_service", lambda offer, *rest: made.append(offer.id) or service(offer, *rest))
    cache = {}
    url = lambda offer_id: f"/tilbud/{offer_id}/"  # noqa: E731
    export_texts(offers, page_url=url, cache=cache)
    changed = [offers[0].model_copy(update={"title": "Nyt navn"}), *offers[1:-1]]  # one retitled, the last removed
    made.clear()
    texts = export_texts(changed, page_url=url, cache=cache)
    assert made == [offers[0].id]
    written = write_exports(changed, tmp_path, page_url=url)
    assert {path.relative_to(tmp_path).as_posix() for path in written} == set(texts)
    for path in written:
        assert texts[path.relative_to(tmp_path).as_posix()].encode("utf-8") == path.read_bytes(), path.name
    assert offers[-1].id not in {offer_id for _, offer_id in cache}
    made.clear()
    export_texts(changed, page_url=lambda offer_id: f"/nyt/{offer_id}/", cache=cache)
    assert sorted(made) == sorted(offer.id for offer in changed)  # another address: every service again


def test_write_exports_writes_every_format(offers, tmp_path):
    written = write_exports(offers, tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(
        {JSON_NAME, SCHEMA_NAME, CSV_NAME, HSDS_SERVICES, HSDS_ORGANIZATIONS}
    )
    assert (tmp_path / CSV_NAME).read_bytes() == export_csv(offers)
    only_hsds = write_exports(offers, tmp_path / "hsds-only", ["hsds"])
    assert {path.relative_to(tmp_path / "hsds-only").as_posix() for path in only_hsds} == set(FORMATS["hsds"])


def catalogue_command(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_export_command_writes_the_format_asked_for(tmp_path):
    result = catalogue_command("export", "--format", "csv", "--output", str(tmp_path), "tests/data/valid")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"wrote {tmp_path / CSV_NAME}\n"
    assert len(read_csv((tmp_path / CSV_NAME).read_bytes())) == 3


def test_export_command_defaults_to_the_current_folder_and_the_catalogue(tmp_path):
    project = tmp_path / "project"
    (project / "catalogue").mkdir(parents=True)
    for name in ("full.yaml", "minimal.yaml"):
        (project / "catalogue" / name).write_bytes((DATA / "valid" / name).read_bytes())
    result = catalogue_command("export", "--format", "hsds", cwd=project)
    assert result.returncode == 0, result.stderr
    assert len(json.loads((project / HSDS_SERVICES).read_text(encoding="utf-8"))) == 2


def test_export_command_refuses_an_invalid_catalogue_with_validate_messages(tmp_path):
    result = catalogue_command("export", "--format", "json", "--output", str(tmp_path), "tests/data/invalid")
    assert result.returncode == 4
    expected = catalogue_command("validate", "tests/data/invalid").stdout
    assert result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "xml"]])
def test_export_command_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage: catalogue" in capsys.readouterr().err


def test_export_to_a_file_instead_of_a_folder_exits_2(capsys):
    assert main(["export", "--format", "csv", "--output", "README.md"]) == 2
    assert capsys.readouterr().err == "catalogue: README.md: not a folder\n"


# --- Site ------------------------------------------------------------------------------------------------------


@pytest.mark.live
def test_site_publishes_the_exports_under_data_and_links_them(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://example.org/katalog/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    data = project / "site/data"
    for name in (JSON_NAME, CSV_NAME, SCHEMA_NAME, HSDS_SERVICES, HSDS_ORGANIZATIONS):
        assert (data / name).is_file(), name
    offers = load_catalogue([project / "catalogue"]).offers
    assert (data / CSV_NAME).read_bytes() == export_csv(offers)
    overview = (project / "site/tilbud/index.html").read_text(encoding="utf-8")
    for name in (CSV_NAME, JSON_NAME, HSDS_SERVICES):
        assert f'href="../data/{name}"' in overview
    for service in json.loads((data / HSDS_SERVICES).read_text(encoding="utf-8")):
        page = service["url"].removeprefix("https://example.org/katalog/")
        assert (project / "site" / page / "index.html").is_file(), service["url"]


def test_the_vendored_hsds_schemas_are_open_referrals_unmodified():
    """CC BY-SA 4.0 lets us keep them as they are: a changed byte would make them our adaptation."""
    import hashlib

    for line in (HSDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((HSDS / name).read_bytes()).hexdigest() == digest, name
    assert len((HSDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()) == len(
        [path for path in (HSDS / "schema").rglob("*.json")]
    )


# --- Exact records (mutation testing: every key, id and separator is stated) ------------------------------------


def uid(path: str) -> str:
    """An HSDS id as the feed promises it: uuid5 of the record's path under the catalogue's namespace."""
    return str(uuid.uuid5(NAMESPACE, path))


def test_hsds_service_is_exactly_this_record_with_ids_from_its_paths(full):
    owners, _ = load_owners(DATA / "owners/owners.yaml")
    offer = full.model_copy(
        update={
            "contacts": [
                Contact(
                    name="Stoplinien",
                    role="Rådgiver",
                    phone=["80313131"],
                    email="x@stoplinien.dk",
                    address="Åboulevard 58, 2200 Kbh. N",
                    hours="Hverdage 9-15",
                    url="https://www.stoplinien.dk",
                ),
                Contact(name="Akuttelefonen", hours="Døgnet rundt"),
            ],
            "goals": [8],
            "tags": ["rygning"],
        }
    )
    service_id, owner_id = uid("service/full"), uid("organization/sundhed-ishoej")
    contact_id, location_id = uid("full/contact/0"), uid("full/contact/0/location")

    def term(entity: str, field: str, code: str, name: str, description: str, taxonomy: str) -> dict:
        path = f"taxonomy-term/{entity}/{field}/{code}"
        return {"id": uid(path), "code": code, "name": name, "description": description, "taxonomy": taxonomy}

    def attribute(field: str, code: str, value: str | None, taxonomy_term: dict) -> dict:
        record = {
            "id": uid(f"{service_id}/attribute/{field}/{code}/{value or ''}"),
            "link_id": service_id,
            "link_type": field,
            "link_entity": "service",
        }
        return record | ({"value": value} if value is not None else {}) | {"taxonomy_term": taxonomy_term}

    service = hsds_service(offer, page_url=lambda offer_id: f"https://example.org/tilbud/{offer_id}/", owners=owners)
    assert service == {
        "id": service_id,
        "name": "Rygestop",
        "organization_id": owner_id,
        "description": "At støtte et rygestop.\n\nKurset har **6 mødegange**:\n\n- på dansk\n- på tyrkisk\n\n"
        "Se også [Stoplinien](https://www.stoplinien.dk).",
        "url": "https://example.org/tilbud/full/",
        "status": "active",
        "application_process": "Ring til Sundhedskonsulenterne på 43 57 77 26.",
        "eligibility_description": "Borgere, der vil stoppe med at ryge.",
        "assured_date": "2012-12-19",
        "contacts": [
            {
                "id": contact_id,
                "service_id": service_id,
                "name": "Stoplinien",
                "title": "Rådgiver",
                "email": "x@stoplinien.dk",
                "phones": [
                    {
                        "id": uid("full/contact/0/phone/0"),
                        "service_id": service_id,
                        "contact_id": contact_id,
                        "number": "80313131",
                    }
                ],
                "attributes": [
                    {
                        "id": uid(f"{contact_id}/attribute/url/url/https://www.stoplinien.dk"),
                        "link_id": contact_id,
                        "link_type": "url",
                        "link_entity": "contact",
                        "value": "https://www.stoplinien.dk",
                        "taxonomy_term": term(
                            "contact",
                            "url",
                            "url",
                            "Hjemmeside",
                            "Webadresse, der begynder med https://.",
                            "Tilbudskatalog: Hjemmeside",
                        ),
                    }
                ],
            },
            {"id": uid("full/contact/1"), "service_id": service_id, "name": "Akuttelefonen", "phones": []},
        ],
        # The second contact has hours and no address: its hours are the service's, under its own index.
        "schedules": [
            {"id": uid("full/contact/1/hours"), "service_id": service_id, "description": "Akuttelefonen: Døgnet rundt"}
        ],
        "service_areas": [{"id": uid("full/area/Ishøj"), "service_id": service_id, "name": "Ishøj Kommune"}],
        "service_at_locations": [
            {
                "id": uid("full/contact/0/service-at-location"),
                "service_id": service_id,
                "location_id": location_id,
                "schedules": [
                    {"id": uid("full/contact/0/hours"), "service_id": service_id, "description": "Hverdage 9-15"}
                ],
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Stoplinien",
                    "description": "Åboulevard 58, 2200 Kbh. N",
                    "addresses": [
                        {
                            "id": uid("full/contact/0/address"),
                            "location_id": location_id,
                            "address_1": "Åboulevard 58",
                            "city": "Kbh. N",
                            "state_province": "",
                            "postal_code": "2200",
                            "country": "DK",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "attributes": [
            attribute(
                "category",
                "sundhed",
                None,
                term(
                    "service",
                    "category",
                    "sundhed",
                    "Sundhed",
                    "Sundhed, socialt eller beskæftigelse: sundhed | socialt | beskaeftigelse.",
                    "Tilbudskatalog: Kategori",
                ),
            ),
            attribute(
                "goals",
                "8",
                None,
                term(
                    "service",
                    "goals",
                    "8",
                    "Større effekt af stofmisbrugsbehandlingen",
                    "Numrene (1-10) på de af regeringens 10 mål for social mobilitet, som tilbuddet understøtter.",
                    "Tilbudskatalog: Mål for social mobilitet",
                ),
            ),
            attribute(
                "referral",
                "self_or_caseworker",
                None,
                term(
                    "service",
                    "referral",
                    "self_or_caseworker",
                    "Borgeren kan selv henvende sig eller henvises af sagsbehandler",
                    "Kan borgeren selv møde op (self), skal en sagsbehandler henvise (caseworker), begge dele "
                    "(self_or_caseworker), eller skal egen læge henvise (laege)? Siger teksten intet om adgang, så "
                    "vælg kontakt (kontakt tilbuddet). Uden en værdi forsvinder tilbuddet, når der filtreres på "
                    "adgang.",
                    "Tilbudskatalog: Adgang",
                ),
            ),
            attribute(
                "legal_basis",
                "legal_basis",
                "SEL § 101",
                term(
                    "service",
                    "legal_basis",
                    "legal_basis",
                    "Lovgrundlag",
                    "Paragraffer, som teksten nævner, fx 'SEL § 107' eller 'LAB § 42'.",
                    "Tilbudskatalog: Lovgrundlag",
                ),
            ),
            attribute(
                "tags",
                "tags",
                "rygning",
                term(
                    "service",
                    "tags",
                    "tags",
                    "Emneord",
                    "Ekstra søgeord, fx 'tyrkisk' eller 'hjemløs'.",
                    "Tilbudskatalog: Emneord",
                ),
            ),
        ],
        "organization": {
            "id": owner_id,
            "name": "Sundhedskonsulenterne, Ishøj Kommune",
            "description": "Sundhedskonsulenterne, Ishøj Kommune er ansvarlig for tilbud i tilbudskataloget.",
            "email": "sundhed@ishoj.dk",
            "parent_organization_id": uid("organization/Ishøj Kommune"),
        },
    }


def test_hsds_organizations_are_the_municipalities_then_the_owners_with_ids_from_their_names_and_keys(offers):
    minimal = next(offer for offer in offers if offer.id == "minimal")
    unregistered = minimal.model_copy(update={"owner": "Rusmiddelcenter Vallensbæk Kommune"})
    assert hsds_organizations([minimal, unregistered]) == [
        {
            "id": uid("organization/Ishøj Kommune"),
            "name": "Ishøj Kommune",
            "description": "Ishøj Kommune, der tilbyder borgerne tilbuddene i tilbudskataloget.",
        },
        {
            "id": uid("organization/Vallensbæk Kommune"),
            "name": "Vallensbæk Kommune",
            "description": "Vallensbæk Kommune, der tilbyder borgerne tilbuddene i tilbudskataloget.",
        },
        {  # not in the register: the key is the name, and no e-mail
            "id": uid("organization/Rusmiddelcenter Vallensbæk Kommune"),
            "name": "Rusmiddelcenter Vallensbæk Kommune",
            "description": "Rusmiddelcenter Vallensbæk Kommune er ansvarlig for tilbud i tilbudskataloget.",
            "parent_organization_id": uid("organization/Vallensbæk Kommune"),
        },
    ]
    assert hsds_service(minimal)["organization_id"] == uid("organization/Ishøj Kommune")


def test_hsds_services_pass_the_page_address_and_the_register_on(full):
    owners, _ = load_owners(DATA / "owners/owners.yaml")
    (service,) = hsds_services([full], lambda offer_id: f"/tilbud/{offer_id}/", owners)
    assert service["url"] == "/tilbud/full/"
    assert service["organization"]["name"] == "Sundhedskonsulenterne, Ishøj Kommune"


def test_json_export_is_indented_utf8_text(offers):
    minimal = next(offer for offer in offers if offer.id == "minimal")
    text = export_json([minimal])
    assert text.startswith(
        '{\n  "$schema": "export.schema.json",\n  "schema_version": "1.1",\n  "offers": [\n    {\n'
        '      "id": "minimal",\n      "title": "Rygestop",\n      "subtitle": null,\n      "category": "sundhed",\n'
        '      "municipalities": [\n        "Ishøj"\n      ],\n'
    )
    assert text.endswith('      "last_updated": "2012-12-19"\n    }\n  ]\n}\n')


def test_written_files_hold_what_the_functions_return_each_in_its_encoding(offers, tmp_path):
    owners, _ = load_owners(DATA / "owners/owners.yaml")
    write_exports(offers, tmp_path, page_url=lambda offer_id: f"/tilbud/{offer_id}/", owners=owners)

    def read(name: str) -> str:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == (name == CSV_NAME), name  # a BOM for Excel only
        assert data.endswith(b"\n"), name
        return data.decode("utf-8")

    json_text = read(JSON_NAME)
    assert json_text.startswith('{"$schema": "export.schema.json", "schema_version": "1.1", "offers": [\n{"id": ')
    assert json_text.endswith("}\n]}\n")
    assert '"Ishøj"' in json_text  # UTF-8, not \u00f8
    assert json.loads(json_text) == json.loads(export_json(offers))
    assert read(SCHEMA_NAME) == export_schema_text()
    services = read(HSDS_SERVICES)
    assert services.startswith('[\n{"id": "') and services.endswith("}\n]\n") and "Ishøj" in services
    assert services.count("\n") == len(offers) + 2  # one service a line
    assert json.loads(services) == hsds_services(offers, lambda offer_id: f"/tilbud/{offer_id}/", owners)
    assert json.loads(read(HSDS_ORGANIZATIONS)) == hsds_organizations(offers, owners)
    assert (tmp_path / CSV_NAME).read_bytes() == export_csv(offers)


def test_an_empty_catalogue_writes_empty_lists(tmp_path):
    write_exports([], tmp_path, ["json", "hsds"])
    assert (tmp_path / JSON_NAME).read_text(encoding="utf-8") == (
        '{"$schema": "export.schema.json", "schema_version": "1.1", "offers": [\n]}\n'
    )
    assert (tmp_path / HSDS_SERVICES).read_text(encoding="utf-8") == "[\n]\n"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("\u2a75SUM(1)", True),  # ⩵ reads as "==": its first sign is "="
        ("\u2a74SUM(1)", False),  # ⩴ reads as "::=": it starts with ":"
        ("   ", False),  # only whitespace
    ],
)
def test_csv_formula_guard_reads_the_first_sign_of_a_compatibility_character(full, cell, guarded):
    offer = full.model_copy(update={"owner": cell})
    assert read_csv(export_csv([offer]))[0]["Ansvarlig"] == ("'" + cell if guarded else cell)
