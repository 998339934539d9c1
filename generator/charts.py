"""Bar charts drawn at build time from a ```chart block in a page: inline SVG, no chart script.

Every bar carries its series name and value as text and each series has its own fill pattern, so the
chart reads without colour; the same numbers follow in a table for screen readers.
"""

import hashlib
import html
from typing import Any

import yaml

Chart = dict[str, Any]  # title, unit, note, categories, series: as written in the ```chart block

WIDTH, LABEL_WIDTH, BAR_AREA = 680, 150, 420
BAR_HEIGHT, BAR_GAP, GROUP_HEADING, GROUP_GAP = 22, 6, 24, 14
FILLS = ("url(#{id}-solid)", "url(#{id}-hatch)", "url(#{id}-dots)")


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
    title, unit, note = chart["title"], chart.get("unit", ""), chart.get("note")
    categories, series = chart["categories"], chart["series"]
    largest = max((value for values in series.values() for value in values), default=0) or 1
    bars, y = [], 0
    for index, category in enumerate(categories):
        y += GROUP_HEADING
        bars.append(f'<text class="chart-category" x="0" y="{y - 7}">{html.escape(str(category))}</text>')
        for number, (name, values) in enumerate(series.items()):
            value = values[index]
            width = max(value / largest * BAR_AREA, 0)
            fill = FILLS[number % len(FILLS)].format(id=uid)
            label = f"{number_da(value)} {unit}".strip()
            bars.append(
                f'<text class="chart-series" x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" '
                f'text-anchor="end">{html.escape(str(name))}</text>'
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{fill}" '
                'stroke="currentColor" stroke-width="1"/>'
                f'<text class="chart-value" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR_HEIGHT - 6}">'
                f"{html.escape(label)}</text>"
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    patterns = (
        f'<pattern id="{uid}-solid" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="currentColor" opacity="0.75"/></pattern>'
        f'<pattern id="{uid}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="none"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="currentColor" stroke-width="3"/></pattern>'
        f'<pattern id="{uid}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<circle cx="3" cy="3" r="1.5" fill="currentColor"/></pattern>'
    )
    svg = (
        f'<svg class="chart-svg" role="img" aria-labelledby="{uid}-title" viewBox="0 0 {WIDTH} {y}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title id="{uid}-title">{html.escape(title)}</title>'
        f"<defs>{patterns}</defs>{''.join(bars)}</svg>"
    )
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in series)
    rows = "".join(
        f'<tr><th scope="row">{html.escape(str(category))}</th>'
        + "".join(f"<td>{html.escape(f'{number_da(values[index])} {unit}'.strip())}</td>" for values in series.values())
        + "</tr>"
        for index, category in enumerate(categories)
    )
    table = (
        f'<table class="chart-data"><caption>{html.escape(title)}</caption>'
        f"<thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    caption = f"<strong>{html.escape(title)}</strong>" + (f"<br>{html.escape(note)}" if note else "")
    return f'<figure class="chart">{svg}<figcaption>{caption}</figcaption>{table}</figure>'


def number_da(value: float) -> str:
    """Numbers as Danish readers write them: 33,3 and 182."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",")
