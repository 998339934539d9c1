"""`catalogue validate` on N synthetic offers against bare C-loader parsing of the same files.

Both run as a user runs them, each in a child process of its own (interpreter start and imports included):
`catalogue validate FOLDER` against a Python process that only parses every file with yaml.CSafeLoader.
Runs are paired and alternate (A B, B A, …) so drift on a shared machine hits both alike; CPU time (user +
system) of each process tree comes from os.wait4 (bench/process_tree.py). Printed: the median CPU seconds of
each and the median of the paired ratios, beside its aim (RATIO). Exits 1, after printing, when the aim is missed.

Usage: python bench/bench_validate.py [--offers 10000] [--repeat 5] [--seed 1]
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aims import Aim, Verdict  # noqa: E402
from bench.process_tree import measured  # noqa: E402
from bench.synthetic import write_catalogue  # noqa: E402

BARE_PARSE = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
RATIO = Aim("validate CPU, catalogue validate ÷ bare parse", 3, "x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_catalogue(folder, args.offers, args.seed)
        commands = {
            "validate": [sys.executable, "-m", "generator", "validate", str(folder)],
            "parse": [sys.executable, "-c", BARE_PARSE, str(folder)],
        }
        runs: dict[str, list[float]] = {"validate": [], "parse": []}
        for number in range(args.repeat):
            order = list(commands) if number % 2 == 0 else list(reversed(commands))
            for name in order:
                with tempfile.TemporaryFile() as log:
                    runs[name].append(measured(commands[name], ROOT, os.environ, log).cpu)
    ratio = statistics.median(v / p for v, p in zip(runs["validate"], runs["parse"], strict=True))
    print(f"offers: {args.offers}  ({args.repeat} paired run(s), medians)")
    print(f"  bare CSafeLoader parse  {statistics.median(runs['parse']):7.2f} s CPU")
    print(f"  catalogue validate      {statistics.median(runs['validate']):7.2f} s CPU")
    print(f"  ratio {ratio:.2f}x (aim: {RATIO.text})")
    verdict = Verdict()
    verdict.check(RATIO, ratio, f"{args.offers} offers")
    verdict.exit()


if __name__ == "__main__":
    main()
