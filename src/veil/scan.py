"""`scan`: PII discovery on an unknown extract, and a starter recipe from what it finds.

A seeded sample of rows is run through the detector, every column at once, and
each column is classified by its content and its name: free text (treat with
`redact_text`), a direct identifier (drop, or pseudonymize when it looks like a
join key), a quasi-identifier (generalize) or nothing found. Examples are
masked (`J*** S****`, `###-##-####`); a raw value never leaves this module.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import polars as pl

from veil.dtypes import type_label
from veil.errors import VeilError
from veil.io.formats import format_for
from veil.io.readers import open_source
from veil.io.spill import prepare_spill
from veil.io.text import normal_encoding, open_binary
from veil.nlp.types import DetectorConfig, Finding

__all__ = ["scan", "sniff_separator", "starter_recipe", "ScanResult", "ColumnScan",
           "mask_example", "DEFAULT_SAMPLE"]

DEFAULT_SAMPLE = 1000
_ROW = "__veil_scan_row__"
#: `2023-04-20`, `2023-04-20 17:48`, `2023-04-20T17:48:00.5+01:00`: what `generalize` reads.
_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
#: A column whose values are mostly one finding is an identifier column, not free text.
IDENTIFIER_COVERAGE = 0.8

_DROP = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "URL", "IP_ADDRESS", "NRP"}
_PSEUDONYMIZE = {"US_SSN", "MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_ID", "US_MBI", "US_NPI",
                 "US_DEA", "UK_NHS", "CREDIT_CARD", "IBAN_CODE", "US_BANK_NUMBER", "SWIFT_CODE",
                 "ABA_ROUTING_NUMBER", "UK_SORT_CODE", "PASSPORT", "NATIONAL_ID"}
_GENERALIZE = {"DATE_TIME", "ZIP_CODE", "AGE", "LOCATION"}
# Column names that say what a column holds, when the values alone do not.
_NAMES = [
    (re.compile(r"(^|_)(first|last|full|given|family|middle|sur)?_?name$|^name(_|$)"), "drop",
     "PERSON"),
    (re.compile(r"e_?mail"), "drop", "EMAIL_ADDRESS"),
    (re.compile(r"phone|mobile|(^|_)(tel|fax|cell)($|_)"), "drop", "PHONE_NUMBER"),
    (re.compile(r"address|street|(^|_)addr($|_)"), "drop", "STREET_ADDRESS"),
    (re.compile(r"ssn|social_?security"), "pseudonymize", "US_SSN"),
    (re.compile(r"passport"), "pseudonymize", "PASSPORT"),
    (re.compile(r"national_?(id|identity|insurance)|tax_?id|(^|_)(dni|nie|nif|bsn|nino|sin|tin)"
                r"($|_)"), "pseudonymize", "NATIONAL_ID"),
    (re.compile(r"(^|_)(id|mrn|uuid|guid|account|acct|iban|card|member|policy|npi)($|_)|_(no|num|number)$|id$"),
     "pseudonymize", None),
    (re.compile(r"(^|_)(dob|birth|birthdate|birth_?date|date|dt)($|_)|_(date|dt|at)$"),
     "generalize", "DATE_TIME"),
    (re.compile(r"zip|postal|post_?code"), "generalize", "ZIP_CODE"),
    (re.compile(r"(^|_)age($|_)"), "generalize", "AGE"),
]


@dataclass
class ColumnScan:
    column: str
    dtype: str
    non_null: int
    kind: str  # free_text | identifier | quasi_identifier | none
    entity: str | None = None  # what the column holds, when it is one kind of identifier
    entities: dict[str, float] = field(default_factory=dict)  # entity -> share of sampled rows
    rows_with_finding: float = 0.0  # share of sampled non-null rows with any finding
    example: str | None = None  # masked, never raw
    suggestion: str = "keep"  # drop | pseudonymize | redact_text | generalize | keep
    reason: str = ""
    #: The identifier the column's name holds (a pivoted export's header that is an e-mail
    #: address); `column` is then its placeholder, `<EMAIL_ADDRESS 1>`, never the name.
    name_holds: str | None = None


@dataclass
class ScanResult:
    source: str
    rows: int
    rows_sampled: int
    seed: int
    model: str | None
    columns: list[ColumnScan]
    #: How the file was read, when not as plain UTF-8 CSV (the starter recipe repeats it).
    separator: str | None = None
    encoding: str = "utf-8"
    #: The character that quotes CSV fields; None: the file quotes nothing.
    quote: str | None = '"'
    #: The names given to the columns of a CSV without a header line.
    column_names: list[str] | None = None
    #: The format read (csv, parquet, ...; `frame` for a DataFrame).
    format: str = "frame"
    #: Lines over and under a CSV's table, left unread.
    skip_lines: int = 0
    footer_lines: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def scan(source: str | Path | pl.DataFrame, *, sample: int = DEFAULT_SAMPLE, seed: int = 0,
         model: str | None = "default", threshold: float = 0.5,
         input_format: str | None = None, separator: str | None = None,
         quote: str | None = '"', encoding: str = "utf-8",
         column_names: Sequence[str] | None = None, skip_lines: int = 0,
         footer_lines: int = 0,
         progress: Any = None) -> ScanResult:
    """Detect PII in a seeded sample of `source`'s rows; `model=None` runs patterns only.

    A CSV whose first line holds no comma but `;`, a tab or `|` is read with that
    separator when `separator` is not given: a scan is the first look at an extract.
    `column_names` names the columns of a CSV without a header line; `skip_lines` lines
    over a CSV's table and `footer_lines` lines under it are left unread.
    """
    fmt = "frame"
    if isinstance(source, pl.DataFrame):
        label = "<frame>"
        rows, sampled = _sample(source.lazy(), sample, seed)
    else:
        if separator is None:
            separator = sniff_separator(source, input_format, encoding, skip_lines)
        # A scan is the first look at an extract, which may be larger than memory: a large
        # bzip2, xz or non-UTF-8 one is read through a copy where a run would read it.
        opened = open_source(source, format=input_format, separator=separator, quote=quote,
                             encoding=encoding, column_names=column_names,
                             skip_lines=skip_lines, footer_lines=footer_lines,
                             copies_folder=prepare_spill().copies_folder())
        try:
            rows, sampled = _sample(opened.lf, sample, seed)
        except pl.exceptions.PolarsError as exc:  # a value the sampled types did not foresee
            raise opened.diagnose(exc, reading=True) or exc from None
        finally:
            opened.remove_copies()
        label, fmt = str(source), opened.format
    model_name = _model(model)
    texts = {name: _as_text(sampled.get_column(name)) for name in sampled.columns}
    findings = _detect(model_name, threshold, texts)
    columns = [_classify(name, type_label(sampled.schema[name]), texts[name], findings[name])
               for name in sampled.columns]
    for column in columns:
        if sampled.schema[column.column].is_nested():
            _flat_steps_only(column)
    _mask_data_names(columns)
    return ScanResult(label, rows, sampled.height, seed, model_name, columns,
                      separator=separator, encoding=encoding, quote=quote,
                      column_names=list(column_names) if column_names is not None else None,
                      format=fmt, skip_lines=skip_lines, footer_lines=footer_lines)


def _sample(lf: pl.LazyFrame, size: int, seed: int) -> tuple[int, pl.DataFrame]:
    """The row count and `size` seeded rows, in file order, streamed: never the whole input.

    A scan is the first look at an extract, which may be larger than memory.
    """
    rows = lf.select(pl.len()).collect(engine="streaming").item()
    if rows <= size:
        return rows, lf.collect(engine="streaming")
    chosen = pl.Series(sorted(random.Random(seed).sample(range(rows), size)), dtype=pl.UInt32)
    picked = (lf.with_row_index(_ROW).filter(pl.col(_ROW).is_in(chosen.implode()))
              .drop(_ROW).collect(engine="streaming"))
    return rows, picked


def sniff_separator(source: str | Path, input_format: str | None = None,
                    encoding: str = "utf-8", skip_lines: int = 0) -> str | None:
    """`;`, a tab or `|` when a CSV file's header (the line after `skip_lines` lines over
    the table) uses one of them and no comma; else None."""
    path = Path(str(source))
    if not path.is_file():
        return None
    try:
        if format_for(path, input_format) != "csv":
            return None
    except VeilError:
        return None  # open_source says what is wrong with the name
    try:
        with open_binary(path) as handle:  # a `.csv.gz` too
            head = handle.read(64 << 10)
    except (OSError, EOFError, ValueError):
        return None  # open_source names a broken file
    lines = head.split(b"\n", skip_lines + 1)
    if len(lines) <= skip_lines:
        return None
    first = lines[skip_lines].decode(encoding, errors="replace")
    found = [mark for mark in (";", "\t", "|") if mark in first]
    return found[0] if "," not in first and len(found) == 1 else None


def _as_text(series: pl.Series) -> list[str | None]:
    """Values as text; nested and binary columns (lists, structs) as JSON-like text."""
    if series.dtype.is_nested() or series.dtype == pl.Binary:
        return [None if v is None else str(v) for v in series.to_list()]
    return series.cast(pl.String).to_list()


def _model(model: str | None) -> str | None:
    if model is None or model.lower() == "none":
        return None
    from veil.nlp.models import default_model_name, require_model

    name = default_model_name() if model == "default" else model
    require_model(name)
    return name


def _detect(model: str | None, threshold: float,
            texts: dict[str, list[str | None]]) -> dict[str, list[list[Finding]]]:
    """Findings for every column's values, through one detector call (values repeat)."""
    from veil.nlp.detect import Detector

    flat = [value for values in texts.values() for value in values]
    detector = Detector(DetectorConfig(model=model, threshold=threshold))
    try:
        found = detector.detect(flat).findings
    finally:
        detector.close()
    out, start = {}, 0
    for name, values in texts.items():
        out[name] = found[start:start + len(values)]
        start += len(values)
    return out


