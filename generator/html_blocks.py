"""Finished HTML blocks of a generated page, carried past Python-Markdown instead of through it.

Generated pages are mostly HTML blocks that the templates made whole: on an offer page owner text already
rendered and allow-listed, contacts, tags; on the lists, their tables. Python-Markdown and MkDocs would
parse each with Python's HTML parser two or three times to learn nothing: at 1,000 offers, a third of their
time on the offer pages and nearly all of it on the lists. The hook lifts such blocks out before Markdown
(`lift`) and puts them back in the HTML it gets (`restore`), resolving their links to other pages' Markdown
files as MkDocs resolves a Markdown link, before the page's final allow-list pass, which stays the last
step. `catalogue pages` writes the same Markdown with the blocks in place, so a builder without the hook
renders them as raw HTML (Zensical resolves the `.md` links in it itself).
"""

import re
import secrets
from collections.abc import Callable

# A whole block: opened at its first character and closed at its last by the same tag. A block with
# markdown="…" asks Markdown to work inside it, so it stays.
_BLOCK = re.compile(r"<([a-z]+)\b.*</\1>", re.S)
_MARKDOWN_INSIDE = re.compile(r"<[^>]*\bmarkdown=")
_BLANK_LINES = re.compile(r"(\n\s*\n)")
_PLACEHOLDER = re.compile(r"<p>(catalogue-block-[0-9a-f]{12}-[0-9]+)</p>")
# A link's target in an <a> tag (text never holds "<": it is escaped), relative: no scheme, no query.
_MARKDOWN_LINK = re.compile(r'(<a\s[^>]*?\bhref=")([^":?#]+\.md)(#[^"]*)?"')


def lift(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each whole HTML block that stands alone between blank lines replaced by a placeholder
    paragraph, and the blocks by placeholder."""
    nonce = secrets.token_hex(6)  # unguessable: no text on the page can pass for a placeholder
    blocks: dict[str, str] = {}
    parts = _BLANK_LINES.split(markdown)
    for index in range(0, len(parts), 2):  # the odd ones are the blank lines between blocks
        block = parts[index].rstrip("\n")  # the last block ends the text with its newline
        if _BLOCK.fullmatch(block) and not _MARKDOWN_INSIDE.search(block):
            key = f"catalogue-block-{nonce}-{len(blocks)}"
            blocks[key] = block
            parts[index] = key + parts[index][len(block) :]
    return "".join(parts), blocks


def restore(html: str, blocks: dict[str, str], link: Callable[[str], str] | None = None) -> str:
    """Put the blocks back where Markdown left their placeholders (as paragraphs of their own), with each
    relative link to a Markdown file (`offer.md`, `../maal/index.md#maal-3`) made a URL by `link`."""

    def block(match: re.Match[str]) -> str:
        found = blocks.get(match[1])
        if found is None:
            return match[0]
        return _MARKDOWN_LINK.sub(lambda a: f'{a[1]}{link(a[2])}{a[3] or ""}"', found) if link else found

    return _PLACEHOLDER.sub(block, html) if blocks else html
