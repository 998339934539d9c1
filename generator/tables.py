"""Offer lists as HTML tables that the browser can filter, sort and show as cards on a phone.

A Markdown table can carry neither data attributes on its rows (what the filters match) nor a label on
each cell (what a stacked card shows), so the lists are HTML built by Jinja2 with autoescaping. A link
cell links to the offer's Markdown file (`offer.md`), as a Markdown link would: Zensical resolves such
links in HTML itself, and for MkDocs the hook does (html_blocks.restore). No Markdown runs inside the
table: at 10,000 offers, Markdown spent 9.6 s on the four lists while it did.
"""

import json
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None  # the offer's page as a Markdown file, such as "rygestop-ishoej.md"
    note: str | None = None  # a word shown in bold after the text, such as "Forældet"
    kind: str | None = None  # what the cell holds, for styling: class="cell-KIND" ("phone": never wrapped)


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    data: dict[str, list[str]] = field(default_factory=dict)  # filter name → the row's values

    def attributes(self) -> dict[str, str]:
        """data-NAME='["a","b"]': a JSON array (filters.js parses it), so a value may hold any character, also
        one that a separator would split on ("SEL § 85|LAB"); the template's autoescaping makes it an attribute."""
        return {
            f"data-{name}": json.dumps(values, ensure_ascii=False, separators=(",", ":"))
            for name, values in self.data.items()
        }


@dataclass(frozen=True)
class Filter:
    name: str  # the URL query key, and the row attribute data-NAME that holds the values
    label: str
    options: list[tuple[str, str]]  # (value, shown label)


_ENV = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)

_TABLE = _ENV.from_string(
    """\
<table data-cards="true"{% if id %} id="{{ id }}"{% endif %}>
<thead><tr>{% for column in columns %}<th>{{ column }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}
{{ row }}
{% endfor %}
</tbody>
</table>
"""
)

_ROW = _ENV.from_string(
    """\
<tr{{ row.attributes() | xmlattr }}>
{% for cell in row.cells %}
<td data-label="{{ columns[loop.index0] }}"{% if cell.kind %} class="cell-{{ cell.kind }}"{% endif %}>
{%- if cell.href %}<a href="{{ cell.href }}">{{ cell.text }}</a>{% else %}{{ cell.text }}{% endif %}
{%- if cell.note %} <strong>{{ cell.note }}</strong>{% endif %}</td>
{% endfor %}
</tr>
"""
)

_FILTERS = _ENV.from_string(
    """\
<form class="offer-filters" data-filters="{{ table_id }}" hidden>
{% for filter in filters %}
<p class="offer-filter"><label for="filter-{{ filter.name }}">{{ filter.label }}</label>
<select id="filter-{{ filter.name }}" name="{{ filter.name }}"><option value="">Alle</option>
{% for value, label in filter.options %}<option value="{{ value }}">{{ label }}</option>{% endfor %}
</select></p>
{% endfor %}
<p class="offer-filter-reset"><button type="reset" class="md-button">Nulstil filtre</button></p>
</form>

<p class="offer-filter-count" role="status" aria-live="polite" data-filter-count="{{ table_id }}" hidden></p>
"""
)


def html_table(columns: list[str], rows: list[Row], id: str | None = None) -> str:
    """A table whose cells are labelled with their column, for the card layout on narrow screens."""
    return table_of_rows(columns, [row_html(columns, row) for row in rows], id)


def row_html(columns: list[str], row: Row) -> Markup:
    """One row of such a table: apart, so that a caller can keep the rows of offers that did not change."""
    if len(row.cells) != len(columns):
        raise ValueError(f"row has {len(row.cells)} cells for {len(columns)} columns")
    return Markup(_ROW.render(columns=columns, row=row))  # noqa: S704 — Jinja2, autoescaped


def table_of_rows(columns: list[str], rows: list[Markup], id: str | None = None) -> str:
    """The table around rows made by row_html."""
    return _TABLE.render(columns=columns, rows=rows, id=id)


def filter_form(filters: list[Filter], table_id: str) -> str:
    """Filters for the table with `table_id`; hidden until filters.js runs, so without it all rows show."""
    return _FILTERS.render(filters=filters, table_id=table_id)
