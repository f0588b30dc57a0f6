"""Checksums against published valid identifiers and single-digit corruptions of them."""

from __future__ import annotations

import pytest

from veil.nlp.recognizers import validators


# fmt: off
@pytest.mark.parametrize("check, value, expected", [
    (validators.luhn, "4111 1111 1111 1111", True),      # Visa test card
    (validators.luhn, "4111 1111 1111 1112", False),     # last digit changed
    (validators.luhn, "378282246310005", True),          # Amex test card
    (validators.luhn, "7", False),                       # too short
    (validators.npi, "1234567893", True),                # CMS's example NPI
    (validators.npi, "1234567890", False),               # wrong check digit
    (validators.npi, "3234567893", False),               # NPIs start with 1 or 2
    (validators.mod97, "GB82 WEST 1234 5698 7654 32", True),   # ISO 13616 example
    (validators.mod97, "GB82 WEST 1234 5698 7654 33", False),
    (validators.mod97, "DE89370400440532013000", True),
    (validators.aba, "011000015", True),                 # Federal Reserve Bank of Boston
    (validators.aba, "021000021", True),
    (validators.aba, "011000016", False),                # weights 3-7-1 fail
    (validators.aba, "991000019", False),                # 99 is no Federal Reserve prefix
    (validators.dea, "AB1234563", True),                 # (1+3+5) + 2*(2+4+6) = 33 -> 3
    (validators.dea, "AB1234564", False),
    (validators.vin, "1M8GDM9AXKP042788", True),         # Wikipedia's example: check digit X
    (validators.vin, "1HGCM82633A004352", True),
    (validators.vin, "1HGCM82634A004352", False),        # check digit 4 for 3
    (validators.vin, "1HGCM82633A00435", False),         # sixteen characters
    (validators.vin, "1HGCM8263IA004352", False),        # I is never in a VIN
    # (2 + 3 + 14 + 27 + 4 + 15 + 42 + 63) = 170 -> 0, the ninth digit
    (validators.australian_medicare, "2123 45670 1", True),
    (validators.australian_medicare, "2123 45670 1/1", True),   # the holder's number after it
    (validators.australian_medicare, "2123 45671 1", False),
    (validators.australian_medicare, "1123 45670 1", False),   # no card starts with 1
    (validators.australian_medicare, "2123 45670", False),     # nine digits
    # 8*2 + 8*7 + 1*6 + 2*5 + 3*4 + 4*3 + 5*2 = 122, mod 11 = 1 -> Z
    (validators.singapore_nric, "S8812345Z", True),
    (validators.singapore_nric, "S8812345A", False),
    (validators.singapore_nric, "F1234567N", True),             # a FIN: the foreigners' letters
    (validators.singapore_nric, "T1234567J", True),             # 106 + 4 = 110, mod 11 = 0 -> J
    (validators.singapore_nric, "M1234567K", False),            # the M series is not checked
    (validators.south_african_id, "8001015009087", True),       # Home Affairs' example
    (validators.south_african_id, "800101 5009 087", True),
    (validators.south_african_id, "8001015009088", False),      # Luhn fails
    (validators.south_african_id, "8013015009082", False),      # Luhn passes; no 13th month
    (validators.south_african_id, "8001015009202", False),      # Luhn passes; citizenship 2
])
# fmt: on
def test_validators_checksum(check, value, expected):
    assert check(value) is expected
