"""Generalisation as Polars expressions: bins, ZIP prefixes, date units, category hierarchies.

Every function here is pure: it takes a column name (and, where the input type
matters, that column's Polars dtype) and returns a ``pl.Expr``. Nothing reads
data or files except :func:`load_hierarchy_csv` and :func:`restricted_zip3`.
All results are ``pl.String`` and nulls stay null.

For a lattice search (k-anonymity), each kind also exists as a
:class:`Hierarchy`: ``hierarchy.expr(level)`` gives level ``level``, where
level 0 is the original value (as text) and level ``hierarchy.top`` is the
fully suppressed ``"*"``. Levels nest: two values equal at level i are equal
at every level above i, so k-anonymity is monotone along the lattice.

>>> h = IntervalHierarchy("age", widths=(5, 10, 20), top_code=90)
>>> h.top, [h.label(i) for i in range(h.top + 1)]
(4, ['age', 'age/5', 'age/10', 'age/20', '*'])
>>> frame.with_columns(h.expr(2))  # doctest: +SKIP

A recipe names a hierarchy as a small mapping; :func:`hierarchy_from_spec`
builds it: ``{widths: [5, 10, 20], top_code: 90}``, ``{bins: [[0, 18, 65],
[0, 65]]}``, ``{zip_digits: [3, 2, 1], hipaa_list: hhs-2000}``,
``{date_units: [month, year]}``, ``{file: dx.csv}``, or ``{}`` (original or
``"*"`` only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import polars as pl

from veil.dtypes import DATE_TEXT_LAYOUTS, type_label

__all__ = [
    "SUPPRESSED",
    "HIPAA_LISTS",
    "DEFAULT_HIPAA_LIST",
    "DATE_UNITS",
    "restricted_zip3",
    "numeric_bins",
    "numeric_width",
    "bin_labels",
    "zip_prefix",
    "date_unit",
    "as_date",
    "map_categories",
    "load_hierarchy_csv",
    "HierarchyError",
    "Hierarchy",
    "IntervalHierarchy",
    "BinsHierarchy",
    "ZipHierarchy",
    "DateHierarchy",
    "CategoryHierarchy",
    "SuppressionHierarchy",
    "HIERARCHY_KINDS",
    "hierarchy_from_spec",
]

#: The value of a fully generalised (suppressed) cell at the top of every hierarchy.
SUPPRESSED = "*"
#: Restricted ZIP3 lists shipped in ``veil/privacy/data`` (``all`` is their union).
HIPAA_LISTS = ("hhs-2000", "census-2010", "all")
DEFAULT_HIPAA_LIST = "hhs-2000"
DATE_UNITS = ("month", "quarter", "year")
DateUnit = Literal["month", "quarter", "year"]


class HierarchyError(ValueError):
    """A generalisation setting or hierarchy file is inconsistent (steps turn it into StepError)."""


# -- HIPAA restricted ZIP3 lists --------------------------------------------------
def restricted_zip3(version: str = DEFAULT_HIPAA_LIST) -> frozenset[str]:
    """The restricted three-digit ZIP prefixes of one shipped list (see the data file headers)."""
    if version == "all":
        return frozenset().union(*(restricted_zip3(v) for v in HIPAA_LISTS if v != "all"))
    if version not in HIPAA_LISTS:
        msg = f"unknown HIPAA list `{version}`; expected one of {', '.join(HIPAA_LISTS)}"
        raise HierarchyError(msg)
    text = resources.files("veil.privacy").joinpath("data", f"hipaa_zip3_{version}.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


# -- numbers ------------------------------------------------------------------------
def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def bin_labels(edges: Sequence[float], *, discrete: bool = True) -> list[str]:
    """Labels of the bins ``(-inf, e0), [e0, e1), ..., [en, inf)``.

    Integer edges on a discrete (integer) column give inclusive labels
    (``"30-44"``); otherwise half-open ones (``"30-<45"``). The ends read
    ``"<0"`` and ``"90+"``.
    """
    inclusive = discrete and all(float(e).is_integer() for e in edges)
    labels = [f"<{_number(edges[0])}"]
    for low, high in zip(edges, edges[1:], strict=False):
        if inclusive and high - low == 1:
            labels.append(_number(low))
        elif inclusive:
            labels.append(f"{_number(low)}-{_number(high - 1)}")
        else:
            labels.append(f"{_number(low)}-<{_number(high)}")
    labels.append(f"{_number(edges[-1])}+")
    return labels


def _coded_edges(edges: Sequence[float], top_code: float | None,
                 bottom_code: float | None) -> list[float]:
    points = set(edges)
    points |= {c for c in (top_code, bottom_code) if c is not None}
    kept = sorted(p for p in points if (top_code is None or p <= top_code)
                  and (bottom_code is None or p >= bottom_code))
    if not kept:
        msg = "the bins are empty: give at least one edge"
        raise HierarchyError(msg)
    return kept


def numeric_bins(column: str, edges: Sequence[float], *, top_code: float | None = None,
                 bottom_code: float | None = None, discrete: bool = True) -> pl.Expr:
    """Bin a numeric column at explicit `edges` (left-closed), as text labels.

    ``top_code=90`` makes every value of 90 or more ``"90+"`` (edges above it are
    dropped); ``bottom_code=18`` makes every value below 18 ``"<18"``. Values
    below the first edge read ``"<first"``, values at or above the last
    ``"last+"``. NaN becomes null.

    >>> numeric_bins("age", [0, 18, 30, 45, 65, 90], top_code=90)  # 34 -> "30-44", 93 -> "90+"
    """
    if list(edges) != sorted(set(edges)):
        msg = "bin edges must be strictly increasing, e.g. [0, 18, 30, 45, 65, 90]"
        raise HierarchyError(msg)
    points = _coded_edges(edges, top_code, bottom_code)
    labels = bin_labels(points, discrete=discrete)
    value = pl.col(column).cast(pl.Float64)
    expr = pl.when(value.is_null() | value.is_nan()).then(None)
    expr = expr.when(value < points[0]).then(pl.lit(labels[0]))
    for edge, label in zip(points[1:], labels[1:-1], strict=True):
        expr = expr.when(value < edge).then(pl.lit(label))
    return expr.otherwise(pl.lit(labels[-1])).cast(pl.String).alias(column)


def numeric_width(column: str, width: float, *, origin: float = 0, top_code: float | None = None,
                  bottom_code: float | None = None, discrete: bool = True) -> pl.Expr:
    """Bin a numeric column into intervals of `width` starting at `origin` (any number of bins).

    Labels as in :func:`numeric_bins`: ``width=10`` gives ``"30-39"`` on an integer
    column, ``"30-<40"`` on a float one. Top and bottom coding as there; a bin cut
    by a code ends (or starts) at the code: ``width=20, top_code=90`` gives ``"80-89"``.
    """
    if width <= 0:
        msg = "`width` must be positive"
        raise HierarchyError(msg)
    if top_code is not None and bottom_code is not None and bottom_code >= top_code:
        msg = "`bottom_code` must be below `top_code`"
        raise HierarchyError(msg)
    inclusive = discrete and all(float(x).is_integer() for x in (width, origin, top_code or 0,
                                                                 bottom_code or 0))
    value = pl.col(column).cast(pl.Float64)
    # An infinity has no bin of its own: it is top or bottom coded, else null, as NaN is.
    # `when` computes every branch, so the whole-number casts below must not see it.
    finite = pl.when(value.is_finite()).then(value)
    low = ((finite - origin) / width).floor() * width + origin
    high = low + width
    if top_code is not None:
        high = pl.min_horizontal(high, pl.lit(float(top_code)))
    if bottom_code is not None:
        low = pl.max_horizontal(low, pl.lit(float(bottom_code)))
    if inclusive:
        first, last = low.cast(pl.Int64), (high - 1).cast(pl.Int64)
        text = pl.when(first == last).then(first.cast(pl.String)).otherwise(
            pl.concat_str([first.cast(pl.String), pl.lit("-"), last.cast(pl.String)]))
    else:
        text = pl.concat_str([_float_text(low), pl.lit("-<"), _float_text(high)])
    expr = pl.when(value.is_null() | value.is_nan()).then(None)
    if top_code is not None:
        expr = expr.when(value >= top_code).then(pl.lit(f"{_number(top_code)}+"))
    if bottom_code is not None:
        expr = expr.when(value < bottom_code).then(pl.lit(f"<{_number(bottom_code)}"))
    return expr.otherwise(text).cast(pl.String).alias(column)


def _float_text(expr: pl.Expr) -> pl.Expr:
    """Whole floats without a trailing `.0` (30.0 -> "30"), others as Polars prints them."""
    return pl.when(expr == expr.round(0)).then(expr.cast(pl.Int64).cast(pl.String)).otherwise(
        expr.cast(pl.String))


# -- ZIP codes ------------------------------------------------------------------------
def zip_prefix(column: str, keep_digits: int, *, dtype: pl.DataType | None = None,
               hipaa_list: str | None = None) -> pl.Expr:
    """The first `keep_digits` digits of a US ZIP code, as text.

    Integer columns are zero-padded to five digits first (02134 read as 2134).
    A value whose first `keep_digits` characters are not all digits becomes
    null: a malformed code is never passed through. With `hipaa_list`, codes
    whose three-digit prefix is restricted become ``"000"`` (or that many
    zeros), HIPAA Safe Harbor's rule; it allows at most three digits.
    """
    if not 1 <= keep_digits <= 5:
        msg = "`keep_digits` must be between 1 and 5"
        raise HierarchyError(msg)
    if hipaa_list is not None and keep_digits > 3:
        msg = "HIPAA Safe Harbor keeps at most 3 ZIP digits; set `keep_digits: 3`"
        raise HierarchyError(msg)
    text = pl.col(column).cast(pl.String).str.strip_chars()
    if dtype is not None and dtype.is_integer():
        text = text.str.zfill(5)
    head = text.str.slice(0, keep_digits)
    valid = head.str.contains(f"^[0-9]{{{keep_digits}}}$")
    expr = pl.when(~valid | head.is_null()).then(None)
    if hipaa_list is not None:
        restricted = sorted(restricted_zip3(hipaa_list))
        expr = expr.when(text.str.slice(0, 3).is_in(restricted)).then(pl.lit("0" * keep_digits))
    return expr.otherwise(head).cast(pl.String).alias(column)


def zip_restricted(column: str, *, dtype: pl.DataType | None = None,
                   hipaa_list: str = DEFAULT_HIPAA_LIST) -> pl.Expr:
    """True where the ZIP code's three-digit prefix is on the restricted list (for counting)."""
    text = pl.col(column).cast(pl.String).str.strip_chars()
    if dtype is not None and dtype.is_integer():
        text = text.str.zfill(5)
    return text.str.slice(0, 3).is_in(sorted(restricted_zip3(hipaa_list)))


