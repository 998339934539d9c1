"""Owner text reaches a page only as allow-listed HTML that no later Markdown extension can reopen."""

import re

import markdown
import nh3
import pytest

from generator.load import load_catalogue
from generator.sanitise import _MARKUP, owner_html, page_html
from tests.conftest import DATA, ROOT
from tests.inert import HOSTILE, assert_inactive, elements


@pytest.mark.parametrize("hostile", HOSTILE)
def test_owner_text_loses_active_content(hostile):
    assert_inactive(owner_html(f"Tekst {hostile} mere tekst"))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_owner_html_is_inert_for_the_pages_markdown(hostile):
    """The site's own Markdown extensions run after the sanitiser: they must find nothing to do."""
    extensions = ["attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.snippets", "footnotes", "admonition"]
    page = f'<div class="offer-text">{owner_html(hostile)}</div>'
    rendered = markdown.markdown(f"## Formål\n\n{page}\n", extensions=extensions)
    assert page in rendered
    assert_inactive(rendered.replace('<div class="offer-text">', "<div>"))


def test_relative_and_protocol_relative_links_lose_their_target():
    html = owner_html("[a](//evil.example/x) [b](../index.md) [c](https://www.ishoj.dk) [d](mailto:a@b.dk)")
    assert "evil.example" not in html and "index.md" not in html
    assert 'href="https://www.ishoj.dk"' in html and 'href="mailto:a@b.dk"' in html


def test_owner_text_keeps_markdown():
    assert owner_html("**fed** og [link](https://www.ishoj.dk)\n\n- a\n- b") == (
        '<p><strong>fed</strong> og <a href="https://www.ishoj.dk" rel="noopener noreferrer">link</a></p> '
        "<ul> <li>a</li> <li>b</li> </ul>"
    )


def test_plain_values_are_text_not_markdown():
    assert owner_html("*ikke fed* <b>", markdown_text=False) == "*ikke fed* &lt;b&gt;"


@pytest.mark.live
def test_plain_text_fast_path_matches_markdown():
    """Plain paragraphs skip the Markdown parser; the HTML must be the same."""
    catalogue = load_catalogue([ROOT / "catalogue", DATA / "valid"])
    texts = [t for o in catalogue.offers for t in (o.purpose, o.target_group, o.description, o.visitation) if t]
    texts += ["Linje et\nlinje to\n\nAndet afsnit.", "Pris 500-3000 kr. (typisk 500,-)", "Tlf. 43 57 77 26 / 20 15"]
    plain = [text for text in texts if not _MARKUP.search(text)]
    assert len(plain) >= 3
    for text in plain:
        slow = nh3.clean(markdown.markdown(text), tags={"p"}).strip().replace("\n", " ")
        assert owner_html(text) == slow, text


def test_page_pass_keeps_the_pages_own_markup():
    html = (
        '<h2 id="formaal">Formål<a class="headerlink" href="#formaal" title="Link">¶</a></h2>'
        '<p class="offer-shortlist"><button type="button" hidden="" data-offer-id="a">Føj</button></p>'
        '<details class="offer-stale"><summary>Ikke bekræftet</summary><p>x</p></details>'
        '<table><thead><tr><th scope="col">Tilbud</th></tr></thead><tbody><tr><td data-label="x">y</td></tr></tbody>'
        '</table><p><a href="tel:+4543577726">43 57 77 26</a> <time datetime="2012-12-19">19. december 2012</time></p>'
    )
    assert page_html(html) == html


def test_page_pass_removes_what_no_generated_page_holds():
    html = page_html('<p onclick="x()">a</p><script>x()</script><svg onload="x()"></svg><a href="javascript:x()">b</a>')
    assert html == "<p>a</p><a>b</a>"


def test_page_pass_keeps_every_element_and_attribute_the_generated_pages_hold(tmp_path):
    """What the hook's last pass removes from our own pages is a bug: compare before and after, page by page."""
    from mkdocs.config import load_config

    from generator.pages import render_catalogue
    from generator.settings import reference_date

    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    catalogue = load_catalogue([DATA / "valid"])
    pages = render_catalogue(catalogue.offers, reference_date())
    goals = (ROOT / "docs/maal/index.md").read_text(encoding="utf-8")
    goals = re.sub(r'^--8<-- "(maal-\d+\.md)"$', lambda m: pages[f"_maal/{m[1]}"], goals, flags=re.M)
    for name, page in {**pages, "the goals page": goals}.items():
        if name.startswith("_"):
            continue
        rendered = md.reset().convert(page.split("---\n", 2)[2])
        before = [(tag, sorted(attributes)) for tag, attributes in elements(rendered)]
        after = [(tag, sorted(attributes)) for tag, attributes in elements(page_html(rendered))]
        assert after == before, name


def test_page_keeps_no_element_id_of_the_theme():
    """Material takes the first element with id="__config" (or __search, __drawer, …) for its own."""
    page = page_html(
        '<h1 id="__config">x</h1><div id=\'__search\'></div><label for="__drawer">m</label><p id="a__b">y</p>'
    )
    assert "__config" not in page and "__search" not in page and "__drawer" not in page
    assert '<p id="a__b">y</p>' in page


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ('<p style="position:fixed;inset:0">a</p>', "<p>a</p>"),  # covers the page with the attacker's text
        ('<span class="x" style="background:url(https://evil.example/t)">a</span>', '<span class="x">a</span>'),
        (
            '<div style="display:none"><a href="https://www.ishoj.dk" style="color:red">b</a></div>',
            '<div><a href="https://www.ishoj.dk">b</a></div>',
        ),
        ('<div><iframe src="https://evil.example"></iframe>b</div>', "<div>b</div>"),  # another site inside ours
        ('<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe>', ""),
        ("<p>a</p><style>p{display:none}</style>", "<p>a</p>"),
        ('<object data="https://evil.example/x"></object><embed src="https://evil.example/x"><img src="x">', ""),
    ],
)
def test_page_pass_removes_style_and_embedded_content(hostile, expected):
    """No generated page holds a style attribute or an embedded frame: the page pass removes every one."""
    assert page_html(hostile) == expected
