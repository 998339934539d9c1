"""YAML text → data with positions, or the one positioned Problem that stops it (generator/reading.py).

The whole-file cases are data (tests/data/invalid/); these state the parser's messages and positions for the
shapes of mistake that need a particular line or column, on text given inline.
"""

import pytest
import yaml

from generator.messages import use
from generator.problems import Problem
from generator.reading import Document, _syntax_problem, dotted, read_document, read_text

UNCLOSED = (
    "teksten i anførselstegn, der begynder her, afsluttes ikke på sin linje; tilføj det afsluttende anførselstegn"
)
ESCAPE_FIX = "skrives en omvendt skråstreg som \\\\, eller sæt teksten i enkelte anførselstegn"
OUTSIDE = "punktet '- …' står uden for sin liste; ryk det ind, så det flugter med de andre punkter under"


@pytest.mark.parametrize(
    ("text", "line", "column", "field", "message"),
    [
        ("title: *nope\n", 1, 8, "file", "filen kan ikke læses her (found undefined alias)"),
        ("title: {a: 1\npurpose: x\n", 1, 8, "file", "'{', der begynder her, bliver aldrig lukket; tilføj '}'"),
        ("a: " + "[" * 1200 + "]" * 1200, 1, 1003, "file", "parenteserne er indlejret for dybt"),
        # An escape YAML cannot hold: its backslash is the position, the escape as written the quote.
        ('title: "\\ud800"', 1, 9, "file", "'\\ud800' er ikke et tegn, filen kan rumme"),
        ('title: "x \\uD800"', 1, 11, "file", "'\\uD800' er ikke et tegn, filen kan rumme"),
        ('title: "a\\tb \\ud800"', 1, 14, "file", "'\\ud800' er ikke et tegn, filen kan rumme"),
        (
            'visitation: "Mappen C:\\Dokumenter"',
            1,
            23,
            "file",
            "'\\D' kan ikke stå i dobbelte anførselstegn; der " + ESCAPE_FIX,
        ),
        (
            'title: "Rygestop \\u12"',
            1,
            18,
            "file",
            "'\\u12' er en ufuldstændig tegnkode; i dobbelte anførselstegn " + ESCAPE_FIX,
        ),
        ('title: "\\xZZ"', 1, 9, "file", "'\\x' er en ufuldstændig tegnkode"),
        # A quote left open swallows the lines below it: the position is where it opens.
        ("title: 'Borgerens ''egen'' plan\npurpose: x\nvisitation: 'Ring til os.'\n", 1, 8, "file", UNCLOSED),
        ("title: 'Siger \"hej\"\npurpose: x\nvisitation: 'Ring til os.'\n", 1, 8, "file", UNCLOSED),
        ('title: "Borgerens plan, it\'s\npurpose: x\nvisitation: "Ring til os."\n', 1, 8, "file", UNCLOSED),
        ('title: "Rygestop\nvisitation: "Ring til os."\n', 1, 8, "file", UNCLOSED),
        ('title: \'Rygestop\'\npurpose: "open\nvisitation: "Ring"\n', 2, 10, "file", UNCLOSED),
        # Only lines above the error are searched, and a closed quote is no open one.
        (
            'title: a: b\npurpose: "open\n',
            1,
            9,
            "title",
            "teksten indeholder ': ', som ellers læses som et nyt feltnavn; sæt hele teksten i anførselstegn: "
            'title: "a: b"',
        ),
        ("title: 'Rygestop'\npurpose: a: b\n", 2, 11, "purpose", "teksten indeholder ': '"),
        # The slips of typing by hand, each at the line that is wrong (the parser stumbles on the next one).
        ("title: x\n- y\n", 2, 1, "file", OUTSIDE),
        ("contacts:\n  - name: A\n- name: B\n", 3, 1, "contacts", OUTSIDE + " 'contacts:'"),
        ("municipalities:\n  - Ishøj\n - Vallensbæk\ntitle: x\n", 3, 2, "municipalities", OUTSIDE),
        (
            "purpose: >\n  Første linje\nanden linje\ntitle: x\n",
            3,
            1,
            "purpose",
            "linjen hører til teksten i 'purpose'",
        ),
        ("purpose: Første linje\nanden linje\n", 2, 1, "purpose", "linjen hører til teksten i 'purpose' ovenfor"),
        ("title: x\nreferral:self\n", 2, 9, "referral", "der mangler et mellemrum efter ':'; skriv 'referral: self'"),
        ("contacts:\n  - name: A\n     phone: 1\n", 3, 6, "phone", "'phone:' er ikke rykket ind som nøglerne"),
        ("contacts:\n  - name: A\n   phone: 1\n", 3, 4, "phone", "'phone:' er ikke rykket ind som nøglerne"),
        ("title: x\n purpose: y\n", 2, 2, "purpose", "'purpose:' er ikke rykket ind"),
        ("title: x\ncontacts:\n\t- name: A\n", 3, 1, "file", "der står et tabulatortegn; ryk ind med mellemrum"),
        # A character that YAML reserves at the start of a value, and text after a closing quote.
        ("github: @ishoj/sundhed\n", 1, 9, "github", "en tekst kan ikke begynde med '@'; sæt hele teksten i "),
        ("title: * Rygestop\n", 1, 9, "title", "en tekst kan ikke begynde med '*'; sæt hele teksten i "),
        ("tags:\n  * rygning\n", 2, 3, "tags", "punkter i en liste skrives med '- ' foran, ikke '* '"),
        (
            "title: 'Borgerens' plan\n",
            1,
            20,
            "title",
            "der står tekst efter det afsluttende anførselstegn eller parentes; sæt hele teksten i anførselstegn: "
            "title: \"'Borgerens' plan\"",
        ),
        ('title: "Rygestop" Ishøj\n', 1, 19, "title", "der står tekst efter det afsluttende anførselstegn"),
        (
            "title: “Rygestop: alle”\n",
            1,
            17,
            "title",
            "teksten står i typografiske anførselstegn (“ ”), som filen læser som bogstaver; brug almindelige: "
            'title: "Rygestop: alle"',
        ),
    ],
)
def test_a_syntax_error_is_one_positioned_problem(text, line, column, field, message):
    problem = read_document(text, "f.yaml")
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line, problem.column, problem.field) == ("f.yaml", line, column, field)
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "line", "column", "field", "message"),
    [
        # Text YAML cuts short without a word: nothing else would tell the owner.
        (
            "title: Rygestop #1 for alle\n",
            1,
            17,
            "title",
            "alt efter ' #' læses som en kommentar, så '#1 for alle' kommer ikke med; sæt hele teksten i "
            'anførselstegn: title: "Rygestop #1 for alle"',
        ),
        ("contacts:\n  - hours: 8-16 # ikke fredag\n", 2, 17, "hours", "alt efter ' #' læses som en kommentar"),
        ("municipalities:\n  - Ishøj\ntarget_group: x\n  - Vallensbæk\n", 4, 3, "target_group", OUTSIDE),
        ("contacts:\n  - name:Anna\n", 2, 10, "name", "der mangler et mellemrum efter ':'; skriv 'name: Anna'"),
    ],
)
def test_text_cut_short_by_yaml_is_a_problem(text, line, column, field, message):
    document = read_document(text, "f.yaml")
    assert isinstance(document, Document)
    [problem] = document.problems
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    "text", ['title: "Rygestop #1"\n', "title: Rygestop#1\n", "title: x\n# a comment\n", "a: [x] # y\n"]
)
def test_a_hash_that_cuts_nothing_is_no_problem(text):
    assert read_document(text, "f.yaml").problems == []


