"""`hash`: a one-way digest of identifiers. Keyed (HMAC-SHA256) by default.

A plain SHA-256 of an identifier can be reversed by hashing every candidate
value (all phone numbers, all record numbers) and looking the digest up. The
keyed digest cannot be computed without the secret key, so that attack fails.
`keyed: false` exists only for matching digests made elsewhere; the report
then carries a warning.
"""

from __future__ import annotations

import hashlib

import polars as pl
from pydantic import Field

from veil.steps.base import Step, StepParams
from veil.steps.pseudonymize import (
    replace_distinct,
    require_text_or_integer,
    token_function,
)
from veil.steps.registry import register_step


class HashParams(StepParams):
    columns: list[str] = Field(min_length=1, description="Columns whose values become digests.")
    length: int = Field(64, ge=8, le=64, description="Hex characters of the digest kept (8-64).")
    keyed: bool = Field(
        True,
        description="HMAC-SHA256 with the secret key (default). `false` gives plain SHA-256, "
        "which anyone can reverse by hashing guesses; use it only to match digests made "
        "elsewhere.",
    )
    domain: str = Field(
        "default", min_length=1, max_length=40,
        description="Digest namespace: the same value gets the same digest in every column with "
        "the same key and domain.",
    )


@register_step("hash")
class Hash(Step):
    """Replace values by a one-way digest; keyed, so guesses cannot be hashed and compared."""

    Params = HashParams
    shorthand = "columns"
    global_pass = True
    keyed = True

    def columns_used(self) -> set[str]:
        return set(self.params.columns)

    def prepare(self, ctx) -> None:
        if self.params.keyed:
            ctx.require_key(self.label)

    def check(self, schema: pl.Schema) -> None:
        super().check(schema)
        require_text_or_integer(self, schema)

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        length, purpose = self.params.length, f"hash:{self.params.domain}"
        if self.params.keyed:
            digest = token_function(ctx.require_key(self.label), purpose, length=length)
        else:
            ctx.report.warnings.append(
                f"{self.label}: unkeyed SHA-256 digests can be reversed by hashing guesses.")

            def digest(value: str) -> str:
                return hashlib.sha256(value.encode("utf-8")).hexdigest()[:length]

        frame, counts = replace_distinct(self, lf.collect(), digest)
        ctx.report.step_record(self).details.update(
            {"columns": counts, "digest_hex_chars": length, "keyed": self.params.keyed})
        return frame.lazy()

    def describe(self) -> str:
        how = "keyed HMAC-SHA256" if self.params.keyed else "plain (unkeyed) SHA-256"
        return f"replace {', '.join(self.params.columns)} by {how} digests"
