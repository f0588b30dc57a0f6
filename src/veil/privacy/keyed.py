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

__all__ = ["subkey", "keyed_digest", "keyed_token", "keyed_int", "map_distinct",
           "SUBJECT_SHIFT", "SUBJECT_MAX_DAYS", "shift_function"]


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


#: The purpose of per-subject day offsets. `date_shift` (with `by`) and date surrogates in
#: text (with `subject`) share it, so a patient's date columns and notes move together.
SUBJECT_SHIFT = "date_shift"
#: The largest per-subject shift both take by default, in days either way.
SUBJECT_MAX_DAYS = 30


def shift_function(key: bytes, max_days: int, *, purpose: str) -> Callable[[str], int]:
    """Subject -> a non-zero offset in [-max_days, max_days], uniform over its 2 x max_days values.

    The draw is :func:`keyed_int` (the first 8 bytes of the HMAC, big-endian), with
    the sub-key derived once.
    """
    sub = subkey(key, purpose)

    def shift(subject: str) -> int:
        drawn = int.from_bytes(hmac.digest(sub, subject.encode("utf-8"), "sha256")[:8], "big")
        drawn %= 2 * max_days
        return drawn - max_days if drawn < max_days else drawn - max_days + 1

    return shift
