"""The edits content owners make, each followed by what the pull request checks: all must stay green.

Run on a copy of the frozen catalogue, on whichever offers it holds (never a pinned one): the same edits on
the live catalogue are `make test-edits` (tests/correct_edits.py).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import load_catalogue
from generator.owners import load_owners
from generator.settings import reference_date
from tests.site import build, make_project

TODAY = reference_date().isoformat()  # an owner re-verifies with today's date; the future is refused


def catalogue(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, encoding="utf-8"
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("project"), frozen=True)


def offers(project: Path):
    return load_catalogue([project / "catalogue"]).offers


def test_owner_edits_keep_validation_and_the_strict_build_green(project):
    folder = project / "catalogue"
    offer = next(offer for offer in offers(project) if any(contact.phone for contact in offer.contacts))
    first, second, third, *_ = [other for other in offers(project) if other.id != offer.id]

    # Re-verify: only the date changes, to today.
    edit(folder / f"{first.id}.yaml", f"last_updated: {first.last_updated}", f"last_updated: {TODAY}")

    # Change a phone number wherever the offer shows it.
    old_phone = next(phone for contact in offer.contacts for phone in contact.phone)
    edit(folder / f"{offer.id}.yaml", old_phone, "43 57 00 00")

    # Add an offer with `catalogue new`, filled in as an owner would.
    owner = next(key for key in load_owners(project / "owners.yaml")[0] if key != "maintainers")
    result = catalogue(project, "new", "nyt-tilbud", "--category", "sundhed", "--owner", owner)
    assert result.returncode == 0, result.stderr
    new = folder / "nyt-tilbud.yaml"
    text = new.read_text(encoding="utf-8")
    for key, value in {
        "title": "Nyt tilbud om motion",
        "municipalities": "[Ishøj]",
        "purpose": "At komme i gang med at motionere.",
        "target_group": "Borgere, der vil i gang med at motionere.",
        "visitation": "Ring til Sundhedskonsulenterne på 43 57 77 26.",
    }.items():
        text = re.sub(rf"^{key}:$", f"{key}: {value}", text, flags=re.M)
    new.write_text(text, encoding="utf-8")

    # Delete an offer, and rename another's file (its id and address).
    (folder / f"{second.id}.yaml").unlink()
    (folder / f"{third.id}.yaml").rename(folder / f"{third.id}-ny.yaml")

    result = catalogue(project, "validate")
    assert result.returncode == 0, result.stdout
    # The new offer's number is in its text only, and it has no access value: warnings, which do not stop the build.
    assert result.stdout == (
        "catalogue/nyt-tilbud.yaml:26:1: adgang (referral): advarsel: mangler, så tilbuddet forsvinder, når en "
        "sagsbehandler filtrerer på adgang; tilføj 'referral: …' efter linjen med 'visitation:' med self (borgeren "
        "kan selv henvende sig), caseworker (via sagsbehandler), self_or_caseworker (begge dele), laege (henvisning "
        "fra egen læge) eller kontakt (teksten siger intet om adgang)\n"
        "catalogue/nyt-tilbud.yaml:26:47: kontakt og visitation (visitation): advarsel: teksten nævner "
        "telefonnummeret 43 57 77 26, som ingen kontakt har; tilføj det under contacts, eller ret det\n"
    )
    result = catalogue(project, "codeowners")
    assert result.returncode == 0, result.stderr
    assert f"/catalogue/{third.id}-ny.yaml " in (project / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert catalogue(project, "codeowners", "--check").returncode == 0

    result = build(project, "--strict", today=TODAY)
    assert result.returncode == 0, result.stderr
    pages = project / "site/tilbud"
    assert (pages / "nyt-tilbud/index.html").is_file()
    assert (pages / f"{third.id}-ny/index.html").is_file() and not (pages / third.id).exists()
    assert not (pages / second.id).exists()
    assert "43 57 00 00" in (pages / offer.id / "index.html").read_text(encoding="utf-8")


def test_a_new_offer_blocks_publishing_until_it_is_filled_in(tmp_path):
    project = make_project(tmp_path, frozen=True)
    assert catalogue(project, "new", "halvfaerdigt-tilbud").returncode == 0
    result = catalogue(project, "validate", "catalogue/halvfaerdigt-tilbud.yaml")
    assert result.returncode == 1
    fields = [line.split(": ")[1] for line in result.stdout.splitlines()]
    assert fields == [
        "titel (title)",
        "kategori (category)",
        "kommuner (municipalities)",
        "formål (purpose)",
        "målgruppe (target_group)",
        "kontakt og visitation (visitation)",
    ]
    assert all(line.startswith("catalogue/halvfaerdigt-tilbud.yaml:") for line in result.stdout.splitlines())
    result = build(project, "--strict", today=TODAY)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "catalogue/halvfaerdigt-tilbud.yaml:10:1: titel (title): er tom" in output and "intet er bygget" in output
