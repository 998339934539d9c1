"""Work done for one offer, kept across `mkdocs serve` rebuilds and done again only for an offer that changed.

`mkdocs serve` reads an unchanged offer file into the very same Offer (load.ReadCache), so an entry holds while its
offer is that object and what else the result shows (a stale flag, an age, a page address) is equal. The offer
pages and the lists' rows (pages.py), the export records (export.py) and the words for spelling correction
(search.py) are kept here, each under a name of its own.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from generator.model import Offer

# (what, offer id) → (the offer it was made from, what else it shows, the result)
OfferCache = dict[tuple[str, str], tuple[Offer, object, Any]]

T = TypeVar("T")


def kept(cache: OfferCache | None, what: str, offer: Offer, shows: object, make: Callable[[], T]) -> T:
    """`make()`, or what it gave the last time for this offer and what it shows."""
    if cache is None:
        return make()
    hit = cache.get((what, offer.id))
    if hit is None or hit[0] is not offer or hit[1] != shows:
        hit = cache[(what, offer.id)] = (offer, shows, make())
    return cast(T, hit[2])


def forget_gone(cache: OfferCache | None, offers: Iterable[Offer]) -> None:
    """Drop what was kept for offers no longer there (removed or renamed): a long `mkdocs serve` would keep all."""
    if cache is None:
        return
    ids = {offer.id for offer in offers}
    for key in [key for key in cache if key[1] not in ids]:
        del cache[key]
