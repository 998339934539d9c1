"""The file `catalogue new` writes: every required key, explained in Danish, and left empty.

Empty values are what the model rejects, so a new offer fails `catalogue validate` – and stops the
site being built – until every required key is filled in: nothing half-written can be published.
The comments come from the model's own Danish field descriptions, so they never disagree with it.
"""

import datetime as dt
import json
from collections.abc import Collection

from generator.load import SCHEMA_COMMENT
from generator.model import Offer
from generator.taxonomy import REFERRAL

_OPTIONAL_SHOWN = ("referral", "owner")  # optional, but an offer without them is warned about or unreviewed


def new_offer_text(
    today: dt.date,
    schema: str,
    category: str | None = None,
    owner: str | None = None,
    owner_keys: Collection[str] = (),
) -> str:
    """A new offer file: `schema` is the schema's path relative to the file; `owner_keys` are the register's."""
    given = {"category": category, "owner": owner, "last_updated": today.isoformat()}
    fields = Offer.model_fields
    optional = [name for name, info in fields.items() if name != "id" and not info.is_required()]
    lines = [
        f"{SCHEMA_COMMENT}{schema}",
        "# Nyt tilbud. Udfyld alle tomme felter: tilbuddet kan ikke offentliggøres, før de er udfyldt.",
        "# Kør 'catalogue validate' for at se, hvad der mangler. Tekst må fylde flere linjer, fx:",
        "#   purpose: >-",
        "#     Første linje af teksten",
        "#     fortsætter her.",
        "# Valgfrie felter (se README): " + ", ".join(name for name in optional if name not in _OPTIONAL_SHOWN) + ".",
    ]
    for name, info in fields.items():
        if name == "id" or (not info.is_required() and name not in _OPTIONAL_SHOWN):
            continue
        value = given.get(name)
        lines += ["", f"# {info.title}: {info.description}"]
        if name == "municipalities":
            lines.append("# Skriv fx [Ishøj] eller [Ishøj, Vallensbæk].")
        if name == "referral":
            lines.append("# Skriv en af: " + ", ".join(f"{key} ({label})" for key, label in REFERRAL.items()) + ".")
        if name == "owner":
            keys = ", ".join(sorted(owner_keys)) or "se owners.yaml"
            lines.append(f"# Skriv en af nøglerne fra owners.yaml (ikke et navn): {keys}.")
        lines.append(f"{name}: {_scalar(value)}" if value else f"{name}:")
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A value YAML reads back as the same text: quoted, so 'yes' or '2024' stay text; dates stay dates."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return json.dumps(value, ensure_ascii=False)
    return value
