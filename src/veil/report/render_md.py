"""Report (internal view) -> Markdown, for review in a merge request."""

from __future__ import annotations

import re
from typing import Any

from veil.report.summary import class_size_histogram, describe_limit, describe_spill

__all__ = ["code_span", "render_md"]


def render_md(view: dict[str, Any]) -> str:
    s = view["summary"]
    lines = [f"# Redaction report: {_md(view['recipe_name'])}", "",
             f"**Verdict: {view['verdict']}**", ""]
    lines += [f"- {_md(reason)}" for reason in view["reasons"]]
    if trial := describe_limit(view.get("limit")):
        lines += ["", f"**{_md(trial)}**"]
    lines += ["", f"Run `{view['run_id']}`, {view['started_at']} to {view['finished_at']} (UTC), "
              f"veil {view['versions'].get('veil')}.", "", "## In and out", "",
              "| file | role | rows | columns | sha256 |", "|---|---|---:|---:|---|"]
    for record in view["inputs"]:
        lines.append(_file_row(record, record.get("role") or "input"))
    if view["output"]:
        lines.append(_file_row(view["output"], "output"))
    lines += ["", f"Temporary data on disk: {_md(describe_spill(view.get('spill')))}",
              "", "## What was found", ""]
    if view["findings"]:
        lines += ["| column | entity | found | operator | recognizers |", "|---|---|---:|---|---|"]
        for f in sorted(view["findings"], key=lambda f: (f["column"], f["entity"])):
            found_by = ", ".join(f"{k} ({v})" for k, v in f.get("recognizers", {}).items())
            lines.append(f"| {_cell(code_span(f['column']))} | {_md(f['entity'])} | "
                         f"{f['count']:,} | {_md(f['operator'])} | {_md(found_by)} |")
    else:
        lines.append("No identifiers were found in free text.")
    lines += ["", "## What was done", "",
              "| # | step | what it did | rows in | rows out | seconds |",
              "|---:|---|---|---:|---:|---:|"]
    for step in view["steps"]:
        lines.append(f"| {step['index']} | {_md(step['kind'])} | "
                     f"{_md(step.get('description', ''))} | {_n(step['rows_in'])} | "
                     f"{_n(step['rows_out'])} | {step['seconds']:.3f} |")
    lines += ["", "## Privacy gates and risk", ""]
    for gate in view["gates"]:
        lines.append(f"- **{_md(gate['kind'])}**: {'passed' if gate['passed'] else 'FAILED'}. "
                     f"{_md(gate['summary'])}")
    lines.append(f"- k reached: {_n(s.get('k_reached'))}; suppressed rows: "
                 f"{_n(s.get('suppressed_rows'))}")
    bins = class_size_histogram(view.get("risk"))
    if bins:
        lines += ["", "| class size | classes |", "|---|---:|"]
        lines += [f"| {_md(label)} | {count:,} |" for label, count in bins]
    residual = view.get("residual")
    lines += ["", "## Residual check", ""]
    if residual is None:
        lines.append("Switched off (`verify_output: false`).")
    elif not residual.get("checked"):
        lines.append(f"Not run: {_md(residual.get('reason', 'no reason recorded'))}.")
    else:
        left = ", ".join(f"{e} ({n})" for e, n in residual.get("by_entity", {}).items())
        lines.append(f"{residual['total']:,} possible identifier(s) left"
                     f"{': ' + left if left else ''} (mode `{residual['mode']}`).")
    lines += ["", "## Hashes", "", f"- recipe sha256: `{view['recipe_sha256']}`"]
    if view["output"]:
        lines.append(f"- output sha256: `{view['output']['sha256']}`")
    lines.append(f"- key fingerprint: `{view['key_fingerprint']}`")
    return "\n".join(lines) + "\n"


def _file_row(record: dict[str, Any], role: str) -> str:
    return (f"| {_cell(code_span(record['path']))} | {role} | {_n(record['rows'])} | "
            f"{len(record['columns'])} | `{record['sha256'] or '-'}` |")


def _n(value: Any) -> str:
    return "-" if value is None else (f"{value:,}" if isinstance(value, int) else f"{value}")


def code_span(text: Any) -> str:
    """`text` as a Markdown code span, shown literally whatever it holds.

    A column name comes from the data: one holding a backtick closed a plain `...` span, and
    what followed (`<img onerror=...>`) was HTML to whatever renders the file. The fence is
    one backtick longer than the longest run inside (CommonMark), padded with a space when
    the text starts or ends with a backtick or a space, on one line.
    """
    text = " ".join(str(text).splitlines()) or " "
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(markdown: str) -> str:
    """Markdown put in a table cell: a `|`, even in a code span, would end the cell."""
    return markdown.replace("|", "\\|")


def _md(text: Any) -> str:
    """Escape what would break a table or start markup; the text itself is never data."""
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")
