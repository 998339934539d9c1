"""The owners register: its problems, the owner cross-check, CODEOWNERS and the register's schema."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import load_catalogue
from generator.messages import say
from generator.owners import (
    codeowners_drift,
    codeowners_text,
    load_owned_catalogue,
    load_owners,
    owners_schema_text,
)
from generator.problems import format_markdown, format_text
from generator.settings import reference_date
from tests.conftest import DATA, ROOT

REGISTER = DATA / "owners/owners.yaml"
KEYS = "Gyldige nøgler: jobcenter-vallensbaek, maintainers, sundhed-ishoej"


def catalogue(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def offers_folder(tmp_path: Path, owners: dict[str, str | None]) -> Path:
    """A catalogue folder with one minimal offer per id, owned as given."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    source = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    for offer_id, owner in owners.items():
        text = source + (f"owner: {owner}\n" if owner else "")
        (folder / f"{offer_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_register_loads():
    owners, problems = load_owners(REGISTER)
    assert problems == []
    assert owners["sundhed-ishoej"].github == "@ishoj-vallensbaek/sundhed-ishoej"
    assert owners["jobcenter-vallensbaek"].github is None


def test_register_problems_are_positioned():
    owners, problems = load_owners(DATA / "owners/invalid.yaml")
    assert owners == {}
    assert format_text(problems) == (DATA / "owners/invalid.expected").read_text(encoding="utf-8")


def test_register_needs_maintainers_with_a_handle(tmp_path):
    register = tmp_path / "owners.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    register.write_text(text.replace('  github: "@ishoj-vallensbaek/redaktion"\n', ""), encoding="utf-8")
    assert [str(p) for p in load_owners(register)[1]] == [
        f"{register}:2:1: maintainers: skal have en github-bruger: filer uden en anden ansvarlig godkendes af "
        "vedligeholderne"
    ]
    register.write_text(text.replace("maintainers:", "redaktion:"), encoding="utf-8")
    assert [p.message for p in load_owners(register)[1]] == ["mangler; tilføj 'maintainers:' med name, email og github"]


def test_broken_register_is_a_problem_not_a_crash(tmp_path):
    register = tmp_path / "owners.yaml"
    register.write_text("sundhed-ishoej:\n\tname: x\n", encoding="utf-8")
    assert [str(p) for p in load_owners(register)[1]] == [
        f"{register}:1:1: filen: første linje skal være '# yaml-language-server: $schema=schemas/owners.schema.json'"
        ", så editorer kan tjekke filen; skriv den tilbage øverst i filen",
        f"{register}:2:1: filen: der står et tabulatortegn; ryk ind med mellemrum i stedet "
        "(filen kan ikke bruge tabulatortegn)",
    ]
    assert [p.message for p in load_owners(tmp_path / "missing.yaml")[1]] == [say("register_missing")]


def _unusable_register(kind, register):
    if kind == "fifo":
        os.mkfifo(register)
    elif kind == "device":
        register.symlink_to("/dev/zero")
    elif kind == "folder":
        register.mkdir()
    elif kind == "dangling":
        register.symlink_to(register.parent / "gone.yaml")


@pytest.mark.parametrize("kind", ["missing", "fifo", "device", "folder", "dangling"])
def test_a_project_without_a_usable_register_fails_closed(tmp_path, kind):
    """In a project (mkdocs.yml beside it), no register is a problem, never a reason to skip the owners check."""
    folder = offers_folder(tmp_path, {"rygestop": "sundhed-ishoj"})
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    register = tmp_path / "owners.yaml"
    _unusable_register(kind, register)
    catalogue, owners = load_owned_catalogue([folder], reference_date(), register)
    assert owners == {}
    assert [(p.path, p.field) for p in catalogue.problems] == [(str(register), "file")]


def test_a_folder_of_offers_outside_a_project_needs_no_register(tmp_path):
    folder = offers_folder(tmp_path, {"rygestop": "hvem-som-helst"})
    catalogue, owners = load_owned_catalogue([folder], reference_date(), tmp_path / "owners.yaml")
    assert (catalogue.problems, owners) == ([], {})


def test_unknown_owner_is_reported_at_the_owner_line_with_the_nearest_key(tmp_path):
    folder = offers_folder(tmp_path, {"rygestop": "sundhed-ishoj", "kursus": "jobcenter-vallensbaek", "uden": None})
    problems = load_owned_catalogue([folder], reference_date(), REGISTER)[0].problems
    assert [str(p) for p in problems] == [
        f"{folder}/rygestop.yaml:9:1: ansvarlig (owner): 'sundhed-ishoj' er ikke en ansvarlig i owners.yaml; "
        f"mente du sundhed-ishoej? {KEYS}"
    ]
    (tmp_path / "b").mkdir()
    folder = offers_folder(tmp_path / "b", {"x": "helt-ukendt"})
    assert load_owned_catalogue([folder], reference_date(), REGISTER)[0].problems[0].message == (
        "'helt-ukendt' er ikke en ansvarlig i owners.yaml; brug en af nøglerne, eller få en vedligeholder til at "
        f"tilføje den. {KEYS}"
    )


def test_codeowners_maps_each_offer_to_its_owner_and_the_rest_to_maintainers(tmp_path):
    folder = offers_folder(tmp_path, {"rygestop": "sundhed-ishoej", "kursus": "jobcenter-vallensbaek", "uden": None})
    owners, _ = load_owners(REGISTER)
    assert codeowners_text(owners, load_catalogue([folder]).offers) == (
        "# Generated from owners.yaml by `catalogue codeowners`; do not edit by hand.\n"
        "# Reviewers of each file: the offer's owner, else the maintainers. The last matching line wins.\n"
        "* @ishoj-vallensbaek/redaktion\n"
        "/owners.yaml @ishoj-vallensbaek/redaktion\n"
        "/mkdocs.yml @ishoj-vallensbaek/redaktion\n"
        "/.github/ @ishoj-vallensbaek/redaktion\n"
        "/generator/ @ishoj-vallensbaek/redaktion\n"
        "/schemas/ @ishoj-vallensbaek/redaktion\n"
        "\n"
        "/catalogue/kursus.yaml @ishoj-vallensbaek/redaktion\n"
        "/catalogue/rygestop.yaml @ishoj-vallensbaek/sundhed-ishoej\n"
        "/catalogue/uden.yaml @ishoj-vallensbaek/redaktion\n"
    )


def test_codeowners_command_writes_checks_and_refuses_unknown_owners(tmp_path):
    offers_folder(tmp_path, {"rygestop": "sundhed-ishoej"})
    shutil.copy(REGISTER, tmp_path / "owners.yaml")
    result = catalogue("codeowners", "--check", cwd=tmp_path)
    assert result.returncode == 1 and "run 'catalogue codeowners'" in result.stderr
    assert catalogue("codeowners", cwd=tmp_path).stderr == "wrote .github/CODEOWNERS\n"
    assert "/catalogue/rygestop.yaml @ishoj-vallensbaek/sundhed-ishoej\n" in (
        tmp_path / ".github/CODEOWNERS"
    ).read_text(encoding="utf-8")
    assert catalogue("codeowners", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "catalogue/rygestop.yaml").write_text(
        (tmp_path / "catalogue/rygestop.yaml").read_text(encoding="utf-8").replace("sundhed-ishoej", "sundhed-ishoj"),
        encoding="utf-8",
    )
    result = catalogue("codeowners", cwd=tmp_path)
    assert result.returncode == 4
    assert result.stderr.startswith(
        "catalogue/rygestop.yaml:9:1: ansvarlig (owner): 'sundhed-ishoj' er ikke en ansvarlig i owners.yaml; "
        f"mente du sundhed-ishoej? {KEYS}\n"
    )


def test_committed_codeowners_is_up_to_date():
    result = catalogue("codeowners", "--check")
    assert result.returncode == 0, result.stderr


def test_register_schema_accepts_the_register_fixture():
    import json

    import jsonschema
    import yaml

    schema = json.loads(owners_schema_text())
    register = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    jsonschema.validate(register, schema)
    register["sundhed-ishoej"]["github"] = "no-at-sign"
    assert not jsonschema.Draft202012Validator(schema).is_valid(register)


def test_markdown_format_escapes_pipes_and_newlines():
    from generator.problems import Problem

    problems = [Problem("catalogue/a|b.yaml", 3, 1, "title", "has | a pipe\nand a <b>newline</b> & `code`")]
    assert format_markdown(problems) == (
        "| Fil | Linje | Kolonne | Felt | Fejl |\n"
        "| --- | --: | --: | --- | --- |\n"
        "| catalogue/a\\|b.yaml | 3 | 1 | titel (title) "
        "| has \\| a pipe<br>and a &lt;b>newline&lt;/b> &amp; \\`code\\` |\n"
    )
    assert format_markdown([]) == "Ingen fejl fundet.\n"


def test_codeowners_check_fails_on_the_maintainers_lines_only():
    expected = "* @org/maint\n/owners.yaml @org/maint\n/catalogue/a.yaml @org/a\n/catalogue/b.yaml @org/b\n"
    lagging = "* @org/maint\n/owners.yaml @org/maint\n/catalogue/a.yaml @org/old\n/catalogue/gone.yaml @org/b\n"
    assert codeowners_drift(lagging, expected) == (
        [],
        [
            "/catalogue/a.yaml: @org/old, expected @org/a",
            "/catalogue/b.yaml: no line, expected @org/b",
            "/catalogue/gone.yaml: @org/b, expected no line",
        ],
    )
    wrong = "* @org/someone\n/catalogue/a.yaml @org/a\n/catalogue/b.yaml @org/b\n"
    assert codeowners_drift(wrong, expected)[0] == [
        "*: @org/someone, expected @org/maint",
        "/owners.yaml: no line, expected @org/maint",
    ]


@pytest.mark.parametrize("kind", ["missing", "fifo", "device"])
def test_codeowners_and_validate_stop_without_a_usable_register(tmp_path, kind):
    """A CODEOWNERS that names no reviewer is never written: the command stops, as validate does."""
    offers_folder(tmp_path, {"rygestop": "sundhed-ishoej"})
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    _unusable_register(kind, tmp_path / "owners.yaml")
    result = catalogue("codeowners", cwd=tmp_path)
    assert result.returncode == 4
    assert result.stderr.startswith("owners.yaml:1:1: filen: ")
    assert not (tmp_path / ".github/CODEOWNERS").exists()
    assert catalogue("validate", cwd=tmp_path).returncode == 1
