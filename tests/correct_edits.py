"""`make test-edits`: a content owner's correct edit of the live catalogue never turns a test red.

In a copy of the project (as a fresh clone has it, the working tree's changes included) this applies edits
that content owners make every week to catalogue/, checks that they are correct (`catalogue validate`,
`catalogue codeowners --check`), and runs every test that reads the live catalogue or owners.yaml (those
marked `live`) with the copy's own code. It fails when one of those tests fails: that test pins what an owner
may change, and must check only what every correct edit keeps (or use tests/data/frozen/ or a fixture).

    python -m tests.correct_edits                       # the tests marked live (`make test-edits`)
    python -m tests.correct_edits tests/test_pages.py   # other tests, on the edited catalogue
"""

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.settings import reference_date
from tests.conftest import ROOT
from tests.site import copy_working_tree

TODAY = reference_date().isoformat()  # an owner re-verifies with today's date
NEW_TITLE = "Kom og kvit – stop med at ryge"
NEW_OFFER = "aftenskole-ishoej"  # sorts before every offer of the import: "the first offer" changes
NEW_OFFER_TEXT = """\
# yaml-language-server: $schema=../schemas/offer.schema.json
title: Aftenskole i Ishøj
category: socialt
municipalities: [Ishøj]
purpose: At lære noget nyt og møde andre om aftenen.
target_group: Voksne i Ishøj, der vil lære dansk, it eller madlavning sammen med andre.
visitation: Tilmeld dig på telefon 43 57 70 00 eller på aftenskole@ishoj.dk.
contacts:
  - name: Aftenskolen i Ishøj
    phone: 43 57 70 00
    email: aftenskole@ishoj.dk
referral: self
goals: [5]
tags: [aftenskole, kursus, fællesskab]
owner: {owner}
last_updated: {today}
"""


def _edit(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(pattern, new, text, flags=re.M)
    if not count:
        raise SystemExit(f"tests/correct_edits.py: {path.name} has no line matching {pattern!r} to edit")
    path.write_text(edited, encoding="utf-8")


def _offers(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def reverify_every_offer(folder: Path) -> str:
    for offer in _offers(folder):
        _edit(offer, r"^last_updated: .*$", f"last_updated: {TODAY}")
    return f"re-verified every offer: last_updated {TODAY}"


def retitle_an_offer(folder: Path) -> str:
    """Rygestop – Ishøj (the title tests once pinned), else the first offer whose title is one line."""
    one_line = [p for p in _offers(folder) if re.search(r"^title: [^>|\s].*\n(?! )", p.read_text("utf-8"), re.M)]
    offer = next((p for p in one_line if p.stem == "rygestop-ishoej"), one_line[0])
    _edit(offer, r"^title: .*$", f"title: {NEW_TITLE}")
    return f"retitled {offer.stem}: {NEW_TITLE!r}"


def add_an_offer(folder: Path) -> str:
    owners = yaml.safe_load((folder.parent / "owners.yaml").read_text(encoding="utf-8"))
    owner = next(key for key in owners if key != "maintainers")
    (folder / f"{NEW_OFFER}.yaml").write_text(NEW_OFFER_TEXT.format(owner=owner, today=TODAY), encoding="utf-8")
    return f"added {NEW_OFFER} (owner {owner})"


def delete_an_offer(folder: Path) -> str:
    """The last offer; its CODEOWNERS line stays, as offer lines may lag until the publish workflow runs."""
    offer = _offers(folder)[-1]
    offer.unlink()
    return f"deleted {offer.stem} (its CODEOWNERS line left as it was)"


def change_tags(folder: Path) -> str:
    """One offer's search tags replaced; the goals of all but two offers removed, the rest changed."""
    tagged = [p for p in _offers(folder) if re.search(r"^tags: \[.*\]$", p.read_text("utf-8"), re.M)]
    _edit(tagged[0], r"^tags: \[.*\]$", "tags: [nyt emneord, andet emneord]")
    with_goals = [p for p in _offers(folder) if re.search(r"^goals: \[.*\]$", p.read_text("utf-8"), re.M)]
    for offer in with_goals[:2]:
        _edit(offer, r"^goals: \[.*\]$", "goals: [10]")
    for offer in with_goals[2:]:
        _edit(offer, r"^goals: \[.*\]\n", "")
    return f"changed the tags of {tagged[0].stem}; goals: [10] on {len(with_goals[:2])}, none on {len(with_goals[2:])}"


EDITS: list[Callable[[Path], str]] = [
    reverify_every_offer,
    retitle_an_offer,
    change_tags,
    delete_an_offer,
    add_an_offer,
]


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, encoding="utf-8")


def main(pytest_args: list[str]) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # each line before the output of pytest
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="correct-edits-") as temporary:
        project = copy_working_tree(Path(temporary) / "project")
        if (ROOT / "node_modules").is_dir():  # installed by make (npm ci), not in git: the editor's format tests
            (project / "node_modules").symlink_to(ROOT / "node_modules")
        for edit in EDITS:
            print(f"correct edit: {edit(project / 'catalogue')}")

        # The edits must be correct, and the copy's code the code under test.
        checks = {
            "catalogue validate": run(project, "-m", "generator", "validate"),
            "catalogue codeowners --check": run(project, "-m", "generator", "codeowners", "--check"),
            "import generator": run(project, "-c", "import generator; print(generator.__file__)"),
        }
        code = checks.pop("import generator")
        if not code.stdout.startswith(str(project)):
            print(f"tests/correct_edits.py: the copy imports another generator: {code.stdout}{code.stderr}")
            return 2
        for name, result in checks.items():
            if result.returncode != 0 or result.stdout.strip().startswith("catalogue/"):
                print(f"tests/correct_edits.py: an edit it made is not correct; {name} says:")
                print(result.stdout + result.stderr)
                return 2

        tests = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(pytest_args or ["-m", "live"])],
            cwd=project,
            check=False,
        )
    seconds = time.monotonic() - started
    if tests.returncode == 0:
        print(f"the tests pass after the correct edits ({seconds:.0f} s)")
        return 0
    if tests.returncode == 5:
        print("tests/correct_edits.py: no test is marked live; the check tested nothing")
    else:
        print(
            "A test failed after a content owner's correct edits of the live catalogue (above): "
            "let it check only what every correct edit keeps, or use tests/data/frozen/ or a fixture."
        )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
