"""YAML text → data with positions, or the one positioned Problem that stops it (generator/reading.py).

The whole-file cases are data (tests/data/invalid/); these state the parser's messages and positions for the
shapes of mistake that need a particular line or column, on text given inline.
"""

import pytest
import yaml

from generator.problems import Problem
from generator.reading import Document, _syntax_problem, dotted, read_document, read_text

UNCLOSED = "the quoted text that starts here is not closed on its line; add the closing quote"


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("title: *nope\n", 1, 8, "YAML syntax error: found undefined alias"),
        ("title: x\n- y\n", 2, 1, "YAML syntax error: did not find expected key (while parsing a block mapping)"),
        ("title: {a: 1\npurpose: x\n", 1, 8, "the '{' that opens here is never closed; add '}' (or a missing ',')"),
        ("a: " + "[" * 1200 + "]" * 1200, 1, 1003, "brackets are nested too deeply; an offer is never that deep"),
        # An escape YAML cannot hold: its backslash is the position, the escape as written the quote.
        ('title: "\\ud800"', 1, 9, "'\\ud800' is no character YAML can hold"),
        ('title: "x \\uD800"', 1, 11, "'\\uD800' is no character YAML can hold"),
        ('title: "a\\tb \\ud800"', 1, 14, "'\\ud800' is no character YAML can hold"),
        ('visitation: "Mappen C:\\Dokumenter"', 1, 23, "'\\D' is not an escape YAML knows; in double quotes write"),
        ('title: "Rygestop \\u12"', 1, 18, "'\\u12' is an incomplete escape; in double quotes write a backslash"),
        ('title: "\\xZZ"', 1, 9, "'\\x' is an incomplete escape"),
        # A quote left open swallows the lines below it: the position is where it opens.
        ("title: 'Borgerens ''egen'' plan\npurpose: x\nvisitation: 'Ring til os.'\n", 1, 8, UNCLOSED),
        ("title: 'Siger \"hej\"\npurpose: x\nvisitation: 'Ring til os.'\n", 1, 8, UNCLOSED),
        ('title: "Borgerens plan, it\'s\npurpose: x\nvisitation: "Ring til os."\n', 1, 8, UNCLOSED),
        ('title: "Rygestop\nvisitation: "Ring til os."\n', 1, 8, UNCLOSED),
        ('title: \'Rygestop\'\npurpose: "open\nvisitation: "Ring"\n', 2, 10, UNCLOSED),
        # Only lines above the error are searched, and a closed quote is no open one.
        (
            'title: a: b\npurpose: "open\n',
            1,
            9,
            "YAML syntax error: ': ' inside a value; put the whole value in quotes",
        ),
        ("title: 'Rygestop'\npurpose: a: b\n", 2, 11, "YAML syntax error: ': ' inside a value"),
    ],
)
def test_a_syntax_error_is_one_positioned_problem(text, line, column, message):
    problem = read_document(text, "f.yaml")
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line, problem.column, problem.field) == ("f.yaml", line, column, "file")
    assert problem.message.startswith(message)


def test_an_unclosed_quote_message_says_where_to_add_it():
    problem = read_document('title: "Rygestop\nvisitation: "Ring til os."\n', "f.yaml")
    assert problem.message == UNCLOSED


def test_an_error_without_a_position_is_placed_at_the_start_of_the_file():
    assert _syntax_problem("f.yaml", yaml.MarkedYAMLError(problem="odd"), "") == Problem(
        "f.yaml", 1, 1, "file", "YAML syntax error: odd"
    )
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
    assert problems == [Problem("f.yaml", line, column, "file", f"is not UTF-8 (byte {byte}); save the file as UTF-8")]


def test_a_key_path_reads_as_a_content_owner_writes_it():
    assert dotted(("contacts", 0, "phone", 1)) == "contacts[0].phone[1]"
    assert dotted(()) == "file"
    assert dotted(("x" * 100, 0)) == "x" * 59 + "…[0]"  # a long key is quoted short
