"""Report (internal view) -> one self-contained HTML page for a non-programmer.

The page reads top to bottom: verdict, what went in and out, what was found
where, what was done, re-identification risk, the residual check, hashes.
No script, font, image or stylesheet is loaded from anywhere: charts are
inline SVG, and everything from the report is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from veil.report.charts import colors_for, column_chart, stacked_bars
from veil.report.files import report_name
from veil.report.summary import class_size_histogram, describe_spill

__all__ = ["render_html", "page_context"]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("veil.report", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["num"] = lambda v: "–" if v is None else (f"{v:,}" if isinstance(v, int)
                                                           else f"{v:,.4g}")
    return env


def render_html(view: dict[str, Any]) -> str:
    return _environment().get_template("report.html").render(**page_context(view))


def page_context(view: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, shaped for display (no computation of new figures)."""
    summary = view["summary"]
    by_column = summary.get("entities_by_column") or {}
    risk = view.get("risk") or {}
    k = summary.get("k_reached")
    k_target = _k_target(view)
    bins = _bucketed(class_size_histogram(risk), k_target)
    before = risk.get("before") if isinstance(risk.get("before"), dict) else {}
    before_bins = _bucketed(class_size_histogram(before), k_target)
    return {
        "r": view,
        "summary": summary,
        "entity_colors": colors_for(list(summary.get("entities") or {})),
        "entity_chart": stacked_bars(by_column, title="Identifiers found, by column and type")
        if by_column else None,
        "class_chart": column_chart(bins, title="Equivalence classes by size",
                                    x_label="class size (rows sharing the same quasi-identifiers)",
                                    y_label="classes", highlight_below=k_target)
        if bins else None,
        "k_target": k_target,
        "k": k,
        "before_chart": column_chart(before_bins, title="Equivalence classes by size, before",
                                     x_label="class size before treatment", y_label="classes",
                                     highlight_below=k_target) if before_bins else None,
        "risk_rows": [(key.replace("_", " "), before.get(key), value)
                      for key, value in sorted(risk.items())
                      if isinstance(value, (int, float, str, bool)) and value is not None],
        "risk_other": {key: value for key, value in sorted(risk.items())
                       if isinstance(value, (dict, list)) and key not in
                       ("class_size_histogram", "class_sizes", "before")},
        "steps": [{**step, "config_text": _compact(step["config"]),
                   "details_text": _compact(step["details"]) if step["details"] else ""}
                  for step in view["steps"]],
        "findings": sorted(view["findings"], key=lambda f: (f["column"], -f["count"], f["entity"])),
        "residual": view.get("residual"),
        "report_file": report_name(view["recipe_name"],
                                   view["output"]["path"] if view["output"] else None),
        "spill_text": describe_spill(view.get("spill")),
        "compact": _compact,
    }


_EDGES = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1_000, 10_000, 100_000)


def _bucketed(bins: list[tuple[str, int]], k: float | None,
              most: int = 24) -> list[tuple[str, int]]:
    """Exact sizes when there are few; else ranges (1, 2, 3-4, 5-9, ..., with k as an edge)."""
    if len(bins) <= most or not all(label.isdigit() for label, _ in bins):
        return bins
    edges = sorted({*_EDGES, *([int(k)] if k else [])})
    counts: dict[int, int] = {}
    for label, classes in bins:
        low = max(edge for edge in edges if edge <= int(label))
        counts[low] = counts.get(low, 0) + classes
    out = []
    for low in sorted(counts):
        high = next((edge - 1 for edge in edges if edge > low), None)
        name = str(low) if high == low else (f"{low}-{high}" if high else f"{low}+")
        out.append((name, counts[low]))
    return out


def _k_target(view: dict[str, Any]) -> float | None:
    for step in view["steps"]:
        if step["kind"] == "k_anonymity" and isinstance(step["config"].get("k"), (int, float)):
            return step["config"]["k"]
    return None


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
