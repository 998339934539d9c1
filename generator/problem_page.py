"""The page `mkdocs serve` shows in place of every page while the catalogue has problems.

A content owner previewing a change sees what to fix in the browser, instead of a server that hangs with the
messages only in a terminal; `mkdocs build` still stops, so nothing is ever published with a mistake.
The messages quote the offer files, so they are made printable (no control or bidi characters) and escaped.
"""

from jinja2 import Environment

from generator.formatting import number
from generator.problems import Problem, printable

HEADING = "Kataloget har fejl – siden er ikke bygget igen"
SHOWN = 100  # problems listed on every page: the first say what to fix, and each page stays small

_TEMPLATE = Environment(autoescape=True, keep_trailing_newline=True).from_string(
    """\
<div class="catalogue-problems" role="alert">
<h1>{{ heading }}</h1>
{%- if reloads %}
<p>Ret fejlene i filerne herunder; siden genindlæses af sig selv, når filen er rettet.</p>
{%- else %}
<p>Ret fejlene i filerne herunder, og genindlæs så siden.</p>
{%- endif %}
<p>Hver linje siger <code>fil:linje:kolonne: felt (feltnavn): besked</code>: hvilken fil, hvilken linje og kolonne
i filen, hvilket felt (lister tælles fra 1) og hvad der er galt, og hvordan det rettes.</p>
<ul class="catalogue-problems__list">
{%- for problem in problems %}
  <li><code>{{ problem }}</code></li>
{%- endfor %}
</ul>
{%- if shown_all is false %}
<p>Her vises de første {{ problems | length }}. Kør <code>catalogue validate</code> for at se dem alle.</p>
{%- endif %}
<p>I alt {{ count }} fejl.</p>
</div>
"""
)


def render_problem_page(problems: list[Problem], reloads: bool = True, count: int | None = None) -> str:
    """The HTML content (Danish) that lists `problems` as `file:line:column: field: message`.

    `reloads` is false for the "not found" page, which `mkdocs serve` sends without its livereload script.
    """
    total = len(problems) if count is None else count  # `problems` may be capped; `count` says how many in all
    return _TEMPLATE.render(
        heading=HEADING,
        problems=[printable(str(problem)) for problem in problems[:SHOWN]],
        count=number(total),
        reloads=reloads,
        shown_all=total <= SHOWN,
    )
