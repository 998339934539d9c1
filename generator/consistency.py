"""Warnings where an offer's text and its contacts disagree.

A content owner who changes a number under `contacts` can leave the old one in the visitation text, and the
page then shows two numbers for one offer. These are warnings, not errors: a text may rightly name a number
that is no contact's (a national hotline), so the catalogue is still built.

Finding phone numbers in prose errs on the side of silence: a warning on a date, an amount or a CVR number
would teach owners to ignore the warnings. A number counts only in the shapes Danes write phone numbers in
(43577800, 4357 7800, 43 57 78 00, +45 …), standing on its own, and not where it reads as something else.
"""

import datetime as dt
import functools
import re
from bisect import bisect_right
from collections.abc import Iterator

from generator.messages import say
from generator.model import Offer
from generator.problems import Problem
from generator.reading import Document, KeyPath, dotted

# The Markdown fields of an offer, and the lines of a contact that are free text: a number can hide in any
# of them and is shown on the page. A contact's address is left out: it is house numbers and postcodes.
TEXT_FIELDS = ("purpose", "target_group", "description", "visitation", "further_information")
CONTACT_TEXT_FIELDS = ("name", "role", "hours")

_SEP = r"[ \u00a0.-]"  # one separator between groups of digits, the same one throughout a number
_PHONE = re.compile(
    rf"""
    (?P<prefix>(?:\+|00)45[ \u00a0]?|\(\+45\)[ \u00a0]?)?
    (?P<number>
        \d{{8}}
      | \d{{4}}(?P<a>{_SEP})\d{{4}}
      | \d{{2}}(?P<b>{_SEP})\d{{2}}(?P=b)\d{{2}}(?P=b)\d{{2}}
      | \d{{2}}(?P<c>{_SEP})\d{{2}}(?P=c)\d{{4}}
      | \d{{4}}(?P<d>{_SEP})\d{{2}}(?P=d)\d{{2}}
    )
    """,
    re.X,
)
# Glued to a word or to more digits, it is part of something longer (an account, a time span, a URL's mask).
_GLUED_BEFORE = re.compile(r"(?:[\w@]|\d[ \u00a0.,-])$")
_GLUED_AFTER = re.compile(r"^(?:[\w@]|[ \u00a0.,-]\d)")
# Words that say the number is a phone number, so it counts even where it could read as a date or year.
_CUE = re.compile(r"\b(?:tlf|tel|telefon\w*|mobil\w*|mob|sms|ring\w*|opkald)\b[^\d\n]{0,15}$", re.I)
# Words that say it is some other number; a fax number cannot be added under contacts either.
_OTHER_NUMBER = re.compile(
    r"\b(?:(?:cvr|cpr|ean|konto|(?:tele)?fax)(?:[\s.-]*(?:nr|nummer))?"
    r"|(?:se|p|j|journal|reg|sags|faktura|ordre|kunde|bilag)[\s.-]*(?:nr|nummer))\b\.?[\s.:]*$",
    re.I,
)
_AMOUNT_AFTER = re.compile(r"^[ \u00a0]*(?:kr\b|kr\.|dkk\b|,-|%|€|euro\b|mio\b|mia\b)", re.I)
_YEARS = range(1900, 2100)

