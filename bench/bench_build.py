"""Time the site build for N generated offers against a plain MkDocs build of the same pages.

The plain site is the same mkdocs.yml and the same Markdown (the pages the hook generated), but
without the hook: the ratio is what loading, validating and rendering the catalogue costs on top of
MkDocs itself. Both are built in this one run (best of --repeat).
Usage: python bench/bench_build.py [--offers 35 1000] [--repeat 2]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site import make_project  # noqa: E402

TEMPLATE = ROOT / "tests/data/valid/full.yaml"
ENV = {**os.environ, "CATALOGUE_TODAY": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"}


def generated_project(folder: Path, count: int) -> Path:
    project = make_project(folder)
    catalogue = project / "catalogue"
    shutil.rmtree(catalogue)
    catalogue.mkdir()
    template = TEMPLATE.read_text(encoding="utf-8").replace("../../../schemas", "../schemas")
    for number in range(count):
        text = template.replace("title: Rygestop", f"title: Tilbud nummer {number}")
        (catalogue / f"tilbud-{number:05d}.yaml").write_text(text, encoding="utf-8")
    return project


def plain_project(source: Path, folder: Path) -> Path:
    """The same docs, generated pages included, built by MkDocs with no hook."""
    shutil.copytree(source / "docs", folder / "docs")
    shutil.copytree(source / "overrides", folder / "overrides")
    (folder / "generator").symlink_to(ROOT / "generator")  # the chart fence formatter
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def build_seconds(project: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, env=ENV, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offers", type=int, nargs="+", default=[35, 1000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    for count in args.offers:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "ours").mkdir()
            ours = generated_project(Path(tmp) / "ours", count)
            build_seconds(ours)  # generates the pages the plain site will reuse
            plain = plain_project(ours, Path(tmp) / "plain")
            catalogue_times, plain_times = [], []
            for _ in range(args.repeat):
                shutil.rmtree(ours / "docs/tilbud")  # measure a cold generation every time
                catalogue_times.append(build_seconds(ours))
                plain_times.append(build_seconds(plain))
            ours_best, plain_best = min(catalogue_times), min(plain_times)
            print(f"offers: {count}")
            print(f"  catalogue site (hook): {ours_best:.2f} s")
            print(f"  plain MkDocs site:     {plain_best:.2f} s")
            print(f"  ratio:                 {ours_best / plain_best:.2f}x (aim: within 1.3x)")


if __name__ == "__main__":
    main()
