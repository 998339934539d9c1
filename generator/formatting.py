"""Dates, ages and phone numbers as a reader expects them: dates by Babel (CLDR) rather than by hand, phone
numbers in the one way Danes read them aloud, in pairs."""

import datetime as dt
import re
from functools import cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

SITE_LOCALE = "da"


@cache  # a catalogue repeats dates and ages; Babel looks the locale up on every call
def long_date(day: dt.date, locale: str = SITE_LOCALE) -> str:
    """`19. december 2012`."""
    return format_date(day, format="long", locale=locale)


@cache
def age(months: int, locale: str = SITE_LOCALE) -> str:
    """`14 år og 1 måned` (da) or `14 years and 1 month` (en): whole years, then the months left."""
    years, months = divmod(months, 12)
    parts = [format_unit(years, "duration-year", length="long", locale=locale)] if years else []
    if months or not years:
        parts.append(format_unit(months, "duration-month", length="long", locale=locale))
    return format_list(parts, locale=locale)


def number(value: int, locale: str = SITE_LOCALE) -> str:
    """`55.000` (da)."""
    return format_decimal(value, locale=locale)


# What may stand between a number's digits: the model's separators (spaces, dots, hyphens), and the brackets of
# a pasted "(+45)".
_SEPARATORS = re.compile(r"[\s.()-]")
_DANISH = re.compile(r"(?:\+45|0045)?(\d{8})")


def danish_digits(text: str) -> str | None:
    """The 8 digits of a Danish phone number however it is written (`43577800`, `3647 1361`, `+45 43-57-77-26`,
    the forms the model accepts, and `0045`, `(+45)`); None for anything else (a foreign number, a word)."""
    found = _DANISH.fullmatch(_SEPARATORS.sub("", text))
    return found[1] if found else None


def phone(text: str) -> str:
    """`43 57 77 26`: a Danish number in pairs, one format on every page whichever way the file writes it
    (a +45 prefix is dropped: every number here is Danish). Anything else is shown as written."""
    digits = danish_digits(text)
    if digits is None:
        return text.strip()
    return " ".join(digits[start : start + 2] for start in range(0, 8, 2))
