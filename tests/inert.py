"""What a page with hostile text in it must not contain, checked as a browser parses HTML."""

from html.parser import HTMLParser


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element in `html` with its attributes, as a browser's parser sees them."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def assert_inactive(html: str, owner_text: bool = True) -> None:
    """No element that runs code; in owner text, not even an id or class an attacker chose."""
    for tag, attributes in elements(html):
        assert tag not in {"script", "style", "iframe", "svg", "img", "object", "embed"}, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in {"style", "tabindex", "autofocus", "srcdoc", "formaction"}, (tag, name)
            assert not owner_text or name not in {"id", "class"} or tag == "div", (tag, name)
            if name == "href" and (owner_text or ":" in value.split("/")[0]):
                assert value.startswith(("https://", "http://", "mailto:", "tel:")), value


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<iframe src='https://evil.example'></iframe>",
    "<svg onload=alert(1)>",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    'Formål\n~~~{.text data-x=\'" tabindex="0" autofocus onfocus="alert(1)"\'}\nx\n~~~',
    "```{.html onclick=alert(1)}\n<b>x</b>\n```",
    "```chart\ntitle: x\ncategories: [a]\nseries: {b: [1]}\n```",
    '--8<-- "../../mkdocs.yml"',
    "Tekst {: #kortliste onclick=alert(1) }",
    "<p markdown=\"1\">*x* <b onclick='alert(1)'>y</b></p>",
]
