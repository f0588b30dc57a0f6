"""The text the detectors read: invisible characters left out, look-alike characters plain.

Text copied from web pages, word processors and record systems carries characters a
reader does not see or tell apart: zero-width spaces and joiners, soft hyphens, direction
marks, byte order marks, no-break spaces, typographic dashes, full-width letters and
digits. Inside an identifier they break the patterns and the model's tokens alike:
`617<ZWSP>-555-0142` and `J<ZWSP>ohn Smith` passed unredacted and unreported, and
`john.smith＠example.com` lost only its domain. Detection reads the text without them
and with plain forms; its findings are mapped back to the text as written, so the output
keeps every character outside a finding, and a finding takes the invisible characters
inside it away with the identifier.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from veil.nlp.types import Finding

__all__ = ["Readable", "readable"]

#: Characters with no width or glyph (Unicode `Cf` format characters and fillers): soft
#: hyphen, combining grapheme joiner, Arabic letter mark, Hangul and Mongolian fillers,
#: zero-width space, joiners and direction marks, embeddings and isolates, word joiner
#: and invisible operators, byte order mark.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff]")
#: One character for one: spaces of other widths and no-break spaces, dashes and the
#: minus sign, and the full-width forms of ASCII (`１２３`, `＠`).
_PLAIN = str.maketrans(
    {**dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                             "\u2008\u2009\u200a\u202f\u205f\u3000"), " "),
     **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-"),
     **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}})


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

    def _written(self, start: int, end: int) -> tuple[int, int]:
        at = self.written_at or []
        if end > start:
            return at[start], at[end - 1] + 1
        # An empty match (a recipe's pattern can make one): where it falls in the written text.
        position = at[start] if start < len(at) else (at[-1] + 1 if at else 0)
        return position, position


def readable(text: str) -> Readable:
    """`text` without invisible characters and with plain spaces, dashes and ASCII."""
    if text.isascii():
        return Readable(text)
    plain = text.translate(_PLAIN)
    if _INVISIBLE.search(plain) is None:
        return Readable(plain)
    at = [index for index, char in enumerate(plain) if _INVISIBLE.match(char) is None]
    return Readable("".join(plain[index] for index in at), at)
