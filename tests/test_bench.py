"""The benchmarks' aims: the printed wording and the exit status come from the same definition."""

import pytest

from bench.aims import Aim, Verdict
from bench.bench_build import CPU, PEAK


def test_an_aim_prints_its_limit_and_is_met_up_to_it():
    ratio = Aim("build CPU", 1.3, "x")
    assert ratio.text == "within 1.3x"
    assert ratio.met(1.3) and ratio.met(0.7) and not ratio.met(1.31)
    time = Aim("results", 300, " ms", strict=True)
    assert time.text == "under 300 ms"
    assert time.met(299.9) and not time.met(300)


def test_the_build_benchmark_prints_the_aims_it_checks():
    assert (CPU.text, PEAK.text) == ("within 1.3x", "within 1.5x")


def test_all_aims_met_exits_0(capsys):
    verdict = Verdict()
    assert verdict.check(CPU, 1.2, "35 offers")
    with pytest.raises(SystemExit) as exit:
        verdict.exit()
    assert exit.value.code == 0
    assert capsys.readouterr().out == "all aims met\n"


def test_a_missed_aim_exits_1_and_the_last_line_names_it(capsys):
    verdict = Verdict()
    assert not verdict.check(CPU, 1.3042, "1000 offers")
    assert verdict.check(PEAK, 1.33, "1000 offers")
    assert not verdict.check(PEAK, 2.42, "10000 offers")
    with pytest.raises(SystemExit) as exit:
        verdict.exit()
    assert exit.value.code == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "missed 2 aim(s): build CPU, catalogue ÷ plain site at 1000 offers: 1.304x, aim within 1.3x; "
        "build peak memory, catalogue ÷ plain site at 10000 offers: 2.42x, aim within 1.5x"
    )
