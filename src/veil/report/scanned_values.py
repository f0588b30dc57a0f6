"""What the residual check reads: the value paths of the output, and their distinct values.

A path is a column, or a place inside a nested one (`messages[].content`, `addr.city`).
Each path's distinct values are counted with the rows holding them; a column is read
once for all the paths inside it. A JSON object used as a map becomes a struct with one
field per key, hundreds of them: counted one field at a time, each count read the whole
output again (20,000 rows with 500 keys took 415 s; the paths of one column together, 2 s).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from veil.dtypes import TEXT_TYPES

__all__ = ["Leaf", "scanned_paths", "distinct_counts", "VALUE", "ROWS"]

#: Read as their ISO text: a birth date typed as a date is the same identifier as in text.
DATE_TYPES = (pl.Date, pl.Datetime)
#: Numbers below this are not scanned (see `_identifier_sized`).
IDENTIFIER_SIZED = 10_000
#: The columns of each path's counts: a distinct value, and the rows holding it.
VALUE, ROWS = "value", "len"
#: Joins field names in the flattened columns of one nested column; no name holds it.
_SEP = "\x1f"
_ROOT = "\x1froot"


@dataclass(frozen=True)
class Leaf:
    """One scanned path: the values at `fields` inside its group's values."""

    #: The path as the report shows it (names holding an identifier masked).
    shown: str
    #: The paths read together: a column, or a path up to its innermost list (`messages[]`).
    group: str
    #: That group's values: the column, or the items of its innermost list.
    group_values: pl.Expr
    fields: tuple[str, ...]
    dtype: pl.DataType

    @property
    def values(self) -> pl.Expr:
        """This path's values alone, as the text the detector reads."""
        return _as_scanned_text(_inside(self.group_values, self.fields), self.dtype)


def _inside(values: pl.Expr, fields: tuple[str, ...]) -> pl.Expr:
    """The values at `fields`, one struct field inside the other, of `values`."""
    for name in fields:
        values = values.struct.field(name)
    return values


def scanned_paths(schema: pl.Schema, masks: dict[str, str] | None = None) -> dict[str, Leaf]:
    """Every text, number, date and binary column, and those inside nested ones
    (`messages[].content`), by path. A name in `masks` is shown as its mask.

    A chat-format output holds its text in a list of structs; it is scanned like a column.
    Numbers and dates are scanned too: an SSN, phone, card or record number typed as a
    number (veil types a CSV column of digits without leading zeros as one; databases
    export account numbers as decimals), or a birth date typed as a date, is as
    identifying as the same value in text.
    """
    masks = masks or {}
    paths: dict[str, Leaf] = {}

    def walk(name: str, shown: str, group: str, values: pl.Expr, fields: tuple[str, ...],
             dtype: pl.DataType) -> None:
        if isinstance(dtype, type):  # a bare class (pl.String) where an instance is expected
            dtype = dtype()
        if (isinstance(dtype, TEXT_TYPES + DATE_TYPES + (pl.Binary,))
                or dtype.is_numeric()):
            paths[name] = Leaf(shown, group, values, fields, dtype)
        elif isinstance(dtype, (pl.List, pl.Array)):
            walk(f"{name}[]", f"{shown}[]", f"{name}[]", _inside(values, fields).explode(), (),
                 dtype.inner)
        elif isinstance(dtype, pl.Struct):
            for field_ in dtype.fields:
                walk(f"{name}.{field_.name}", f"{shown}.{masks.get(field_.name, field_.name)}",
                     group, values, (*fields, field_.name), field_.dtype)

    for column, dtype in schema.items():
        walk(column, masks.get(column, column), column, pl.col(column), (), dtype)
    return paths


def distinct_counts(frame: pl.DataFrame | pl.LazyFrame,
                    paths: dict[str, Leaf]) -> dict[str, pl.DataFrame]:
    """Each path's distinct non-blank values (`VALUE`) and the rows holding each (`ROWS`),
    in the order they first occur."""
    groups: dict[str, list[str]] = {}
    for name, leaf in paths.items():
        groups.setdefault(leaf.group, []).append(name)
    counts: dict[str, pl.DataFrame] = {}
    for names in groups.values():
        if len(names) == 1:
            counts[names[0]] = _counted(frame.lazy().select(paths[names[0]].values.alias(VALUE)),
                                        []).collect()
        else:
            counts.update(_group_counts(frame, {name: paths[name] for name in names}))
    return counts


def _group_counts(frame: pl.DataFrame | pl.LazyFrame,
                  leaves: dict[str, Leaf]) -> dict[str, pl.DataFrame]:
    """The counts of paths inside one nested column, in one read of it.

    The struct is taken apart as a table (`unnest`), not field by field: each
    `struct.field` of a wide struct costs as much as the whole struct.
    """
    first = next(iter(leaves.values()))
    flat = frame.lazy().select(first.group_values.alias(_ROOT))
    inner = {_SEP.join((_ROOT, *leaf.fields[:depth]))
             for leaf in leaves.values() for depth in range(len(leaf.fields))}
    while True:
        structs = [name for name, dtype in flat.collect_schema().items()
                   if name in inner and isinstance(dtype, pl.Struct)]
        if not structs:
            break
        flat = (flat.with_columns(pl.col(name).name.prefix_fields(name + _SEP) for name in structs)
                .unnest(structs))
    columns = [_as_scanned_text(pl.col(_SEP.join((_ROOT, *leaf.fields))), leaf.dtype).alias(str(i))
               for i, leaf in enumerate(leaves.values())]
    long = flat.select(columns).unpivot(variable_name="path", value_name=VALUE)
    counted = _counted(long, ["path"]).collect()
    by_path = counted.partition_by("path", as_dict=True, include_key=False, maintain_order=True)
    empty = pl.DataFrame(schema={VALUE: pl.String, ROWS: pl.UInt32})
    return {name: by_path.get((str(i),), empty) for i, name in enumerate(leaves)}


def _counted(values: pl.LazyFrame, keys: list[str]) -> pl.LazyFrame:
    return (values.drop_nulls(VALUE).filter(pl.col(VALUE).str.strip_chars() != "")
            .group_by([*keys, VALUE], maintain_order=True).len(name=ROWS))


def _as_scanned_text(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_numeric():
        return _identifier_sized(expr, dtype)
    if isinstance(dtype, pl.Binary):
        return expr.map_batches(_as_text, return_dtype=pl.String)
    return expr.cast(pl.String)


def _as_text(values: pl.Series) -> pl.Series:
    """Binary values as UTF-8 text, undecodable bytes replaced: some Parquet writers store
    text columns as binary, and Polars refuses to cast any value that is not UTF-8."""
    return pl.Series(values.name, [None if value is None else value.decode("utf-8", "replace")
                                   for value in values.to_list()], dtype=pl.String)


def _identifier_sized(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """The numbers of `expr` that could be an identifier (whole, of 5 digits or more), as
    text; null for the others.

    Ages, counts, codes of a few digits and measurements with a fraction are none that
    the detector knows, and leaving them out keeps the check cheap on a wide table of
    lab values: each column's distinct values are computed, and 5,000,000 distinct
    numbers take about 0.8 s.
    """
    number = expr if dtype.is_integer() else expr.cast(pl.Float64)
    keep = number.abs() >= IDENTIFIER_SIZED
    if not dtype.is_integer():
        keep = keep & (number == number.floor())
    return pl.when(keep).then(expr.cast(pl.String))
