"""Ethereum addresses: `0x` and forty hex digits, nothing of a word around them."""

from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.wallet import EthereumAddressRecognizer

ADDRESS = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"


# fmt: off
@pytest.mark.parametrize("text, expected", [
    (f"Crypto KYC: wallet {ADDRESS}, IP 185.220.101.4", [ADDRESS]),
    (f"withdraw to {ADDRESS.lower()}.", [ADDRESS.lower()]),
    (f"hash {ADDRESS}ab; {ADDRESS[2:]}; x{ADDRESS}; 0x1F; {ADDRESS[:-1]}", []),
])
# fmt: on
def test_ethereum_address_recognizer(text, expected):
    assert matched_texts(EthereumAddressRecognizer(), text) == expected