def test_an_unclosed_quote_message_says_where_to_add_it():
    problem = read_document('title: "Rygestop\nvisitation: "Ring til os."\n', "f.yaml")
    assert problem.message == UNCLOSED


def test_an_error_without_a_position_is_placed_at_the_start_of_the_file():
    problem = _syntax_problem("f.yaml", yaml.MarkedYAMLError(problem="odd"), "")
    assert (problem.line, problem.column, problem.field) == (1, 1, "file")
    assert problem.message.startswith("filen kan ikke læses her (odd); se efter et manglende mellemrum")
    with use("en"):
        assert _syntax_problem("f.yaml", yaml.MarkedYAMLError(), "").message == "YAML syntax error: syntax error"


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("contacts", 0, "phone", 1), (6, 3)),  # the item is not in the file: its contact is
        (("contacts", 0, "phone"), (6, 3)),
        (("contacts", 1), (5, 1)),
        (("title",), (1, 1)),
    ],
)
def test_a_position_is_that_of_the_nearest_key_in_the_file(path, position):
    document = Document("f.yaml", positions={(): (1, 1), ("contacts",): (5, 1), ("contacts", 0): (6, 3)})
    assert document.position(path) == position


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [(b"\n\xff", 2, 1, "0xFF"), (b"title: a\nb: c\nd: \xf8\n", 3, 4, "0xF8"), (b"\xfe", 1, 1, "0xFE")],
)
def test_a_byte_that_is_not_utf8_is_found_by_line_and_column(tmp_path, raw, line, column, byte):
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    text, problems = read_text(path, "f.yaml")
    assert text is None
    message = f"er ikke gemt som UTF-8 (byte {byte}); gem filen igen med tegnsættet UTF-8"
    assert problems == [Problem("f.yaml", line, column, "file", message)]


def test_a_key_path_reads_as_a_content_owner_writes_it():
    assert dotted(("contacts", 0, "phone", 1)) == "contacts[0].phone[1]"
    assert dotted(()) == "file"
    assert dotted(("x" * 100, 0)) == "x" * 59 + "…[0]"  # a long key is quoted short
