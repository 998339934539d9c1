import re

import pytest

from generator.charts import number_da, parse_chart, render_chart

SOURCE = """
title: Matchgrupper ved projektets start og slut
unit: borgere
categories: [Matchgruppe 1 – Jobklar, Matchgruppe 3 – Midlertidig passiv]
series:
  Pr. 1.4. 2012: [0, 182]
  Pr. 31.7.2013: [7, 126]
note: Antal borgere.
"""


def test_chart_is_inline_svg_with_text_labels_and_a_data_table():
    html = render_chart(parse_chart(SOURCE))
    assert html.startswith('<figure class="chart"><svg')
    assert 'role="img"' in html and "<title" in html
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", html)
    assert "Matchgruppe 3 – Midlertidig passiv" in labels
    assert labels.count("Pr. 1.4. 2012") == 2 and labels.count("Pr. 31.7.2013") == 2
    assert {"0 borgere", "182 borgere", "7 borgere", "126 borgere"} <= set(labels)
    assert '<th scope="row">Matchgruppe 1 – Jobklar</th><td>0 borgere</td><td>7 borgere</td>' in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_series_differ_by_pattern_not_only_colour():
    html = render_chart(parse_chart(SOURCE))
    fills = set(re.findall(r'<rect x="\d+"[^>]*fill="url\(#chart-\w+-(\w+)\)"', html))
    assert fills == {"solid", "hatch"}


def test_bar_lengths_are_proportional():
    html = render_chart(parse_chart(SOURCE))
    widths = [float(w) for w in re.findall(r'<rect x="150" y="\d+" width="([\d.]+)"', html)]
    assert widths == [0.0, pytest.approx(7 / 182 * 420, abs=0.1), 420.0, pytest.approx(126 / 182 * 420, abs=0.1)]


def test_mismatched_series_is_an_error():
    with pytest.raises(ValueError, match="has 1 values, expected 2"):
        parse_chart("title: x\ncategories: [a, b]\nseries:\n  s: [1]\n")


def test_danish_numbers():
    assert number_da(33.3) == "33,3"
    assert number_da(182) == "182"
