"""The page `mkdocs serve` shows in place of every page while the catalogue has problems.

A content owner previewing a change sees what to fix in the browser, instead of a server that hangs with the
messages only in a terminal; `mkdocs build` still stops, so nothing is ever published with a mistake.
The messages quote the offer files, so they are made printable (no control or bidi characters) and escaped.
"""

from jinja2 import Environment

from generator.problems import Problem, printable

HEADING = "Kataloget har fejl – siden er ikke bygget igen"

_TEMPLATE = Environment(autoescape=True, keep_trailing_newline=True).from_string(
    """\
<div class="catalogue-problems" role="alert">
<h1>{{ heading }}</h1>
{%- if reloads %}
<p>Ret fejlene i filerne herunder; siden genindlæses af sig selv, når filen er rettet.</p>
{%- else %}
<p>Ret fejlene i filerne herunder, og genindlæs så siden.</p>
{%- endif %}
<p>Hver linje siger <code>fil:linje:kolonne: felt: besked</code>: hvilken fil, hvilken linje og kolonne i filen,
hvilket felt og hvad der er galt.</p>
<ul class="catalogue-problems__list">
{%- for problem in problems %}
  <li><code>{{ problem }}</code></li>
{%- endfor %}
</ul>
<p>I alt {{ count }} fejl.</p>
</div>
"""
)


def render_problem_page(problems: list[Problem], reloads: bool = True, count: int | None = None) -> str:
    """The HTML content (Danish) that lists `problems` as `file:line:column: field: message`.

    `reloads` is false for the "not found" page, which `mkdocs serve` sends without its livereload script.
    """
    return _TEMPLATE.render(
        heading=HEADING,
        problems=[printable(str(problem)) for problem in problems],
        count=len(problems) if count is None else count,  # the problems are capped; `count` says how many in all
        reloads=reloads,
    )
