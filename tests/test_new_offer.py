"""`catalogue new`: a file to fill in, refused where it would clash or break the file-name rules."""

import datetime as dt
import subprocess
import sys

import yaml

from generator.model import Offer
from generator.new_offer import new_offer_text
from tests.conftest import ROOT


def catalogue(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {"CATALOGUE_TODAY": "2026-11-24", "PATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


def project(tmp_path):
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue/rygestop.yaml").write_text("", encoding="utf-8")
    (tmp_path / "owners.yaml").write_text((ROOT / "tests/data/owners/owners.yaml").read_text("utf-8"), "utf-8")
    return tmp_path


def test_new_offer_has_every_required_key_empty_and_explained():
    text = new_offer_text(dt.date(2026, 11, 24), "../schemas/offer.schema.json", "socialt", "sundhed-ishoej")
    assert text.startswith("# yaml-language-server: $schema=../schemas/offer.schema.json\n")
    data = yaml.safe_load(text)
    required = [name for name, field in Offer.model_fields.items() if field.is_required() and name != "id"]
    assert set(required) <= set(data)
    assert data["category"] == "socialt" and data["owner"] == "sundhed-ishoej"
    assert data["last_updated"] == dt.date(2026, 11, 24)
    assert all(data[name] is None for name in required if name not in {"category", "last_updated"})
    assert "# Titel: Tilbuddets navn, som borgere og medarbejdere kender det.\ntitle:\n" in text


def test_new_writes_the_file_with_the_reference_date(tmp_path):
    result = catalogue("new", "kostvejledning", "--owner", "sundhed-ishoej", cwd=project(tmp_path))
    assert (result.returncode, result.stderr) == (
        0,
        "skrev catalogue/kostvejledning.yaml; udfyld de tomme felter, og kør så "
        "'catalogue validate catalogue/kostvejledning.yaml'\n",
    )
    assert "last_updated: 2026-11-24\n" in (tmp_path / "catalogue/kostvejledning.yaml").read_text("utf-8")


def test_new_refuses_existing_ids_bad_names_and_unknown_owners(tmp_path):
    project(tmp_path)
    for args, message in [
        (["rygestop"], "catalogue/rygestop.yaml findes allerede; ret i den, eller vælg et andet id"),
        (
            ["Kost vejledning Ishøj"],
            "'Kost vejledning Ishøj' er ikke et gyldigt id (a-z, 0-9 og '-', æøå som ae/oe/aa); "
            "brug 'kost-vejledning-ishoej'",
        ),
        (["evil\n"], "er ikke et gyldigt id"),  # `$` in a pattern matches before a final newline
        (["foraeldede"], "'foraeldede' er reserveret til en side på webstedet; vælg et andet id"),
        (
            ["kost", "--owner", "sundhed-ishoj"],
            "'sundhed-ishoj' er ikke en ansvarlig i owners.yaml; mente du sundhed-ishoej?",
        ),
        (["kost", "--category", "sport"], "invalid choice: 'sport'"),
    ]:
        result = catalogue("new", *args, cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
    assert sorted(p.name for p in (tmp_path / "catalogue").iterdir()) == ["rygestop.yaml"]
