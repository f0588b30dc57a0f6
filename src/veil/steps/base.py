"""The Step base class: subclasses implement `apply`; the base keeps the books.

A step receives a Polars LazyFrame and returns one, so a chain of row-local
steps stays one lazy plan that Polars can stream. A step that needs the whole
frame (sampling, de-duplication, privacy gates, detection over distinct
values) sets ``global_pass = True``: the base materialises the frame before
it, which also gives exact row counts for the report.
"""

from __future__ import annotations

import json
import re
import time
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from veil.errors import StepError, VeilError
from veil.listing import HEADERLESS_ADVICE, column_listing
from veil.recipe.schema import StepParams
from veil.recipe.suggest import suggestion_sentence

if TYPE_CHECKING:
    from veil.context import RunContext

__all__ = ["Step", "StepParams", "polars_error_message"]


class Step(ABC):
    """One recipe step. Subclasses set `Params` and implement `apply`."""

    name: ClassVar[str] = ""
    Params: ClassVar[type[StepParams]]
    #: Parameter filled when the recipe gives a scalar or a list instead of a
    #: mapping, e.g. ``drop: [a, b]`` fills ``columns``.
    shorthand: ClassVar[str | None] = None
    #: True when the step needs the whole frame at once (cannot stream).
    global_pass: ClassVar[bool] = False
    #: True when the step needs the secret key (checked before anything runs).
    keyed: ClassVar[bool] = False

    def __init__(self, params: StepParams, *, index: int = 1, line: int | None = None,
                 source: str = "<recipe>") -> None:
        self.params = params
        self.index = index
        self.line = line
        self.source = source

    # -- what subclasses provide -------------------------------------------------
    def columns_used(self) -> set[str]:
        """Columns of the incoming frame this step reads; checked before it runs."""
        return set()

    def prepare(self, ctx: RunContext) -> None:
        """Check what the step needs before any data is read (keys, models)."""
        if self.keyed:
            ctx.require_key(self.label)

    @abstractmethod
    def apply(self, lf: pl.LazyFrame, ctx: RunContext) -> pl.LazyFrame:
        """Return the transformed frame. Raise StepError for problems you can name."""

    def describe(self) -> str:
        """One plain-words sentence on what the step does (for `veil explain`)."""
        return f"{self.name}: {self.params.model_dump(exclude_defaults=True)}"

    # -- bookkeeping -------------------------------------------------------------
    @property
    def label(self) -> str:
        line = f", line {self.line}" if self.line else ""
        return f"{self.source}{line}, step {self.index} `{self.name}`"

    def fail(self, what: str) -> StepError:
        """A StepError whose message starts with where the step is in the recipe."""
        return StepError(f"{self.label}: {what}")

    def check(self, schema: pl.Schema) -> None:
        """Fail early, before any data is read, when a column the step needs is missing."""
        available = list(schema.names())
        for column in sorted(self.columns_used()):
            if column not in available:
                raise self.fail(column_missing(column, available))

    def run(self, lf: pl.LazyFrame, ctx: RunContext) -> pl.LazyFrame:
        """Check, apply and record the step. The executor calls this, not `apply`."""
        record = ctx.report.start_step(self)
        started = time.perf_counter()
        try:
            self.check(lf.collect_schema())
            if self.global_pass:
                frame = lf.collect()
                record.rows_in = frame.height
                out = self.apply(frame.lazy(), ctx).collect()
                record.rows_out = out.height
                result = out.lazy()
            else:
                result = self.apply(lf, ctx)
                result.collect_schema()  # surfaces plan errors (bad SQL, types) at this step
        except VeilError:
            raise
        except pl.exceptions.ColumnNotFoundError as exc:
            raise self.fail(missing_column_message(exc, lf.collect_schema().names())) from exc
        except pl.exceptions.PolarsError as exc:
            # A read failure surfaces where the plan is first computed; blame the input, not the step.
            raise (ctx.diagnose_input(exc) or self.polars_failure(exc, lf)) from exc
        finally:
            record.seconds = round(time.perf_counter() - started, 6)
        return result

    def polars_failure(self, exc: BaseException, lf: pl.LazyFrame) -> StepError:
        """Polars' error while running this step on `lf`, in the recipe's words."""
        return self.fail(polars_error_message(exc) + self._text_compared_hint(exc, lf))

    def _text_compared_hint(self, exc: BaseException, lf: pl.LazyFrame) -> str:
        """For "cannot compare string with numeric": which text columns the step names.

        A number column read as text (a stray value, a decimal comma, a unit) shows up
        far from its cause; naming the column points back to the input.
        """
        if "compare string with numeric" not in str(exc):
            return ""
        named = [column for column, dtype in lf.collect_schema().items()
                 if dtype == pl.String and self.mentions(column)]
        if not named:
            return ""
        columns = ", ".join(f"`{c}`" for c in named)
        return (f" Text columns this step uses: {columns}. Read them as numbers with "
                f"`input.types` (e.g. `{{{named[0]}: float}}`), which names the line of any "
                f"value that is not a number, or convert them with a `cast` step.")

    def mentions(self, column: str) -> bool:
        """Whether the step's settings name `column` (as a word: in a list, a key or SQL)."""
        settings = json.dumps(params_dict(self.params))
        return re.search(rf"(?<!\w){re.escape(column)}(?!\w)", settings) is not None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label}>"


