"""The catalogue built with Zensical, one of MkDocs' successors, for the benchmarks.

Zensical ignores the hook, so a municipality builds in two steps: `catalogue pages` writes the generated pages
into docs/tilbud/, then Zensical builds the site (README, "After MkDocs"). Zensical's environment is the one
tests/test_successors.py creates under .venv-successors/zensical/: Zensical and the catalogue's own
dependencies, so one Python runs both steps, as in a municipality's single environment.
"""

import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL_VENV = ROOT / ".venv-successors/zensical"


def zensical_python() -> Path | None:
    """Python of Zensical's environment, or None when it has not been created (the benchmark then says that
    it skipped Zensical: running tests/test_successors.py creates it)."""
    python = ZENSICAL_VENV / "bin/python"
    return python if python.is_file() else None


def zensical_command(project: Path) -> list[str]:
    """One command that builds `project` with Zensical from scratch, as on a fresh checkout: the generated
    pages (docs/tilbud/, git-ignored) and Zensical's cache are not reused. Run it with CATALOGUE_TODAY set for
    a fixed reference date. Needs zensical_python()."""
    python = zensical_python()
    if python is None:
        raise FileNotFoundError(f"no Zensical environment at {ZENSICAL_VENV}")
    run = shlex.quote(str(python))
    steps = [
        f"cd {shlex.quote(str(project))}",
        "rm -rf docs/tilbud",
        f"{run} -m generator pages",
        f"{run} -m zensical build --clean --strict -f mkdocs.yml",
    ]
    return ["sh", "-c", " && ".join(steps)]
