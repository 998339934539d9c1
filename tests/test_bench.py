"""The benchmarks' aims and measurements: the printed wording and the exit status come from the same definition,
and memory is the whole process tree's."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bench.aims import Aim, Verdict
from bench.bench_build import PEAK, cpu_aim_for
from bench.process_tree import Run, measured
from tests.conftest import ROOT

CPU = cpu_aim_for(1000)


def test_an_aim_prints_its_limit_and_is_met_up_to_it():
    ratio = Aim("build CPU", 1.3, "x")
    assert ratio.text == "within 1.3x"
    assert ratio.met(1.3) and ratio.met(0.7) and not ratio.met(1.31)
    time = Aim("results", 300, " ms", strict=True)
    assert time.text == "under 300 ms"
    assert time.met(299.9) and not time.met(300)


def test_the_build_benchmark_prints_the_aims_it_checks():
    assert (CPU.text, PEAK.text) == ("within 1.2x", "within 1.15x")
    assert cpu_aim_for(35).text == "within 1.5x" and cpu_aim_for(10_000) == CPU


def test_all_aims_met_exits_0(capsys):
    verdict = Verdict()
    assert verdict.check(CPU, 1.2, "35 offers")
    with pytest.raises(SystemExit) as exit:
        verdict.exit()
    assert exit.value.code == 0
    assert capsys.readouterr().out == "all aims met\n"


def test_a_missed_aim_exits_1_and_the_last_line_names_it(capsys):
    verdict = Verdict()
    assert not verdict.check(CPU, 1.2042, "1000 offers")
    assert verdict.check(PEAK, 1.15, "1000 offers")
    assert not verdict.check(PEAK, 2.42, "10000 offers")
    with pytest.raises(SystemExit) as exit:
        verdict.exit()
    assert exit.value.code == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "missed 2 aim(s): build CPU, catalogue ÷ floor at 1000 offers: 1.204x, aim within 1.2x; "
        "build peak memory, catalogue ÷ floor at 10000 offers: 2.42x, aim within 1.15x"
    )


# Two processes that each hold 80 MiB for a second, at the same time: a parent and the child it waits for.
_TWO_AT_ONCE = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "b = b'x' * (80 << 20); import time; time.sleep(1)"])
held = b"x" * (80 << 20)
time.sleep(1)
child.wait()
"""


def test_the_peak_is_the_whole_process_trees_and_cpu_counts_the_children():
    with tempfile.TemporaryFile() as log:
        run = measured([sys.executable, "-c", _TWO_AT_ONCE], Path.cwd(), os.environ, log)
    assert run.peak_mib > 2 * 80  # the largest single process would show about 90
    assert run.cpu > 0.02 and run.seconds >= 1


def test_a_failed_command_stops_the_benchmark_with_its_output():
    with tempfile.TemporaryFile() as log, pytest.raises(SystemExit) as stop:
        measured([sys.executable, "-c", "print('Fejl i mkdocs.yml'); raise SystemExit(3)"], Path.cwd(), os.environ, log)
    assert "Fejl i mkdocs.yml" in str(stop.value)


def test_two_steps_one_after_the_other_add_cpu_and_time_and_peak_at_the_larger():
    assert Run(2.0, 100, 3.0).then(Run(1.0, 900, 1.5)) == Run(3.0, 900, 4.5)


@pytest.mark.parametrize("name", ["build", "search", "serve"])
def test_each_benchmark_starts(name):
    """`make bench` runs them rarely: an import that no longer resolves shows here, not after an hour of it."""
    result = subprocess.run(
        [sys.executable, f"bench/bench_{name}.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_the_validate_benchmark_measures_and_gives_its_verdict():
    command = [sys.executable, "bench/bench_validate.py", "--offers", "20", "--repeat", "1"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert "catalogue validate" in result.stdout  # at 20 offers start-up dominates: the aim may be missed
    assert result.stdout.splitlines()[-1].startswith(("all aims met", "missed"))