# -- dates ----------------------------------------------------------------------------
def as_date(column: str, dtype: pl.DataType) -> pl.Expr:
    """The column as ``pl.Date``: Date as is, Datetime cut to its day, text parsed as an ISO
    date (``2024-03-02``) or as the eight digits HL7 messages and many exports write
    (``20240302``, a time perhaps after them).

    Text that is neither becomes null.
    """
    value = pl.col(column)
    if dtype == pl.Date:
        return value
    if isinstance(dtype, pl.Datetime):
        return value.dt.date()
    if dtype == pl.String:
        text = value.str.strip_chars()
        return pl.coalesce(text.str.slice(0, width).str.to_date(layout, strict=False)
                           for layout, width in DATE_TEXT_LAYOUTS)
    msg = (f"column `{column}` is {type_label(dtype)}; expected a date, datetime or date text "
           f"(`2024-03-02` or `20240302`)")
    raise HierarchyError(msg)


def date_unit(column: str, unit: DateUnit, *, dtype: pl.DataType) -> pl.Expr:
    """A date reduced to its year (``"2020"``), quarter (``"2020-Q1"``) or month (``"2020-03"``)."""
    day = as_date(column, dtype)
    if unit == "year":
        text = day.dt.year().cast(pl.String)
    elif unit == "quarter":
        text = pl.concat_str([day.dt.year().cast(pl.String), pl.lit("-Q"),
                              day.dt.quarter().cast(pl.String)])
    elif unit == "month":
        text = day.dt.strftime("%Y-%m")
    else:
        msg = f"unknown date unit `{unit}`; expected one of {', '.join(DATE_UNITS)}"
        raise HierarchyError(msg)
    return text.alias(column)


