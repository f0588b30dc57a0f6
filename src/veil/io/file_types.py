"""One type per column across the Parquet or IPC files of one input.

Exports written on different days or by different tools disagree on types: Spark writes a
count as Int32 where pandas writes Int64, a column empty in one file is typed Null, a
category comes as Categorical or as text. Polars refuses such files mid-run with a message
about the plan, not the files. veil reads a column as the type that holds every file's values
unchanged (a wider integer, Float64 for Float32, text for categories, the other file's type
for Null) and refuses the rest before anything runs, naming the two files and the setting
that reads the column as one type.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import polars as pl

from veil.errors import InputError

__all__ = ["common_types", "read_as_one"]

_SIGNED = (pl.Int8(), pl.Int16(), pl.Int32(), pl.Int64())
_UNSIGNED = (pl.UInt8(), pl.UInt16(), pl.UInt32(), pl.UInt64())


def common_types(label: str, schemas: Mapping[Path, pl.Schema],
                 given: Collection[str] = ()) -> dict[str, pl.DataType]:
    """Each column whose type differs between files -> the type every file is read as.

    Columns in `given` (`input.types`) are left out: each file's values are converted to
    the recipe's type. A difference no type resolves without changing values is refused.
    """
    (first, types), *others = schemas.items()
    widened: dict[str, pl.DataType] = {}
    conflicts: dict[str, tuple[pl.DataType, Path, pl.DataType]] = {}
    for other, other_types in others:
        for column, dtype in other_types.items():
            held = widened.get(column, types[column])
            if column in given or column in conflicts or dtype == held:
                continue
            common = _holding_both(held, dtype)
            if common is None:
                conflicts[column] = (types[column], other, dtype)
            else:
                widened[column] = common
    if conflicts:
        raise _type_conflicts(label, first, conflicts)
    return widened


def read_as_one(paths: list[Path], order: list[str], widened: Mapping[str, pl.DataType],
                scan: Callable[[Path], pl.LazyFrame],
                typed: Callable[[pl.LazyFrame], pl.LazyFrame]) -> pl.LazyFrame:
    """The files as one frame: each read on its own, its columns in `order`, widened and
    typed (`typed` applies `input.types`), so that the files agree before they are joined."""
    parts = []
    for path in paths:
        part = scan(path).select(
            pl.col(column).cast(widened[column]) if column in widened else pl.col(column)
            for column in order)
        parts.append(typed(part))
    return pl.concat(parts, how="vertical")


def _holding_both(one: pl.DataType, other: pl.DataType) -> pl.DataType | None:
    """The type whose values include all of both types', or None when none does."""
    if one == pl.Null:
        return other
    if other == pl.Null:
        return one
    if one.is_integer() and other.is_integer():
        return _integer_holding(one, other)
    if one.is_float() and other.is_float():
        return pl.Float64()
    text = (pl.String, pl.Categorical, pl.Enum)
    if isinstance(one, text) and isinstance(other, text):
        return pl.String()
    return None


def _integer_holding(one: pl.DataType, other: pl.DataType) -> pl.DataType | None:
    bits = {dtype: 8 << index for index, dtype in enumerate(_SIGNED)}
    bits.update({dtype: 8 << index for index, dtype in enumerate(_UNSIGNED)})
    signed = [dtype for dtype in (one, other) if dtype in _SIGNED]
    widest = max(bits[one], bits[other])
    if not signed:
        return _UNSIGNED[_UNSIGNED.index(one if bits[one] == widest else other)]
    # A signed type holds an unsigned one of half its width.
    needed = max([bits[dtype] for dtype in signed]
                 + [2 * bits[dtype] for dtype in (one, other) if dtype in _UNSIGNED])
    return next((dtype for dtype in _SIGNED if bits[dtype] >= needed), None)


def _type_conflicts(label: str, first: Path,
                    conflicts: Mapping[str, tuple[pl.DataType, Path, pl.DataType]]) -> InputError:
    from veil.nlp.names import data_names  # on this error path only: it builds a detector

    masks = data_names(list(conflicts))  # a pivoted export's e-mail column -> placeholder
    described = [f"column {masks.get(column) or f'`{column}`'} is {first_type} in `{first}` "
                 f"but {other_type} in `{other}`"
                 for column, (first_type, other, other_type) in conflicts.items()]
    if masks:  # naming it in `input.types` would write the identifier into recipe and report
        msg = (f"input `{label}`: {'; '.join(described)}, and veil reads a column of a folder "
               f"or glob as one type. A name holding an identifier is shown by its placeholder, "
               f"and naming it in the recipe would put the identifier in the recipe and its "
               f"report: fix the export (one type per column), or run veil on each file.")
        return InputError(msg)
    read_as = ", ".join(f"{column}: {_type_holding(first_type, other_type)}"
                        for column, (first_type, _, other_type) in conflicts.items())
    msg = (f"input `{label}`: {'; '.join(described)}, and veil reads a column of a "
           f"folder or glob as one type. Set the type to read "
           f"{'them' if len(conflicts) > 1 else 'it'} as, `input: {{types: {{{read_as}}}}}` in "
           f"the recipe; or fix the export, or run veil on each file.")
    return InputError(msg)


def _type_holding(one: pl.DataType, other: pl.DataType) -> str:
    """The recipe type (`input.types`) that reads both types' values."""
    if isinstance(one, pl.Datetime) and isinstance(other, pl.Datetime):
        return "datetime"
    both = (one, other)
    if any(dtype.is_float() for dtype in both) and all(dtype.is_numeric() for dtype in both):
        return "float"  # a Float64 column holds Int64's up to 2**53 exactly, as pandas has it
    return "string"  # decimals too: text keeps every digit
