"""Check a report against its schema, the data and recipe it names, and its signature.

`verify_report` returns one :class:`Check` per question, each saying in plain
words what matches or what differs; `Verification.ok` is false when anything
differs. A check that cannot be made (no data file given, no key to check a
signature) is `skipped`, with what to pass to make it.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from veil.errors import InputError, KeyMissingError
from veil.report.hashing import sha256_file, sha256_text
from veil.report.views import dump_view, key_fingerprint, schema_errors, sign_view, signature_of

__all__ = ["Check", "Verification", "verify_report", "load_report", "sign_report_file"]

Status = Literal["ok", "differs", "skipped"]


@dataclass
class Check:
    name: str
    status: Status
    detail: str


@dataclass
class Verification:
    path: Path
    view: dict[str, Any] | None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.status != "differs" for check in self.checks)

    @property
    def differences(self) -> list[Check]:
        return [check for check in self.checks if check.status == "differs"]

    def add(self, name: str, status: Status, detail: str) -> None:
        self.checks.append(Check(name, status, detail))


def load_report(path: str | Path) -> tuple[bytes, Any]:
    """The report file's bytes and parsed JSON; InputError when it cannot be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        msg = f"cannot read report `{path}` ({exc.strerror}). Check the path."
        raise InputError(msg) from None
    try:
        return raw, json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return raw, _Unparsable(f"{type(exc).__name__} at byte {getattr(exc, 'pos', '?')}")


class _Unparsable(str):
    """Why a report file is not JSON (kept as the parsed value so verify can say so)."""


def verify_report(path: str | Path, *, data: str | Path | None = None,
                  recipe: str | Path | None = None, key: str | bytes | None = None,
                  environ: Mapping[str, str] | None = None,
                  require_signature: bool = False,
                  inputs: Sequence[str | Path] = ()) -> Verification:
    """Verify the report at `path`; `data` defaults to the output path it records, if present.
    Each of `inputs` must be a file the run read (its sha256 among the recorded inputs')."""
    raw, view = load_report(path)
    result = Verification(Path(path), None)
    if isinstance(view, _Unparsable):
        result.add("json", "differs", f"the file is not valid JSON ({view}): it was damaged or "
                   f"edited after the run")
        return result
    result.view = view
    _check_schema(result, view)
    if not isinstance(view, dict):
        return result
    _check_layout(result, raw, view)
    _check_recipe(result, view, recipe)
    _check_data(result, view, data)
    _check_inputs(result, view, inputs)
    _check_signature(result, view, key, os.environ if environ is None else environ,
                     require_signature)
    _check_verdict(result, view)
    return result


