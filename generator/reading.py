"""Read one YAML file into plain data that remembers where every key and item stands.

PyYAML is used at the node level (compose, not load) so that each key keeps its line, duplicate keys
are caught (plain `yaml.load` silently keeps the last one) and aliases are refused before anything
is expanded (an alias bomb costs nothing to reject here). Whatever the YAML layer raises becomes a
positioned Problem: one broken file must never hide the problems of the others.
"""

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.messages import say
from generator.problems import Problem, character_name, excerpt
from generator.taxonomy import FIELD_LABELS

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
        return None, [Problem(shown, 1, 1, "file", _cannot_read(error))]
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None, [Problem(shown, 1, 1, "file", say("not_regular_file"))]
        with open(descriptor, "rb", closefd=False) as file:  # closed below, whatever happens
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [Problem(shown, 1, 1, "file", _cannot_read(error))]
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), path.stat().st_size)
        return None, [Problem(shown, 1, 1, "file", say("too_big", size=size, limit=MAX_FILE_BYTES))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        return None, [Problem(shown, line, column, "file", say("not_utf8", byte=f"{raw[error.start]:02X}"))]


def read_document(text: str, shown: str, empty: str = "empty_offer") -> Document | Problem:
    """Parse `text` into a Document, or the one Problem that stops it from being read."""
    if found := _UNREADABLE.search(text):
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        message = say("unreadable_character", character=character_name(found.group()))
        return Problem(shown, line, column, "file", message)
    loader = Loader(text)
    document = Document(shown)
    try:
        root = loader.get_single_node()
        if root is None:
            return Problem(shown, 1, 1, "file", say(empty))
        document.positions[()] = _mark(root)
        document.data = _construct(root, (), loader, document, set())
        document.problems.extend(_cut_short(root, text, shown))
        return document
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(shown, error, text)
    except _Refused as refused:
        line, column = document.positions.get(refused.path) or _mark(refused.node)
        return Problem(shown, line, column, dotted(refused.path), refused.message)
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        return Problem(shown, 1, 1, "file", say("not_valid_yaml", error=error))
    finally:
        loader.dispose()


def _construct(node: yaml.Node, path: KeyPath, loader: Any, document: Document, seen: set[int]) -> Any:
    """Build plain Python data from the node tree, recording where each key and item stands."""
    if id(node) in seen:  # only an alias makes the composer hand out the same node twice
        raise _Refused(node, path, say("anchors"))
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise _Refused(node, path, say("too_deep", depth=MAX_DEPTH))
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(node, path, say("yaml_tag", tag=tag))
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
                raise _Refused(key_node, path, say("key_not_plain"))
            key = key_node.value
            key_path = (*path, key)
            if key in mapping:
                first_line = document.positions[key_path][0]
                line, column = _mark(key_node)
                message = say("duplicate_key", first_line=str(first_line))
                document.problems.append(Problem(document.shown, line, column, dotted(key_path), message))
                continue
            document.positions[key_path] = _mark(key_node)
            mapping[key] = _construct(value_node, key_path, loader, document, seen)
        return mapping
    raise _Refused(node, path, say("unsupported_node"))


def _scalar(node: yaml.ScalarNode, path: KeyPath, loader: Any, document: Document) -> Any:
    if node.tag == _STR_TAG:
        return node.value
    try:
        value = loader.construct_object(node)
    except Exception:  # noqa: BLE001 — PyYAML's constructors raise KeyError, IndexError, … on odd input
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if node.tag.endswith(":timestamp"):
            return node.value  # the model explains what is wrong with a date
        message = say("cannot_read_as", value=excerpt(node.value), tag=tag)
        digits = len(re.sub(r"[^0-9]", "", node.value))
        if node.tag.endswith(":int") and digits > 100:  # Python reads at most 4,300 digits
            message = say("number_too_long", value=excerpt(node.value), digits=digits)
        raise _Refused(node, path, message) from None
    if not isinstance(value, str):
        document.raw[path] = node.value
    return value


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:  # noqa: C901 — one case per slip
    """The YAML parser's complaint as the slip a person made, at the line that is wrong (the parser's own mark
    is often the line after it)."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = error.problem or "syntax error", error.context or ""
    lines = text.splitlines()
    opened = error.context_mark
    at = lines[line - 1] if line <= len(lines) else ""
    field = "file"
    if at[column - 1 : column] == "\t" or "\t" in problem:
        message = say("tab")
    elif "found another document" in problem + context:
        message = say("several_documents")
    elif "parsing a quoted scalar" in context:  # a closed "…" holding a backslash YAML cannot read as an escape
        column, written = _escape_at(at, column)
        if "invalid Unicode character escape" in problem:
            message = say("escape_invalid_unicode", written=written)
        else:
            message = say("escape_incomplete" if "hexdecimal" in problem else "escape_unknown", written=written)
    elif "nesting depth" in problem:
        message = say("brackets_too_deep")
    elif "scanning a quoted scalar" in context and opened:
        line, column = opened.line + 1, opened.column + 1
        message = say("quote_never_closed")
    elif context.startswith("while parsing a flow") and opened:
        line, column = opened.line + 1, opened.column + 1
        bracket = "[" if "sequence" in context else "{"
        message = say("bracket_never_closed", bracket=bracket, closing="]" if bracket == "[" else "}")
    elif unclosed := _unclosed_quote(lines, line):
        line, column = unclosed
        message = say("quote_not_closed_on_line")
    elif "cannot start any token" in problem or "scanning an alias" in context:  # `@x`, `` `x` ``, `* item`
        column = len(at) - len(at.lstrip()) + 1 if at.lstrip().startswith("* ") else column
        if at.lstrip().startswith("* "):
            message, field = say("star_bullet"), _key_above(lines, line, empty_only=True) or "file"
        elif key := _KEY.match(at):
            field, value = key[2], at[key.end() :].strip()
            message = say("starts_with", character=value[:1], key=field, value=_quoted(value))
        else:
            message = say("syntax", problem=problem + (f" ({context})" if context else ""))
    elif "scanning a simple key" in context and opened:  # a line that is neither `key: value` nor indented text
        line, column = opened.line + 1, opened.column + 1
        written = lines[line - 1] if line <= len(lines) else ""
        if glued := _GLUED_KEY.match(written):
            column, field = glued.end(1) + 1, glued[1].strip().removeprefix("-").strip()
            message = say("missing_space", key=field, value=glued[2])
        else:
            field = _key_above(lines, line) or "file"
            message = say("lost_indentation", key=field if field != "file" else "…")
    elif at.lstrip().startswith("- "):  # `- item` where the parser expected a key or the end of the list
        column, field = len(at) - len(at.lstrip()) + 1, _key_above(lines, line, empty_only=True) or "file"
        message = say("list_item_outside", key=field if field != "file" else "…")
    elif (key := _KEY.match(at)) and column > key.end() + 1 and "did not find expected key" in problem:
        # `title: "Rygestop" Ishøj`: text after a closing quote or bracket
        field, value = key[2], at[key.end() :].strip()
        message = say("text_after_quote", key=field, value=_quoted(value))
    elif (key := _KEY.match(at)) and (
        problem.startswith("mapping values") and column == key.end(2) + 1 or "did not find expected" in problem
    ):
        column, field = key.start(2) + 1, key[2]
        message = say("misaligned_key", key=field)
    elif problem.startswith("mapping values are not allowed") and (key := _KEY.match(at)):
        field, value = key[2], at[key.end() :].strip()
        if value and value[0] in _CURLY_QUOTES:
            message = say("curly_quotes", key=field, value=_quoted(value.strip(_CURLY_QUOTES)))
        else:
            message = say("colon_in_value", key=field, value=_quoted(value))
    else:
        message = say("syntax", problem=problem + (f" ({context})" if context else ""))
    return Problem(shown, line, column, field, message)


# `key: value` at the start of a line (after any list dash), and `key:value` with the space forgotten.
_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?:\s|$)")
_GLUED_KEY = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*):(\S.*)$")
_CURLY_QUOTES = "“”„«»‘’"  # a word processor's quotes, which YAML reads as letters
_GLUED_VALUE = re.compile(r"([a-z_]+):(\S.*)", re.S)  # `- name:Anna` is text to YAML; to its writer, a key


def _key_above(lines: list[str], line: int, empty_only: bool = False) -> str | None:
    """The nearest key above `line` (with `empty_only`, one with nothing after its colon: a list's key)."""
    for text in reversed(lines[: line - 1]):
        if (key := _KEY.match(text)) and (not empty_only or not text[key.end() :].strip()):
            return key[2]
    return None


def _quoted(value: str) -> str:
    """`value` in the quotes a fix shows: single where it holds a double quote, so nothing needs a backslash."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cut_short(root: yaml.Node, text: str, shown: str) -> list[Problem]:
    """Unquoted text that YAML reads otherwise than its writer meant, without a word: ` #` starts a comment,
    `- ` on a line of its own inside a text was meant as an item of a list, `name:Anna` as a key."""
    lines = text.splitlines()
    problems = []
    for key, node in _plain_values(root):
        end = node.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if rest.strip().startswith("#"):
            lost = rest.strip()
            value = f"{node.value} {lost}"
            message = say("comment_in_value", lost=excerpt(lost), key=key, value=excerpt(_quoted(value)))
            problems.append(Problem(shown, end.line + 1, end.column + 1 + len(rest) - len(rest.lstrip()), key, message))
        if (glued := _GLUED_VALUE.match(node.value)) and glued[1] in FIELD_LABELS:
            message = say("missing_space", key=glued[1], value=glued[2])
            line, column = node.start_mark.line + 1, node.start_mark.column + len(glued[1]) + 2
            problems.append(Problem(shown, line, column, glued[1], message))
        for number in range(node.start_mark.line + 1, end.line + 1):
            if number < len(lines) and lines[number].lstrip().startswith("- "):
                column = len(lines[number]) - len(lines[number].lstrip()) + 1
                message = say("list_item_outside", key=_key_above(lines, number + 1, empty_only=True) or key)
                problems.append(Problem(shown, number + 1, column, key, message))
    return problems


def _plain_values(node: yaml.Node, key: str = "file") -> list[tuple[str, yaml.ScalarNode]]:
    """Every unquoted value below `node`, with the key it belongs to."""
    if isinstance(node, yaml.ScalarNode):
        return [(key, node)] if not node.style else []  # plain: the C loader says "", PyYAML None
    if isinstance(node, yaml.SequenceNode):
        return [found for child in node.value for found in _plain_values(child, key)]
    if isinstance(node, yaml.MappingNode):
        return [found for name, child in node.value for found in _plain_values(child, str(name.value))]
    return []


def _cannot_read(error: OSError) -> str:
    reason = {errno.ENOENT: "not_found", errno.EACCES: "no_access", errno.EPERM: "no_access"}.get(error.errno or 0)
    return say("cannot_read", reason=say(reason) if reason else error.strerror or error)


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
