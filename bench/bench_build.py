"""What the catalogue costs on top of the tools it stands on: its build against the floor, plain MkDocs then Pagefind.

For each N, a synthetic catalogue of N offers (bench/synthetic.py) is built two ways, from scratch each time:

- catalogue: `python -m generator.build --strict` in a copy of this project (what `make build` and the workflows
  run): MkDocs with the hook, which validates the YAML and generates the pages, then Pagefind once MkDocs has exited;
- floor: a plain MkDocs + Material site of the same text, built with `mkdocs build`, then Pagefind run on it
  with its defaults, as a person would run the two one after the other. The plain site has the same theme,
  mkdocs.yml, narrative pages and nav shape, no hook and no search plugin (Pagefind is its search), and one
  hand-written-style page per offer holding the same text as plain Markdown (the overview, category, stale,
  shortlist and goal-list pages as plain Markdown tables and lists). Writing those pages is not timed.

Runs are paired and alternate (A B, B A, …) so drift on a shared machine hits both alike. Measured as the
user's machine sees it (bench/process_tree.py): CPU of the whole process tree, and its peak as the largest sum
of its processes' memory at one moment. The floor's CPU is its two steps' sum, its peak the larger of the two.
Printed per N: medians of each, the ratios as medians of the pairs' ratios with their range, beside the aims
(CPU, PEAK); the machine first. Once per N, outside the totals, also `mkdocs build` alone on the catalogue
(the hook indexes inside MkDocs: both in memory at once), and Zensical's build when its environment exists
(tests/test_successors.py makes it). Exits 1, after printing every N, when an aim is missed at any N.

Usage: python bench/bench_build.py [--offers 35 1000 10000] [--repeat 3] [--seed 1]
"""

import argparse
import datetime as dt
import html
import os
import re
import shutil
import statistics
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pagefind_bin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aims import Aim, Verdict  # noqa: E402
from bench.process_tree import Run, machine, measured  # noqa: E402
from bench.successors import zensical_command, zensical_python  # noqa: E402
from bench.synthetic import measure, write_catalogue  # noqa: E402
from generator.load import load_catalogue  # noqa: E402
from generator.pages import render_catalogue  # noqa: E402

ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"}
PAGEFIND = str(pagefind_bin.get_executable())


def cpu_aim_for(offers: int) -> Aim:
    """Within 1.2x of the floor's CPU at 1,000 offers and more; a small catalogue pays Python's start-up."""
    return Aim("build CPU, catalogue ÷ floor", 1.5 if offers < 1000 else 1.2, "x")


PEAK = Aim("build peak memory, catalogue ÷ floor", 1.15, "x")  # from 1,000 offers
ZENSICAL = Aim("Zensical's build of the catalogue, failures", 0, "")


def project_copy(folder: Path, offers: int, seed: int, profile) -> Path:
    """Everything `mkdocs build` reads, with a synthetic catalogue of `offers` offers."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy(ROOT / "owners.yaml", folder / "owners.yaml")  # the synthetic offers' owners are its keys
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("tilbud"))
    (folder / "generator").symlink_to(ROOT / "generator")
    write_catalogue(folder / "catalogue", offers, seed, profile)
    return folder


def plain_project(catalogue_project: Path, folder: Path) -> Path:
    """The same site as a person would write it in plain Markdown: no hook, no generated HTML.

    Its pages carry the text the catalogue's pages show, block by block, as plain headings, paragraphs and
    Markdown tables: taken from the catalogue's own generated pages, so the two sites cannot drift apart
    when a template changes. Text hidden from readers (search data, the filters before JavaScript) is left out.
    """
    folder.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(catalogue_project / name, folder / name)
    (folder / "generator").symlink_to(ROOT / "generator")  # the chart fence of the narrative pages
    config = (catalogue_project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    # `plugins: []` stays: no Material search beside Pagefind.
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    offers = load_catalogue([catalogue_project / "catalogue"]).offers
    pages = folder / "docs/tilbud"
    for name, text in render_catalogue(offers, dt.date.fromisoformat(ENV["CATALOGUE_TODAY"])).items():
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_text(plain_page(text), encoding="utf-8")
    return folder


def plain_page(generated: str) -> str:
    """A generated page's text as plain Markdown: headings, paragraphs, lists and pipe tables. The front matter
    keeps the title, the description and `search_index`, which marks the pages Pagefind indexes (overrides/main.html):
    the same pages as the catalogue's, so that Pagefind has the same work on both sites."""
    front, body = ("", generated)
    if generated.startswith("---\n"):
        _, front, body = generated.split("---\n", 2)
        front = "".join(
            line + "\n" for line in front.splitlines() if line.startswith(("title:", "description:", "search_index:"))
        )
        front = f"---\n{front}---\n\n"
    blocks = []
    for block in re.split(r"\n\s*\n", body):
        if block.startswith("<"):
            text = _PlainText()
            text.feed(block)
            text.close()
            blocks += text.blocks
        else:  # Markdown already: drop the attribute lists that only style it
            block = re.sub(r"^\{[^}\n]*\}$\n?", "", block, flags=re.M)
            blocks.append(re.sub(r" \{[^}\n]*\}$", "", block, flags=re.M).strip())
    return front + "\n\n".join(block for block in blocks if block) + "\n"


class _PlainText(HTMLParser):
    """The visible text of an HTML block: paragraphs per block element, tables as Markdown pipe tables, links
    as Markdown links."""

    ENDS_PARAGRAPH = {"p", "div", "li", "dd", "summary", "details", "ul", "dl", "form"}
    VOID = {"input", "br", "img", "hr", "meta"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.text: list[str] = []
        self.depth = 0
        self.hidden_from: int | None = None  # the depth at which a hidden element opened
        self.rows: list[list[str]] | None = None  # inside a table
        self.cell: list[str] | None = None
        self.href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.depth += 1
        if self.hidden_from is None and any(name == "hidden" for name, _ in attrs):
            self.hidden_from = self.depth
        if tag == "table":
            self._paragraph()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "a" and self.hidden_from is None:
            self.href = dict(attrs).get("href") or ""
            self._target().append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.hidden_from is not None and self.depth <= self.hidden_from:
            self.hidden_from = None
        self.depth -= 1
        if tag == "a" and self.hidden_from is None:
            self._target().append(f"]({self.href})")  # a link, as a Markdown link
        elif tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.rows:
            header, *rows = self.rows
            lines = [header, ["---"] * len(header), *rows]
            self.blocks.append("\n".join("| " + " | ".join(row) + " |" for row in lines))
            self.rows = None
        elif tag == "dt":
            self.text.append(": ")  # "Telefon: 41 78 81 84", as a person would write it
        elif tag in self.ENDS_PARAGRAPH:
            self._paragraph()

    def handle_data(self, data: str) -> None:
        if self.hidden_from is None:
            self._target().append(html.escape(data, quote=False))

    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.text

    def close(self) -> None:
        super().close()
        self._paragraph()

    def _paragraph(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(text)
        self.text = []


def built(command: list[str], project: Path) -> Run:
    """From scratch: no site, and in the catalogue's project no generated pages (git-ignored: a fresh checkout)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    if (project / "catalogue").is_dir():
        shutil.rmtree(project / "docs/tilbud", ignore_errors=True)
    with tempfile.TemporaryFile() as log:
        return measured(command, project, ENV, log)


def catalogue_build(project: Path) -> Run:
    return built([sys.executable, "-m", "generator.build", "--strict"], project)


def floor_build(project: Path) -> Run:
    plain = built([sys.executable, "-m", "mkdocs", "build", "--quiet"], project)
    with tempfile.TemporaryFile() as log:
        return plain.then(measured([PAGEFIND, "--site", "site"], project, ENV, log))


def compare(count: int, repeat: int, seed: int, profile, verdict: Verdict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "catalogue-site", count, seed, profile)
        plain = plain_project(ours, Path(tmp) / "plain-site")
        runs: dict[str, list[Run]] = {"catalogue": [], "floor": []}
        for number in range(repeat):
            order = [("catalogue", lambda: catalogue_build(ours)), ("floor", lambda: floor_build(plain))]
            for name, run in order if number % 2 == 0 else reversed(order):
                runs[name].append(run())
        # Outside the totals, once: the hook indexing inside `mkdocs build`, and Zensical.
        hooked = built([sys.executable, "-m", "mkdocs", "build", "--quiet"], ours)
        zensical = successor_build(ours)
    cpu = {name: statistics.median(run.cpu for run in found) for name, found in runs.items()}
    peak = {name: statistics.median(run.peak_mib for run in found) for name, found in runs.items()}
    # The ratio of each pair, so that load from elsewhere on the machine during one pair stays in that pair.
    pairs = list(zip(runs["catalogue"], runs["floor"], strict=True))
    cpu_pairs = [ours.cpu / floor.cpu for ours, floor in pairs]
    peak_pairs = [ours.peak_mib / floor.peak_mib for ours, floor in pairs]
    cpu_aim = cpu_aim_for(count)
    print(f"offers: {count}  ({repeat} paired run(s), medians; ratios: median of the pairs, their range)")
    print(
        f"  CPU   catalogue {cpu['catalogue']:8.2f} s    floor {cpu['floor']:8.2f} s    "
        f"ratio {statistics.median(cpu_pairs):.2f}x {spread(cpu_pairs)} (aim: {cpu_aim.text})"
    )
    print(
        f"  peak  catalogue {peak['catalogue']:8.0f} MiB  floor {peak['floor']:8.0f} MiB  "
        f"ratio {statistics.median(peak_pairs):.2f}x {spread(peak_pairs)}"
        + (f" (aim: {PEAK.text})" if count >= 1000 else "")
    )
    verdict.check(cpu_aim, statistics.median(cpu_pairs), f"{count} offers")
    if count >= 1000:
        verdict.check(PEAK, statistics.median(peak_pairs), f"{count} offers")
    print(f"  mkdocs build alone (the hook indexes inside it): {hooked.cpu:.2f} s CPU, {hooked.peak_mib:.0f} MiB peak")
    if isinstance(zensical, Run):
        figures = f"{zensical.cpu:.2f} s CPU, {zensical.peak_mib:.0f} MiB peak"
        print(f"  Zensical (catalogue pages, then zensical build): {figures}")
    elif zensical is None:
        print("  Zensical: not measured (no .venv-successors/zensical: pytest -m successors makes it)")
    else:
        print(f"  Zensical: the build failed (aim: {ZENSICAL.text} failures):\n{zensical}")
    if zensical is not None:
        verdict.check(ZENSICAL, 0 if isinstance(zensical, Run) else 1, f"{count} offers")
    sys.stdout.flush()


def successor_build(project: Path) -> Run | str | None:
    """Zensical's build of the same catalogue (bench/successors.py) when its environment is there: its figures,
    or its output when it failed."""
    if zensical_python() is None:
        return None
    try:
        return built(zensical_command(project), project)
    except SystemExit as failure:
        return str(failure)


def spread(ratios: list[float]) -> str:
    return f"[{min(ratios):.2f}–{max(ratios):.2f}]" if len(ratios) > 1 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    profile = measure()
    verdict = Verdict()
    print(f"machine: {machine()}")
    for count in args.offers:
        compare(count, args.repeat, args.seed, profile, verdict)
    verdict.exit()


if __name__ == "__main__":
    main()
