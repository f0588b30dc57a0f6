"""What a run records: counts, types, positions, hashes. Never a raw value.

Steps write into a :class:`Report` through the :class:`RunContext`; the
renderers (``render_json``, ``render_html``) turn it into files. Keeping the
two apart lets tests assert on this object directly.
"""

from __future__ import annotations

import platform
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veil.steps.base import Step

__all__ = ["Report", "StepRecord", "FileRecord", "EntityFinding", "GateRecord",
           "REPORT_SCHEMA_VERSION"]

#: Version of the report's JSON layout (``report/schema/report-v<N>.json``). Any change to the
#: layout ships a new schema file and bumps this number.
REPORT_SCHEMA_VERSION = 1


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class FileRecord:
    path: str
    sha256: str | None
    rows: int | None
    columns: list[str]
    format: str | None = None
    #: Why the run read it: "input", or "joined by step N" for a file a join step read.
    role: str | None = None


@dataclass
class StepRecord:
    index: int
    kind: str
    line: int | None
    config: dict[str, Any]
    rows_in: int | None = None
    rows_out: int | None = None
    seconds: float = 0.0
    #: Step-specific figures (counts, chosen levels, ...). JSON-safe, no raw values.
    details: dict[str, Any] = field(default_factory=dict)
    #: What the step does in plain words (`Step.describe()`), for readers of the report.
    description: str = ""


@dataclass
class EntityFinding:
    """Findings of one entity type in one column, and what was done to them."""

    step: int
    column: str
    entity: str
    count: int
    operator: str
    rows_with_finding: int = 0
    near_misses: int = 0
    recognizers: dict[str, int] = field(default_factory=dict)
    score_histogram: dict[str, int] = field(default_factory=dict)


@dataclass
class GateRecord:
    """Outcome of a privacy gate (k-anonymity, l-diversity, residual PII)."""

    step: int | None
    kind: str
    passed: bool
    summary: str
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    recipe_name: str
    schema_version: int = REPORT_SCHEMA_VERSION
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: str = field(default_factory=utc_now)
    finished_at: str | None = None
    versions: dict[str, str] = field(default_factory=dict)
    recipe_description: str = ""
    recipe_text: str = ""
    recipe_sha256: str = ""
    key_fingerprint: str | None = None
    #: The spaCy pipeline used (name, pinned version and sha256); None for `nlp: none`.
    nlp_model: dict[str, Any] | None = None
    inputs: list[FileRecord] = field(default_factory=list)
    output: FileRecord | None = None
    #: Whether Polars could write rows to disk when memory ran short, and did (veil.io.spill).
    spill: dict[str, Any] | None = None
    #: The rows a trial run read (`--limit`), or None when it read the whole input.
    limit: int | None = None
    steps: list[StepRecord] = field(default_factory=list)
    findings: list[EntityFinding] = field(default_factory=list)
    gates: list[GateRecord] = field(default_factory=list)
    risk: dict[str, Any] | None = None
    residual: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    verdict: str = "PENDING"
    reasons: list[str] = field(default_factory=list)

    def start_step(self, step: Step) -> StepRecord:
        from veil.steps.base import params_dict

        record = StepRecord(index=step.index, kind=step.name, line=step.line,
                            config=params_dict(step.params), description=_describe(step))
        self.steps.append(record)
        return record

    def step_record(self, step: Step) -> StepRecord:
        """The record of `step` in this run (created by `start_step`)."""
        for record in reversed(self.steps):
            if record.index == step.index:
                return record
        return self.start_step(step)

    def add_finding(self, finding: EntityFinding) -> None:
        self.findings.append(finding)

    def add_gate(self, gate: GateRecord) -> None:
        self.gates.append(gate)

    def finish(self) -> None:
        self.finished_at = utc_now()
        failed = [gate for gate in self.gates if not gate.passed]
        self.verdict = "FAIL" if failed else "PASS"
        self.reasons = [gate.summary for gate in failed] or [
            gate.summary for gate in self.gates
        ] or ["All steps ran; no privacy gate was configured."]

    def to_dict(self) -> dict[str, Any]:
        """The internal view: everything recorded, plus a computed `summary` block."""
        from veil.report.summary import summarize

        data = asdict(self)
        data["summary"] = summarize(self)
        return data


def _describe(step: Step) -> str:
    try:
        return step.describe()
    except Exception:  # a description is for readers; a bug in one must not stop the run
        return ""


def runtime_versions() -> dict[str, str]:
    """Versions of veil and the libraries that shape its output."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("veil", "polars", "presidio-analyzer", "presidio-anonymizer", "spacy"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions
