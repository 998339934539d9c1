"""Read offer files into Offers, turning every mistake into a Problem with file, line and field.

PyYAML is used at the node level (compose, not load) so that each key keeps its line, duplicate keys
are caught (plain `yaml.load` silently keeps the last one) and aliases are refused before anything
is expanded (an alias bomb costs nothing to reject here).
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.model import EMPTY, ID_PATTERN, RESERVED_IDS, Offer, slugify
from generator.problems import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCHEMA_COMMENT = "# yaml-language-server: $schema="
MAX_FILE_BYTES = 1_000_000
OFFER_SUFFIXES = (".yaml", ".yml")
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_ID = re.compile(ID_PATTERN)

Path_ = tuple[str | int, ...]


@dataclass
class Catalogue:
    offers: list[Offer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    paths: dict[str, str] = field(default_factory=dict)  # offer id → its file, as shown in problems


class _Refused(Exception):
    """A YAML construct an offer file must not use; carries where and why."""

    def __init__(self, node: yaml.Node, path: Path_, message: str):
        self.node, self.path, self.message = node, path, message


def offer_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the offer files in them; name files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in OFFER_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found


def load_catalogue(paths: Iterable[Path]) -> Catalogue:
    catalogue = Catalogue()
    seen = catalogue.paths
    for path in offer_files(paths):
        catalogue.files += 1
        offer, problems = load_offer(path)
        catalogue.problems.extend(problems)
        if offer is None:
            continue
        if offer.id in seen:
            catalogue.problems.append(
                Problem(str(path), 1, 1, "file", f"id '{offer.id}' is already used by {seen[offer.id]}; rename one")
            )
            continue
        seen[offer.id] = str(path)
        catalogue.offers.append(offer)
    catalogue.offers.sort(key=lambda offer: offer.id)
    return catalogue


def load_offer(path: Path) -> tuple[Offer | None, list[Problem]]:
    shown = str(path)
    text, problems = read_text(path)
    if text is None:
        return None, problems
    stem = path.stem

    def file_problem(message: str) -> None:
        problems.append(Problem(shown, 1, 1, "file", message))

    if path.suffix != ".yaml":
        file_problem(f"offer files end in .yaml; rename to {stem}.yaml")
    if not _ID.match(stem):
        file_problem(
            f"file name '{path.name}' is not a valid id (a-z, 0-9 and '-', æøå as ae/oe/aa); "
            f"rename to {slugify(stem) or 'a-name'}.yaml"
        )
    if stem in RESERVED_IDS:
        file_problem(f"'{stem}' is reserved for a page of the site; rename the file")
    if not text.startswith(SCHEMA_COMMENT):
        file_problem(f"first line must be '{SCHEMA_COMMENT}../schemas/offer.schema.json' so editors can check the file")

    data, positions, scalars, found = read_mapping(text, shown)
    problems.extend(found)
    if data is None:
        return None, problems

    if "id" in data:
        line, column = positions[("id",)]
        problems.append(Problem(shown, line, column, "id", "unknown key; the file name is the offer's id"))
        del data["id"]
    try:
        offer = Offer.model_validate({**data, "id": stem if _ID.match(stem) else "invalid"})
    except ValidationError as error:
        problems.extend(_validation_problems(shown, error, positions, scalars))
        return None, sorted(problems)
    return (None if problems else offer), sorted(problems)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it being read (unreadable, too large, not UTF-8)."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, "file", f"cannot be read: {error.strerror or error}")]
    if len(raw) > MAX_FILE_BYTES:
        message = f"is {len(raw):,} bytes; an offer file must be under {MAX_FILE_BYTES:,} bytes"
        return None, [Problem(shown, 1, 1, "file", message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = f"is not UTF-8 (byte 0x{raw[error.start]:02X}); save the file as UTF-8"
        return None, [Problem(shown, line, column, "file", message)]


def read_mapping(
    text: str,
    shown: str,
    empty: str = "an offer needs title, category, municipalities, … (see README)",
    example: str = "an offer is a set of keys such as 'title: …'",
) -> tuple[dict | None, dict[Path_, tuple[int, int]], dict[Path_, str], list[Problem]]:
    """One YAML mapping as plain data, with the position of every key and item and the raw text of non-strings.

    `empty` and `example` finish the messages for an empty file and for a file that is not a mapping.
    The data is None when the file cannot be read as a mapping at all.
    """
    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, {}, {}, [_syntax_problem(shown, error, text)]
    except yaml.YAMLError as error:
        return None, {}, {}, [Problem(shown, 1, 1, "file", f"is not valid YAML: {error}")]
    finally:
        loader.dispose()

    if root is None:
        return None, {}, {}, [Problem(shown, 1, 1, "file", f"is empty; {empty}")]
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        line, column = _mark(root)
        return None, {}, {}, [Problem(shown, line, column, "file", f"holds {kind}; {example}")]

    positions: dict[Path_, tuple[int, int]] = {(): _mark(root)}
    scalars: dict[Path_, str] = {}
    found: list[Problem] = []
    try:
        data = _construct(root, (), loader, positions, scalars, set(), found, shown)
    except _Refused as refused:
        line, column = positions.get(refused.path) or _mark(refused.node)
        return None, positions, scalars, found + [Problem(shown, line, column, _dotted(refused.path), refused.message)]
    return data, positions, scalars, found


def _construct(node, path, loader, positions, scalars, seen, problems, shown):
    """Build plain Python data from the node tree, recording where each key and item stands."""
    if id(node) in seen:  # only an alias makes the composer hand out the same node twice
        raise _Refused(node, path, "anchors and aliases (& and *) are not allowed; write the value out")
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(node, path, f"YAML tags such as '{tag}' are not allowed; write plain text")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return node.value
        try:
            value = loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError) as error:
            if node.tag == _TIMESTAMP_TAG:
                return node.value  # let the model explain what is wrong with the date
            raise _Refused(node, path, f"'{node.value}' cannot be read ({error})") from None
        if not isinstance(value, str):
            scalars[path] = node.value
        return value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            positions[(*path, index)] = _mark(child)
            items.append(_construct(child, (*path, index), loader, positions, scalars, seen, problems, shown))
        return items
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, path, "a key must be plain text")
            key = key_node.value
            key_path = (*path, key)
            if key in mapping:
                first_line = positions[key_path][0]
                line, column = _mark(key_node)
                problems.append(
                    Problem(shown, line, column, _dotted(key_path), f"duplicate key; already set on line {first_line}")
                )
                continue
            positions[key_path] = _mark(key_node)
            mapping[key] = _construct(value_node, key_path, loader, positions, scalars, seen, problems, shown)
        return mapping
    raise _Refused(node, path, "unsupported YAML node")


def _validation_problems(shown, error: ValidationError, positions, scalars) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        if loc[:1] == ("id",):
            continue  # the file name was already reported
        known = loc
        while known not in positions:
            known = known[:-1]
        shown_loc = known + tuple(part for part in loc[len(known) :] if isinstance(part, str))
        line, column = positions[known]
        problems.append(Problem(shown, line, column, _dotted(shown_loc), _describe(detail, scalars.get(loc))))
    return problems


def _describe(detail: dict, raw: str | None) -> str:
    """Say in a content owner's words what pydantic found; custom messages pass through."""
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    name = str(detail["loc"][-1]) if detail["loc"] else ""
    shown = raw if raw is not None else repr(value)
    if kind == "missing":
        return f"required key is missing; add '{name}: …'"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(name, _allowed_keys(detail["loc"]), n=1, cutoff=0.6)
        return (
            f"unknown key; did you mean {close[0]}?"
            if close
            else ("unknown key; allowed keys are " + ", ".join(_allowed_keys(detail["loc"])))
        )
    if value is None and kind in {"string_type", "list_type", "literal_error", "model_type"}:
        return EMPTY
    if kind == "string_type":
        if isinstance(value, list | dict):
            return "must be text, not a list or mapping"
        return f'{shown} is not text; if you mean the text, write it in quotes: "{shown}"'
    if kind in {"string_too_short", "too_short"}:
        return EMPTY if kind == "string_too_short" else "must list at least one"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", context.get("expected", ""))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"{shown if raw else repr(value)} is not one of: {', '.join(choices)}{hint}"
    if kind == "list_type":
        return f"must be a list, e.g. [{value}]" if isinstance(value, str) else "must be a list"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a set of keys such as 'name: …', 'phone: …'"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{shown} is not a whole number"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{value} is not a goal number; the goals are numbered 1 to 10"
    return detail["msg"]


def _allowed_keys(loc: tuple) -> list[str]:
    from generator.model import Contact

    model = Contact if "contacts" in loc else Offer
    return [name for name in model.model_fields if name != "id"]


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = error.problem or "syntax error", error.context or ""
    lines = text.splitlines()
    at_tab = line <= len(lines) and lines[line - 1][column - 1 : column] == "\t"
    if at_tab or "\t" in problem:
        message = "tab character; YAML is indented with spaces only"
    elif "found another document" in problem + context:
        message = "holds several YAML documents ('---'); one offer per file"
    elif "quoted scalar" in context and error.context_mark:
        line, column = error.context_mark.line + 1, error.context_mark.column + 1
        message = "the quoted text that starts here is never closed; add the closing quote"
    elif problem.startswith("mapping values are not allowed"):
        message = "YAML syntax error: ': ' inside a value; put the whole value in quotes"
    else:
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(shown, line, column, "file", message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "file"
