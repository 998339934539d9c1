"""The page `mkdocs serve` shows while the catalogue has problems: every problem, escaped, in Danish."""

from generator.problem_page import HEADING, SHOWN, render_problem_page
from generator.problems import Problem


def test_lists_every_problem_as_file_line_column_field_message():
    problems = [
        Problem("catalogue/a.yaml", 8, 1, "last_updated", "'19-12-2012' skal skrives som år-måned-dag: 2012-12-19"),
        Problem("catalogue/b.yaml", 3, 1, "category", "'Sundhed' er ikke en af: sundhed"),
    ]
    html = render_problem_page(problems)
    assert f"<h1>{HEADING}</h1>" in html
    assert "siden genindlæses af sig selv, når filen er rettet" in html
    assert "<code>catalogue/a.yaml:8:1: senest opdateret (last_updated): &#39;19-12-2012&#39; skal skrives" in html
    assert "<code>catalogue/b.yaml:3:1: kategori (category): &#39;Sundhed&#39; er ikke en af: sundhed</code>" in html
    assert html.count("<li>") == 2
    assert "I alt 2 fejl" in html


def test_quoted_file_content_is_escaped_and_printable():
    """A problem quotes the file: markup must stay text, and bidi controls must not reorder the line."""
    key = '<img src=x onerror="alert(1)">\u202e'
    html = render_problem_page([Problem("catalogue/x.yaml", 9, 1, key, "unknown key")])
    assert "<img" not in html
    assert "\u202e" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;\\u202e: unknown key" in html


def test_the_not_found_page_asks_for_a_reload():
    """`mkdocs serve` sends its not-found page without the livereload script."""
    html = render_problem_page([Problem("catalogue/a.yaml", 1, 1, "file", "empty")], reloads=False)
    assert "genindlæs så siden" in html
    assert "af sig selv" not in html


def test_the_page_stays_small_however_many_problems_there_are():
    problems = [Problem("catalogue/x.yaml", line, 1, "k" * 60, "unknown key") for line in range(1, 1_001)]
    html = render_problem_page(problems, count=55_000)
    assert html.count("<li>") == SHOWN and len(html.encode()) < 20_000
    assert "I alt 55.000 fejl" in html and "Kør <code>catalogue validate</code>" in html