_MISSING_COLUMN = re.compile(r'unable to find column "([^"]*)"')
#: A column Polars names (`failed in column 'age'`): set aside while values are hidden,
#: so that its closing quote is not taken for the start of a single-quoted value.
_COLUMN_NAMED = re.compile(r"column '[^'\n]*'")
_SET_ASIDE = re.compile(r"\x00(\d+)\x00")
#: The values Polars writes into its messages (a failed cast's, its JSON parser's), hidden:
#: double-quoted, from the line's first quote to its last, since a value can hold quotes
#: (`error deserializing value "String("ann@x.org")"`, `values: ["O'Brien", "Ann"]`); a
#: bracketed list, unless it is part of a type (`decimal[5,2]`); single-quoted, an
#: apostrophe inside a word kept inside (`'O'Brien'`); and what follows `found value of
#: type T:`, which Polars does not quote.
_QUOTED_VALUES = re.compile(r'"[^\n]*"|(?<!\w)\[[^\]]*\]'
                            r"|\(?'[^']*(?:'\w[^']*)*'\)?"
                            r"|(?<=found value of type )(\S+): .*")
#: What is still data-like once those are hidden: a word holding `@` or five digits in a row
#: (an e-mail address, an account number). A count of rows that long is hidden with them.
_DATA_LIKE = re.compile(r"[^\s(),;]*(?:@|\d{5})[^\s(),;]*")
#: Polars 2 quotes in backticks both types (`i64`) and values (could not parse `n/a`):
#: anything in backticks that is not a type name is hidden too.
_BACKTICKED = re.compile(r"`([^`]*)`")
_TYPE_NAME = re.compile(r"(?:[iu](?:8|16|32|64|128)|f(?:32|64)|str|bool|date|time|null|binary"
                        r"|datetime\[[^\]]*\]|duration\[[^\]]*\]|decimal\[[^\]]*\]|list\[.*\]"
                        r"|array\[.*\]|struct\[.*\]|cat|enum|string|u?int(?:8|16|32|64|128)"
                        r"|float(?:32|64)|boolean|categorical)", re.IGNORECASE)