def _check_schema(result: Verification, view: Any) -> None:
    errors = schema_errors(view) if isinstance(view, dict) else ["[(top)] not a JSON object"]
    if errors:
        shown = "; ".join(errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        result.add("schema", "differs", f"{len(errors)} schema violation(s): {shown}")
    else:
        result.add("schema", "ok", f"valid against veil report schema v{view['schema_version']} "
                   f"({view['view']} view)")


def _check_layout(result: Verification, raw: bytes, view: dict[str, Any]) -> None:
    expected = dump_view(view).encode("utf-8")
    if raw == expected:
        result.add("layout", "ok", "the file is byte for byte in the layout veil writes")
        return
    at = next((i for i, (a, b) in enumerate(zip(raw, expected, strict=False)) if a != b),
              min(len(raw), len(expected)))
    line = raw[:at].count(b"\n") + 1
    result.add("layout", "differs", f"the file differs from veil's canonical layout at byte {at} "
               f"(line {line}): it was edited after the run")


def _check_recipe(result: Verification, view: dict[str, Any], recipe: str | Path | None) -> None:
    recorded = view.get("recipe_sha256")
    if "recipe_text" in view:
        actual = sha256_text(view["recipe_text"])
        if actual == recorded:
            result.add("recipe text", "ok", f"the recipe text in the report hashes to the recorded "
                       f"sha256 {_short(recorded)}")
        else:
            result.add("recipe text", "differs", f"the recipe text in the report hashes to "
                       f"{_short(actual)}, but the report records {_short(recorded)}")
    if recipe is None:
        result.add("recipe file", "skipped", "no recipe file given (pass --recipe RECIPE)")
        return
    try:
        text = Path(recipe).read_text(encoding="utf-8")  # as the loader reads it
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read recipe `{recipe}` ({type(exc).__name__}). Check the path."
        raise InputError(msg) from None
    actual = sha256_text(text)
    if actual == recorded:
        result.add("recipe file", "ok", f"`{recipe}` has the recorded sha256 {_short(recorded)}")
    else:
        result.add("recipe file", "differs", f"`{recipe}` has sha256 {_short(actual)}, but the "
                   f"report records {_short(recorded)}: the recipe changed since the run")


def _check_data(result: Verification, view: dict[str, Any], data: str | Path | None) -> None:
    output = view.get("output") or {}
    recorded = output.get("sha256")
    if data is None:
        recorded_path = output.get("path")
        if not recorded_path or recorded_path == "-" or not Path(recorded_path).is_file():
            result.add("output data", "skipped", "no output file given and the recorded path "
                       "is not here (pass --data OUTPUT)")
            return
        data = recorded_path
    if not Path(data).is_file():
        msg = f"output file `{data}` does not exist. Check the --data path."
        raise InputError(msg)
    actual = sha256_file(data)
    if recorded is None:
        result.add("output data", "differs", "the report records no output sha256 to compare "
                   "with (the run wrote to standard output)")
    elif actual == recorded:
        result.add("output data", "ok", f"`{data}` has the recorded sha256 {_short(recorded)}")
    else:
        result.add("output data", "differs", f"`{data}` has sha256 {_short(actual)}, but the "
                   f"report records {_short(recorded)}: the data is not the run's output")


def _check_inputs(result: Verification, view: dict[str, Any], inputs: Sequence[str | Path]
                  ) -> None:
    """Each given file against the inputs the report records (joined files included): the
    report's paths are the run's, so a file is matched by its bytes, not its name."""
    if not inputs:
        result.add("input data", "skipped", "no input file given (pass --input INPUT to check "
                   "that the run read it)")
        return
    recorded = [record for record in view.get("inputs") or [] if isinstance(record, dict)]
    for given in inputs:
        if not Path(given).is_file():
            msg = f"input file `{given}` does not exist. Check the --input path."
            raise InputError(msg)
        actual = sha256_file(given)
        match = next((record for record in recorded if record.get("sha256") == actual), None)
        if match is not None:
            result.add("input data", "ok", f"`{given}` has the sha256 {_short(actual)} recorded "
                       f"for `{match.get('path')}` ({match.get('role') or 'input'})")
        else:
            result.add("input data", "differs", f"`{given}` has sha256 {_short(actual)}, which "
                       f"the report records for none of its {len(recorded)} input file(s): "
                       f"the run did not read this file as it is now")


def _check_signature(result: Verification, view: dict[str, Any], key: str | bytes | None,
                     environ: Mapping[str, str], required: bool) -> None:
    signature = view.get("signature")
    if not isinstance(signature, dict):
        status: Status = "differs" if required else "skipped"
        result.add("signature", status, "the report is not signed, so an edit to it cannot be "
                   "detected (sign with `report: {sign: true}` or `veil report sign`)")
        return
    key_env = str(signature.get("key_env", "VEIL_KEY"))
    secret = key.encode() if isinstance(key, str) else key
    if secret is None and environ.get(key_env):
        secret = environ[key_env].encode()
    if secret is None:
        status = "differs" if required else "skipped"
        result.add("signature", status, f"the report is signed, but `{key_env}` is not set, so "
                   f"the signature cannot be checked")
        return
    if key_fingerprint(secret) != signature.get("key_fingerprint"):
        result.add("signature", "differs", f"the key in `{key_env}` is not the key that signed "
                   f"the report (fingerprint {key_fingerprint(secret)}, report "
                   f"{signature.get('key_fingerprint')})")
    elif hmac.compare_digest(signature_of(view, secret), str(signature.get("value"))):
        result.add("signature", "ok", "the HMAC-SHA256 signature matches: the report is as signed")
    else:
        result.add("signature", "differs", "the signature does not match the report's content: "
                   "the report was edited after it was signed")


def _check_verdict(result: Verification, view: dict[str, Any]) -> None:
    gates = view.get("gates") or []
    expected = "FAIL" if any(not g.get("passed", True) for g in gates) else "PASS"
    if view.get("verdict") == expected:
        result.add("verdict", "ok", f"{expected} agrees with the {len(gates)} gate result(s)")
    else:
        result.add("verdict", "differs", f"the report says {view.get('verdict')}, but its gate "
                   f"results give {expected}")


def sign_report_file(path: str | Path, *, key_env: str = "VEIL_KEY",
                     environ: Mapping[str, str] | None = None) -> Path:
    """Sign (or re-sign) the report at `path` with the key in `key_env`, rewriting it atomically."""
    from veil.io.writers import atomic_write

    environ = os.environ if environ is None else environ
    if not environ.get(key_env):
        msg = (f"signing needs the secret key, and `{key_env}` is not set. Set it to the key the "
               f"run used (the report's key fingerprint identifies it).")
        raise KeyMissingError(msg)
    from veil.context import MIN_KEY_BYTES

    if len(environ[key_env].encode()) < MIN_KEY_BYTES:
        msg = (f"the key in `{key_env}` is {len(environ[key_env].encode())} byte(s) long: a "
               f"signature made with a key that short can be forged by guessing it. Sign with "
               f"a key of at least {MIN_KEY_BYTES} random characters.")
        raise KeyMissingError(msg)
    raw, view = load_report(path)
    if isinstance(view, _Unparsable) or not isinstance(view, dict) or schema_errors(view):
        msg = f"`{path}` is not a valid veil report; run `veil report verify {path}` to see why."
        raise InputError(msg)
    signed = sign_view(view, environ[key_env].encode(), key_env=key_env)
    with atomic_write(path, role="report") as temp:
        temp.write_text(dump_view(signed), encoding="utf-8")
    return Path(path)


def _short(digest: str | None) -> str:
    return f"{digest[:12]}…" if digest else "(none)"
