"""THE recipe schema: every key a recipe may hold, with its description.

The models are closed (``extra="forbid"``) so a misspelt key is an error, not
a silently ignored setting. Every field has a description: the README's recipe
reference is generated from them (``veil.recipe.reference``). Step parameters
live beside their step, in ``veil.steps.<kind>``, and are built on
:class:`StepParams` from this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

if TYPE_CHECKING:
    from veil.steps.base import Step

__all__ = [
    "RECIPE_FORMAT_VERSION",
    "FORMATS",
    "VeilModel",
    "StepParams",
    "ColumnList",
    "InputSpec",
    "OutputSpec",
    "SecretsSpec",
    "NlpSpec",
    "ReportSpec",
    "Recipe",
]

RECIPE_FORMAT_VERSION = 1
FORMATS = ("csv", "tsv", "parquet", "jsonl", "ipc")
Format = Literal["csv", "tsv", "parquet", "jsonl", "ipc"]


def _each_once(names: list[str]) -> list[str]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            msg = f"column `{name}` is listed twice; list each column once"
            raise ValueError(msg)
        seen.add(name)
    return names


#: A list of column names for step parameters; a name listed twice is a recipe error.
ColumnList = Annotated[list[str], AfterValidator(_each_once)]


def _not_a_line_end(separator: str) -> str:
    if separator in ("\n", "\r"):
        msg = (f"a line end ({separator!r}) cannot separate fields, as it ends the rows; set "
               f"the character between fields, e.g. `';'`, or `'\\t'` for a tab")
        raise ValueError(msg)
    return separator


#: A CSV field separator: one character, not a line end (the rows end there).
Separator = Annotated[str, Field(min_length=1, max_length=1), AfterValidator(_not_a_line_end)]


class VeilModel(BaseModel):
    """Base of every recipe model: closed, and strict about what it accepts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def differs_from_default(self, key: str) -> bool:
        """Whether `key` holds another value than its default (written at its default, it
        counts as not set)."""
        return getattr(self, key) != type(self).model_fields[key].default


class StepParams(VeilModel):
    """Base of every step's parameter model (see ``veil.steps``)."""


class NumberForm(VeilModel):
    """How numbers are written in text: `1.234,50`, `1,234.50`, ...."""

    decimal_comma: bool = Field(
        False, description="Numbers in text are written with a decimal comma (`12,50`), as in "
        "many European exports; a CSV's separator is then `;` or a tab. Numbers with a point "
        "(`1.500`: 1.5 or 1,500?) are refused unless `thousands` says the point groups digits. "
        "Output numbers use a point.")
    thousands: Literal[".", ",", " ", "'", "\u00a0", "\u202f"] | None = Field(
        None, description="Numbers in text group their digits with this separator: `.` for "
        "`1.234,50` (with `decimal_comma`), `,` for `1,234.50`, `' '` or a no-break space for "
        "`1 234,50`, `\"'\"` for `1'234.50`. Groups after the first must have three digits; "
        "any other use of a point or comma makes the value not a number, never a guess. "
        "A file's columns of such values (phone numbers grouped in threes) are typed as "
        "numbers too: name them in `types` as `string`.")

    @model_validator(mode="after")
    def _marks_differ(self) -> NumberForm:
        mark = "," if self.decimal_comma else "."
        if self.thousands == mark:
            other = ("without `decimal_comma`, or `decimal_comma: true` for `1.234,50`"
                     if mark == "." else "with `decimal_comma: true`; use `thousands: '.'`")
            msg = (f"`thousands: '{mark}'` is also the decimal mark {other}. Set `thousands` "
                   f"to the character that groups digits.")
            raise ValueError(msg)
        return self


