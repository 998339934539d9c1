import pytest

from generator.model import offer_schema_text, slugify
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Rygestop – Ishøj", "rygestop-ishoej"),
        ("Alkoholbehandling (Lænken eller Blå Kors)", "alkoholbehandling-laenken-eller-blaa-kors"),
        ('"Firmaet" – beskyttet beskæftigelse', "firmaet-beskyttet-beskaeftigelse"),
        ("Café Vildtbanehus", "cafe-vildtbanehus"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_committed_schema_matches_model():
    committed = (ROOT / "schemas/offer.schema.json").read_text(encoding="utf-8")
    assert committed == offer_schema_text(), "schema is stale: run 'catalogue schema'"


def test_schema_describes_every_field_in_danish():
    import json

    schema = json.loads(offer_schema_text())
    assert schema["additionalProperties"] is False
    assert "id" not in schema["properties"]
    for prop in schema["properties"].values():
        assert prop["title"]
        assert prop["description"]
    assert set(schema["required"]) == {
        "title",
        "category",
        "municipalities",
        "purpose",
        "target_group",
        "visitation",
        "last_updated",
    }