# -- categories -----------------------------------------------------------------------
def map_categories(column: str, mapping: Mapping[str, str], *,
                   default: str | None = SUPPRESSED) -> pl.Expr:
    """Replace each value by ``mapping[value]``; unlisted values become `default` (nulls stay null).

    ``default=None`` keeps unlisted values unchanged.
    """
    text = pl.col(column).cast(pl.String)
    keep = text if default is None else pl.lit(default)
    mapped = text.replace_strict(list(mapping), list(mapping.values()), default=keep,
                                 return_dtype=pl.String)
    return pl.when(text.is_null()).then(None).otherwise(mapped).alias(column)


def load_hierarchy_csv(path: str | Path) -> list[dict[str, str]]:
    """Read a hierarchy file: one row per value, ``value, level1, level2, ...``.

    Comma or semicolon separated (ARX writes semicolons); an optional header
    row starting with ``value`` is skipped. Returns one mapping per level,
    ``levels[i-1][value] -> level i``. Raises HierarchyError (never quoting a
    value) when rows are ragged, a value repeats, or levels do not nest.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        msg = "the hierarchy file is empty"
        raise HierarchyError(msg)
    separator = ";" if ";" in lines[0] and "," not in lines[0] else ","
    frame = pl.read_csv(Path(path), separator=separator, has_header=False,
                        infer_schema=False, encoding="utf8-lossy", truncate_ragged_lines=False)
    first = frame.row(0)
    if str(first[0]).strip().lower() == "value":
        frame = frame.slice(1)
    frame = frame.select(pl.all().str.strip_chars())
    if frame.width < 2:
        msg = "a hierarchy row needs a value and at least one level: `value,level1`"
        raise HierarchyError(msg)
    if frame.select(pl.any_horizontal(pl.all().is_null()).any()).item():
        msg = "every hierarchy row needs the same number of levels, none empty"
        raise HierarchyError(msg)
    if frame.get_column(frame.columns[0]).is_duplicated().any():
        msg = "a value appears on more than one row of the hierarchy file"
        raise HierarchyError(msg)
    for lower, upper in zip(frame.columns[1:], frame.columns[2:], strict=False):
        if frame.group_by(lower).agg(pl.col(upper).n_unique().alias("n")).get_column("n").max() > 1:
            msg = "the hierarchy levels do not nest: a group at one level splits at the next one"
            raise HierarchyError(msg)
    values = frame.get_column(frame.columns[0]).to_list()
    return [dict(zip(values, frame.get_column(name).to_list(), strict=True))
            for name in frame.columns[1:]]


# -- hierarchies (for lattice searches) -------------------------------------------------
def _numbers(values: Sequence[object], key: str) -> None:
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        msg = f"`{key}` must hold numbers only"
        raise HierarchyError(msg)


@dataclass(frozen=True)
class Hierarchy:
    """Levels 0 (original, as text) .. ``top`` (all ``"*"``) of one column."""

    column: str

    @property
    def top(self) -> int:
        """The highest level (fully suppressed)."""
        return len(self._names()) + 1

    def expr(self, level: int) -> pl.Expr:
        """The column generalised to `level`: a ``pl.String`` expression named like the column."""
        if not 0 <= level <= self.top:
            msg = f"level {level} is outside 0..{self.top} for column `{self.column}`"
            raise HierarchyError(msg)
        if level == 0:
            return pl.col(self.column).cast(pl.String).alias(self.column)
        if level == self.top:
            return pl.when(pl.col(self.column).is_null()).then(None).otherwise(
                pl.lit(SUPPRESSED)).cast(pl.String).alias(self.column)
        return self._level(level)

    def label(self, level: int) -> str:
        """A short name of `level` for reports (``age/10``, ``zip:3``, ``date:year``, ``*``)."""
        if level == 0:
            return self.column
        return SUPPRESSED if level == self.top else self._names()[level - 1]

    def _names(self) -> list[str]:
        raise NotImplementedError

    def _level(self, level: int) -> pl.Expr:
        raise NotImplementedError


@dataclass(frozen=True)
class IntervalHierarchy(Hierarchy):
    """Numbers in intervals of growing width; each width a multiple of the one before."""

    widths: tuple[float, ...] = (5, 10, 20)
    origin: float = 0
    top_code: float | None = None
    bottom_code: float | None = None
    discrete: bool = True

    def __post_init__(self) -> None:
        _numbers(self.widths, "widths")
        if not self.widths:
            msg = "give at least one interval width, e.g. widths: [5, 10, 20]"
            raise HierarchyError(msg)
        for small, large in zip(self.widths, self.widths[1:], strict=False):
            if large <= small or not float(large / small).is_integer():
                msg = ("each width must be a multiple of the one before (e.g. 5, 10, 20) so the "
                       "levels nest")
                raise HierarchyError(msg)

    def _names(self) -> list[str]:
        return [f"{self.column}/{_number(w)}" for w in self.widths]

    def _level(self, level: int) -> pl.Expr:
        return numeric_width(self.column, self.widths[level - 1], origin=self.origin,
                             top_code=self.top_code, bottom_code=self.bottom_code,
                             discrete=self.discrete)


@dataclass(frozen=True)
class BinsHierarchy(Hierarchy):
    """Numbers in explicit bins per level; each level's edges a subset of the level below."""

    edges: tuple[tuple[float, ...], ...] = ()
    top_code: float | None = None
    bottom_code: float | None = None
    discrete: bool = True

    def __post_init__(self) -> None:
        if not all(isinstance(level, tuple) for level in self.edges):
            msg = "`bins` is a list of edge lists, e.g. [[0, 18, 65], [0, 65]]"
            raise HierarchyError(msg)
        for level in self.edges:
            _numbers(level, "bins")
        if not self.edges:
            msg = "give at least one list of bin edges"
            raise HierarchyError(msg)
        for fine, coarse in zip(self.edges, self.edges[1:], strict=False):
            if not set(coarse) <= set(fine):
                msg = "each level's bin edges must be a subset of the level below"
                raise HierarchyError(msg)

    def _names(self) -> list[str]:
        return [f"{self.column}:bins{i}" for i in range(1, len(self.edges) + 1)]

    def _level(self, level: int) -> pl.Expr:
        return numeric_bins(self.column, self.edges[level - 1], top_code=self.top_code,
                            bottom_code=self.bottom_code, discrete=self.discrete)


