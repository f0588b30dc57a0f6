"""The one exception hierarchy of veil.

Every error veil raises across its API is a :class:`VeilError`. Each class
carries the process exit code the CLI uses for it, so the CLI maps errors to
exit codes in exactly one place (``veil.cli.errors``).

Messages follow one rule: say where (file, line, step, column), what is
allowed, and what to do. They never contain a value taken from the data.
"""

from __future__ import annotations

import re

__all__ = [
    "VeilError",
    "UsageError",
    "RecipeError",
    "InputError",
    "OutputError",
    "StepError",
    "ModelMissingError",
    "KeyMissingError",
    "PrivacyGateError",
    "os_error_code",
]

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2


class VeilError(Exception):
    """Base class of every error veil raises on purpose."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(VeilError):
    """A command-line or API argument is wrong (bad option combination, bad value)."""


class RecipeError(VeilError):
    """The recipe is not valid: bad YAML, unknown key or step, wrong type, missing field.

    >>> load_recipe("veil: 1\\nname: x\\nsteps: [{dorp: [a]}]")  # doctest: +SKIP
    RecipeError: <text>, line 3, step 1: unknown step `dorp`. ... Did you mean `drop`?
    """


class InputError(VeilError):
    """The input cannot be read: missing file, wrong encoding, malformed or empty data."""


class OutputError(VeilError):
    """The output cannot be written, or would overwrite the input."""


class StepError(VeilError):
    """A step cannot run on this data (missing column, wrong type, bad expression)."""


class ModelMissingError(VeilError):
    """A spaCy pipeline the recipe needs is not installed; the message gives the pip command."""


class KeyMissingError(VeilError):
    """A keyed step needs a secret key and the environment variable holding it is unset."""


class PrivacyGateError(VeilError):
    """A privacy gate (k-anonymity, l-diversity, residual PII) failed; nothing was written."""

    exit_code = EXIT_GATE


#: Rust's form, and Python's when Polars re-raises an error from a Python file object
#: (standard output, written through a hashing stream): `[Errno 32] Broken pipe`.
_OS_ERROR = re.compile(r"\(os error (\d+)\)|^\[Errno (\d+)\]")


def os_error_code(exc: BaseException) -> int | None:
    """The system's error number behind `exc`, if any.

    Python's OSError carries it as `errno`; Polars raises OSError and ComputeError
    without one and quotes it instead: `No space left on device (os error 28)`, or
    `[Errno 32] Broken pipe` for an error it passes on from a Python file object.
    """
    code = getattr(exc, "errno", None)
    if code is None:
        found = _OS_ERROR.search(str(exc))
        code = int(found[1] or found[2]) if found else None
    return code
