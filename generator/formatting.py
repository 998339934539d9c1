"""Dates and ages as a reader expects them, formatted by Babel (CLDR) rather than by hand."""

import datetime as dt
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
