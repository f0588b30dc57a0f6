"""Run reports: the model (what was recorded) and its renderers."""

from veil.report.model import EntityFinding, FileRecord, GateRecord, Report, StepRecord

__all__ = ["Report", "StepRecord", "FileRecord", "EntityFinding", "GateRecord"]
