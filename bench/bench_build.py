"""What the catalogue costs on top of MkDocs: its site against a plain MkDocs site of the same text.

For each N, a synthetic catalogue of N offers (bench/synthetic.py) is built two ways, from scratch each time:

- catalogue site: this project's mkdocs.yml with the hook, which validates the YAML and generates the pages;
- plain site: the same theme, mkdocs.yml, narrative pages and nav shape, with no hook and one hand-written-style
  page per offer holding the same text as plain Markdown headings and paragraphs (and the overview, category,
  stale, shortlist and goal-list pages as plain Markdown tables and lists). Writing those pages is not timed.

Runs are paired and alternate (A B, B A, …) so drift on a shared machine hits both alike. Each build is a child
process; its CPU time (user + system) and peak memory (ru_maxrss) come from os.wait4 (in a small launcher, see
measured). Printed per N: the median CPU seconds and the peak MiB of each site; the CPU ratio is the median of
the pairs' ratios, with their range, beside their aims (CPU and PEAK). The catalogue build
includes its search index (Pagefind, a child of the build); to show its share, Pagefind is run once more on
each built catalogue site by itself, outside the totals, into an empty bundle folder as in the build (a
bundle left in place makes Pagefind skip compressing and writing every file it finds there, which takes
half its CPU time at 10,000 offers). Exits 1, after printing every N, when an aim is missed at any N.

Usage: python bench/bench_build.py [--offers 35 1000 10000] [--repeat 3] [--seed 1]
"""

import argparse
import datetime as dt
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aims import Aim, Verdict  # noqa: E402
from bench.synthetic import measure, write_catalogue  # noqa: E402
from generator.load import load_catalogue  # noqa: E402
from generator.pages import render_catalogue  # noqa: E402
from generator.search import pagefind_command  # noqa: E402

ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"}
CPU = Aim("build CPU, catalogue ÷ plain site", 1.3, "x")
PEAK = Aim("build peak memory, catalogue ÷ plain site", 1.5, "x")


@dataclass
class Run:  # one child process
    cpu: float  # seconds, user + system, of the build process and its children
    peak_mib: float


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
    # A plain Material site has search: Material's own plugin, its default (this site indexes with Pagefind).
    config = config.replace("\nplugins: []\n", "\nplugins: [search]\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    offers = load_catalogue([catalogue_project / "catalogue"]).offers
    pages = folder / "docs/tilbud"
    for name, text in render_catalogue(offers, dt.date.fromisoformat(ENV["CATALOGUE_TODAY"])).items():
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_text(plain_page(text), encoding="utf-8")
    return folder


def plain_page(generated: str) -> str:
    """A generated page's text as plain Markdown: headings, paragraphs, lists and pipe tables."""
    front, body = ("", generated)
    if generated.startswith("---\n"):
        _, front, body = generated.split("---\n", 2)
        front = "".join(line + "\n" for line in front.splitlines() if line.startswith(("title:", "description:")))
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


def build(project: Path) -> Run:
    """One `mkdocs build` in a child process, measured by the kernel's accounting of that child."""
    return measured([sys.executable, "-m", "mkdocs", "build", "--quiet"], project)


# Linux counts in a child's peak memory (ru_maxrss) the memory of the process it was forked from, as it was
# when the child started its program. This script holds whole catalogues in memory, so every measured command
# is started by a small Python process of its own, which passes on the command's figures.
_LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as figures:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}, figures)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured(command: list[str], project: Path) -> Run:
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "figures.json"
        launched = [sys.executable, "-c", _LAUNCHER, str(figures), *command]
        if subprocess.run(launched, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT).returncode:
            log.seek(0)
            raise SystemExit(f"{command[-2:]} failed in {project}:\n{log.read().decode(errors='replace')}")
        return Run(**json.loads(figures.read_text()))


def compare(count: int, repeat: int, seed: int, profile, verdict: Verdict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "catalogue-site", count, seed, profile)
        plain = plain_project(ours, Path(tmp) / "plain-site")
        runs: dict[str, list[Run]] = {"catalogue": [], "plain": [], "pagefind": []}
        for number in range(repeat):
            order = [("catalogue", ours), ("plain", plain)]
            for name, project in order if number % 2 == 0 else reversed(order):
                shutil.rmtree(ours / "docs/tilbud", ignore_errors=True)  # a fresh checkout, as in CI
                runs[name].append(build(project))
                if name == "catalogue":  # from an empty bundle, as in the build: Pagefind skips files it finds
                    shutil.rmtree(ours / "site/pagefind")
                    runs["pagefind"].append(measured(pagefind_command(ours / "site"), ours))
    cpu = {name: statistics.median(run.cpu for run in found) for name, found in runs.items()}
    peak = {name: statistics.median(run.peak_mib for run in found) for name, found in runs.items()}
    # The ratio of each pair, so that load from elsewhere on the machine during one pair stays in that pair.
    pairs = [ours.cpu / plain.cpu for ours, plain in zip(runs["catalogue"], runs["plain"], strict=True)]
    spread = f"pairs {min(pairs):.2f}–{max(pairs):.2f}x" if len(pairs) > 1 else ""
    print(f"offers: {count}  ({repeat} paired run(s), medians)")
    print(
        f"  CPU   catalogue site {cpu['catalogue']:8.2f} s    plain site {cpu['plain']:8.2f} s    "
        f"ratio {statistics.median(pairs):.2f}x {spread} (aim: {CPU.text})"
    )
    print(
        f"  peak  catalogue site {peak['catalogue']:8.0f} MiB  plain site {peak['plain']:8.0f} MiB  "
        f"ratio {peak['catalogue'] / peak['plain']:.2f}x (aim: {PEAK.text})"
    )
    verdict.check(CPU, statistics.median(pairs), f"{count} offers")
    verdict.check(PEAK, peak["catalogue"] / peak["plain"], f"{count} offers")
    print(
        f"  of which the search index (Pagefind, run again by itself): {cpu['pagefind']:.2f} s CPU, "
        f"{peak['pagefind']:.0f} MiB peak",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    profile = measure()
    verdict = Verdict()
    for count in args.offers:
        compare(count, args.repeat, args.seed, profile, verdict)
    verdict.exit()


if __name__ == "__main__":
    main()
