import datetime as dt

import pytest

from generator.model import Offer
from generator.stale import Freshness, age_in_months, is_stale, stale_offers


def offer(id: str, last_updated: str) -> Offer:
    return Offer(
        id=id,
        title=id,
        category="sundhed",
        municipalities=["Ishøj"],
        purpose="p",
        target_group="t",
        visitation="v",
        last_updated=dt.date.fromisoformat(last_updated),
    )


@pytest.mark.parametrize(
    ("day", "months", "boundary"),
    [
        ("2026-11-24", 12, "2025-11-24"),
        ("2024-03-31", 1, "2024-02-29"),
        ("2026-01-15", 1, "2025-12-15"),
        ("2026-05-31", 3, "2026-02-28"),
    ],
)
def test_threshold_is_the_same_day_months_earlier_clamped_to_the_months_end(day, months, boundary):
    today, last_fresh = dt.date.fromisoformat(day), dt.date.fromisoformat(boundary)
    fresh, stale = offer("a", boundary), offer("b", (last_fresh - dt.timedelta(days=1)).isoformat())
    assert not is_stale(fresh, today, months)
    assert is_stale(stale, today, months)
    assert stale_offers([fresh, stale], today, months) == [stale]  # the list draws the same line


def test_stale_is_strictly_older_than_threshold():
    today = dt.date(2026, 11, 24)
    assert not is_stale(offer("a", "2025-11-24"), today)
    assert is_stale(offer("a", "2025-11-23"), today)
    assert not is_stale(offer("a", "2025-11-23"), today, max_age_months=13)


def test_stale_offers_oldest_first_then_by_id():
    offers = [offer("c", "2013-01-17"), offer("b", "2012-10-11"), offer("a", "2013-01-17"), offer("d", "2026-11-01")]
    found = stale_offers(offers, dt.date(2026, 11, 24))
    assert [o.id for o in found] == ["b", "a", "c"]


def test_age_in_months():
    assert age_in_months(dt.date(2012, 12, 19), dt.date(2026, 11, 24)) == 167
    assert age_in_months(dt.date(2012, 12, 25), dt.date(2026, 11, 24)) == 166


def test_freshness_is_decided_once_for_all_offers():
    offers = [offer("c", "2013-01-17"), offer("b", "2012-10-11"), offer("d", "2026-11-01")]
    freshness = Freshness.of(offers, dt.date(2026, 11, 24))
    assert [o.id for o in freshness.stale] == ["b", "c"]
    assert [freshness.is_stale(o) for o in offers] == [True, True, False]
    assert freshness.age_in_months(offers[1]) == 169


def test_the_threshold_reaches_the_list_and_the_build():
    """The months asked for, not the default, decide which offers are listed as stale."""
    offers = [offer("a", "2025-10-01"), offer("b", "2026-06-01")]
    today = dt.date(2026, 11, 24)
    assert [o.id for o in stale_offers(offers, today, max_age_months=3)] == ["a", "b"]
    freshness = Freshness.of(offers, today, max_age_months=3)
    assert [o.id for o in freshness.stale] == ["a", "b"]
    assert freshness.max_age_months == 3  # the pages say "over 3 måneder"
    assert Freshness.of(offers, today).max_age_months == 12


@pytest.mark.parametrize(
    ("stale", "fresh", "mostly"), [(0, 0, False), (1, 2, False), (1, 1, False), (2, 1, True), (3, 0, True)]
)
def test_a_catalogue_is_mostly_stale_when_more_than_half_its_offers_are(stale, fresh, mostly):
    offers = [offer(f"s{n}", "2013-01-17") for n in range(stale)] + [offer(f"f{n}", "2026-11-01") for n in range(fresh)]
    freshness = Freshness.of(offers, dt.date(2026, 11, 24))
    assert freshness.total == stale + fresh
    assert freshness.mostly_stale is mostly
    # An offer is flagged itself only while stale offers are the few: else the banner says it once.
    assert [freshness.flags(o) for o in offers] == [o.id.startswith("s") and not mostly for o in offers]