class TextReading(NumberForm):
    """How CSV/TSV/JSONL text is written: for the input, and for a file `join` reads."""

    encoding: str = Field(
        "utf-8",
        description="Text encoding of CSV/TSV/JSONL text, e.g. `latin-1` or `cp1252`. "
        "Non-UTF-8 text is transcoded before parsing: in memory, or, when too large for "
        "that, through a private copy in the spill folder.",
    )
    separator: Separator | None = Field(
        None, description="Field separator for CSV (default `,`; TSV uses a tab)."
    )
    quote: str | None = Field(
        '"', min_length=1, max_length=1,
        description="The character that quotes CSV/TSV fields holding a separator, a line "
        "break or a quote. `null` for files that quote nothing, where a `\"` is just a "
        "character: PostgreSQL's COPY text format (which writes null as `\\N`: add it to "
        "`null_values`) and many TSV exports.",
    )
    null_values: list[str] = Field(
        default_factory=list, description="Extra CSV strings that mean null, e.g. [NA, '-']."
    )
    column_names: ColumnList | None = Field(
        None, min_length=1,
        description="The column names of a CSV/TSV file without a header line, in order: "
        "its first line is then a record like the others, and every line needs that many "
        "fields (see `short_rows`). Default: the first line is the header. A file whose "
        "first line holds these names (most of them, in their places, in any case) is refused: "
        "it has a header, so leave `column_names` out.",
    )
    skip_lines: int = Field(
        0, ge=0, description="Lines over a CSV/TSV file's table to leave unread: a title, the "
        "export's date, the account holder above a statement. Whole lines, whatever they hold "
        "(no quoting); the header (or, with `column_names`, the first record) is the next "
        "line. Messages still number lines as in the file.",
    )
    footer_lines: int = Field(
        0, ge=0, description="Lines under a CSV/TSV file's table to leave unread: totals, a "
        "closing balance, an end-of-report line. Whole lines counted from the end, as `head "
        "-n -N` counts them (a blank line is one, a quoted line break starts one). The file's "
        "text is read without them, so a large file is read through a private copy in the "
        "spill folder, as a file in another encoding is.",
    )
    infer_schema_rows: int = Field(
        10_000, ge=0, description="Rows read to infer column types. CSV: 0 reads every column "
        "as text. JSON Lines: the columns too, and a key first seen after these rows stops the "
        "run, naming its line; 0 reads every row to infer them (slower: a full pass before "
        "the run)."
    )

    @field_validator("column_names")
    @classmethod
    def _named(cls, columns: list[str] | None) -> list[str] | None:
        for name in columns or ():
            if not name.strip() or "\x00" in name:
                msg = "a column needs a name: remove the empty one, or name it"
                raise ValueError(msg)
        return columns

    @model_validator(mode="after")
    def _quote_is_not_a_separator(self) -> TextReading:
        if self.quote is not None and self.quote in ("\n", "\r"):
            msg = (f"`quote: {self.quote!r}` is a line end. Set `quote` to the character that "
                   f"quotes fields (usually `'\"'`), or `null` for none.")
            raise ValueError(msg)
        if self.quote is not None and self.quote == (self.separator or ","):
            msg = (f"`{self.quote}` cannot both separate and quote fields. Set `separator` to the "
                   f"character between fields, or `quote: null` if the file quotes nothing.")
            raise ValueError(msg)
        return self

    def reading(self) -> dict[str, Any]:
        """These settings as the keyword arguments of `veil.io.readers.open_source`."""
        return {"encoding": self.encoding, "separator": self.separator, "quote": self.quote,
                "null_values": list(self.null_values), "infer_schema_rows": self.infer_schema_rows,
                "decimal_comma": self.decimal_comma, "thousands": self.thousands,
                "column_names": self.column_names, "skip_lines": self.skip_lines,
                "footer_lines": self.footer_lines}


