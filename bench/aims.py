"""The benchmarks' aims, each defined once: the text a benchmark prints and the check it exits by.

A benchmark prints `aim.text` beside a figure and passes the figure to `Verdict.check`; after printing
everything it calls `Verdict.exit`, which adds a last line naming the missed aims and exits 1 when there is
one (0 otherwise), so that `make bench` and CI notice a miss instead of a reader having to.
"""

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Aim:
    name: str  # what is measured, e.g. "build CPU, catalogue ÷ plain site"
    limit: float  # the most the figure may be
    unit: str  # printed straight after the number: "x", " KB", " ms", " s"
    strict: bool = False  # the figure must stay below the limit, not merely reach it

    @property
    def text(self) -> str:
        """ "within 1.3x", "under 300 ms": the wording every printed aim uses."""
        return f"{'under' if self.strict else 'within'} {self.limit:g}{self.unit}"

    def met(self, value: float) -> bool:
        return value < self.limit if self.strict else value <= self.limit


@dataclass
class Verdict:
    """The aims checked in one benchmark run, and which of them were missed."""

    missed: list[str] = field(default_factory=list)

    def check(self, aim: Aim, value: float, where: str = "") -> bool:
        """Record a figure against its aim; `where` says which run (e.g. "1000 offers") when there are several."""
        if aim.met(value):
            return True
        place = f" at {where}" if where else ""
        self.missed.append(f"{aim.name}{place}: {value:.4g}{aim.unit}, aim {aim.text}")
        return False

    def summary(self) -> str:
        if not self.missed:
            return "all aims met"
        return f"missed {len(self.missed)} aim(s): " + "; ".join(self.missed)

    def exit(self) -> None:
        """The last line of the benchmark's output, then exit 1 when an aim was missed."""
        print(self.summary(), flush=True)
        sys.exit(1 if self.missed else 0)
