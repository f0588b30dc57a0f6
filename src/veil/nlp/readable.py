"""The text the detectors read: invisible characters left out, look-alike characters plain.

Text copied from web pages, word processors and record systems carries characters a
reader does not see or tell apart: zero-width spaces and joiners, soft hyphens, direction
marks, byte order marks, no-break spaces, typographic dashes, full-width letters and
digits. Inside an identifier they break the patterns and the model's tokens alike:
`617<ZWSP>-555-0142` and `J<ZWSP>ohn Smith` passed unredacted and unreported, and
`john.smith＠example.com` lost only its domain. So did digits of other scripts (`٥٣٦`,
Arabic-Indic, as Arabic and Persian keyboards type them) and Cyrillic or Greek letters that
look Latin inside a Latin word (`john.smіth@exаmple.com`, with a Cyrillic і and а).
Detection reads the text without invisible characters and with plain forms; its findings
are mapped back to the text as written, so the output keeps every character outside a
finding, and a finding takes the invisible characters inside it away with the identifier.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from typing import NamedTuple

from veil.nlp.types import Finding

__all__ = ["Readable", "readable"]

#: Characters with no width or glyph (Unicode `Cf` format characters and fillers): soft
#: hyphen, combining grapheme joiner, Arabic letter mark, Hangul and Mongolian fillers,
#: zero-width space, joiners and direction marks, embeddings and isolates, word joiner
#: and invisible operators, variation selectors, byte order mark, and the tag characters
#: (an invisible copy of ASCII, which hides text from a reader).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f"
    "\U000e0100-\U000e01ef]")
#: Dashes and the minus sign, which no Unicode normalisation makes a hyphen.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
#: Cyrillic and Greek letters drawn as Latin ones (Unicode's confusables), read as Latin
#: only in a word of Latin letters and these (a Latin word spelt with look-alikes): a
#: Russian or Greek word, and one that mixes them with Latin (`Dr.Петров`), stays as written.
_LATIN_LOOKALIKES = str.maketrans(
    "\u0430\u0441\u0501\u0435\u04bb\u0456\u0458\u04cf\u043e\u0440\u051b\u0455\u051d\u0445"
    "\u0443\u0410\u0412\u0421\u0415\u041d\u0406\u0408\u041a\u041c\u041e\u0420\u0405\u0422"
    "\u0425\u04ae\u03bf\u03bd\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f"
    "\u03a1\u03a4\u03a5\u03a7",
    "acdehijlopqswxyABCEHIJKMOPSTXYovABEZHIKMNOPTYX")
_LOOKALIKE = re.compile(f"[{''.join(map(chr, _LATIN_LOOKALIKES))}]")
_LATIN = re.compile("[A-Za-z]")
_CYRILLIC_OR_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
_WORD = re.compile(r"\S+")  # an e-mail address is one word


@functools.cache
def _plain_forms() -> dict[int, str]:
    """One character for one: spaces of other widths and no-break spaces, dashes, digits of
    every script (`٥`, `５`, `𝟓`), and each character Unicode's compatibility form makes one
    ASCII character (full-width `＠` and `Ａ`, mathematical `𝐉`, `²`). Built on first use
    (0.05 s): most runs read only ASCII."""
    forms = dict.fromkeys(map(ord, _DASHES), "-")
    for code in range(0x80, 0x20000):  # past it: no digits, no compatibility forms of ASCII
        char = chr(code)
        if (digit := unicodedata.decimal(char, None)) is not None:
            forms[code] = str(digit)
        elif (form := unicodedata.normalize("NFKC", char)) != char and len(form) == 1 \
                and form.isascii() and form.isprintable():
            forms[code] = form
    return forms


class Readable(NamedTuple):
    """A text as the detectors read it, and where each of its characters was written."""

    text: str
    #: The position in the written text of each character of `text`; None: the same.
    written_at: list[int] | None = None

    def as_written(self, findings: list[Finding]) -> list[Finding]:
        """`findings` in `text`, as spans of the written text (invisible characters within
        a finding inside its span)."""
        if self.written_at is None:
            return findings
        return [Finding(*self._written(f.start, f.end), f.entity, f.score, f.recognizer)
                for f in findings]

    def read_within(self, start: int, end: int) -> str:
        """What the detectors read of the written span `start:end` (a word's look-alikes
        are read by the whole word, so not by reading the span alone)."""
        if self.written_at is None:
            return self.text[start:end]
        return self.text[bisect_left(self.written_at, start):bisect_left(self.written_at, end)]

    def _written(self, start: int, end: int) -> tuple[int, int]:
        at = self.written_at or []
        if end > start:
            return at[start], at[end - 1] + 1
        # An empty match (a recipe's pattern can make one): where it falls in the written text.
        position = at[start] if start < len(at) else (at[-1] + 1 if at else 0)
        return position, position


def readable(text: str) -> Readable:
    """`text` without invisible characters, with plain spaces, dashes, digits and ASCII, and
    the Cyrillic and Greek look-alikes of Latin letters Latin within a Latin word."""
    if text.isascii():
        return Readable(text)
    plain = text.translate(_plain_forms())
    if _LOOKALIKE.search(plain) is not None:
        plain = _WORD.sub(_latin_word, plain)
    if _INVISIBLE.search(plain) is None:
        return Readable(plain)
    at = [index for index, char in enumerate(plain) if _INVISIBLE.match(char) is None]
    return Readable("".join(plain[index] for index in at), at)


def _latin_word(word: re.Match[str]) -> str:
    """The word with its look-alikes Latin, when it is a Latin word (`Jоhn`)."""
    text = word[0]
    if _LATIN.search(text) is None or _LOOKALIKE.search(text) is None:
        return text
    latin = text.translate(_LATIN_LOOKALIKES)
    return latin if _CYRILLIC_OR_GREEK.search(latin) is None else text
