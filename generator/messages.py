"""What pydantic found, in a content owner's words: the one place for validation wording."""

import difflib
import re
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from generator.problems import Problem, excerpt
from generator.reading import Document, KeyPath, dotted

EMPTY = "is empty; write the text, or remove the key if it is optional"
EMPTY_REQUIRED = "is empty; this key is required: fill it in"

# The model's own rules, by error type: raised with `rule_error`, the wording lives only here.
RULES = {
    "blank": EMPTY,
    "invisible_character": "contains the invisible character {character}; delete it (retype the text around it)",
    "one_line": "must be one line; write it without line breaks",
    "title_markup": "must not contain < or >; write the title as plain text",
    "phone": "'{value}' is not a Danish phone number; write 8 digits, spaces allowed, e.g. 43 57 77 26",
    "email": "'{value}' is not a plain e-mail address; write e.g. sundhed@ishoj.dk",
    "url": "'{value}' is not a web address; write it as https://… with no spaces, quotes or < >",
    "url_userinfo": "'{value}' has a user name before '@', so a browser goes to {host}; write the address without it",
    "url_mixed_scripts": (
        "'{value}': the host name {host} mixes letters of different scripts ({scripts}), as look-alike "
        "addresses do; write it in the letters of one script"
    ),
    "url_idna": "'{value}': {host} is not a valid international domain name; write the address as it is spelled",
    "date_time": "has a time of day; write only the date, e.g. 2012-12-19",
    "date_impossible": "'{value}' is not a real date; check day and month",
    "date_danish": "'{value}' is not an ISO date; write {iso}",
    "date_format": "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2012-12-19",
    "date_future": "{value} is in the future; write the date the offer was last checked",
    "duplicate_item": "'{item}' is listed twice",
    "github": "'{value}' is not a GitHub user or team; write @user or @organisation/team",
    "github_user": "'{value}' is not a GitHub user name; write the person's login, e.g. mette-ishoej (not a team)",
}


def rule_error(kind: str, **context: object) -> PydanticCustomError:
    """The error a model rule raises; `describe` passes its message through unchanged. Quoted values are
    shortened: a message names what it is about, it does not echo a 90,000-digit number."""
    shortened = {name: excerpt(value) if isinstance(value, str) else value for name, value in context.items()}
    return PydanticCustomError(kind, RULES[kind], shortened or None)


def validation_problems(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    """One positioned Problem per pydantic error, at the key (or nearest enclosing key) it is about."""
    problems = []
    for detail in error.errors(include_url=False):
        loc: KeyPath = tuple(detail["loc"])
        if loc[:1] == ("id",):
            continue  # the file name was already reported
        known = loc
        while known not in document.positions:
            known = known[:-1]
        shown_loc = known + tuple(part for part in loc[len(known) :] if isinstance(part, str))
        line, column = document.positions[known]
        # A single value the model wraps in a list (`phone: yes`) is reported at [0], but was written at the key.
        raw = document.raw.get(loc, document.raw.get(loc[:-1]) if loc[-1:] == (0,) else None)
        message = describe(dict(detail), raw, model)
        if message == EMPTY and _is_required(model, loc):
            message = EMPTY_REQUIRED
        problems.append(Problem(document.shown, line, column, dotted(shown_loc), message))
    return problems


def describe(detail: dict[str, Any], raw: str | None, model: type[BaseModel]) -> str:  # noqa: C901 — one flat case per pydantic error type reads better than a table of lambdas
    """Say what is wrong and how to fix it; the model's own custom messages pass through."""
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    name = str(detail["loc"][-1]) if detail["loc"] else ""
    shown = excerpt(raw if raw is not None else repr(value))
    if kind == "missing":
        return f"required key is missing; add '{name}: …'"
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, detail["loc"])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        return (
            f"unknown key; did you mean {close[0]}?" if close else "unknown key; allowed keys are " + ", ".join(allowed)
        )
    if value is None and kind in {"string_type", "list_type", "literal_error", "model_type"}:
        return EMPTY
    if kind == "string_type":
        if isinstance(value, list | dict):
            return "must be text, not a list or mapping"
        return f'{shown} is not text; if you mean the text, write it in quotes: "{shown}"'
    if kind == "string_too_short":
        return EMPTY
    if kind == "too_short":
        return "must list at least one"
    if kind == "string_too_long":
        return f"is {len(str(value)):,} characters long; the limit is {context['max_length']:,}: shorten it"
    if kind == "too_long":
        return f"lists {context.get('actual_length', '')} items; at most {context['max_length']} are allowed"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", context.get("expected", ""))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"{shown if raw else excerpt(repr(value))} is not one of: {', '.join(choices)}{hint}"
    if kind == "list_type":
        return f"must be a list, e.g. [{value}]" if isinstance(value, str) else "must be a list"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a set of keys such as 'name: …', 'phone: …'"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{shown} is not a whole number"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{value} is not a goal number; the goals are numbered 1 to 10"
    return str(detail["msg"])


def allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where `loc` points: nested models are followed through the model's fields."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        nested = _model_in(annotation)
        if nested is None:
            break
        model = nested
    return [name for name, info in model.model_fields.items() if not info.exclude]


def _is_required(model: type[BaseModel], loc: tuple[Any, ...]) -> bool:
    """Whether the key at `loc` must be there (then "remove the key" is no way out)."""
    names = [part for part in loc if isinstance(part, str)]
    for name in names[:-1]:
        nested = _model_in(model.model_fields[name].annotation) if name in model.model_fields else None
        if nested is None:
            return False
        model = nested
    return bool(names) and names[-1] in model.model_fields and model.model_fields[names[-1]].is_required()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        if found := _model_in(argument):
            return found
    return None


def unknown_owner(owner: str, keys: Collection[str]) -> str:
    close = difflib.get_close_matches(owner, list(keys), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "add it to owners.yaml, or use one of its keys"
    return f"unknown owner '{owner}'; {hint}"
