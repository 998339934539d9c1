"""The sanitiser's rules stated one by one, so that a change to any of them fails a test (`make mutation`).

tests/test_sanitise.py checks the allow-lists against hostile text and the generated pages; this module pins
the smaller promises: what is escaped and what is left as written, which attribute and link an owner's text
keeps, and what the page pass removes.
"""

from generator.sanitise import markdown_literal, owner_html, page_html

QUOTES = "Han sagde \"hej\" og 'farvel'"


def test_quotes_stay_as_written_in_every_kind_of_owner_text():
    """Text is escaped where HTML needs it (<, >, &) and nowhere else: the fast path gives what Markdown gives."""
    assert owner_html(QUOTES) == f"<p>{QUOTES}</p>"  # plain paragraph: the fast path
    assert owner_html(QUOTES + " *nu*") == f"<p>{QUOTES} <em>nu</em></p>"  # through Markdown
    assert owner_html(QUOTES + " <b> & co", markdown_text=False) == QUOTES + " &lt;b&gt; &amp; co"


def test_a_title_is_markdown_literal_text():
    """Every character that Markdown reads as markup is backslash-escaped; HTML characters become entities."""
    assert markdown_literal("a*b_c [x](y) #1 + ! | `k` {z} \\") == (r"a\*b\_c \[x\]\(y\) \#1 \+ \! \| \`k\` \{z\} \\")
    assert markdown_literal(f"{QUOTES} <b> & co") == f"{QUOTES} &lt;b&gt; &amp; co"
    assert markdown_literal("Rådgivning om rygestop") == "Rådgivning om rygestop"


def test_owner_links_keep_only_their_target():
    """An owner's link keeps href (and gets rel); hreflang, cite: the owner's other attributes go."""
    html = owner_html(
        '<a href="https://www.ishoj.dk" hreflang="en">y</a>\n\n<blockquote cite="https://a.dk">q</blockquote>'
    )
    assert '<a href="https://www.ishoj.dk" rel="noopener noreferrer">y</a>' in html
    assert "hreflang" not in html and "cite" not in html


def test_absolute_links_are_recognised_whatever_their_case():
    html = owner_html("[a](HTTPS://www.ishoj.dk) [b](MAILTO:sundhed@ishoj.dk) [c](Tel:+4543577726)")
    assert 'href="HTTPS://www.ishoj.dk"' in html
    assert 'href="MAILTO:sundhed@ishoj.dk"' in html
    assert 'href="Tel:+4543577726"' in html


def test_page_pass_allows_only_the_catalogues_link_schemes():
    """nh3 on its own lets ftp:, sms:, xmpp: and others through; the pages link only by web, mail and phone."""
    assert page_html('<a href="ftp://example.dk/f">f</a><a href="sms:+4512345678">s</a>') == "<a>f</a><a>s</a>"
    assert page_html('<a href="https://www.ishoj.dk">w</a>') == '<a href="https://www.ishoj.dk">w</a>'


def test_page_pass_removes_comments():
    assert page_html("<p>a<!-- en note --></p>") == "<p>a</p>"


def test_theme_ids_are_removed_without_a_trace():
    assert page_html('<h1 id="__config">x</h1><label for="__drawer">m</label>') == "<h1>x</h1><label>m</label>"


def test_owner_text_keeps_no_attribute_but_a_links_address():
    """nh3 keeps `title` and `lang` on every element unless told otherwise: owner text may set neither."""
    assert owner_html('<p title="t" lang="en">x <a href="https://ishoj.dk" title="t">y</a></p>') == (
        '<p>x <a href="https://ishoj.dk" rel="noopener noreferrer">y</a></p>'
    )
