"""What pydantic found, as positioned Problems in a content owner's words (the wording lives in messages.py)."""

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from generator.messages import say, template
from generator.problems import Problem, excerpt
from generator.reading import Document, KeyPath, dotted
from generator.taxonomy import FIELD_LABELS


def rule_error(kind: str, **context: object) -> PydanticCustomError:
    """The error a model rule raises; `describe` passes its message through unchanged. Quoted values are
    shortened: a message names what it is about, it does not echo a 90,000-digit number."""
    shortened = {name: excerpt(value) if isinstance(value, str) else value for name, value in context.items()}
    return PydanticCustomError(kind, template(kind), shortened or None)


def validation_problems(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    """One positioned Problem per pydantic error, at the key (or nearest enclosing key) it is about.

    A missing key is reported where it belongs: after the key the model puts before it, not on the first line.
    """
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
        place = missing_key_place(model, loc, document) if detail["type"] == "missing" else None
        if place:
            line, column, where = place
            message = say("missing", key=loc[-1], where=where)
        else:
            message = describe(dict(detail), raw, model)
            if message == say("blank") and _is_required(model, loc):
                message = say("blank_required")
        problems.append(Problem(document.shown, line, column, dotted(shown_loc), message))
    return problems


def missing_key_place(model: type[BaseModel], loc: KeyPath, document: Document) -> tuple[int, int, str] | None:
    """Where the missing key `loc` belongs, as a line, a column and the words that say so: after the key the model
    puts before it, or at the top for a top-level key with none before it; None for a nested key with none."""
    before = _present_before(model, loc, document)
    if before:
        return (*document.positions[before], say("missing_after", before=before[-1]))
    if len(loc) == 1:
        return (*document.position(()), say("missing_top"))
    return None


def _present_before(model: type[BaseModel], loc: KeyPath, document: Document) -> KeyPath | None:
    """The key written in the file that the model puts last before the missing key `loc`, in the same mapping."""
    parent, name = loc[:-1], loc[-1]
    nested = _nested_model(model, parent)
    if nested is None:
        return None
    fields = [field for field in nested.model_fields if not nested.model_fields[field].exclude]
    if name not in fields:
        return None
    present = [(*parent, field) for field in fields[: fields.index(name)] if (*parent, field) in document.positions]
    return present[-1] if present else None


def describe(detail: dict[str, Any], raw: str | None, model: type[BaseModel]) -> str:  # noqa: C901 — one flat case per pydantic error type reads better than a table of lambdas
    """Say what is wrong and how to fix it; the model's own custom messages pass through."""
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    name = str(detail["loc"][-1]) if detail["loc"] else ""
    shown = excerpt(raw if raw is not None else repr(value))
    if kind == "missing":
        return say("missing", key=name, where="").rstrip()
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, detail["loc"])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if not close:  # `Title:`, or the Danish label the site shows: `formål:`
            close = [key for key in allowed if name.lower() in {key.lower(), FIELD_LABELS.get(key, "").lower()}]
        if close:
            return say("unknown_key_close", close=close[0])
        return say("unknown_key", allowed=", ".join(allowed))
    if value is None and kind in {"string_type", "list_type", "literal_error", "model_type"}:
        return say("blank_item") if detail["loc"] and isinstance(detail["loc"][-1], int) else say("blank")
    if kind == "string_type":
        if isinstance(value, list | dict):
            return say("not_text_list")
        return say("not_text", value=shown)
    if kind == "string_too_short":
        return say("blank")
    if kind == "too_short":
        return say("too_few")
    if kind == "string_too_long":
        return say("too_long_text", length=len(str(value)), limit=context["max_length"])
    if kind == "too_long":
        return say("too_many", count=context.get("actual_length", ""), limit=context["max_length"])
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", context.get("expected", ""))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = say("did_you_mean", close=close[0]) if close else ""
        return say("not_one_of", value=shown if raw else excerpt(repr(value)), choices=", ".join(choices), hint=hint)
    if kind == "list_type":
        if isinstance(value, str) and value.startswith("-"):
            return say("dash_without_space", value=value.removeprefix("-").strip())
        if isinstance(value, dict):
            return say("list_needs_dashes")
        return say("must_be_list_of", value=value) if isinstance(value, str) else say("must_be_list")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return say("must_be_mapping")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return say("not_whole_number", value=shown)
    if kind in {"greater_than_equal", "less_than_equal"}:
        return say("not_goal", value=str(value))
    return str(detail["msg"])


def allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where `loc` points: nested models are followed through the model's fields."""
    nested = _nested_model(model, loc[:-1], lenient=True)
    return [name for name, info in (nested or model).model_fields.items() if not info.exclude]


def _nested_model(model: type[BaseModel], loc: tuple[Any, ...], lenient: bool = False) -> type[BaseModel] | None:
    """The model that holds the keys at `loc`, following nested models through the fields; None if `loc` leads
    to no model (with `lenient`, the last model found on the way)."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        nested = _model_in(annotation)
        if nested is None:
            return model if lenient else None
        model = nested
    return model


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