class InputSpec(TextReading):
    path: str | None = Field(
        None,
        description="File, folder or glob to read; `-` reads standard input. The files of a "
        "folder or glob are one table: one format, the same columns (in any order). A column "
        "that Parquet or IPC files type apart is read as a type holding every value unchanged "
        "(a wider integer, `Float64` for `Float32`, text for categories, the other type for "
        "`Null`); any other difference is refused until `types` names the type. CSV, TSV "
        "and JSON Lines may be compressed (`.csv.gz`, `.bz2`, `.xz`). A path "
        "starting `veil:` names data bundled with veil "
        "(`veil:samples/hospital/encounters.csv`). `veil run -i` overrides it.",
    )
    format: Format | None = Field(
        None, description="One of csv, tsv, parquet, jsonl, ipc. Default: from the file extension."
    )
    types: dict[str, Literal["string", "int", "float", "bool", "date", "datetime"]] = Field(
        default_factory=dict,
        description="Column types to read CSV/JSONL columns as, e.g. {zip: string, age: int}. "
        "Unlisted CSV columns are typed from a sample, as numbers only when the type holds every "
        "value as written: a column with leading zeros (`007`), a leading `+` (phone numbers) or "
        "more digits than Int64 or Float64 holds exactly (account numbers) stays text. In a "
        "column typed either way, a value of spaces alone is null, as an empty one is.",
    )
    short_rows: Literal["refuse", "fill"] = Field(
        "refuse",
        description="A CSV row with fewer fields than the header: `refuse` stops the run "
        "(exit 2, naming the line), since a record broken by an unquoted line break moves its "
        "fields into other columns; `fill` reads the missing fields as null, for files that "
        "leave out empty trailing fields. A row with more fields is always refused, and a blank "
        "line is left out either way.",
    )


class OutputSpec(VeilModel):
    path: str | None = Field(
        None,
        description="File to write; `-` writes standard output. `veil run -o` overrides it. "
        "Written atomically: a temporary file beside it, then a rename.",
    )
    format: Format | None = Field(
        None, description="One of csv, tsv, parquet, jsonl, ipc. Default: from the file "
        "extension. CSV and TSV hold no nested, binary or duration column, JSON Lines no "
        "binary data: such a run is refused before it starts, naming the columns."
    )
    separator: Separator | None = Field(
        None, description="CSV/TSV output: the field separator (default `,`; a tab for TSV), "
        "e.g. `;` for spreadsheets set to a European locale. Not `\"`, which quotes fields.")
    decimal_comma: bool = Field(
        False, description="CSV/TSV output: write numbers with a decimal comma (`12,5`); the "
        "separator must then be another than `,`.")
    spreadsheet_safe: bool = Field(
        False, description="CSV/TSV output: write a text cell that starts with `=`, `+`, `-`, "
        "`@`, a tab or a carriage return with a leading `'`, so a spreadsheet opening the file "
        "shows it as text instead of running it as a formula (`=HYPERLINK(...)` in a "
        "customer's message). It changes those values, so leave it off for training data "
        "that no spreadsheet opens; number columns are never changed.")
    bom: bool = Field(
        False, description="CSV/TSV output: start the file with a UTF-8 byte order mark, so "
        "Excel opening it by double-click reads it as UTF-8 (`Zoë`, not `ZoÃ«`). Leave it off "
        "for other readers: many take the mark for part of the first column's name.")
    line_end: Literal["lf", "crlf"] = Field(
        "lf", description="CSV/TSV output: how lines end, `lf` (`\\n`) or `crlf` (`\\r\\n`, as "
        "RFC 4180 and some Windows programs expect). A line break inside a text value is "
        "written as it is, quoted.")
    quote_style: Literal["necessary", "non_numeric"] = Field(
        "necessary", description="CSV/TSV output: which fields are quoted. `necessary`: those "
        "holding the separator, a quote or a line break, and an empty text (`\"\"`, so that a "
        "missing value, written as nothing, stays apart from it). `non_numeric`: also every "
        "other field that is not a number, the header included, for loaders that read a quoted "
        "field as text (`\"00501\"` stays a ZIP code). Quoting every field is not offered: it "
        "writes a missing value as `\"\"` too, like an empty text.")

    @field_validator("separator")
    @classmethod
    def _not_the_quote(cls, separator: str | None) -> str | None:
        if separator == '"':
            msg = ("`\"` quotes the fields that hold a separator, so it cannot be the separator "
                   "too; choose another, e.g. `';'`")
            raise ValueError(msg)
        return separator

    @model_validator(mode="after")
    def _comma_once(self) -> OutputSpec:
        if self.decimal_comma and self.separator == ",":
            msg = ("`decimal_comma: true` writes `12,5`, so the fields cannot be separated by `,` "
                   "too: set `separator: ';'`.")
            raise ValueError(msg)
        return self