@dataclass(frozen=True)
class ZipHierarchy(Hierarchy):
    """ZIP codes cut to fewer and fewer leading digits (default 4, 3, 2, 1)."""

    digits: tuple[int, ...] = (4, 3, 2, 1)
    dtype: pl.DataType | None = None
    hipaa_list: str | None = None

    def __post_init__(self) -> None:
        if not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 5
                   for d in self.digits):
            msg = "ZIP digit levels are whole numbers from 1 to 5"
            raise HierarchyError(msg)
        if list(self.digits) != sorted(set(self.digits), reverse=True) or not self.digits:
            msg = "ZIP digit levels must be strictly decreasing, e.g. [4, 3, 2, 1]"
            raise HierarchyError(msg)
        if self.hipaa_list is not None and self.digits[0] > 3:
            msg = "with a HIPAA list, ZIP levels keep at most 3 digits"
            raise HierarchyError(msg)

    def _names(self) -> list[str]:
        return [f"{self.column}:{d}" for d in self.digits]

    def _level(self, level: int) -> pl.Expr:
        return zip_prefix(self.column, self.digits[level - 1], dtype=self.dtype,
                          hipaa_list=self.hipaa_list)


@dataclass(frozen=True)
class DateHierarchy(Hierarchy):
    """Dates to month, quarter, then year (or any increasing subset of those)."""

    units: tuple[DateUnit, ...] = ("month", "quarter", "year")
    dtype: pl.DataType = field(default_factory=pl.Date)

    def __post_init__(self) -> None:
        order = [DATE_UNITS.index(u) for u in self.units if u in DATE_UNITS]
        if len(order) != len(self.units) or order != sorted(set(order)) or not order:
            msg = "date levels must come from month, quarter, year in that order"
            raise HierarchyError(msg)

    def _names(self) -> list[str]:
        return [f"{self.column}:{u}" for u in self.units]

    def _level(self, level: int) -> pl.Expr:
        return date_unit(self.column, self.units[level - 1], dtype=self.dtype)


