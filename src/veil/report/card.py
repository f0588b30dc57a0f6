"""The dataset card (`<output>.card.md`): what whoever receives the dataset needs to know,
Hugging Face style.

Built from the external view only, so it holds nothing the external report
does not.
"""

from __future__ import annotations

import json
from typing import Any

from veil.report.files import report_name
from veil.report.render_md import code_span
from veil.report.summary import describe_limit

__all__ = ["render_card"]


def render_card(view: dict[str, Any], *, output_name: str) -> str:
    s = view["summary"]
    output = view["output"] or {}
    rows = output.get("rows")
    entities = s.get("entities") or {}
    header = {
        "pretty_name": view["recipe_name"],
        "license": "other",
        "size_categories": [_size_category(rows)],
        "tags": ["de-identified", "veil"],
        "veil": {"run_id": view["run_id"], "verdict": view["verdict"],
                 "recipe_sha256": view["recipe_sha256"], "output_sha256": output.get("sha256"),
                 "k_anonymity": s.get("k_reached")},
    }
    yaml_lines = _yaml(header)
    removed = ", ".join(f"{e} ({n:,})" for e, n in entities.items()) or "none found"
    columns = ", ".join(code_span(c) for c in output.get("columns", []))
    lines = ["---", *yaml_lines, "---", "", f"# Dataset card: {view['recipe_name']}", "",
             view["recipe_description"] or "No description was given in the recipe.", "",
             "## Source", "",
             f"Produced by veil {view['versions'].get('veil')} (run `{view['run_id']}`, "
             f"finished {view['finished_at']} UTC) from "
             f"{_counted(len(view['inputs']), 'input file')} with "
             f"{_counted(s.get('rows_in'), 'row')} in total. The input itself is not shared; "
             f"its sha256 is in the external report.", "",
             *([f"**{trial}**", ""] if (trial := describe_limit(view.get("limit"))) else []),
             "## Processing", "",
             f"The file {code_span(output_name)} has {_counted(rows, 'row')} and "
             f"{_counted(len(output.get('columns', [])), 'column')}: {columns or '(none)'}. "
             f"It was produced by the recipe `{view['recipe_name']}` "
             f"(sha256 `{view['recipe_sha256']}`) in {_counted(s.get('steps', 0), 'step')}.", ""]
    if s.get("columns_removed"):
        lines += [f"Columns removed: {', '.join(map(code_span, s['columns_removed']))}.", ""]
    lines += ["## Privacy treatment", "",
              f"- Verdict of the run: **{view['verdict']}**. "
              + " ".join(view["reasons"]),
              f"- Identifiers found in free text and replaced or removed: {removed}.",
              f"- k-anonymity reached on the quasi-identifiers: {_n(s.get('k_reached'))}"
              + (f"; rows suppressed to reach it: {s['suppressed_rows']:,}."
                 if s.get("suppressed_rows") is not None else "."),
              *(["- Generalisation chosen to reach it: "
                 + ", ".join(f"{code_span(c)} {how}" for c, how in s["generalisation"].items())
                 + "."]
                if s.get("generalisation") else []),
              f"- Residual check (the output scanned again): {_residual(view.get('residual'))}",
              f"- Keyed transforms used a key with fingerprint `{view['key_fingerprint']}`"
              if view["key_fingerprint"] else "- No secret key was used.", "",
              "## Limitations", "",
              "- Automated detection misses some identifiers (recall is below 100%), above all "
              "names and addresses written in unusual ways; the residual check uses the same "
              "kind of detector and shares its blind spots.",
              "- k-anonymity protects against linking on the named quasi-identifiers only; "
              "other columns, or outside knowledge, may still single people out.",
              "- Surrogate values are realistic on purpose: a name in the text is not evidence "
              "that a real name was left.", "",
              "Verify this file against the report with `veil report verify "
              f"{report_name(view['recipe_name'], output_name)}.report.external.json "
              f"--data {output_name}`.", ""]
    return "\n".join(lines)


def _residual(residual: dict[str, Any] | None) -> str:
    if residual is None:
        return "not run."
    if not residual["total"]:
        return "nothing left that the recipe meant to remove."
    kinds = ", ".join(f"{e} ({n:,})" for e, n in residual["by_entity"].items())
    return f"{residual['total']:,} possible identifier(s) left: {kinds}."


def _yaml(data: dict[str, Any], indent: str = "") -> list[str]:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines += [f"{indent}{key}:", *_yaml(value, indent + "  ")]
        elif isinstance(value, list):
            lines += [f"{indent}{key}:", *(f"{indent}- {json.dumps(v)}" for v in value)]
        else:
            lines.append(f"{indent}{key}: {json.dumps(value)}")
    return lines


def _size_category(rows: int | None) -> str:
    if rows is None:
        return "unknown"
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if rows < limit:
            return name
    return "n>10M"


def _counted(value: int | None, noun: str) -> str:
    """`1 row`, `2 rows`, `unknown rows`."""
    return f"{_n(value)} {noun}{'' if value == 1 else 's'}"


def _n(value: Any) -> str:
    return "unknown" if value is None else (f"{value:,}" if isinstance(value, int) else str(value))
