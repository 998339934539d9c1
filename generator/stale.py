"""The freshness rule: an offer nobody has verified for too long must be flagged.

Twelve months is the usual rule for human-services directories: every record is checked at least
once a year. The CLI and the site both read DEFAULT_MAX_AGE_MONTHS, so they never disagree.
"""

import calendar
import datetime as dt
from collections.abc import Iterable

from generator.model import Offer

DEFAULT_MAX_AGE_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (2024-03-31 → 2024-02-29)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(offer: Offer, today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> bool:
    return offer.last_updated < months_before(today, max_age_months)


def stale_offers(offers: Iterable[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> list[Offer]:
    """The stale offers, oldest first (ties by id, so output is stable)."""
    found = [offer for offer in offers if is_stale(offer, today, max_age_months)]
    return sorted(found, key=lambda offer: (offer.last_updated, offer.id))


def age_in_months(since: dt.date, today: dt.date) -> int:
    months = (today.year - since.year) * 12 + today.month - since.month
    return months - (today.day < since.day)
