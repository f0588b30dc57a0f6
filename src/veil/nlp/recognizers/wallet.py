"""Ethereum addresses: `0x` and forty hex digits, the account a KYC file or a withdrawal names.

Presidio's CryptoRecognizer finds Bitcoin addresses only. An Ethereum address carries a
checksum in the case of its letters (EIP-55), which needs Keccak-256, a hash Python's
standard library does not have (its `sha3_256` pads differently); the shape alone is
distinctive enough: a `0x` prefix, exactly forty hex digits, nothing of a word around them.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

__all__ = ["EthereumAddressRecognizer"]


class EthereumAddressRecognizer(VeilPatternRecognizer):
    """`wallet 0x71C7656EC7ab88b098defB751B7401B5f6d8976F`."""

    ENTITY = "CRYPTO"
    PATTERNS = [Pattern("Ethereum address", r"(?<!\w)0x[0-9a-fA-F]{40}(?!\w)", 0.85)]
    CONTEXT = ["wallet", "address", "eth", "ethereum", "crypto"]
    GATES = {"Ethereum address": r"0x[0-9a-f]{40}"}
    FLAGS = re.ASCII
