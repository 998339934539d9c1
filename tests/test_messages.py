"""The message catalogue: every message in both languages, with the same blanks; fields named as owners read them."""

import re
import string

import pytest

from generator.messages import TEXTS, field_label, language, say, use


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_fill_the_same_blanks(key):
    danish, english = TEXTS[key]
    blanks = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (danish, english)]
    assert blanks[0] == blanks[1]
    assert danish != english


@pytest.mark.parametrize(
    ("field", "danish", "english"),
    [
        ("title", "titel (title)", "title"),
        ("contacts[0].phone", "kontakt 1, telefon (phone)", "contacts[0].phone"),
        ("contacts[1].phone[2]", "kontakt 2, telefon 3 (phone)", "contacts[1].phone[2]"),
        ("municipalities[1]", "kommune 2 (municipalities)", "municipalities[1]"),
        ("visitation", "kontakt og visitation (visitation)", "visitation"),
        ("sundhed-ishoej.github", "sundhed-ishoej, github", "sundhed-ishoej.github"),
        ("file", "filen", "file"),
        ("purpse", "purpse", "purpse"),  # an unknown key is named as written
        ("contacts[0].x\x1b[31m,a.b", "contacts[0].x\x1b[31m,a.b", "contacts[0].x\x1b[31m,a.b"),
    ],
    ids=lambda value: re.sub(r"[^a-z0-9]+", "-", value)[:30] if isinstance(value, str) else None,
)
def test_a_field_is_named_by_its_label_counting_from_one(field, danish, english):
    assert field_label(field) == danish
    with use("en"):
        assert field_label(field) == english


def test_the_language_is_danish_unless_english_is_asked_for(monkeypatch):
    monkeypatch.delenv("CATALOGUE_LANG", raising=False)
    assert language() == "da"
    monkeypatch.setenv("CATALOGUE_LANG", "en_GB.UTF-8")
    assert language() == "en"
    monkeypatch.setenv("CATALOGUE_LANG", "fr")
    assert language() == "da"
    with use("en"):
        assert say("too_big", size=100_043, limit=100_000) == "is 100,043 bytes; the file must be under 100,000 bytes"
    monkeypatch.delenv("CATALOGUE_LANG")
    assert say("too_big", size=100_043, limit=100_000) == (
        "fylder 100.043 bytes; en tilbudsfil skal være under 100.000 bytes"
    )


def test_no_danish_message_speaks_of_yaml_jargon():
    """Owners never chose YAML: a message says 'feltnavn', 'tegnkode', not 'nøgle i et YAML-dokument'."""
    jargon = re.compile(r"(?<!\.)\b(YAML|scalar|mapping|escape|undvigesekvens)\b", re.I)  # .yaml is a file's name
    assert [key for key, (danish, _) in TEXTS.items() if jargon.search(danish)] == []