_EMAIL = re.compile(r"[\w%+-](?:[\w.%+-]*[\w%+-])?@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"'`]+", re.I)
_DIGIT_OR_AT = re.compile(r"[\d@]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # as YAML counts lines, so lines agree with its marks


def contact_warnings(offer: Offer, document: Document, text: str) -> list[Problem]:
    """A warning for each phone number or e-mail address in the offer's text that disagrees with its contacts,
    at the line and column where it is written in `text` (the file's source, which `document` was read from).
    """
    phones = [(written, _digits(written)) for contact in offer.contacts for written in contact.phone]
    emails = [contact.email for contact in offer.contacts if contact.email]
    source = _Source(text, document)
    problems = []
    for path, value in _texts(offer):
        for start, written, message in _disagreements(value, phones, emails):
            line, column = source.where(path, value, start, written)
            problems.append(Problem(document.shown, line, column, dotted(path), message, severity="warning"))
    return sorted(problems)


def _texts(offer: Offer) -> Iterator[tuple[KeyPath, str]]:
    for name in TEXT_FIELDS:
        if value := getattr(offer, name):
            yield (name,), value
    for index, contact in enumerate(offer.contacts):
        for name in CONTACT_TEXT_FIELDS:
            if value := getattr(contact, name):
                yield ("contacts", index, name), value


def _disagreements(value: str, phones: list[tuple[str, str]], emails: list[str]) -> Iterator[tuple[int, str, str]]:
    """(offset in `value`, the text as written, the message) for each number or address that disagrees."""
    if not _DIGIT_OR_AT.search(value):  # most texts hold neither: skip the slow patterns (most of the check's time)
        return
    unlinked = _LINK.sub(lambda link: "_" * len(link.group()), value)  # a web address's digits are no phone
    for found in _EMAIL.finditer(unlinked) if "@" in unlinked else ():
        written = found.group()
        if any(written.lower() == email.lower() for email in emails):
            continue
        if close := next((email for email in emails if _close_addresses(written, email)), None):
            yield found.start(), written, say("email_differs", written=written, contact=close)
    unmailed = _EMAIL.sub(lambda email: "_" * len(email.group()), unlinked) if "@" in unlinked else unlinked
    for found in _PHONE.finditer(unmailed):
        if not _is_phone(unmailed, found):
            continue
        written, digits = found.group(), re.sub(r"\D", "", found["number"])
        if any(digits == number for _, number in phones):
            continue
        if close := next((shown for shown, number in phones if _one_digit_apart(digits, number)), None):
            yield found.start(), written, say("phone_differs", written=written, contact=close)
        else:
            yield found.start(), written, say("phone_not_in_contacts", written=written)


def _is_phone(text: str, found: re.Match[str]) -> bool:
    """Whether a match of the phone pattern is a phone number, judged by what stands around it."""
    before, after = text[max(0, found.start() - 40) : found.start()], text[found.end() :]
    if _GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after):
        return False
    if _OTHER_NUMBER.search(before) or _AMOUNT_AFTER.match(after):
        return False
    if found["prefix"] or _CUE.search(before):
        return True
    # Danish phone numbers begin with 2-9; without a cue, one that could be a date or two years is taken for that.
    digits = re.sub(r"\D", "", found["number"])
    return digits[0] not in "01" and not _date_like(found["number"])


def _date_like(number: str) -> bool:
    """`23.01.2013`, `2013-01-23`, `23012013` and `2012-2013` are dates and years, not phone numbers."""
    groups = [len(group) for group in re.split(r"\D", number)]
    digits = re.sub(r"\D", "", number)
    day_first = groups in ([8], [2, 2, 4]) and _is_date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    year_first = groups in ([8], [4, 2, 2]) and _is_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    years = groups == [4, 4] and int(digits[:4]) in _YEARS and int(digits[4:]) in _YEARS
    return day_first or year_first or years


def _is_date(year: int, month: int, day: int) -> bool:
    if year not in _YEARS:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _digits(phone: str) -> str:
    """A contact's number as its 8 digits: the model allows only spaces, dots, hyphens and +45 around them."""
    return re.sub(r"\D", "", phone)[-8:]


def _one_digit_apart(written: str, contact: str) -> bool:
    return len(written) == len(contact) and sum(a != b for a, b in zip(written, contact, strict=True)) == 1


def _close_addresses(written: str, contact: str) -> bool:
    """A slip of one or two letters; one only where the name before '@' is short, as initials are (cbn@, cbj@
    are two people)."""
    written, contact = written.lower(), contact.lower()
    shortest = min(len(written.split("@")[0]), len(contact.split("@")[0]))
    return 0 < _edits(written, contact) <= (1 if shortest <= 4 else 2)


def _edits(a: str, b: str) -> int:
    """The fewest inserted, deleted or changed characters, or swapped neighbours, that turn `a` into `b` (optimal
    string alignment): `cnb` for `cbn` is one slip, as it is on a keyboard."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            row.append(min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1])))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class _Source:
    """Maps a place in a parsed value back to the file's text, so a warning points at the line the number is
    written on inside a multi-line text, not only at its key."""

    def __init__(self, text: str, document: Document) -> None:
        self.text, self.document = text, document

    @functools.cached_property  # made only for a file with a warning: most have none
    def starts(self) -> list[int]:
        return [0, *(found.end() for found in _LINE_BREAK.finditer(self.text))]

    @functools.cached_property
    def key_lines(self) -> list[int]:
        return sorted({line for line, _ in self.document.positions.values()})

    def where(self, path: KeyPath, value: str, start: int, written: str) -> tuple[int, int]:
        """The line and column of `written`, found at `start` in the value of `path`; else the key's own."""
        line, column = self.document.position(path)
        begin = self._content_start(self.starts[line - 1] + column - 1)
        following = self.key_lines[bisect_right(self.key_lines, line) :]
        end = self.starts[following[0] - 1] if following else len(self.text)
        pattern = re.compile(r"\s+".join(re.escape(part) for part in written.split()))
        # Folding and indentation change only whitespace: the value's n-th visible character is the source's.
        # Quotes' escapes (`\"`, `''`) break that count; then the first time it is written in the value will do.
        at = self._nth_visible(begin, end, sum(not char.isspace() for char in value[:start]))
        found = pattern.match(self.text, at, end) if at is not None else None
        found = found or pattern.search(self.text, begin, end)
        return self._position(found.start()) if found else (line, column)

    def _content_start(self, key: int) -> int:
        """Where a key's value begins: after `key:`, a block's `|-` line or an opening quote."""
        colon = self.text.find(":", key)
        at = colon + 1 if colon >= 0 else key
        while at < len(self.text) and self.text[at] in " \t":
            at += 1
        if self.text[at : at + 1] in ("|", ">"):
            return self.starts[min(bisect_right(self.starts, at), len(self.starts) - 1)]
        return at + 1 if self.text[at : at + 1] in ('"', "'") else at

    def _nth_visible(self, begin: int, end: int, count: int) -> int | None:
        for at in range(begin, end):
            if not self.text[at].isspace():
                if count == 0:
                    return at
                count -= 1
        return None

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
