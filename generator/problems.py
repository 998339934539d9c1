"""The Problem record and its output formats.

Every check appends Problems instead of raising, so a content owner sees all mistakes in one run.
Problems quote what they found in a file, so every format escapes it for where it is shown: a
terminal must not receive control characters, a GitHub workflow command must not receive its own syntax.
"""

import json
import re
import unicodedata
from dataclasses import asdict, dataclass

from generator.messages import field_label, say

# C0/C1 control characters (newline kept by callers that want it) and bidi controls.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str  # the key path, `contacts[0].phone`; shown to a person as field_label gives it
    message: str
    severity: str = "error"  # or "warning": reported, but the catalogue is still built

    def __str__(self) -> str:
        warning = f"{say('warning_word')}: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {field_label(self.field)}: {warning}{self.message}"


MAX_PER_FILE = 50  # problems shown for one file: the first fifty say what is wrong with it
MAX_SHOWN = 1_000  # problems shown in all: the serve page and a job summary stay small
SUMMARY_BYTES = 800_000  # a job summary's table, well under GitHub's limit of 1 MiB per step
EXCERPT = 60  # characters of a value quoted in a message


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A value as a message quotes it: whole when short, else its start and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def character_name(character: str) -> str:
    """A character as a message names it: `U+200B ZERO WIDTH SPACE`, or `U+FFFE` where Unicode gives no name."""
    return f"U+{ord(character):04X} {unicodedata.name(character, '')}".strip()


def capped(problems: list[Problem], limit: int, rest: str | None = None) -> list[Problem]:
    """The first `limit` problems, then one that says what is left out: a file with 11,000 unknown keys
    gives a screenful, not 3 MB. `rest` words that last one; by default it counts the rest of one file."""
    if len(problems) <= limit:
        return problems
    hidden = problems[limit]
    message = rest or say("more_in_file", count=len(problems) - limit)
    return [*problems[:limit], Problem(hidden.path, hidden.line, hidden.column, "file", message)]


def printable(text: str) -> str:
    """`text` safe for a terminal: every control or bidi character shown as an escape such as \\x1b."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def format_text(problems: list[Problem]) -> str:
    return "".join(f"{printable(str(problem))}\n" for problem in problems)


def format_json(problems: list[Problem]) -> str:
    rows = [{**asdict(problem), "label": field_label(problem.field)} for problem in problems]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions annotations: the message appears on the offending line of a pull request.

    Escaped as the runner parses workflow commands: data escapes %, CR and LF; property values
    also ',' and ':', so a key named `x,file=README.md` cannot add a property of its own.
    """
    return "".join(
        f"::{p.severity} file={_property(p.path)},line={p.line},col={p.column},"
        f"title={_property(field_label(p.field))}::{_data(p.message)}\n"
        for p in problems
    )


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_markdown(problems: list[Problem]) -> str:
    """A Markdown table, for a pull request's job summary: it shows every problem, not only the first ten."""

    def cell(text: object) -> str:
        text = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("&", "&amp;")
        return text.replace("<", "&lt;").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")

    if not problems:
        return say("table_none")
    table, size = [say("table_header")], 0
    for shown, p in enumerate(problems):
        message = f"{say('warning_word')}: {p.message}" if p.severity == "warning" else p.message
        row = f"| {cell(p.path)} | {p.line} | {p.column} | {cell(field_label(p.field))} | {cell(message)} |\n"
        size += len(row.encode())
        if size > SUMMARY_BYTES:  # GitHub refuses a job summary over 1 MiB, and shows none of it
            table.append(say("table_more", count=len(problems) - shown))
            break
        table.append(row)
    return "".join(table)


FORMATS = {"text": format_text, "json": format_json, "github": format_github, "markdown": format_markdown}
