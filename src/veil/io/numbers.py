"""How text writes its numbers: the decimal mark and an optional thousands separator.

Polars' CSV parser reads `1234.5` only. European exports write `1234,5` or
`1.234,5`, Swiss ones `1'234.5`, French ones `1 234,5`. Text in those forms is
normalised to `1234.5` before it is cast, and only when it is unambiguous:
digit groups after the first must have exactly three digits, and a mark that
the format does not use makes the value "not a number" rather than a guess
(`1.500` is 1.5 to Polars and 1,500 to a German reader).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

__all__ = ["PLAIN", "THOUSANDS_SEPARATORS", "NumberFormat"]

#: Thousands separators a recipe may declare: point, comma, space, apostrophe, and the
#: no-break and narrow no-break spaces spreadsheets write.
THOUSANDS_SEPARATORS = (".", ",", " ", "'", "\u00a0", "\u202f")

#: Most digits of a whole number typed Int64 (every 18-digit number fits), and of the whole
#: part of a number typed Float64 (every whole number of 15 digits is exact there).
_INT_DIGITS, _FLOAT_DIGITS = 18, 15
#: What a value in another form (`1.5` under a decimal comma) becomes: text no cast accepts.
_NOT_A_NUMBER = "not a number"


@dataclass(frozen=True)
class NumberFormat:
    """The decimal mark (`.` or `,`) and the thousands separator (None: not used)."""

    decimal: str = "."
    thousands: str | None = None

    @classmethod
    def of(cls, *, decimal_comma: bool, thousands: str | None) -> NumberFormat:
        """The format a recipe's `decimal_comma` and `thousands` keys describe."""
        return cls("," if decimal_comma else ".", thousands)

    def __post_init__(self) -> None:
        if self.decimal not in (".", ","):
            msg = f"the decimal mark is `.` or `,`, not `{self.decimal}`"
            raise ValueError(msg)
        if self.thousands is not None and self.thousands not in THOUSANDS_SEPARATORS:
            msg = f"`{self.thousands}` is not a thousands separator veil reads"
            raise ValueError(msg)
        if self.thousands == self.decimal:
            msg = f"`{self.decimal}` cannot be both the decimal mark and the thousands separator"
            raise ValueError(msg)

    @property
    def plain(self) -> bool:
        """Numbers as Polars' own CSV parser reads them: much cheaper than veil's casting."""
        return self.decimal == "." and self.thousands is None

    def typing_patterns(self) -> tuple[str, str]:
        """Regexes for (whole numbers, numbers) a column must match throughout to be typed.

        Strict, as typing from a sample must be: the type has to hold each value as it is
        written. A column stays text when a value has leading zeros (`007` is a code), a
        leading `+` (`+447700900123` is a phone number) or more digits than the type holds
        exactly (a 20-digit account number overflows Int64 and is rounded as Float64).
        Digit groups after the first have exactly three digits.
        """
        def whole_part(most: int) -> str:
            digits = f"0|[1-9][0-9]{{0,{most - 1}}}"
            if self.thousands is not None:
                groups = (most - 3) // 3  # after a first group of up to three digits
                digits += f"|[1-9][0-9]{{0,2}}(?:{_literal(self.thousands)}[0-9]{{3}}){{1,{groups}}}"
            return digits

        whole = rf"^-?(?:{whole_part(_INT_DIGITS)})$"
        short = whole_part(_FLOAT_DIGITS)
        number = rf"^-?(?:{short})$|^-?(?:{short})?{_literal(self.decimal)}[0-9]+"
        if self.plain:
            number += r"(?:[eE][+-]?[0-9]+)?$|^-?(?:" + short + r")[eE][+-]?[0-9]+"
        return whole, number + "$"

    def normalised(self, text: pl.Expr) -> pl.Expr:
        """`text` (already stripped) rewritten as Polars parses numbers: `1.234,5` -> `1234.5`.

        A value in another form that holds a point, a comma or the separator becomes
        text no cast accepts, so it fails (or, not strict, turns null) instead of being
        read the wrong way.
        """
        if self.plain:
            return text
        mark, group = _literal(self.decimal), self.thousands
        grouped = f"|[0-9]{{1,3}}(?:{_literal(group)}[0-9]{{3}})+" if group is not None else ""
        readable = rf"^[+-]?(?:(?:[0-9]+{grouped})(?:{mark}[0-9]+)?|{mark}[0-9]+)$"
        rewritten = text
        if group is not None:
            rewritten = rewritten.str.replace_all(group, "", literal=True)
        if self.decimal != ".":
            rewritten = rewritten.str.replace(self.decimal, ".", literal=True)
        has_mark = text.str.contains(".", literal=True) | text.str.contains(",", literal=True)
        if group is not None:
            has_mark = has_mark | text.str.contains(group, literal=True)
        return (pl.when(text.str.contains(readable)).then(rewritten)
                .when(has_mark).then(pl.lit(_NOT_A_NUMBER))
                .otherwise(text))

    def describe(self) -> str:
        """How a number is written, for messages: `1234,50`, `1.234,50`."""
        decimals = f"{self.decimal}50"
        if self.thousands is None:
            return f"1234{decimals}"
        shown = {"\u00a0": " ", "\u202f": " "}.get(self.thousands, self.thousands)
        return f"1{shown}234{decimals}"


PLAIN = NumberFormat()


def _literal(mark: str) -> str:
    """`mark` inside a regex: only the point is special among the marks veil reads."""
    return r"\." if mark == "." else mark
