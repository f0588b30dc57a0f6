"""The two views of a report, its schema, canonical form and signature.

* ``internal`` (``<name>.report.json``, see `veil.report.files`): everything recorded, for the
  privacy officer: recipe text, per-step configuration and figures, findings
  per column and entity with operators, recognizers and score histograms,
  gate figures, risk, residual check per column.
* ``external`` (``<name>.report.external.json``): safe to ship with the
  dataset: summary, hashes, verdict, entity counts, k reached. No recipe
  text, no per-step configuration, no per-column detail, input file names
  without their folders.

Neither view holds a value from the data. Both validate against
``schema/report-v1.json``. A signature is an HMAC-SHA256 over the canonical
JSON of the view without its ``signature`` field.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from veil.report.model import REPORT_SCHEMA_VERSION

if TYPE_CHECKING:
    from veil.report.model import Report

__all__ = ["internal_view", "external_view", "canonical_bytes", "dump_view", "schema",
           "schema_errors", "sign_view", "signature_of", "SIGNATURE_PURPOSE"]

SIGNATURE_PURPOSE = "report-signature"


def internal_view(report: Report) -> dict[str, Any]:
    data = report.to_dict()
    data["view"] = "internal"
    return data


def external_view(report: Report) -> dict[str, Any]:
    full = report.to_dict()
    residual = full["residual"]
    return {
        "schema_version": full["schema_version"],
        "view": "external",
        **{key: full[key] for key in ("run_id", "started_at", "finished_at", "versions",
                                      "recipe_name", "recipe_description", "recipe_sha256",
                                      "key_fingerprint", "nlp_model", "output", "verdict",
                                      "reasons", "summary")},
        "limit": full.get("limit"),
        "inputs": [{**record, "path": PurePath(record["path"]).name} for record in full["inputs"]],
        "gates": [{k: g[k] for k in ("kind", "passed", "summary")} for g in full["gates"]],
        "residual": None if residual is None else {
            "checked": residual.get("checked", False), "mode": residual.get("mode", "warn"),
            "total": residual.get("total", 0), "by_entity": residual.get("by_entity", {})},
    }


def dump_view(view: dict[str, Any]) -> str:
    """The file layout: sorted keys, two-space indent, UTF-8. Verify re-renders and compares."""
    return json.dumps(view, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def canonical_bytes(view: dict[str, Any]) -> bytes:
    """What the signature covers: the view without `signature`, sorted keys, no spaces."""
    body = {k: v for k, v in view.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signature_of(view: dict[str, Any], key: bytes) -> str:
    from veil.privacy.keyed import subkey

    signing_key = subkey(key, SIGNATURE_PURPOSE)
    return hmac.new(signing_key, canonical_bytes(view), hashlib.sha256).hexdigest()


def sign_view(view: dict[str, Any], key: bytes, *, key_env: str) -> dict[str, Any]:
    signature = {"algorithm": "HMAC-SHA256", "key_fingerprint": key_fingerprint(key),
                 "key_env": key_env, "value": signature_of(view, key)}
    return {**view, "signature": signature}


def key_fingerprint(key: bytes) -> str:
    """Same digest as RunContext.key_fingerprint: a keyed hash of a fixed string."""
    return hmac.new(key, b"veil key fingerprint v1", hashlib.sha256).hexdigest()[:16]


@cache
def schema(version: int = REPORT_SCHEMA_VERSION) -> dict[str, Any]:
    """The shipped JSON Schema of report layout `version`."""
    path = resources.files("veil.report").joinpath(f"schema/report-v{version}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def schema_errors(view: Any) -> list[str]:
    """Schema violations as `[location] message` lines; empty when the view is valid."""
    import jsonschema

    version = view.get("schema_version") if isinstance(view, dict) else None
    if not isinstance(version, int) or not resources.files("veil.report").joinpath(
            f"schema/report-v{version}.json").is_file():
        return [f"[schema_version] unknown report layout version {version!r}; this veil reads "
                f"version {REPORT_SCHEMA_VERSION}"]
    validator = jsonschema.Draft202012Validator(schema(version))
    errors = [_deepest(e) for e in validator.iter_errors(view)]
    errors.sort(key=lambda e: [str(p) for p in e.absolute_path])
    return [f"[{'.'.join(str(p) for p in e.absolute_path) or '(top)'}] {_short(e.message)}"
            for e in errors]


def _deepest(error: Any) -> Any:
    """For `oneOf` (a record or null), the branch error that points deepest says most."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
    return error


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
