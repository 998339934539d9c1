"""What an offer's text may become on a page: two allow-lists, applied to rendered HTML only.

Owner text is Markdown, rendered here with a setup made for offer text (no fences, charts, snippets
or attribute lists: those serve the narrative pages) and then cleaned against `OWNER_TAGS`. The
result is made inert for the page's own Markdown pass (one line, with the characters that start a
fence or a snippet written as entities), so no extension that runs later can turn it back into markup.
Builders that run our MkDocs hook clean every generated page once more, after Markdown, against
`PAGE_TAGS`: the last step before the page is the allow-list.
"""

import functools
import html
import re

import markdown
import nh3
from markupsafe import Markup

OWNER_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "code", "blockquote", "h3", "h4"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Everything the generated catalogue pages are built of. No script, style, iframe, object, svg, form
# action or event attribute: those are what an attacker needs.
PAGE_TAGS = OWNER_TAGS | {
    "h1", "h2", "h5", "h6", "div", "span", "section", "nav", "aside", "small", "hr", "abbr", "time",
    "dl", "dt", "dd", "details", "summary", "figure", "figcaption", "caption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
    "form", "button", "label", "input", "select", "option", "textarea", "fieldset", "legend", "noscript", "sup", "sub",
}  # fmt: skip
PAGE_ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "hidden", "lang", "tabindex"},
    "a": {"href", "rel", "hreflang"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
    "button": {"type", "disabled"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "placeholder", "autocomplete", "inputmode", "disabled"},
    "select": {"name", "multiple"},
    "option": {"value", "selected"},
    "textarea": {"name", "rows", "cols", "placeholder"},
}

_OWNER_MARKDOWN = markdown.Markdown(extensions=["sane_lists"])  # reused: building one per field is slow
_MARKUP = re.compile(r"[*_`\[\]<>&\\#|!~=]|^\s*([-+]|\d+[.)])\s|^ {4}|^\t| {2}$|^\s", re.M)
# One line, so nothing can stand at a line start (fences, snippets); fence characters as entities besides.
_INERT = str.maketrans({"\n": " ", "\r": " ", "`": "&#96;", "~": "&#126;"})


@functools.lru_cache(maxsize=4096)  # a third of the values come again: a contact's name, a municipality, an address
def owner_html(text: str, markdown_text: bool = True) -> str:
    """Text from an offer file → safe, inert HTML: the one road from a YAML value to a page."""
    if not markdown_text:  # escaped, it holds no element for the allow-list to remove
        return html.escape(text.strip(), False).translate(_INERT)
    if not _MARKUP.search(text):  # one plain paragraph, most fields (a blank line is markup): no parser needed
        rendered = f"<p>{html.escape(text.strip(), False)}</p>"
    else:
        rendered = _OWNER_MARKDOWN.reset().convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=OWNER_TAGS,
        attributes={"a": {"href"}, "*": set()},  # nh3 would keep title and lang on every element
        attribute_filter=_keep_absolute_links,  # the schemes a link may have; nh3 adds rel="noopener noreferrer"
    )
    return cleaned.strip().translate(_INERT)


def markdown_literal(text: str) -> Markup:
    """Plain text (a title) inside a line of the page's Markdown: no markup, no HTML."""
    return Markup(re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", html.escape(text, False)))  # noqa: S704


# Material's element ids all begin with "__" (__config, __search, __drawer, …); its scripts take the first element
# with such an id for their own, so none of a page's content may carry one (nor point a label at one).
_THEME_ID = re.compile(r'\s(?:id|for)="__[^"]*"')


def page_html(rendered: str) -> str:
    """A generated page after Markdown, cleaned against everything such a page may hold."""
    return _THEME_ID.sub("", _clean_page(rendered))


def _clean_page(rendered: str) -> str:
    return nh3.clean(
        rendered,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )  # nh3 strips comments


def _keep_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Only absolute links survive: a relative or protocol-relative (`//host`) link is dropped, text kept.

    Owner text is shown on pages at several depths (offer page, Kortliste), where a relative link
    would point somewhere else on each; `//host` would silently take the page's scheme.
    """
    if attribute == "href" and not re.match(r"(https?://[^/]|mailto:|tel:)", value.strip().lower()):
        return None
    return value
