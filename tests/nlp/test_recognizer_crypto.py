from __future__ import annotations

import pytest


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("send it to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa today",
     [("CRYPTO", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]),
    ("wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
     [("CRYPTO", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")]),
    ("ref 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", []),       # the checksum fails
])
# fmt: on
def test_bitcoin_wallet_addresses(found, text, expected):
    assert found(text) == expected
