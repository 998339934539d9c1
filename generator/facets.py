"""The facets offers are filtered by – on the overview page and in search – defined once for both.

A facet has a key (the overview's URL query key and its rows' data-KEY), a Danish label (the field's title,
also the name of Pagefind's filter), and the codes an offer has, each shown by its Danish name.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model import LABELS, Offer
from generator.taxonomy import ACCESS, CATEGORIES, GOALS, MUNICIPALITIES, REFERRAL_ACCESS


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    codes: Callable[[Offer], list[str]]
    name_of: Callable[[str], str]
    order: tuple[str, ...] | None = None  # the taxonomy's order; None: alphabetical

    def options(self, offers: Iterable[Offer]) -> list[tuple[str, str]]:
        """(code, name) of every value some offer has, in the facet's order."""
        present = {code for offer in offers for code in self.codes(offer)}
        ordered = sorted(present, key=str.casefold) if self.order is None else [c for c in self.order if c in present]
        return [(code, self.name_of(code)) for code in ordered]

    def counts(self, offers: Iterable[Offer]) -> dict[str, int]:
        """How many offers have each value, by its name (as Pagefind counts the pages of a filter value)."""
        codes = (code for offer in offers for code in dict.fromkeys(self.codes(offer)))  # once per offer, in order
        return dict(Counter(self.name_of(code) for code in codes))


def goal_name(code: str) -> str:
    return f"Mål {code}: {GOALS[int(code)]}"


MUNICIPALITY = Facet("kommune", LABELS["municipalities"], lambda o: list(o.municipalities), str, MUNICIPALITIES)
CATEGORY = Facet("kategori", LABELS["category"], lambda o: [o.category], CATEGORIES.__getitem__, tuple(CATEGORIES))
ACCESS_FACET = Facet(
    "adgang",
    LABELS["referral"],
    lambda o: list(REFERRAL_ACCESS[o.referral]) if o.referral else [],
    ACCESS.__getitem__,
    tuple(ACCESS),
)
GOAL = Facet("maal", LABELS["goals"], lambda o: [str(goal) for goal in o.goals], goal_name, tuple(map(str, GOALS)))
LEGAL_BASIS = Facet("lovgrundlag", LABELS["legal_basis"], lambda o: list(o.legal_basis), str)
FACETS = (MUNICIPALITY, CATEGORY, ACCESS_FACET, GOAL, LEGAL_BASIS)
