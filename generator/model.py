"""The Offer: what one YAML file in catalogue/ must hold.

Field descriptions are Danish because editors show them to content owners on hover (via the
generated JSON schema). Validation is strict on purpose: a YAML `yes` must not become the
text "True", and an unknown key must not vanish silently.
"""

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic.json_schema import SkipJsonSchema

from generator.problems import character_name
from generator.settings import SECTION_PAGES, reference_date
from generator.taxonomy import CATEGORIES, FIELD_LABELS, GOALS, MUNICIPALITIES, REFERRAL, ROLES
from generator.validation import rule_error

T = TypeVar("T")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # for JSON Schema; in Python use is_valid_id (`$` matches before "\n")
# Page names the site uses beside the offers in the same folder.
RESERVED_IDS = frozenset({*(page.removesuffix(".md") for page in SECTION_PAGES), *CATEGORIES})
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe", "ä": "ae"})


def is_valid_id(text: str) -> bool:
    """An offer's or owner's id: the whole text, so `evil\n` (a file name `evil\n.yaml`) is no id."""
    return re.fullmatch(ID_PATTERN.strip("^$"), text) is not None


def slugify(text: str) -> str:
    """The id a title or file name would get: lower-case a-z, 0-9 and '-', æøå as ae/oe/aa."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().translate(_DANISH_LETTERS)))


_PHONE = re.compile(r"^(\+45)?\d{8}$")
# A plain address only: `x@y.dk?subject=…` would become a mailto: link with parameters.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Where a link may go: the host a browser shows and goes to (no `user@` before it), in one script.
_LINK = re.compile(r"\bhttps?://[^\s<>()\[\]\"'`]+", re.I)
MAX_TEXT = 10_000  # characters in one Markdown field; the longest real one has under 1,000
MAX_LINE = 300  # characters in a one-line value: a title, a name, an address
_DANISH_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise rule_error("blank")
    if character := hidden_character(value):
        raise rule_error("invisible_character", character=character)
    for link in _LINK.findall(value):
        _check_link(link)
    return value


def hidden_character(text: str) -> str | None:
    """The first character that a reader cannot see or that changes how text around it reads, named
    (`U+200B ZERO WIDTH SPACE`); None when there is none. Tab and newline are layout, not hidden.

    Unicode's "other" and line/paragraph separator categories: control and format characters (bidi marks
    and overrides, zero-width spaces and joiners, tag characters, soft hyphen), surrogates, private use,
    unassigned code points and noncharacters (U+FFFE, which YAML cannot carry into a page's front matter).
    """
    rest = text.replace("\n", "").replace("\t", "")
    if rest.isprintable():  # the common case, in C: no "other" or separator character but the space
        return None
    for character in rest:
        if not character.isprintable() and unicodedata.category(character) != "Zs":  # Zs: NBSP and the like
            return character_name(character)
    return None


def _check_link(url: str) -> None:
    """A web address must go where it reads: no `user@` part, no host whose letters mix scripts."""
    netloc = urlsplit(url).netloc
    if "@" in netloc:
        raise rule_error("url_userinfo", value=url, host=netloc.rsplit("@", 1)[1])
    host = netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
    try:
        letters = "".join(
            label.encode("ascii").decode("idna") if label.lower().startswith("xn--") else label
            for label in host.split(".")
        )
    except UnicodeError:
        raise rule_error("url_idna", value=url, host=host) from None
    scripts = sorted({unicodedata.name(c, "?").split()[0] for c in letters if c.isalpha()})
    if len(scripts) > 1:
        shown = ", ".join(script.capitalize() for script in scripts)
        raise rule_error("url_mixed_scripts", value=url, host=host, scripts=shown)


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise rule_error("one_line")
    return value.strip()


def _plain_title(value: str) -> str:
    # Themes print page titles without escaping them; a title needs no angle brackets anyway.
    if "<" in value or ">" in value:
        raise rule_error("title_markup")
    return value


def _phone(value: object) -> object:
    # An unquoted 43577800 is read by YAML as a number; it is still a phone number.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not _PHONE.match(re.sub(r"[\s.-]", "", value)):
        raise rule_error("phone", value=value)
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise rule_error("email", value=value)
    return value


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s\"'<>`]+", value):
        raise rule_error("url", value=value)
    return value  # where it goes was checked with every other link in the text (_not_blank)


def _iso_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        raise rule_error("date_time")
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise rule_error("date_impossible", value=text) from None
    if match := _DANISH_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            iso = None
        if iso:
            raise rule_error("date_danish", value=text, iso=iso)
    raise rule_error("date_format", value=text)


def _not_in_future(value: dt.date, info: ValidationInfo) -> dt.date:
    # The reference date comes in the validation context (settings.reference_date: the one clock).
    today = (info.context or {}).get("today") or reference_date()
    if value > today:
        raise rule_error("date_future", value=value.isoformat())
    return value


def _unique(items: list[T]) -> list[T]:
    seen: set[T] = set()
    for item in items:
        if item in seen:
            raise rule_error("duplicate_item", item=item)
        seen.add(item)
    return items


Text = Annotated[str, Field(strict=True, min_length=1, max_length=MAX_TEXT), AfterValidator(_not_blank)]
Line = Annotated[
    str, Field(strict=True, min_length=1, max_length=MAX_LINE), AfterValidator(_not_blank), AfterValidator(_one_line)
]
Email = Annotated[Line, AfterValidator(_email)]  # a plain address: no ?subject=… to become mailto: parameters
_PHONE_SCHEMA = {"type": ["string", "integer"], "examples": ["43 57 77 26"]}
Phones = Annotated[
    list[Annotated[str, BeforeValidator(_phone)]],
    Field(max_length=10),
    BeforeValidator(lambda value: value if isinstance(value, list) else [value]),
    # Only for input: an export always writes a list of strings.
    WithJsonSchema({"anyOf": [_PHONE_SCHEMA, {"type": "array", "items": _PHONE_SCHEMA}]}, mode="validation"),
]
Municipality = Literal[MUNICIPALITIES]  # type: ignore[valid-type]
Goal = Annotated[int, Field(strict=True, ge=1, le=max(GOALS))]
Role = Literal[tuple(ROLES)]  # type: ignore[valid-type]


class _Strict(BaseModel):
    # An export writes every field, so its (serialization) schema requires every field.
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


class Contact(_Strict):
    """En kontaktperson eller et kontaktsted for tilbuddet."""

    name: Line = Field(
        title=FIELD_LABELS["name"], description="Personens eller stedets navn, fx 'Sundhedskonsulenterne i Ishøj'."
    )
    role: Line | None = Field(
        None, title=FIELD_LABELS["role"], description="Stilling eller funktion, fx 'Klinisk diætist'."
    )
    phone: Phones = Field(
        default_factory=list,
        title=FIELD_LABELS["phone"],
        description="Telefonnummer som 8 cifre, mellemrum tilladt. Flere numre skrives som en liste.",
    )
    email: Email | None = Field(None, title=FIELD_LABELS["email"], description="E-mailadresse, fx sundhed@ishoj.dk.")
    address: Line | None = Field(None, title=FIELD_LABELS["address"], description="Besøgsadresse.")
    hours: Line | None = Field(None, title=FIELD_LABELS["hours"], description="Hvornår stedet kan kontaktes.")
    url: Annotated[Line, AfterValidator(_url)] | None = Field(
        None, title=FIELD_LABELS["url"], description="Webadresse, der begynder med https://."
    )


class Offer(_Strict):
    """Et tilbud i tilbudskataloget. Filnavnet er tilbuddets id og webadresse."""

    id: SkipJsonSchema[str] = Field(exclude=True, pattern=ID_PATTERN)
    title: Annotated[Line, AfterValidator(_plain_title)] = Field(
        title=FIELD_LABELS["title"], description="Tilbuddets navn, som borgere og medarbejdere kender det."
    )
    subtitle: Annotated[Line, AfterValidator(_plain_title)] | None = Field(
        None,
        title=FIELD_LABELS["subtitle"],
        description=(
            "Det, der skiller tilbuddet ud fra andre tilbud med samme titel, fx målgruppen med få ord "
            "('Borgere med kronisk sygdom'). Udfyldes, når flere tilbud har samme titel."
        ),
    )
    category: Literal[tuple(CATEGORIES)] = Field(  # type: ignore[valid-type]
        title=FIELD_LABELS["category"],
        description="Sundhed, socialt eller beskæftigelse: sundhed | socialt | beskaeftigelse.",
    )
    municipalities: Annotated[list[Municipality], Field(min_length=1), AfterValidator(_unique)] = Field(
        title=FIELD_LABELS["municipalities"], description="De kommuner, hvis borgere kan bruge tilbuddet."
    )
    purpose: Text = Field(title=FIELD_LABELS["purpose"], description="Hvad tilbuddet skal opnå for borgeren.")
    target_group: Text = Field(title=FIELD_LABELS["target_group"], description="Hvem tilbuddet er til.")
    roles: Annotated[list[Role], AfterValidator(_unique)] = Field(  # type: ignore[valid-type]
        default_factory=list,
        title=FIELD_LABELS["roles"],
        description=(
            "Hvem tilbuddet henvender sig til, hvor teksten gør det klart: borgeren selv (borger), pårørende "
            "(paaroerende), børn og unge i familien (barn), den, der er udsat for vold (udsat), eller den, der "
            "udøver vold (udoever). Søgningen bruger det, så vælg kun dem, teksten nævner."
        ),
    )
    description: Text | None = Field(
        None, title=FIELD_LABELS["description"], description="Hvad tilbuddet består af. Markdown er tilladt."
    )
    visitation: Text = Field(
        title=FIELD_LABELS["visitation"],
        description="Hvordan borgeren får adgang: hvem man kontakter, og hvem der træffer afgørelsen.",
    )
    further_information: Text | None = Field(
        None, title=FIELD_LABELS["further_information"], description="Andet, der er godt at vide. Markdown er tilladt."
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        max_length=20,
        title=FIELD_LABELS["contacts"],
        description="Hvem man ringer eller skriver til.",
    )
    referral: Literal[tuple(REFERRAL)] | None = Field(  # type: ignore[valid-type]
        None,
        title=FIELD_LABELS["referral"],
        description=(
            "Kan borgeren selv møde op (self), skal en sagsbehandler henvise (caseworker), begge dele "
            "(self_or_caseworker), eller skal egen læge henvise (laege)? Siger teksten intet om adgang, så "
            "vælg kontakt (kontakt tilbuddet). Uden en værdi forsvinder tilbuddet, når der filtreres på adgang."
        ),
    )
    goals: Annotated[list[Goal], AfterValidator(_unique)] = Field(
        default_factory=list,
        title=FIELD_LABELS["goals"],
        description="Numrene (1-10) på de af regeringens 10 mål for social mobilitet, som tilbuddet understøtter.",
    )
    legal_basis: Annotated[list[Line], Field(max_length=20), AfterValidator(_unique)] = Field(
        default_factory=list,
        title=FIELD_LABELS["legal_basis"],
        description="Paragraffer, som teksten nævner, fx 'SEL § 107' eller 'LAB § 42'.",
    )
    tags: Annotated[list[Line], Field(max_length=50), AfterValidator(_unique)] = Field(
        default_factory=list, title=FIELD_LABELS["tags"], description="Ekstra søgeord, fx 'tyrkisk' eller 'hjemløs'."
    )
    owner: Line | None = Field(
        None,
        title=FIELD_LABELS["owner"],
        description="Nøglen for den afdeling i owners.yaml, der holder tilbuddet opdateret, fx 'sundhed-ishoej'.",
    )
    last_updated: Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_not_in_future)] = Field(
        title=FIELD_LABELS["last_updated"],
        description="Datoen, hvor oplysningerne senest blev kontrolleret, som ÅÅÅÅ-MM-DD, fx 2012-12-19.",
    )


def listed_title(offer: Offer) -> str:
    """The offer as a list or a search result names it: its title, and its subtitle where it has one, so two
    offers with the same title are told apart ("Forebyggende hjemmebesøg – Borgere med kronisk sygdom")."""
    return f"{offer.title} – {offer.subtitle}" if offer.subtitle else offer.title


# The Danish labels the site shows, straight from the fields' titles (the schema shows the same to editors).
LABELS: dict[str, str] = {name: info.title for name, info in Offer.model_fields.items() if info.title}
CONTACT_LABELS: dict[str, str] = {name: info.title for name, info in Contact.model_fields.items() if info.title}


def offer_schema_text() -> str:
    """The JSON schema editors use to check and complete offer files while they are typed."""
    import json

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "offer.schema.json",
        **Offer.model_json_schema(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
