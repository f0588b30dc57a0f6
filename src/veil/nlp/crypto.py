"""Deterministic, reversible encryption of identifiers found in text (AES-SIV).

AES-SIV is deterministic by design: the same value under the same key gives
the same token, so encrypted identifiers still join and count, and the key
holder can reverse them with ``veil decrypt``. Presidio's own `encrypt` is
AES-CBC with a random IV and cannot serve as a join key.

A token reads ``ENC[<base64url>]`` so it can be found again in running text.
The value is padded to a multiple of 16 bytes first, so a token does not tell
the exact length of a name.
AES-SIV authenticates what it decrypts, so text that only looks like a token
is left alone rather than turned into garbage.
"""

from __future__ import annotations

import base64
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from veil.privacy.keyed import subkey

__all__ = ["TOKEN_PATTERN", "TokenCipher", "encrypt_token", "decrypt_text"]

#: An encrypted token in text: `ENC[` + unpadded base64url + `]` (16-byte tag at least).
TOKEN_PATTERN = re.compile(r"ENC\[([A-Za-z0-9_-]{22,})\]")
_ASSOCIATED = [b"veil/encrypt/v1"]
_BLOCK = 16


class TokenCipher:
    """AES-256-SIV under a sub-key of the run key (never the run key itself)."""

    def __init__(self, key: bytes) -> None:
        # AES-SIV takes a double-length key: 64 bytes gives AES-256 for both halves.
        self._siv = AESSIV(subkey(key, "encrypt:1") + subkey(key, "encrypt:2"))

    def encrypt(self, value: str) -> str:
        sealed = self._siv.encrypt(_pad(value.encode("utf-8")), _ASSOCIATED)
        return "ENC[" + base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=") + "]"

    def decrypt(self, token: str) -> str | None:
        """The plaintext of one token, or None when it was not made under this key."""
        match = TOKEN_PATTERN.fullmatch(token)
        if match is None:
            return None
        return self._open(match[1])

    def _open(self, body: str) -> str | None:
        try:
            sealed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return _unpad(self._siv.decrypt(sealed, _ASSOCIATED)).decode("utf-8")
        except (InvalidTag, ValueError):
            return None

    def decrypt_text(self, text: str) -> tuple[str, int, int]:
        """Replace every token in `text` by its plaintext -> (text, decrypted, not decryptable)."""
        done = failed = 0

        def swap(match: re.Match[str]) -> str:
            nonlocal done, failed
            plain = self._open(match[1])
            if plain is None:
                failed += 1
                return match[0]
            done += 1
            return plain

        return TOKEN_PATTERN.sub(swap, text), done, failed


def _pad(data: bytes) -> bytes:
    """PKCS#7 to 16 bytes, so a token tells the value's length only to within 16 bytes."""
    n = _BLOCK - len(data) % _BLOCK
    return data + bytes([n]) * n


def _unpad(data: bytes) -> bytes:
    n = data[-1] if data else 0
    if not 1 <= n <= _BLOCK or data[-n:] != bytes([n]) * n:
        msg = "bad padding"
        raise ValueError(msg)
    return data[:-n]


def encrypt_token(key: bytes, value: str) -> str:
    return TokenCipher(key).encrypt(value)


def decrypt_text(key: bytes, text: str) -> str:
    return TokenCipher(key).decrypt_text(text)[0]
