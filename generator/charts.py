"""Bar charts drawn at build time from a ```chart block in a page: inline SVG, no chart script.

Every bar carries its series name and value as text and each series has its own fill pattern, so the
chart reads without colour; the same numbers follow in a table for screen readers. This module lays the
chart out; templates/chart.html.jinja writes it, autoescaped like the pages, so a title, category, series
name or note is text however it is written.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml

Chart = dict[str, Any]  # title, unit, note, categories, series: as written in the ```chart block

WIDTH, LABEL_WIDTH, BAR_AREA = 680, 150, 420
BAR_HEIGHT, BAR_GAP, GROUP_HEADING, GROUP_GAP = 22, 6, 24, 14
PATTERNS = ("solid", "hatch", "dots")  # the fills of the first, second and third series (then again)

_TEMPLATE = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
).get_template("chart.html.jinja")
_BETWEEN_TAGS = re.compile(r">\n\s*<")  # the template's line breaks and indentation, not the text's


@dataclass(frozen=True)
class Bar:
    series: object  # the series' name, as written
    top: int
    width: float
    pattern: str  # one of PATTERNS
    label: str  # the value as it is read: "33,3 procent"

    @property
    def baseline(self) -> int:
        """Where the series name and the value stand, level with the bar."""
        return self.top + BAR_HEIGHT - 6


@dataclass(frozen=True)
class Group:
    category: object  # as written
    baseline: int  # of the category's heading above its bars
    bars: list[Bar]


def format_chart(source: str, language: str, css_class: str, options: Chart, md: object, **kwargs: object) -> str:
    """pymdownx.superfences custom-fence formatter (see mkdocs.yml)."""
    return render_chart(parse_chart(source))


def parse_chart(source: str) -> Chart:
    data = yaml.safe_load(source)
    if not isinstance(data, dict) or not {"title", "categories", "series"} <= data.keys():
        raise ValueError("a chart needs title, categories and series")
    for name, values in data["series"].items():
        if len(values) != len(data["categories"]):
            raise ValueError(
                f"chart '{data['title']}': series '{name}' has {len(values)} values, expected {len(data['categories'])}"
            )
    return data


def render_chart(chart: Chart) -> str:
    uid = "chart-" + hashlib.sha1(repr(chart).encode(), usedforsecurity=False).hexdigest()[:8]
    groups, height = layout(chart)
    figure = _TEMPLATE.render(
        uid=uid,
        title=chart["title"],
        note=chart.get("note"),
        series=list(chart["series"]),
        groups=groups,
        width=WIDTH,
        height=height,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )
    return _BETWEEN_TAGS.sub("><", figure)


def layout(chart: Chart) -> tuple[list[Group], int]:
    """Each category's heading and bars, top to bottom, and the height they take."""
    unit, series = chart.get("unit", ""), chart["series"]
    largest = max((value for values in series.values() for value in values), default=0) or 1
    groups, y = [], 0
    for index, category in enumerate(chart["categories"]):
        y += GROUP_HEADING
        heading, bars = y - 7, []
        for number, (name, values) in enumerate(series.items()):
            value = values[index]
            width = max(value / largest * BAR_AREA, 0)
            label = f"{number_da(value)} {unit}".strip()
            bars.append(Bar(name, y, width, PATTERNS[number % len(PATTERNS)], label))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(category, heading, bars))
        y += GROUP_GAP
    return groups, y


def number_da(value: float) -> str:
    """Numbers as Danish readers write them: 33,3 and 182."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",")
