"""Read one YAML file into plain data that remembers where every key and item stands.

PyYAML is used at the node level (compose, not load) so that each key keeps its line, duplicate keys
are caught (plain `yaml.load` silently keeps the last one) and aliases are refused before anything
is expanded (an alias bomb costs nothing to reject here). Whatever the YAML layer raises becomes a
positioned Problem: one broken file must never hide the problems of the others.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, character_name, excerpt

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 100_000  # the largest real offer is about 2 KB
MAX_DEPTH = 8  # an offer nests four levels deep (contacts → contact → phone list)
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
# What YAML 1.1 lets a file hold (PyYAML's reader refuses the rest, reporting a character offset, not a line).
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A value that opens a quote and does not close it on the same line: `title: "Rygestop`.
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s#'"][^:#]*:\s+(["'])(.*)$""")

KeyPath = tuple[str | int, ...]


@dataclass
class Document:
    """A file's data, with the line and column of each key (or list item) by its path."""

    shown: str
    data: Any = None
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    raw: dict[KeyPath, str] = field(default_factory=dict)  # the source text of non-text scalars (`yes`, `011`)
    problems: list[Problem] = field(default_factory=list)  # problems that still let the data be checked

    def position(self, path: KeyPath) -> tuple[int, int]:
        """Where `path` stands, or its nearest ancestor that is in the file."""
        while path not in self.positions:
            path = path[:-1]
        return self.positions[path]