def _classify(name: str, dtype: str, values: list[str | None],
              findings: list[list[Finding]]) -> ColumnScan:
    present = [(v, f) for v, f in zip(values, findings, strict=True) if v is not None and v.strip()]
    column = ColumnScan(column=name, dtype=dtype, non_null=len(present), kind="none")
    if not present:
        column.reason = "empty in the sample"
        return column
    rows: Counter[str] = Counter()
    for _, found in present:
        rows.update({f.entity for f in found})
    column.entities = {e: round(n / len(present), 4) for e, n in rows.most_common()}
    column.rows_with_finding = round(sum(1 for _, f in present if f) / len(present), 4)
    example = next(((v, f) for v, f in present if f), None)
    coverage = median(sum(x.end - x.start for x in f) / len(v.strip()) for v, f in present)
    words = sum(len(v.split()) for v, _ in present) / len(present)
    by_name = next(((action, entity) for rx, action, entity in _NAMES if rx.search(name.lower())),
                   None)
    dates = sum(1 for value, _ in present if _ISO_DATE.match(value.strip()))
    if dates >= IDENTIFIER_COVERAGE * len(present):
        # The detector marks the date of `2023-04-20 17:48:00` and not the time, so by
        # coverage alone a timestamp column looked like text holding an identifier.
        _verdict(column, "quasi_identifier", "generalize", "DATE_TIME",
                 "values are ISO dates or date-times", present[0][0])
    elif rows and coverage >= IDENTIFIER_COVERAGE:
        entity = rows.most_common(1)[0][0]
        kind, suggestion = _structured(entity)
        _verdict(column, kind, suggestion, entity,
                 f"values are {entity} ({column.entities[entity]:.0%} of sampled rows)", example[0])
    elif words >= 4 and dtype == "String":
        # Identifiers hide in free text, and a sample can miss them: redact it either way.
        _verdict(column, "free_text", "redact_text", None, "free text with identifiers" if rows
                 else "free text; no identifier in the sample, but free text often holds some")
        if example:
            column.example = "; ".join(f"{f.entity}: {mask_example(example[0][f.start:f.end])}"
                                       for f in example[1][:3])
    elif by_name is not None:
        action, entity = by_name
        kind = "quasi_identifier" if action == "generalize" else "identifier"
        _verdict(column, kind, action, entity,
                 f"column name suggests {entity or 'an identifier or key'}", present[0][0])
    elif dtype == "String" and _id_shaped([v for v, _ in present]):
        _verdict(column, "identifier", "pseudonymize", None,
                 "values share one ID-like shape and are nearly all distinct", present[0][0])
    elif rows and column.rows_with_finding < 0.25 and _is_category(present):
        column.reason = ("a category column (values repeat); its few findings look like false "
                         "positives: review")
    elif rows:
        span = example[1][0]
        _verdict(column, "identifier", "redact_text", None, "some values hold identifiers",
                 example[0][span.start:span.end])
    else:
        column.reason = "no identifier found in the sample"
    return column