@dataclass(frozen=True)
class CategoryHierarchy(Hierarchy):
    """Categories through the levels of a hierarchy file; unlisted values become ``"*"``."""

    levels: tuple[Mapping[str, str], ...] = ()

    @classmethod
    def from_csv(cls, column: str, path: str | Path) -> CategoryHierarchy:
        levels = load_hierarchy_csv(path)
        # A last level that is already all "*" is the suppressed level itself.
        if all(v == SUPPRESSED for v in levels[-1].values()):
            levels = levels[:-1]
        return cls(column, levels=tuple(levels))

    def _names(self) -> list[str]:
        return [f"{self.column}:level{i}" for i in range(1, len(self.levels) + 1)]

    def _level(self, level: int) -> pl.Expr:
        return map_categories(self.column, self.levels[level - 1])


@dataclass(frozen=True)
class SuppressionHierarchy(Hierarchy):
    """Only two levels: the original value, or ``"*"``."""

    def _names(self) -> list[str]:
        return []


#: The keys that choose a hierarchy kind in :func:`hierarchy_from_spec`.
HIERARCHY_KINDS = ("widths", "bins", "zip_digits", "date_units", "file")
_OPTIONS = {"widths": {"origin", "top_code", "bottom_code"}, "bins": {"top_code", "bottom_code"},
            "zip_digits": {"hipaa_list"}, "date_units": set(), "file": set(), None: set()}


