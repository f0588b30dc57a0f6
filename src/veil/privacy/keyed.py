"""Keyed (HMAC-SHA256) digests: the same value and key give the same token everywhere.

Every keyed feature (pseudonyms, hash operator, surrogates, date offsets)
derives its own sub-key from the run's key and a `purpose` string, so a token
made for one purpose cannot be matched against another. The key itself is
never logged, printed or stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable

import polars as pl

__all__ = ["subkey", "keyed_digest", "keyed_token", "keyed_int", "map_distinct"]


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one purpose (`pseudonymize:patient_id`, `surrogate:PERSON`, ...)."""
    return hmac.new(key, b"veil/v1/" + purpose.encode("utf-8"), hashlib.sha256).digest()


def keyed_digest(key: bytes, value: str, *, purpose: str) -> bytes:
    return hmac.new(subkey(key, purpose), value.encode("utf-8"), hashlib.sha256).digest()


def keyed_token(key: bytes, value: str, *, purpose: str, length: int = 16,
                alphabet: str = "hex") -> str:
    """A short stable token: `length` characters of hex or base32 (lower case, no padding)."""
    digest = keyed_digest(key, value, purpose=purpose)
    if alphabet == "base32":
        text = base64.b32encode(digest).decode("ascii").rstrip("=").lower()
    else:
        text = digest.hex()
    return text[:length]


def keyed_int(key: bytes, value: str, *, purpose: str) -> int:
    """A stable 64-bit integer for seeding (surrogates) or offsets (date shifts)."""
    return int.from_bytes(keyed_digest(key, value, purpose=purpose)[:8], "big")


def map_distinct(series: pl.Series, function: Callable[[str], str | None],
                 return_dtype: pl.DataType | None = None) -> pl.Series:
    """Apply `function` once per distinct non-null value; nulls stay null.

    Columns repeat themselves (the same patient on many rows), so this is far
    cheaper than a per-row call, and equal inputs give equal outputs by design.
    """
    dtype = return_dtype or pl.String()
    values = series.cast(pl.String)
    distinct = values.drop_nulls().unique()
    mapped = pl.Series([function(v) for v in distinct.to_list()], dtype=dtype)
    return values.replace_strict(distinct, mapped, default=None, return_dtype=dtype).alias(series.name)
