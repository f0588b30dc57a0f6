"""The figures a reader wants first, computed from a Report: rows, entities, k reached.

Both views carry this block; the external view carries little else. The risk
and gate figures come from the k-anonymity / l-diversity steps, which may
name them in a few ways; `_first` reads whichever is present.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veil.report.model import Report

__all__ = ["summarize", "class_size_histogram", "describe_spill"]

_K_KEYS = ("k_reached", "smallest_class", "min_class_size", "k")
_L_KEYS = ("l_reached", "l", "min_distinct")
_SUPPRESSED_KEYS = ("suppressed_rows", "suppressed", "rows_suppressed")


def summarize(report: Report) -> dict[str, Any]:
    by_column: dict[str, Counter[str]] = defaultdict(Counter)
    operators: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        by_column[finding.column][finding.entity] += finding.count
        operators[finding.entity].add(finding.operator)
    totals: Counter[str] = Counter()
    for counts in by_column.values():
        totals.update(counts)
    main = [f for f in report.inputs if f.role in (None, "input")]
    rows_in = sum(f.rows for f in main if f.rows is not None)
    columns_in = sorted({c for f in report.inputs for c in f.columns})
    columns_out = report.output.columns if report.output is not None else []
    residual = report.residual or {}
    return {
        "rows_in": rows_in if any(f.rows is not None for f in main) else None,
        "rows_out": report.output.rows if report.output is not None else None,
        "columns_in": len(columns_in),
        "columns_out": len(columns_out),
        "columns_removed": _removed(report, columns_in, columns_out) if columns_out else [],
        "steps": len(report.steps),
        "findings_total": sum(totals.values()),
        "entities": dict(sorted(totals.items())),
        "entities_by_column": {c: dict(sorted(v.items())) for c, v in sorted(by_column.items())},
        "operators": {e: sorted(ops) for e, ops in sorted(operators.items())},
        "k_reached": _gate_figure(report, "k_anonymity", _K_KEYS),
        "l_reached": _gate_figure(report, "l_diversity", _L_KEYS),
        "suppressed_rows": _suppressed(report),
        "generalisation": _generalisation(report),
        "gates_passed": sum(1 for g in report.gates if g.passed),
        "gates_failed": sum(1 for g in report.gates if not g.passed),
        "residual_findings": residual.get("total") if residual else None,
        "residual_checked": bool(residual.get("checked")) if residual else False,
    }


def _removed(report: Report, columns_in: list[str], columns_out: list[str]) -> list[str]:
    """Input columns whose data did not reach the output under any name (renames followed)."""
    current = {column: column for column in columns_in}
    for step in report.steps:
        mapping = step.config.get("mapping") if step.kind == "rename" else None
        for original, name in list(current.items()):
            if isinstance(mapping, dict) and name in mapping:
                current[original] = mapping[name]
    return sorted(c for c in columns_in if current[c] not in set(columns_out))


def _first(mapping: dict[str, Any] | None, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = (mapping or {}).get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return None


def _gate_figure(report: Report, kind: str, keys: tuple[str, ...]) -> Any:
    values = [_first(g.figures, keys) for g in report.gates if g.kind == kind]
    values = [v for v in values if v is not None]
    return min(values) if values else _first(report.risk, keys)


def _suppressed(report: Report) -> int | None:
    values = [_first(g.figures, _SUPPRESSED_KEYS) for g in report.gates]
    values = [v for v in values if v is not None]
    if values:
        return int(sum(values))
    value = _first(report.risk, _SUPPRESSED_KEYS)
    return int(value) if value is not None else None


def _generalisation(report: Report) -> dict[str, str] | None:
    """{column: setting} of the generalisation the k-anonymity search chose, if it chose one."""
    for gate in reversed(report.gates):
        levels = gate.figures.get("chosen_levels") if gate.kind == "k_anonymity" else None
        if isinstance(levels, dict):
            return {column: str(level.get("setting", level.get("level")))
                    if isinstance(level, dict) else str(level)
                    for column, level in sorted(levels.items())}
    return None


def class_size_histogram(risk: dict[str, Any] | None) -> list[tuple[str, int]]:
    """[(class size label, number of classes)] from the risk block, whatever its shape."""
    raw = (risk or {}).get("class_size_histogram") or (risk or {}).get("class_sizes")
    if isinstance(raw, dict):
        return [(str(k), int(v)) for k, v in raw.items() if isinstance(v, (int, float))]
    pairs = []
    for item in raw or []:
        if isinstance(item, dict):
            label = item.get("size", item.get("bucket", item.get("label")))
            count = item.get("classes", item.get("count"))
            if label is not None and isinstance(count, (int, float)):
                pairs.append((str(label), int(count)))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            pairs.append((str(item[0]), int(item[1])))
    return pairs


def describe_limit(limit: int | None) -> str | None:
    """The sentence a trial run's report and card carry (`Report.limit`), or None."""
    if limit is None:
        return None
    rows = "row of the input was" if limit == 1 else "rows of the input were"
    return (f"Trial run: only the first {limit:,} {rows} read (`--limit`). "
            f"This output is not the whole dataset; the input row counts are the rows read, "
            f"and the input sha256 is of the whole files.")


def describe_spill(spill: dict[str, Any] | None) -> str:
    """One sentence on the temporary data a run may have written (`Report.spill`)."""
    if spill is None:
        return "Not recorded (a report from before veil recorded it)."
    if not spill["allowed"]:
        return "None: spilling to disk was off, so every row stayed in memory."
    if spill["spilled"]:
        return (f"Memory ran short: Polars wrote rows of the data to {spill['directory']} for a "
                f"while (each file deleted once read back, the rest when the process exited).")
    return f"None: memory sufficed (spilling was allowed, to {spill['directory']})."