def hierarchy_from_spec(column: str, spec: Mapping[str, object], *, dtype: pl.DataType,
                        base_dir: str | Path | None = None) -> Hierarchy:
    """Build the hierarchy a recipe describes for `column` (of Polars type `dtype`).

    `spec` holds at most one of :data:`HIERARCHY_KINDS` plus that kind's
    options; ``{}`` gives a :class:`SuppressionHierarchy`. A relative `file`
    is read from `base_dir`. Raises HierarchyError naming the key at fault.
    """
    kinds = [k for k in HIERARCHY_KINDS if k in spec]
    if len(kinds) > 1:
        msg = f"give one of {', '.join(HIERARCHY_KINDS)} for `{column}`, not {', '.join(kinds)}"
        raise HierarchyError(msg)
    kind = kinds[0] if kinds else None
    unknown = set(spec) - set(kinds) - _OPTIONS[kind]
    if unknown:
        allowed = ", ".join(sorted(_OPTIONS[kind] | set(HIERARCHY_KINDS)))
        msg = (f"unknown key `{sorted(unknown)[0]}` in the hierarchy of `{column}`; "
               f"allowed: {allowed}")
        raise HierarchyError(msg)
    options = {k: v for k, v in spec.items() if k != kind}
    if kind in ("widths", "bins") and not dtype.is_numeric():
        msg = f"`{kind}` needs a numeric column; `{column}` is {type_label(dtype)}"
        raise HierarchyError(msg)
    if kind == "widths":
        return IntervalHierarchy(column, widths=tuple(spec["widths"]), discrete=dtype.is_integer(),
                                 **options)
    if kind == "bins":
        edges = tuple(tuple(level) if isinstance(level, list | tuple) else level
                      for level in spec["bins"])
        return BinsHierarchy(column, edges=edges, discrete=dtype.is_integer(), **options)
    if kind == "zip_digits":
        return ZipHierarchy(column, digits=tuple(spec["zip_digits"]), dtype=dtype, **options)
    if kind == "date_units":
        as_date(column, dtype)  # fails early on a column that holds no dates
        return DateHierarchy(column, units=tuple(spec["date_units"]), dtype=dtype)
    if kind == "file":
        path = Path(str(spec["file"]))
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if not path.is_file():
            msg = f"hierarchy file `{path}` for `{column}` does not exist"
            raise HierarchyError(msg)
        return CategoryHierarchy.from_csv(column, path)
    return SuppressionHierarchy(column)
