import re
from html.parser import HTMLParser

import pytest
import yaml

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


class _Markup(HTMLParser):
    """The elements, attributes and text of a rendered chart, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = set(), set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.text.append("")

    def handle_endtag(self, tag):
        self.text.append("")

    def handle_data(self, data):
        self.text[-1] += data


CHART_TAGS = {"figure", "svg", "title", "defs", "pattern", "rect", "line", "circle", "text", "figcaption", "strong"}
CHART_TAGS |= {"br", "table", "caption", "thead", "tbody", "tr", "th", "td"}
HOSTILE = {
    "title": """<script>alert("titel")</script> & 'x'""",
    "unit": '" onmouseover="alert(1);',
    "note": "</figcaption><img src=x onerror=alert(1)> A & B",
    "categories": ['<b>fed</b> & "citat"', "' onfocus='alert(2)"],
    "series": {'"><svg onload=alert(3)>': [1, 2], "R&D <i>": [3, 4]},
}


def test_every_text_of_a_chart_is_escaped_in_text_and_attributes():
    figure = render_chart(parse_chart(yaml.safe_dump(HOSTILE, allow_unicode=True)))
    markup = _Markup()
    markup.feed(figure)
    markup.close()
    assert markup.tags <= CHART_TAGS
    assert "onerror" not in markup.attributes and "onmouseover" not in markup.attributes
    assert not {name for name in markup.attributes if name.startswith("on")}
    assert "<script" not in figure and "<img" not in figure and "<b>" not in figure
    text = markup.text
    assert text.count(HOSTILE["title"]) == 3  # the SVG's title, the figure's caption and the table's caption
    assert HOSTILE["note"] in text
    for category in HOSTILE["categories"]:
        assert text.count(category) == 2  # above its bars and heading its row of the table
    for name in HOSTILE["series"]:
        assert text.count(name) == 3  # beside each of its two bars and heading its column
    assert text.count('1 " onmouseover="alert(1);') == 2  # the value's label: in the SVG and in the table
    # Every attribute value is the chart's own: its id, coordinates and patterns, never a text of the block.
    values = re.findall(r'="([^"]*)"', figure)
    assert all(re.fullmatch(r"[\w#().% -]*|http://www\.w3\.org/2000/svg", value) for value in values), values


def test_a_title_or_category_that_yaml_reads_as_a_number_or_date_is_shown_as_written():
    figure = render_chart(parse_chart("title: 2013\ncategories: [2012-04-01, 7]\nseries: {1: [1, 2]}\n"))
    assert "<title id=" in figure and ">2013</title>" in figure
    assert '<th scope="row">2012-04-01</th><td>1</td>' in figure
