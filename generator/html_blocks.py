"""Finished HTML blocks of a generated page, carried past Python-Markdown instead of through it.

An offer page is mostly one-line HTML blocks that the templates made whole (owner text already rendered and
allow-listed, contacts, tags). Python-Markdown and MkDocs would parse each of them with Python's HTML
parser two or three times to learn nothing: at 1,000 offers, a third of their time on the offer pages. The hook lifts
such blocks out before Markdown (`lift`) and puts them back in the HTML it gets (`restore`), before the
page's final allow-list pass, which stays the last step. `catalogue pages` writes the same Markdown with the
blocks in place, so a builder without the hook renders them as ordinary raw HTML.
"""

import re
import secrets

# A whole block: one line, opened and closed by the same tag. A block with markdown="…" asks Markdown to work
# inside it, so it stays.
_BLOCK = re.compile(r"<([a-z]+)\b(?![^>]*\bmarkdown=)[^\n]*</\1>")
_BLANK_LINES = re.compile(r"(\n\s*\n)")
_PLACEHOLDER = re.compile(r"<p>(catalogue-block-[0-9a-f]{12}-[0-9]+)</p>")


def lift(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each whole HTML block that stands alone between blank lines replaced by a placeholder
    paragraph, and the blocks by placeholder."""
    nonce = secrets.token_hex(6)  # unguessable: no text on the page can pass for a placeholder
    blocks: dict[str, str] = {}
    parts = _BLANK_LINES.split(markdown)
    for index in range(0, len(parts), 2):  # the odd ones are the blank lines between blocks
        block = parts[index].rstrip("\n")  # the last block ends the text with its newline
        if _BLOCK.fullmatch(block):
            key = f"catalogue-block-{nonce}-{len(blocks)}"
            blocks[key] = block
            parts[index] = key + parts[index][len(block) :]
    return "".join(parts), blocks


def restore(html: str, blocks: dict[str, str]) -> str:
    """Put the blocks back where Markdown left their placeholders (as paragraphs of their own)."""
    return _PLACEHOLDER.sub(lambda match: blocks.get(match[1], match[0]), html) if blocks else html
