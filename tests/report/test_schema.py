"""The report JSON validates against the shipped, versioned schema; both views, every recipe."""

from __future__ import annotations

import json

import polars as pl
import pytest
from tests.report.conftest import Run

import veil
from veil.report.views import external_view, internal_view, schema, schema_errors


def test_schema_is_versioned_and_shipped():
    """The schema file ships in the package and pins its layout version."""
    shipped = schema(1)
    assert shipped["$id"] == "urn:veil:report:v1"
    assert shipped["properties"]["schema_version"] == {"const": 1}


@pytest.mark.parametrize("which", ["report", "external"])
def test_schema_fresh_run_validates(signed_run: Run, which: str):
    """Both files of a fresh CLI run validate, and carry their view and schema version."""
    view = json.loads(getattr(signed_run, which).read_text())
    assert schema_errors(view) == []
    assert view["schema_version"] == 1
    assert view["view"] == ("internal" if which == "report" else "external")


def test_schema_api_run_on_a_frame_validates(tmp_path):
    """A run on an in-memory frame (no input file) still gives a valid report."""
    frame = pl.DataFrame({"id": [1, 2, 3], "note": ["a", "b", None]})
    recipe = "veil: 1\nname: frame\nnlp: none\nsteps:\n  - drop: [id]\n"
    result = veil.run(recipe, frame, output=None, report_dir=None)
    view = internal_view(result.report)
    assert schema_errors(view) == []
    assert view["inputs"][0]["path"] == "<frame>" and view["inputs"][0]["rows"] == 3
    assert schema_errors(external_view(result.report)) == []


# fmt: off
@pytest.mark.parametrize("change, location", [
    (lambda v: v.pop("verdict"), "(top)"),                                  # a required field gone
    (lambda v: v.update(verdict="MAYBE"), "verdict"),                       # verdict is PASS or FAIL
    (lambda v: v.update(extra_values=["Jane"]), "(top)"),                   # no unknown fields
    (lambda v: v["output"].update(sha256="not-a-hash"), "output.sha256"),   # hashes are sha256 hex
    (lambda v: v.update(schema_version=2), "schema_version"),               # unknown layout version
])
# fmt: on
def test_schema_rejects_a_changed_report(signed_run: Run, change, location: str):
    """The schema is closed: a missing, unknown or malformed field is reported with its place."""
    view = json.loads(signed_run.report.read_text())
    change(view)
    errors = schema_errors(view)
    assert errors and errors[0].startswith(f"[{location}]")


def test_schema_external_view_has_no_internal_detail(signed_run: Run):
    """The external view holds no recipe text, step configuration or per-column residual detail."""
    view = json.loads(signed_run.external.read_text())
    assert not {"recipe_text", "steps", "findings", "risk", "warnings"} & set(view)
    assert set(view["residual"]) == {"checked", "mode", "total", "by_entity"}
    assert all("/" not in record["path"] for record in view["inputs"])
