"""The freshness rule: an offer nobody has verified for too long must be flagged.

Twelve months is the usual rule for human-services directories: every record is checked at least
once a year. The CLI and the site both read DEFAULT_MAX_AGE_MONTHS, so they never disagree.

A flag on every offer singles out none: when most of the catalogue is stale, the site says so once, in a
banner on every page, instead of on each offer (Freshness.mostly_stale, decided here for every page).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from generator.model import Offer

DEFAULT_MAX_AGE_MONTHS = 12


def is_stale(offer: Offer, today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> bool:
    """Verified before the same day `max_age_months` ago (2024-03-31 minus one month is 2024-02-29)."""
    return offer.last_updated < _oldest_fresh(today, max_age_months)


def _oldest_fresh(today: dt.date, max_age_months: int) -> dt.date:
    return today - relativedelta(months=max_age_months)


def stale_offers(offers: Iterable[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> list[Offer]:
    """The stale offers, oldest first (ties by id, so output is stable)."""
    oldest_fresh = _oldest_fresh(today, max_age_months)  # once, not per offer: date arithmetic is the slow part
    found = [offer for offer in offers if offer.last_updated < oldest_fresh]
    return sorted(found, key=lambda offer: (offer.last_updated, offer.id))


def age_in_months(since: dt.date, today: dt.date) -> int:
    """Whole months from `since` to `today`."""
    age = relativedelta(today, since)
    return age.years * 12 + age.months


@dataclass(frozen=True)
class Freshness:
    """Which offers are stale as of one day: decided once per build, then read by every page."""

    today: dt.date
    max_age_months: int
    stale: tuple[Offer, ...]  # oldest first
    stale_ids: frozenset[str]
    total: int = 0  # how many offers the catalogue has, stale or not

    @classmethod
    def of(cls, offers: Iterable[Offer], today: dt.date, max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> "Freshness":
        offers = list(offers)
        stale = tuple(stale_offers(offers, today, max_age_months))
        return cls(today, max_age_months, stale, frozenset(offer.id for offer in stale), len(offers))

    def is_stale(self, offer: Offer) -> bool:
        return offer.id in self.stale_ids

    @property
    def mostly_stale(self) -> bool:
        """More than half of the offers are stale: the whole catalogue is flagged once (a banner on every page),
        not each offer, where the flag would no longer single anything out."""
        return 2 * len(self.stale) > self.total

    def flags(self, offer: Offer) -> bool:
        """Whether the offer itself is flagged as stale (its page's warning, "Forældet" in the lists): only
        while it is one of the few stale offers of a mostly current catalogue."""
        return self.is_stale(offer) and not self.mostly_stale

    def age_in_months(self, offer: Offer) -> int:
        return age_in_months(offer.last_updated, self.today)