def _mask_data_names(columns: list[ColumnScan]) -> None:
    """Columns whose names are data (`ann@example.org`, a customer's column in a pivoted
    export) are shown by a placeholder and left out: the name itself identifies someone,
    whatever the values hold. The starter recipe keeps the other columns instead of naming
    these (see `starter_recipe`)."""
    from veil.nlp.names import data_names

    masks = data_names([column.column for column in columns])
    for column in columns:
        if column.column in masks:
            column.column = masks[column.column]
            column.name_holds = column.column[1:].rsplit(" ", 1)[0]
            _verdict(column, "identifier", "drop", column.name_holds,
                     f"the column's name is data ({column.name_holds}), as in a pivoted "
                     f"export or a file whose first line is a record, not a header: the name "
                     f"itself identifies someone; leave the column out (or, for a file "
                     f"without a header line, name the columns with `input: {{column_names: "
                     f"[...]}}`)")


def _flat_steps_only(column: ColumnScan) -> None:
    """A nested column (a JSON object or list) is dropped, not treated: pseudonymize,
    generalize and redact_text read flat columns, so a starter recipe suggesting them
    would stop at its first run."""
    if column.suggestion in ("pseudonymize", "generalize", "redact_text"):
        column.suggestion = "drop"
        column.reason += ("; a nested column, which veil's steps cannot treat: drop it, or take "
                          "out the fields you need with a `sql` step")


