"""What the catalogue costs on top of MkDocs: its site against a plain MkDocs site of the same text.

For each N, a synthetic catalogue of N offers (bench/synthetic.py) is built two ways, from scratch each time:

- catalogue site: this project's mkdocs.yml with the hook, which validates the YAML and generates the pages;
- plain site: the same theme, mkdocs.yml, narrative pages and nav shape, with no hook and one hand-written-style
  page per offer holding the same text as plain Markdown headings and paragraphs (and the overview, category,
  stale, shortlist and goal-list pages as plain Markdown tables and lists). Writing those pages is not timed.

Runs are paired and alternate (A B, B A, …) so drift on a shared machine hits both alike. Each build is a child
process; its CPU time (user + system) and peak memory (ru_maxrss) come from os.wait4. Printed per N: the median
CPU seconds and the peak MiB of each site, and their ratios (aims: CPU within 1.3x, memory within 1.5x).

Usage: python bench/bench_build.py [--offers 35 1000 10000] [--repeat 3] [--seed 1]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import measure, write_catalogue  # noqa: E402

ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"}
LABELS = {  # the headings a hand-written page would use
    "purpose": "Formål",
    "target_group": "Målgruppe",
    "description": "Beskrivelse",
    "visitation": "Kontakt og visitation",
    "further_information": "Yderligere oplysninger",
}
CATEGORY_PAGES = {"sundhed": "Sundhed", "socialt": "Socialt", "beskaeftigelse": "Beskæftigelse"}


@dataclass
class Run:
    cpu: float  # seconds, user + system, of the build process and its children
    peak_mib: float


def project_copy(folder: Path, offers: int, seed: int, profile) -> Path:
    """Everything `mkdocs build` reads, with a synthetic catalogue of `offers` offers."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("tilbud"))
    (folder / "generator").symlink_to(ROOT / "generator")
    write_catalogue(folder / "catalogue", offers, seed, profile)
    return folder


def plain_project(catalogue_project: Path, folder: Path) -> Path:
    """The same site as a person would write it in plain Markdown: no hook, no generated HTML."""
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
    offers = {
        path.stem: yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for path in sorted((catalogue_project / "catalogue").glob("*.yaml"))
    }
    pages = folder / "docs/tilbud"
    (pages / "_maal").mkdir(parents=True)
    for name, offer in offers.items():
        (pages / f"{name}.md").write_text(plain_offer_page(offer), encoding="utf-8")
    (pages / "index.md").write_text("# Alle tilbud\n\n" + plain_table(offers), encoding="utf-8")
    for category, label in CATEGORY_PAGES.items():
        chosen = {name: offer for name, offer in offers.items() if offer["category"] == category}
        (pages / f"{category}.md").write_text(f"# {label}\n\n" + plain_table(chosen), encoding="utf-8")
    (pages / "foraeldede.md").write_text("# Forældede tilbud\n\n" + plain_table(offers), encoding="utf-8")
    (pages / "kortliste.md").write_text("# Kortliste\n\nSaml tilbud til et møde.\n", encoding="utf-8")
    for goal in range(1, 11):
        links = "".join(
            f"- [{o['title']}](../tilbud/{n}.md)\n" for n, o in offers.items() if goal in o.get("goals", [])
        )
        (pages / f"_maal/maal-{goal}.md").write_text(links or "Ingen tilbud.\n", encoding="utf-8")
    return folder


def plain_offer_page(offer: dict) -> str:
    out = [f"# {offer['title']}", f"Kommuner: {', '.join(offer['municipalities'])}"]
    for key, label in LABELS.items():
        if offer.get(key):
            out += [f"## {label}", offer[key]]
    if offer.get("contacts"):
        out.append("## Kontaktpersoner")
        for contact in offer["contacts"]:
            phones = contact.get("phone", [])
            values = [*([phones] if isinstance(phones, str) else phones)]
            values += [contact[key] for key in ("role", "email", "address", "hours", "url") if key in contact]
            out.append(f"**{contact['name']}**  \n" + "  \n".join(str(value) for value in values))
    for key, label in (("legal_basis", "Lovgrundlag"), ("tags", "Emneord")):
        if offer.get(key):
            out += [f"## {label}", ", ".join(offer[key])]
    out += ["## Senest opdateret", str(offer["last_updated"])]
    return "\n\n".join(out) + "\n"


def plain_table(offers: dict) -> str:
    rows = "".join(
        f"| [{o['title']}]({n}.md) | {o['target_group'][:120].replace(chr(10), ' ')} "
        f"| {', '.join(o['municipalities'])} | {o['last_updated']} |\n"
        for n, o in offers.items()
    )
    return "| Tilbud | Målgruppe | Kommuner | Senest opdateret |\n| --- | --- | --- | --- |\n" + rows


def build(project: Path) -> Run:
    """One `mkdocs build` in a child process, measured by the kernel's accounting of that child."""
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--quiet"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            log.seek(0)
            raise SystemExit(f"build failed in {project}:\n{log.read().decode(errors='replace')}")
    return Run(cpu=usage.ru_utime + usage.ru_stime, peak_mib=usage.ru_maxrss / 1024)


def compare(count: int, repeat: int, seed: int, profile) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "catalogue-site", count, seed, profile)
        plain = plain_project(ours, Path(tmp) / "plain-site")
        runs: dict[str, list[Run]] = {"catalogue": [], "plain": []}
        for number in range(repeat):
            order = [("catalogue", ours), ("plain", plain)]
            for name, project in order if number % 2 == 0 else reversed(order):
                shutil.rmtree(ours / "docs/tilbud", ignore_errors=True)  # a fresh checkout, as in CI
                runs[name].append(build(project))
    cpu = {name: statistics.median(run.cpu for run in found) for name, found in runs.items()}
    peak = {name: statistics.median(run.peak_mib for run in found) for name, found in runs.items()}
    print(f"offers: {count}  ({repeat} paired run(s), medians)")
    print(
        f"  CPU   catalogue site {cpu['catalogue']:8.2f} s    plain site {cpu['plain']:8.2f} s    "
        f"ratio {cpu['catalogue'] / cpu['plain']:.2f}x (aim: within 1.3x)"
    )
    print(
        f"  peak  catalogue site {peak['catalogue']:8.0f} MiB  plain site {peak['plain']:8.0f} MiB  "
        f"ratio {peak['catalogue'] / peak['plain']:.2f}x (aim: within 1.5x)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    profile = measure()
    for count in args.offers:
        compare(count, args.repeat, args.seed, profile)


if __name__ == "__main__":
    main()
