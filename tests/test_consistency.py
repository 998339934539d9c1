"""Warnings where an offer's text and its contacts disagree (generator.consistency).

Each tests/data/warnings/*.yaml is a valid offer; the .expected file beside it holds the exact warnings,
one `str(problem)` a line, in Danish as content owners read them (an empty file: no warning).
"""

import pytest

from generator.consistency import contact_warnings
from generator.load import load_offer
from generator.messages import use
from generator.problems import Problem
from generator.reading import read_document
from tests.conftest import DATA, ROOT

CASES = sorted((ROOT / DATA / "warnings").glob("*.yaml"))


def warnings_for(name: str, without_contacts: bool = False) -> list[Problem]:
    path = DATA / "warnings" / f"{name}.yaml"
    offer, problems = load_offer(path)
    assert offer is not None, problems
    if without_contacts:
        offer = offer.model_copy(update={"contacts": []})
    text = path.read_text(encoding="utf-8")
    document = read_document(text, str(path))
    assert not isinstance(document, Problem)
    return contact_warnings(offer, document, text)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_warnings_are_as_expected(path):
    with use("da"):
        shown = "".join(f"{problem}\n" for problem in warnings_for(path.stem))
    assert shown == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_case_is_there():
    assert {path.stem for path in CASES} >= {
        "one-digit-changed",
        "not-in-contacts",
        "no-contacts",
        "same-number-written-differently",
        "close-email",
        "equal-email",
        "not-phone-numbers",
        "line-in-block-text",
    }


def numbers_read(name: str) -> list[tuple[int, str]]:
    """(line, number) for each phone number the function reads in a case's text once its contacts are gone."""
    with use("en"):
        problems = warnings_for(name, without_contacts=True)
    prefix, suffix = "the text gives the phone number ", ", which no contact has; add it under contacts, or correct it"
    assert all(problem.message.startswith(prefix) and problem.message.endswith(suffix) for problem in problems)
    return [(problem.line, problem.message.removeprefix(prefix).removesuffix(suffix)) for problem in problems]


def test_every_way_of_writing_a_number_is_read_as_one():
    """The case gives no warning because each form is its contact's number, not because none was found."""
    assert numbers_read("same-number-written-differently") == [
        (8, "43577726"),
        (8, "4357 7726"),
        (8, "43 57 77 26"),
        (8, "43.57.77.26"),
        (8, "43-57-77-26"),
        (8, "+45 43 57 77 26"),
        (8, "+4543577726"),
        (9, "0045 4357 7726"),
        (9, "20 12 60 60"),
    ]


def test_only_the_phone_number_among_other_numbers_is_read_as_one():
    assert numbers_read("not-phone-numbers") == [(14, "43 57 77 26")]


def test_warnings_are_warnings_not_errors():
    problems = warnings_for("line-in-block-text")
    assert problems
    assert {problem.severity for problem in problems} == {"warning"}


def test_english_messages():
    with use("en"):
        shown = [str(problem) for problem in warnings_for("one-digit-changed") + warnings_for("not-in-contacts")]
        shown += [str(problem) for problem in warnings_for("close-email")[:1]]
    assert shown == [
        "tests/data/warnings/one-digit-changed.yaml:7:52: visitation: warning: the text gives 43 57 77 27, but the "
        "contact has 4357 7726 (one digit apart); correct one so they agree",
        "tests/data/warnings/not-in-contacts.yaml:7:83: visitation: warning: the text gives the phone number "
        "80 31 31 31, which no contact has; add it under contacts, or correct it",
        "tests/data/warnings/close-email.yaml:7:23: visitation: warning: the text gives sundhed@ishj.dk, but the "
        "contact has sundhed@ishoj.dk; correct one so they agree",
    ]
