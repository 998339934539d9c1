"""The Problem record and its output formats.

Every check appends Problems instead of raising, so a content owner sees all mistakes in one run.
"""

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


def format_text(problems: list[Problem]) -> str:
    return "".join(f"{problem}\n" for problem in problems)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=2) + "\n"


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions annotations: the message appears on the offending line of a pull request."""

    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return "".join(
        f"::error file={p.path},line={p.line},col={p.column},title={escape(p.field)}::{escape(p.message)}\n"
        for p in problems
    )


def format_markdown(problems: list[Problem]) -> str:
    """A Markdown table, for a pull request's job summary: it shows every problem, not only the first ten."""

    def cell(text: object) -> str:
        text = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("&", "&amp;")
        return text.replace("<", "&lt;").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")

    if not problems:
        return "No problems found.\n"
    rows = [f"| {cell(p.path)} | {p.line} | {p.column} | {cell(p.field)} | {cell(p.message)} |\n" for p in problems]
    return "| File | Line | Column | Field | Problem |\n| --- | --: | --: | --- | --- |\n" + "".join(rows)


FORMATS = {"text": format_text, "json": format_json, "github": format_github, "markdown": format_markdown}