def _hidden_values(message: str) -> str:
    """`message` with the data values Polars quotes in it replaced by `<value hidden>`."""
    columns = [_DATA_LIKE.sub("<value hidden>", found) for found in _COLUMN_NAMED.findall(message)]
    counter = iter(range(len(columns)))
    message = _COLUMN_NAMED.sub(lambda _: f"\x00{next(counter)}\x00", message)
    message = _QUOTED_VALUES.sub(
        lambda found: f"{found[1]}: <value hidden>" if found[1] else "<value hidden>", message)
    message = _DATA_LIKE.sub("<value hidden>", message)
    message = _BACKTICKED.sub(lambda quoted: quoted[0] if _TYPE_NAME.fullmatch(quoted[1])
                              else "<value hidden>", message)
    return _SET_ASIDE.sub(lambda found: columns[int(found[1])], message)


def column_missing(column: str, available: list[str]) -> str:
    """The message for a column a step names but the frame lacks, with did-you-mean (see
    `veil.listing` for how the columns are listed)."""
    shown, suggestable = column_listing(available)
    padded = [name for name in suggestable if name != name.strip() and name.strip() == column]
    if padded:  # a header written `id, name, age`: its names start with a space
        spelt = json.dumps(padded[0], ensure_ascii=False)
        return (f"column `{column}` does not exist at this point of the recipe, but {spelt} "
                f"does: its name has spaces around it (as in a header written `id, name`). "
                f"Name it so, or add a `rename` step before this one: "
                f"`rename: {{{spelt}: {column}}}`. Columns here: {shown}.")
    if len(suggestable) == 1 and column in [part.strip() for part in suggestable[0].split(",")]:
        return (f"column `{column}` does not exist at this point of the recipe: there is one "
                f"column, {shown}, whose name holds `{column}` between commas. The input's fields "
                f"look separated by `,`: set `input: {{separator: ','}}` in the recipe.")
    headerless = ""
    if len(suggestable) < len(available):
        headerless = (" Some of these names hold identifiers (shown as placeholders). "
                      + HEADERLESS_ADVICE)
    return (f"column `{column}` does not exist at this point of the recipe."
            f"{suggestion_sentence(column, suggestable)} Columns here: {shown}.{headerless}")


def missing_column_message(exc: BaseException, available: list[str]) -> str:
    """Polars' ColumnNotFoundError (from a SQL expression) as `column_missing`."""
    found = _MISSING_COLUMN.search(str(exc))
    if found is None or found[1] in available:
        return polars_error_message(exc)
    return column_missing(found[1], available)


def polars_error_message(exc: BaseException) -> str:
    """Polars' message reduced to its first line, with quoted data values removed.

    Polars quotes offending values in some messages (failed casts list them);
    those may be identifiers, and veil never prints data values.
    """
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    missing = _MISSING_COLUMN.search(first)
    if type(exc).__name__ == "ColumnNotFoundError" and missing:
        return (f"column `{missing[1]}` does not exist at this point of the recipe. Check the "
                f"spelling; earlier steps may have dropped or renamed it.")
    if "out-of-core disk budget" in first:  # veil sets it from the spill folder's free space
        return ("the rows did not fit in memory, and the spill folder has too little free space "
                "to hold them on disk. Free space there, set VEIL_SPILL_DIR (or --spill-dir) to "
                "a larger local disk, or run on a machine with more memory.")
    if "compare 'date" in first:
        return ("a date column is compared with text. Write date literals as "
                "`DATE '2020-01-01'`, or keep the column as text (ISO dates compare correctly).")
    if type(exc).__name__ != "ColumnNotFoundError":  # that one quotes column names only
        first = _hidden_values(first)
    hint = {
        "ColumnNotFoundError": "check the column names at this point of the recipe",
        "SQLSyntaxError": "check the SQL expression",
        "SQLInterfaceError": "check the SQL expression",
        "InvalidOperationError": "check the column types (a `cast` step may be needed)",
        "SchemaError": "check the column types (a `cast` step may be needed)",
        "ComputeError": "check the column types and values",
    }.get(type(exc).__name__, "check the step's parameters")
    return f"Polars could not run it ({type(exc).__name__}: {first}); {hint}."


def params_dict(params: StepParams) -> dict[str, Any]:
    """The step's configuration as plain data, for the report."""
    return params.model_dump(mode="json")