def _is_category(present: list[tuple[str, list[Finding]]]) -> bool:
    return len({value for value, _ in present}) < 0.5 * len(present)


def _verdict(column: ColumnScan, kind: str, suggestion: str, entity: str | None, reason: str,
             example: str | None = None) -> None:
    column.kind, column.suggestion, column.entity, column.reason = kind, suggestion, entity, reason
    if example is not None:
        column.example = mask_example(example)


def _id_shaped(values: list[str]) -> bool:
    """`P00123`, `AC-449120`: one layout with several digits, and (nearly) every value distinct."""
    if len(values) < 5:
        return False
    shapes = Counter(re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", v.strip())) for v in values)
    shape, count = shapes.most_common(1)[0]
    return (count >= 0.9 * len(values) and shape.count("9") >= 4 and " " not in shape
            and len(set(values)) >= 0.9 * len(values))


def _structured(entity: str) -> tuple[str, str]:
    if entity in _PSEUDONYMIZE:
        return "identifier", "pseudonymize"
    if entity in _GENERALIZE:
        return "quasi_identifier", "generalize"
    return "identifier", "drop"


def mask_example(value: str) -> str:
    """`John Smith` -> `J*** S****`, `555-123-4567` -> `###-###-####`: layout without content."""
    def word(match: re.Match[str]) -> str:
        text = match[0]
        head = text[0] if text[0].isalpha() else "#"
        return head + "".join("#" if c.isdigit() else "*" for c in text[1:])

    masked = re.sub(r"[^\W_]+", word, value)
    return masked if len(masked) <= 60 else masked[:57] + "..."


def starter_recipe(result: ScanResult, *, name: str | None = None,
                   input_path: str | None = None) -> str:
    """YAML of a starter recipe: one step per suggestion; what needs a choice stays a comment.

    Every step written is checked by loading it, so the recipe loads with `load_recipe`.
    """
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name or Path(result.source).stem).strip("-.") or "scan"
    named_by_data = [c for c in result.columns if c.name_holds is not None]
    by = {s: [c for c in result.columns if c.suggestion == s and c.name_holds is None]
          for s in ("drop", "pseudonymize", "generalize", "redact_text")}
    steps: list[tuple[str, dict[str, Any], str]] = []
    if named_by_data:  # naming them in the recipe would write the identifiers into it
        steps.append(("select", {"columns": [c.column for c in result.columns
                                             if c.name_holds is None]},
                      "columns whose names are data, left out by keeping the others: "
                      + ", ".join(c.column for c in named_by_data)))
    if by["drop"]:
        steps.append(("drop", {"columns": [c.column for c in by["drop"]]},
                      "direct identifiers: " + ", ".join(_why(c) for c in by["drop"])))
    if by["pseudonymize"]:
        steps.append(("pseudonymize", {"columns": [c.column for c in by["pseudonymize"]]},
                      "keys and ID numbers: keyed tokens keep joins (needs the key in VEIL_KEY)"))
    for column in by["generalize"]:
        params = _GENERALIZE_PARAMS.get(column.entity or "", {})
        steps.append(("generalize", {"column": column.column, **params}, _why(column)))
    if by["redact_text"]:
        found = sorted({e for c in by["redact_text"] for e in c.entities})
        steps.append(("redact_text", {"columns": [c.column for c in by["redact_text"]],
                                      "operators": {"default": {"replace": "<{entity}>"}}},
                      f"free text; the sample held {', '.join(found)}; every entity is searched"))
    nlp = f"{{model: {result.model}}}" if result.model else "none"
    lines = [f"# Starter recipe written by `veil scan` from {result.rows_sampled} sampled rows "
             f"(seed {result.seed}).",
             "# The scan saw a sample, not every row: review each step before running it.",
             "veil: 1", f"name: {name}",
             f"description: Starter recipe from a scan of {json.dumps(Path(result.source).name)}",
             *_headerless_hint(result, named_by_data),
             _input_line(result, input_path),
             f"output: {{path: {json.dumps(f'out/{name}.parquet')}}}",
             f"nlp: {nlp}", "steps:"]
    for kind, params, comment in steps:
        lines.append(f"  # {comment}")
        step = f"- {kind}: {json.dumps(params)}"
        lines.append(f"  {step}" if _loads(kind, params) else f"  # {step}  (fill in the settings)")
    if not steps:
        lines[-1] = "steps: []  # nothing found in the sample"
    lines.append("report: {dir: out/reports, formats: [json, html]}")
    coded = [c.column for c in result.columns if c.kind == "none" and c.entities]
    if coded:  # left as a comment: only the data team knows these values come from a list
        note = (f"Kept, though the detector flagged a few values: {', '.join(coded)}. If they "
                f"are codes from your own lists, add `coded_columns: {json.dumps(coded)}` to "
                f"`report`, so the residual check reads their findings as expected.")
        lines += [f"# {line}" for line in textwrap.wrap(note, 96)]
    return "\n".join(lines) + "\n"