class _Refused(Exception):
    """A YAML construct an offer file must not use; carries where and why."""

    def __init__(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        self.node, self.path, self.message = node, path, message


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the reason it has none a content owner can act on.

    Only a regular file is read, and only up to the limit: a pipe would wait forever, a link to /dev/zero
    would fill the memory. Opened without blocking, so a pipe is found out, not waited on.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return None, [Problem(shown, 1, 1, "file", f"cannot be read: {error.strerror or error}")]
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            message = "is not a regular file (a folder, pipe or device); replace it with a plain text file"
            return None, [Problem(shown, 1, 1, "file", message)]
        with open(descriptor, "rb", closefd=False) as file:  # closed below, whatever happens
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [Problem(shown, 1, 1, "file", f"cannot be read: {error.strerror or error}")]
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), path.stat().st_size)
        message = f"is {size:,} bytes; the file must be under {MAX_FILE_BYTES:,} bytes"
        return None, [Problem(shown, 1, 1, "file", message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = f"is not UTF-8 (byte 0x{raw[error.start]:02X}); save the file as UTF-8"
        return None, [Problem(shown, line, column, "file", message)]


EMPTY_OFFER = "is empty; an offer needs title, category, municipalities, … (see README)"


def read_document(text: str, shown: str, empty: str = EMPTY_OFFER) -> Document | Problem:
    """Parse `text` into a Document, or the one Problem that stops it from being read."""
    if found := _UNREADABLE.search(text):
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        message = f"contains the character {character_name(found.group())}, which an offer file cannot hold; delete it"
        return Problem(shown, line, column, "file", message)
    loader = Loader(text)
    document = Document(shown)
    try:
        root = loader.get_single_node()
        if root is None:
            return Problem(
                shown, 1, 1, "file", "is empty; an offer needs title, category, municipalities, … (see README)"
            )
        document.positions[()] = _mark(root)
        document.data = _construct(root, (), loader, document, set())
        return document
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(shown, error, text)
    except _Refused as refused:
        line, column = document.positions.get(refused.path) or _mark(refused.node)
        return Problem(shown, line, column, dotted(refused.path), refused.message)
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        return Problem(shown, 1, 1, "file", f"is not valid YAML: {error}")
    finally:
        loader.dispose()


def _construct(node: yaml.Node, path: KeyPath, loader: Any, document: Document, seen: set[int]) -> Any:
    """Build plain Python data from the node tree, recording where each key and item stands."""
    if id(node) in seen:  # only an alias makes the composer hand out the same node twice
        raise _Refused(node, path, "anchors and aliases (& and *) are not allowed; write the value out")
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise _Refused(node, path, f"is nested more than {MAX_DEPTH} levels deep; an offer is never that deep")
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(node, path, f"YAML tags such as '{tag}' are not allowed; write plain text")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, loader, document)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            document.positions[(*path, index)] = _mark(child)
            items.append(_construct(child, (*path, index), loader, document, seen))
        return items
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _Refused(key_node, path, "a key must be plain text, such as 'title'")
            key = key_node.value
            key_path = (*path, key)
            if key in mapping:
                first_line = document.positions[key_path][0]
                line, column = _mark(key_node)
                message = f"duplicate key; already set on line {first_line}"
                document.problems.append(Problem(document.shown, line, column, dotted(key_path), message))
                continue
            document.positions[key_path] = _mark(key_node)
            mapping[key] = _construct(value_node, key_path, loader, document, seen)
        return mapping
    raise _Refused(node, path, "unsupported YAML node")


def _scalar(node: yaml.ScalarNode, path: KeyPath, loader: Any, document: Document) -> Any:
    if node.tag == _STR_TAG:
        return node.value
    try:
        value = loader.construct_object(node)
    except Exception:  # noqa: BLE001 — PyYAML's constructors raise KeyError, IndexError, … on odd input
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if node.tag.endswith(":timestamp"):
            return node.value  # the model explains what is wrong with a date
        message = f"'{excerpt(node.value)}' cannot be read as {tag}; remove the tag and write plain text"
        digits = len(re.sub(r"[^0-9]", "", node.value))
        if node.tag.endswith(":int") and digits > 100:  # Python reads at most 4,300 digits
            message = f"'{excerpt(node.value)}' is a number of {digits:,} digits, too long to be read; shorten it"
        raise _Refused(node, path, message) from None
    if not isinstance(value, str):
        document.raw[path] = node.value
    return value


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = error.problem or "syntax error", error.context or ""
    lines = text.splitlines()
    opened = error.context_mark
    at_tab = line <= len(lines) and lines[line - 1][column - 1 : column] == "\t"
    if at_tab or "\t" in problem:
        message = "tab character; YAML is indented with spaces only"
    elif "found another document" in problem + context:
        message = "holds several YAML documents ('---'); one offer per file"
    elif "parsing a quoted scalar" in context:  # a closed "…" holding a backslash YAML cannot read as an escape
        column, written = _escape_at(lines[line - 1] if line <= len(lines) else "", column)
        if "invalid Unicode character escape" in problem:
            message = (
                f"'{written}' is no character YAML can hold (half an emoji, or a control code); write the character"
            )
        else:
            kind = "an incomplete escape" if "hexdecimal" in problem else "not an escape YAML knows"
            message = (
                f"'{written}' is {kind}; in double quotes write a backslash as \\\\, or put the text in single quotes"
            )
    elif "nesting depth" in problem:
        message = "brackets are nested too deeply; an offer is never that deep"
    elif "scanning a quoted scalar" in context and opened:
        line, column = opened.line + 1, opened.column + 1
        message = "the quoted text that starts here is never closed; add the closing quote"
    elif context.startswith("while parsing a flow") and opened:
        line, column = opened.line + 1, opened.column + 1
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        message = f"the '{bracket}' that opens here is never closed; add '{closing}' (or a missing ',')"
    elif unclosed := _unclosed_quote(lines, line):
        line, column = unclosed
        message = "the quoted text that starts here is not closed on its line; add the closing quote"
    elif problem.startswith("mapping values are not allowed"):
        message = "YAML syntax error: ': ' inside a value; put the whole value in quotes"
    else:
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(shown, line, column, "file", message)


def _escape_at(text: str, column: int) -> tuple[int, str]:
    """The escape a parser's mark points into or just past, on its line: its column (its backslash) and what it
    says (`\\ud800`, `\\u12`, `\\D`)."""
    start = max(text.rfind("\\", 0, column), 0)
    escape = re.match(r"\\(?:x[0-9A-Fa-f]{0,2}|u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|.?)", text[start:])
    return start + 1, escape[0] if escape else "\\"


def _unclosed_quote(lines: list[str], before: int) -> tuple[int, int] | None:
    """The first `key: "…` above line `before` whose quote runs on past its line.

    YAML lets a quoted value span lines, so a forgotten closing quote swallows the lines below it and
    the parser only stumbles far further down; the mistake is where the quote opens.
    """
    for number, text in enumerate(lines[: before - 1], start=1):
        match = _OPEN_QUOTE.match(text)
        if not match:
            continue
        quote, rest = match.groups()
        closes = rest.replace("''", "").count("'") if quote == "'" else len(re.findall(r'(?<!\\)"', rest))
        if closes == 0:
            return number, match.start(1) + 1
    return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def dotted(path: KeyPath) -> str:
    """`contacts[0].phone`: a key path as a content owner reads it."""
    text = ""
    for part in path:
        key = excerpt(part) if isinstance(part, str) else part
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "file"
