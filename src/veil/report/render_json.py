"""Report -> canonical JSON (sorted keys, UTF-8, stable layout)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veil.report.model import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