def _headerless_hint(result: ScanResult, named_by_data: list[ColumnScan]) -> list[str]:
    """Comment lines for a CSV whose column names hold identifiers: most often its first
    line is a record, and the columns are better named than left out."""
    if not named_by_data or result.column_names is not None or result.format not in ("csv",
                                                                                      "tsv"):
        return []
    note = (f"Some column names hold identifiers. If the file has no header line, its first "
            f"line is a record: scan it again with `--column-names` naming its "
            f"{len(result.columns)} columns (comma-separated), which sets `column_names` "
            f"under `input`.")
    return [f"# {line}" for line in textwrap.wrap(note, 96)]


def _input_line(result: ScanResult, input_path: str | None) -> str:
    """`input:` with the path and how the scan read the file (separator, encoding, quote)."""
    spec: dict[str, str | int | list[str] | None] = {}
    if input_path or result.source != "<frame>":
        spec["path"] = input_path or result.source
    if result.separator not in (None, ","):
        spec["separator"] = result.separator
    if normal_encoding(result.encoding) != "utf-8":
        spec["encoding"] = result.encoding
    if result.quote != '"':
        spec["quote"] = result.quote
    if result.skip_lines:
        spec["skip_lines"] = result.skip_lines
    if result.footer_lines:
        spec["footer_lines"] = result.footer_lines
    if result.column_names is not None:
        spec["column_names"] = result.column_names
    return "input: {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in spec.items()) + "}"


_GENERALIZE_PARAMS = {"DATE_TIME": {"date": "year"}, "AGE": {"width": 10, "top_code": 90},
                      "ZIP_CODE": {"keep_digits": 3, "hipaa_restricted": True}}


def _why(column: ColumnScan) -> str:
    return f"{column.column} ({column.entity or column.kind})"


def _loads(kind: str, params: dict[str, Any]) -> bool:
    from veil.errors import RecipeError
    from veil.recipe.loader import load_recipe

    try:
        load_recipe(json.dumps({"veil": 1, "name": "check", "steps": [{kind: params}]}) + "\n")
    except RecipeError:
        return False
    return True
