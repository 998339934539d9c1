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


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
