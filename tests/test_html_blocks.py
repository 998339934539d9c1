"""Lifting whole HTML blocks past Markdown changes nothing in the page but the time it takes."""

import re

import markdown
import pytest

from generator import html_blocks
from generator.load import load_catalogue
from generator.pages import render_catalogue
from generator.settings import reference_date
from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def site_markdown():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _normalised(html: str) -> str:
    return re.sub(r"\n+", "\n", html).strip()


@pytest.mark.parametrize("folder", ["valid", "frozen/catalogue", "hostile"])
def test_every_generated_page_renders_the_same_with_blocks_lifted(site_markdown, folder):
    catalogue = load_catalogue([DATA / folder])
    pages = render_catalogue(catalogue.offers, reference_date())
    lifted_somewhere = False
    for name, page in pages.items():
        body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
        direct = site_markdown.reset().convert(body)
        lifted, blocks = html_blocks.lift(body)
        lifted_somewhere |= bool(blocks)
        through = html_blocks.restore(site_markdown.reset().convert(lifted), blocks)
        assert _normalised(through) == _normalised(direct), name
    assert lifted_somewhere


def test_blocks_that_markdown_works_in_or_that_do_not_stand_alone_stay():
    text = (
        '<table markdown="1"><tr><td>[a](a.md)</td></tr></table>\n\n'
        "Tekst\n<p>i samme afsnit</p>\n\n"
        "<div>åben\n\nlukket</div>\n\n"
        '<div class="offer-text"><p>alene</p></div>\n'
    )
    lifted, blocks = html_blocks.lift(text)
    assert list(blocks.values()) == ['<div class="offer-text"><p>alene</p></div>']
    assert lifted.startswith(text[: text.index('<div class="offer-text">')])


def test_a_placeholder_typed_by_someone_else_is_left_alone():
    lifted, blocks = html_blocks.lift("<p>a</p>\n\nb\n")
    (key,) = blocks
    forged = re.sub(r"-[0-9a-f]{12}-", "-000000000000-", key)
    html = f"<p>{key}</p>\n<p>{forged}</p>"
    assert html_blocks.restore(html, blocks) == f"<p>a</p>\n<p>{forged}</p>"


def test_links_to_markdown_files_become_urls_and_other_links_stay():
    lifted, blocks = html_blocks.lift(
        '<table>\n<tr><td><a href="rygestop.md">R</a></td><td><a href="../maal/index.md#maal-3">M</a></td>'
        '<td><a href="https://www.ishoj.dk/a.md">I</a> <a href="mailto:a@b.dk">E</a></td>'
        '<td>Skriv href="tekst.md"</td></tr>\n</table>\n'
    )
    (key,) = blocks
    html = html_blocks.restore(f"<p>{key}</p>", blocks, link=lambda target: f"/site/{target.removesuffix('.md')}/")
    assert 'href="/site/rygestop/"' in html and 'href="/site/../maal/index/#maal-3"' in html
    assert 'href="https://www.ishoj.dk/a.md"' in html and 'href="mailto:a@b.dk"' in html
    assert '<td>Skriv href="tekst.md"</td>' in html  # text that looks like a link is text
