"""Time `catalogue validate` on N synthetic offers against bare C-loader parsing of the same files.

Both are measured in this one run (best of --repeat), so the ratio holds on a noisy machine.
Usage: python bench/bench_validate.py [--offers 10000] [--repeat 3]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_catalogue
from generator.load import load_catalogue


def bare_parse(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def best_of(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_catalogue(folder, args.offers, args.seed)
        catalogue = load_catalogue([folder])
        assert not catalogue.problems and len(catalogue.offers) == args.offers, catalogue.problems[:3]
        parse = best_of(args.repeat, bare_parse, paths)
        validate = best_of(args.repeat, load_catalogue, [folder])
    print(f"offers: {args.offers}")
    print(f"bare CSafeLoader parse: {parse:.3f} s")
    print(f"catalogue validate:     {validate:.3f} s")
    print(f"ratio validate/parse:   {validate / parse:.2f}x (aim: within 3x)")


if __name__ == "__main__":
    main()