class SecretsSpec(VeilModel):
    key_env: str = Field(
        "VEIL_KEY",
        description="Name of the environment variable holding the secret key used by keyed "
        "steps (pseudonyms, hashes, surrogates, date shifts). Keys never appear in a recipe.",
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
    )


class NlpSpec(VeilModel):
    model: str | None = Field(
        None,
        description="spaCy pipeline to load for named-entity recognition; default: the first "
        "one pinned in models.txt. Write `nlp: none` to run pattern recognizers only.",
    )
    language: str = Field("en", description="Language code of the free text.")


class ReportSpec(VeilModel):
    dir: str = Field("out/reports", description="Folder the report files are written to.")
    formats: list[Literal["json", "html", "md"]] = Field(
        default_factory=lambda: ["json", "html"],
        description="Report files to write: json (always written when listed), html, md.",
    )
    verify_output: bool = Field(
        True,
        description="Scan the output's text, number, date and binary columns again for PII "
        "and count what is left (the residual check). Of numbers, only whole ones of 5 "
        "digits or more are read (ages, counts and measurements are no identifier). A value "
        "without letters, or one word of letters and digits, is read after its column's "
        "name (`phone: 2125551234`, `zip: 02134`, `passport no: X12345678`), so an SSN, "
        "phone, card, record, passport or member number or ZIP code alone is found too. "
        "Column and field names are read with the pattern recognizers and, for people's "
        "full names, the name lists (a JSON object used as a map writes its keys, such as "
        "e-mail addresses or customers' names, as field names); the report shows a name "
        "holding one as a placeholder, such as `contacts.<EMAIL_ADDRESS 1>`.",
    )
    residual: Literal["warn", "fail"] = Field(
        "warn",
        description="What a residual finding does: `warn` records it in the report, `fail` "
        "fails the run (exit 1, nothing written).",
    )
    coded_columns: list[str] = Field(
        default_factory=list,
        description="Output columns whose values come from a fixed list you control "
        "(diagnosis descriptions, department names, banks' routing numbers). The residual "
        "check still scans them but counts what it finds there as expected, not residual "
        "(the small model reads `Pneumonia` as a place). A listed column with more than "
        "1,000 distinct values is treated as free text, with a warning.",
    )
    dataset_card: bool = Field(
        True, description="Write a dataset card next to the output describing the treatment "
        "(`out/jan.parquet` -> `out/jan.card.md`)."
    )
    sign: bool = Field(
        False,
        description="Sign both report JSON files with an HMAC-SHA256 keyed by the recipe's secret "
        "key, so `veil report verify` detects any edit.",
    )


class Recipe(VeilModel):
    """A validated recipe. Build it with :func:`veil.load_recipe`, not directly."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    veil: Literal[1] = Field(description="Recipe format version; this veil reads version 1.")
    name: str = Field(
        description="Short name of the recipe, used to name report files.",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=80,
    )
    description: str = Field("", description="What the recipe is for, in a sentence or two.")
    input: InputSpec = Field(default_factory=InputSpec, description="Where the data comes from.")
    output: OutputSpec = Field(default_factory=OutputSpec, description="Where the result goes.")
    secrets: SecretsSpec = Field(
        default_factory=SecretsSpec, description="Where keyed steps find their key."
    )
    seed: int = Field(0, ge=0, description="Seed for sampling and noise, so reruns are identical.")
    nlp: NlpSpec | None = Field(
        default_factory=NlpSpec,
        description="NLP engine for free-text detection; `none` for pattern recognizers only.",
    )
    steps: list[Any] = Field(
        default_factory=list,
        description="The steps, in order; each is a one-key mapping `kind: parameters`.",
    )
    report: ReportSpec = Field(default_factory=ReportSpec, description="The redaction report.")

    # Set by the loader, not by the recipe author.
    source: str = Field("<recipe>", exclude=True, description="Where the recipe was read from.")
    text: str = Field("", exclude=True, description="The recipe text as read.")

    @field_validator("nlp", mode="before")
    @classmethod
    def _nlp_none(cls, value: Any) -> Any:
        if isinstance(value, str) and value.lower() == "none":
            return None
        return value

    @property
    def built_steps(self) -> list[Step]:
        return list(self.steps)
