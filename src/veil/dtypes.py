"""Column types: which ones hold text, the names inside them, and how veil shows them.

A JSON object used as a map (`{"contacts": {"ann@example.org": "primary"}}`) is read as a
struct whose field names are its keys, which are data: Polars' own spelling of the type,
`Struct({'ann@example.org': String})`, would put an identifier in an error message or on
the terminal. A field name that does not read like one shows as `<key>`.
"""

from __future__ import annotations

import re

import polars as pl

__all__ = ["DATE_TEXT_LAYOUTS", "TEXT_TYPES", "field_names", "not_dates_warning",
           "number_as_date", "text_advice", "type_label"]

#: The types whose values are text (categorical and enum columns hold text too).
TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)

#: A field name shown as written: letters, digits and underscores, as a programmer names one.
_PLAIN_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\Z")
#: Fields of a struct shown; a map read as a struct can have thousands.
_FIELDS_SHOWN = 12


def text_advice(column: str, dtype: pl.DataType) -> str:
    """How to turn `column`, of `dtype`, into text, for a step that reads text: a cast, or
    for a list or an object (which no cast makes text) a `sql` step."""
    if isinstance(dtype, (pl.List, pl.Array)):
        return (f"join its items into text with a `sql` step (`SELECT *, ARRAY_TO_STRING("
                f"{column}, ', ') AS {column}_text FROM self`)")
    if isinstance(dtype, pl.Struct):
        return (f"take the fields you need out of it with a `sql` step (`SELECT *, "
                f"{column}.<field> AS <name> FROM self`)")
    return "`cast` it to string first"


def number_as_date(column: str, dtype: pl.DataType, target: str) -> str | None:
    """Why a numeric column is not made a date or datetime, with what to do instead; None
    for any other conversion. Polars would read the number as days (or microseconds) since
    1970: `20240131` became the year 57385, with no error."""
    if target not in ("date", "datetime") or not (dtype.is_integer() or dtype.is_float()):
        return None
    return (f"column `{column}` holds numbers ({type_label(dtype)}), and a number is no "
            f"{target} by itself: days since 1970, `20240131` written as YYYYMMDD and a "
            f"spreadsheet's serial day all read differently, so veil does not guess. For "
            f"YYYYMMDD numbers, use `derive: {{{column}: \"CAST(STRPTIME(CAST(CAST({column} "
            f"AS BIGINT) AS VARCHAR), '%Y%m%d') AS DATE)\"}}`.")


#: The layouts of dates in text that the date steps read, with the width of the date part (a
#: time or a zone after it is kept as written): ISO, and the eight digits HL7 messages and many
#: exports write. `not_dates_warning` names both.
DATE_TEXT_LAYOUTS = (("%Y-%m-%d", 10), ("%Y%m%d", 8))


def not_dates_warning(step: str, column: str, nulled: int) -> str:
    """The report's warning for values a date step could not read and made null: silent, the
    loss showed only in the step's counts."""
    return (f"{step}: {nulled:,} value(s) of `{column}` are not dates (ISO text, `2024-01-31`, "
            f"or `20240131`) "
            f"and became null. Convert dates written another way first, e.g. for `31/01/2024` "
            f"`cast: {{columns: {{{column}: date}}, date_format: \"%d/%m/%Y\"}}`.")


def type_label(dtype: pl.DataType | type[pl.DataType]) -> str:
    """`dtype` as text, with each nested field's name only when it reads like a name."""
    if isinstance(dtype, type):  # a bare class (pl.String) where an instance is expected
        dtype = dtype()
    if isinstance(dtype, pl.Struct):
        shown = [f"{field_.name if _PLAIN_FIELD.match(field_.name) else '<key>'}: "
                 f"{type_label(field_.dtype)}" for field_ in dtype.fields[:_FIELDS_SHOWN]]
        more = len(dtype.fields) - _FIELDS_SHOWN
        return f"Struct({', '.join(shown)}{f', ... {more:,} more' if more > 0 else ''})"
    if isinstance(dtype, pl.List):
        return f"List({type_label(dtype.inner)})"
    if isinstance(dtype, pl.Array):
        return f"Array({type_label(dtype.inner)}, {dtype.size})"
    return str(dtype)


def field_names(schema: pl.Schema | dict[str, pl.DataType]) -> list[str]:
    """The distinct names of the columns and of the fields inside them (struct fields, in
    lists of them too), in schema order."""
    names: dict[str, None] = {}

    def visit(dtype: pl.DataType) -> None:
        if isinstance(dtype, (pl.List, pl.Array)):
            visit(dtype.inner)
        elif isinstance(dtype, pl.Struct):
            for field_ in dtype.fields:
                names[field_.name] = None
                visit(field_.dtype)

    for column, dtype in schema.items():
        names[column] = None
        visit(dtype() if isinstance(dtype, type) else dtype)
    return list(names)
