"""RunContext: everything a step may need for one run, passed explicitly (no globals)."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from veil.errors import KeyMissingError, UsageError
from veil.report.model import Report

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl

    from veil.api import ProgressSink
    from veil.errors import VeilError
    from veil.io.readers import Source
    from veil.recipe.schema import Recipe

__all__ = ["MIN_KEY_BYTES", "RunContext"]

#: The shortest secret key a keyed step accepts: 128 bits if every byte is random.
MIN_KEY_BYTES = 16
_NEW_KEY = "`export {env}=$(python -c 'import secrets; print(secrets.token_hex(32))')`"


class RunContext:
    """Per-run state: the recipe, the secret key, the seed, the report, cached engines."""

    def __init__(self, recipe: Recipe, *, key: str | bytes | None = None,
                 environ: Mapping[str, str] | None = None, report: Report | None = None) -> None:
        self.recipe = recipe
        self.seed = recipe.seed
        self.report = report if report is not None else Report(recipe_name=recipe.name)
        self._environ = os.environ if environ is None else environ
        if key is not None and not isinstance(key, (str, bytes)):
            msg = f"`key` is text or bytes (a long random string); got {type(key).__name__}."
            raise UsageError(msg)
        self._key = key.encode() if isinstance(key, str) else key
        #: Expensive objects built once per run (the analyzer engine, ...), by name.
        self.cache: dict[str, Any] = {}
        #: Progress display, when the caller wants one (steps with a long pass may advance it).
        self.progress: ProgressSink | None = None
        #: Turns a Polars read failure into an InputError naming file and line (set by the run).
        self.diagnose_input: Callable[[BaseException], VeilError | None] = lambda exc: None
        #: Checks run on the final frame before anything is written (the residual PII check).
        #: Each raises (PrivacyGateError) to stop the write.
        #: A check receives the output as a DataFrame, or as a LazyFrame over the written
        #: temporary file when the run streamed (so it must not assume it fits in memory).
        self.output_checks: list[Callable[[pl.DataFrame | pl.LazyFrame, RunContext], None]] = []
        #: Column and field names that hold an identifier (a pivoted table's header that is
        #: an e-mail address) -> the placeholder the report shows instead (`<EMAIL_ADDRESS 1>`).
        #: Filled by the residual check.
        self.name_masks: dict[str, str] = {}
        #: Where a step may write the UTF-8 copy of a large bzip2, xz or non-UTF-8 file it
        #: reads (`veil.io.text`); None keeps such text in memory. Set by the run.
        self.copies_folder: Path | None = None
        #: Files the run opened (its input, a join's), whose copies it removes when it ends.
        self.opened: list[Source] = []

    def remove_copies(self) -> None:
        """Remove the UTF-8 copies of the files the run opened (see `veil.io.text`)."""
        for source in self.opened:
            source.remove_copies()

    def check_output(self, frame: pl.DataFrame | pl.LazyFrame) -> None:
        for check in self.output_checks:
            check(frame, self)

    @property
    def key_env(self) -> str:
        return self.recipe.secrets.key_env

    def _given_key(self) -> bytes | None:
        """The key passed to the run, else the one in `key_env`; None when neither is."""
        if self._key is not None:
            return self._key
        value = self._environ.get(self.key_env)
        return value.encode() if value else None

    def has_key(self) -> bool:
        return self._given_key() is not None

    def require_key(self, who: str = "this recipe", *, shortest: int = MIN_KEY_BYTES) -> bytes:
        """The secret key; KeyMissingError naming the variable to set when there is none, or
        when it is shorter than `shortest` bytes (too short to stay secret)."""
        key = self._given_key()
        if key is None:
            msg = (
                f"{who} needs a secret key, and the environment variable `{self.key_env}` is "
                f"not set. Set it to a long random string kept outside the recipe, e.g. "
                f"{_NEW_KEY.format(env=self.key_env)}, and keep it: the same key gives the "
                f"same pseudonyms on every run."
            )
            raise KeyMissingError(msg)
        if len(key) < max(shortest, 1):
            given = "the key given" if self._key is not None else f"the key in `{self.key_env}`"
            msg = (
                f"{who} needs a secret key, and {given} is {len(key)} byte(s) long. Keyed "
                f"pseudonyms, hashes and surrogates are only as secret as the key: a short one "
                f"can be guessed, and with it every pseudonym reversed by trying identifiers. "
                f"Use at least {MIN_KEY_BYTES} random characters, e.g. "
                f"{_NEW_KEY.format(env=self.key_env)}."
            )
            raise KeyMissingError(msg)
        return key

    def key_fingerprint(self) -> str | None:
        """A keyed digest of a fixed string: identifies the key without revealing it. None
        without a key, or with one too short for any keyed step to have used it: its digest
        would let anyone test guesses of a short key offline."""
        key = self._given_key()
        if key is None or len(key) < MIN_KEY_BYTES:
            return None
        return hmac.new(key, b"veil key fingerprint v1", hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:  # never show the key
        return f"<RunContext recipe={self.recipe.name!r} key={'set' if self.has_key() else 'unset'}>"
