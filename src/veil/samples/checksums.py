"""Check digits for the identifiers the samples plant, so validators in veil accept them.

Each generator returns a string that passes the same check a real one does:
Luhn for payment cards and NPIs (NPI: Luhn over the prefix 80840), ISO 7064
mod 97 for IBANs, and the ABA 3-7-1 weighting for US routing numbers.
"""

from __future__ import annotations

import random
from datetime import date

__all__ = [
    "luhn_check_digit",
    "luhn_valid",
    "card_number",
    "npi",
    "npi_valid",
    "iban",
    "iban_valid",
    "routing_number",
    "aba_valid",
]


def luhn_check_digit(digits: str) -> str:
    """The digit that makes ``digits + check`` pass the Luhn test."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: these sit right before the check digit
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


_CARD_PREFIXES = (
    ("4", 16),
    ("51", 16),
    ("52", 16),
    ("55", 16),
    ("2221", 16),
    ("37", 15),
    ("6011", 16),
)


def card_number(rng: random.Random) -> str:
    """A Luhn-valid card number with a real scheme prefix (Visa, Mastercard, Amex, Discover)."""
    prefix, length = rng.choice(_CARD_PREFIXES)
    body = prefix + "".join(rng.choices("0123456789", k=length - len(prefix) - 1))
    return body + luhn_check_digit(body)


def npi(rng: random.Random) -> str:
    """A 10-digit US National Provider Identifier: Luhn over ``80840`` + the first 9 digits."""
    body = rng.choice("12") + "".join(rng.choices("0123456789", k=8))
    return body + luhn_check_digit("80840" + body)


def npi_valid(number: str) -> bool:
    return len(number) == 10 and luhn_valid("80840" + number)


_IBAN_BBAN_DIGITS = {"DE": 18, "FR": 23, "NL": None, "ES": 20, "IT": None, "GB": None, "BE": 12}


def _mod97(text: str) -> int:
    digits = "".join(str(int(c, 36)) for c in text)
    return int(digits) % 97


def iban(rng: random.Random, country: str) -> str:
    """A mod-97-valid IBAN for `country` (DE, FR, ES, BE: digits; NL, GB: bank code + digits)."""
    if country == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + "".join(rng.choices("0123456789", k=10))
    elif country == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD"]) + "".join(rng.choices("0123456789", k=14))
    elif country == "IT":
        bban = rng.choice("ABCDEFGHIJ") + "".join(rng.choices("0123456789", k=22))
    else:
        bban = "".join(rng.choices("0123456789", k=_IBAN_BBAN_DIGITS[country]))
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def iban_valid(value: str) -> bool:
    value = value.replace(" ", "")
    return len(value) > 4 and _mod97(value[4:] + value[:4]) == 1


_ABA_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)


def routing_number(rng: random.Random) -> str:
    """A 9-digit ABA routing number whose 3-7-1 weighted sum is a multiple of 10."""
    # The first two digits are a Federal Reserve district (01-12) or thrift range (21-32).
    head = f"{rng.choice(list(range(1, 13)) + list(range(21, 33))):02d}"
    body = head + "".join(rng.choices("0123456789", k=6))
    partial = sum(int(d) * w for d, w in zip(body, _ABA_WEIGHTS[:8], strict=True))
    return body + str((10 - partial % 10) % 10)


def aba_valid(value: str) -> bool:
    return (
        len(value) == 9
        and value.isdigit()
        and sum(int(d) * w for d, w in zip(value, _ABA_WEIGHTS, strict=True)) % 10 == 0
    )


def belgian_national_number(rng: random.Random, birth: date, sex: str) -> str:
    """A Belgian national register number: birth date YYMMDD, a sequence (odd for men, even
    for women) and a mod-97 check on the first nine digits (prefixed with 2 from 2000)."""
    sequence = rng.randrange(1 if sex == "M" else 2, 999, 2)
    body = f"{birth:%y%m%d}{sequence:03d}"
    return body + f"{_belgian_check(body, birth.year >= 2000):02d}"


def belgian_national_number_valid(value: str) -> bool:
    value = "".join(c for c in value if c.isdigit())
    if len(value) != 11:
        return False
    return any(int(value[9:]) == _belgian_check(value[:9], born_2000) for born_2000 in (False, True))


def _belgian_check(body: str, born_2000: bool) -> int:
    return 97 - (int(body) + (2_000_000_000 if born_2000 else 0)) % 97

