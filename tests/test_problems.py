"""The Problem record's caps and output formats."""

from generator.problems import SUMMARY_BYTES, Problem, capped, excerpt, format_markdown


def test_a_job_summary_stays_under_githubs_limit_however_long_the_problems():
    problems = [Problem("catalogue/x.yaml", line, 1, "f" * 80, "m" * 900) for line in range(1, 2_001)]
    summary = format_markdown(problems)
    assert SUMMARY_BYTES - 2_000 < len(summary.encode()) < 1_048_576
    assert summary.rstrip().endswith("… og 1.214 fejl mere; kør `catalogue validate` for at se dem.")


def test_capped_keeps_the_first_and_counts_the_rest():
    problems = [Problem("x.yaml", line, 1, "title", "m") for line in range(1, 8)]
    assert capped(problems, 7) == problems
    shown = capped(problems, 3)
    assert shown[:3] == problems[:3]
    assert (shown[3].line, shown[3].message) == (
        4,
        "… og 4 fejl mere i denne fil; ret disse først, og tjek så igen",
    )


def test_excerpt_shortens_long_values_only():
    assert excerpt("kort") == "kort"
    assert excerpt("9" * 90_000) == "9" * 59 + "…"
