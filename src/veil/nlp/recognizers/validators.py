"""Checksums that tell a real identifier from a random run of digits.

Used by veil's own recognizers and by recipe recognizers (`validator: luhn | mod97 | aba`).
Each takes the matched text, ignores separators (luhn and aba: anything but digits), and
returns True when it checks out.
"""

from __future__ import annotations

import re

__all__ = ["VALIDATORS", "aba", "dea", "digits_only", "dutch_bsn", "luhn", "mod97", "npi",
           "singapore_nric", "south_african_id", "spanish_check_letter", "spanish_id", "vin"]

_SEPARATORS = re.compile(r"[\s\-.]")


def digits_only(text: str) -> str:
    """`text` without the spaces, dashes and dots people put inside identifiers."""
    return _SEPARATORS.sub("", text)


def luhn(text: str) -> bool:
    """Luhn (mod 10) check over the digits of `text` (a prefix such as `M` is ignored)."""
    value = re.sub(r"\D", "", text)
    if len(value) < 2:
        return False
    total = 0
    for position, char in enumerate(reversed(value)):
        digit = ord(char) - 48
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def npi(text: str) -> bool:
    """US National Provider Identifier: 10 digits, Luhn over the `80840` prefix (CMS)."""
    value = digits_only(text)
    return len(value) == 10 and value.isdigit() and value[0] in "12" and luhn("80840" + value)


def mod97(text: str) -> bool:
    """IBAN check (ISO 13616): move the first four characters to the end, letters to 10..35."""
    value = digits_only(text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", value):
        return False
    rearranged = value[4:] + value[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def aba(text: str) -> bool:
    """US ABA routing number: 9 digits, weights 3-7-1, first two digits a valid Fed range."""
    value = re.sub(r"\D", "", text)
    if len(value) != 9:
        return False
    prefix = int(value[:2])
    if not (0 <= prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    weights = (3, 7, 1) * 3
    return sum(w * int(d) for w, d in zip(weights, value, strict=True)) % 10 == 0


def dea(text: str) -> bool:
    """US DEA registration number: 2 letters + 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    value = digits_only(text).upper()
    if not re.fullmatch(r"[A-Z][A-Z9]\d{7}", value):
        return False
    d = [int(c) for c in value[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


_VIN_VALUES = {**{str(digit): digit for digit in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
               **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(text: str) -> bool:
    """A North American vehicle identification number: 17 characters without I, O or Q, the
    ninth the check digit (`X` for 10) of the others' weighted values, modulo 11."""
    value = text.upper()
    if len(value) != 17 or any(char not in _VIN_VALUES for char in value):
        return False
    total = sum(_VIN_VALUES[char] * weight
                for char, weight in zip(value, _VIN_WEIGHTS, strict=True))
    return value[8] == ("X" if total % 11 == 10 else str(total % 11))


def australian_medicare(text: str) -> bool:
    """An Australian Medicare card number: ten digits (or eleven, with the holder's number
    on the card), the first 2-6, the ninth the weighted sum of the first eight mod 10."""
    value = re.sub(r"\D", "", text)  # `2123 45670 1/1`: the holder's number after a slash
    if len(value) not in (10, 11) or value[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    weighted = sum(int(digit) * weight for digit, weight in zip(value[:8], weights, strict=True))
    return weighted % 10 == int(value[8])


def spanish_check_letter(number: int) -> str:
    """The check letter of a Spanish DNI or NIE number: the number mod 23 picks it."""
    return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]


def spanish_id(text: str) -> bool:
    """The check letter of a Spanish DNI (`07898318A`) or NIE (`X1234567L`, its X, Y, Z
    read as 0, 1, 2) is right."""
    value = text.replace("-", "").upper()
    if len(value) != 9 or not value[-1].isalpha():
        return False
    number = str("XYZ".index(value[0])) + value[1:8] if value[0] in "XYZ" else value[:8]
    return number.isdigit() and spanish_check_letter(int(number)) == value[-1]


def dutch_bsn(text: str) -> bool:
    """The "11-proof" of a Dutch citizen service number: nine digits weighted 9 to 2, the
    last -1, sum to a multiple of 11."""
    digits = digits_only(text)
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


#: Values of a codice fiscale's characters in odd positions (1st, 3rd, ...); a digit counts
#: as the letter of its index (0 as A). Even positions count A-Z as 0-25 and digits as such.
_FISCAL_ODD = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
               25, 24, 23)


def italian_check_letter(body: str) -> str:
    """The check letter of an Italian codice fiscale's first fifteen characters (capitals
    and digits): their values, by the tables of DM 23/12/1976, summed mod 26."""
    total = 0
    for position, char in enumerate(body):
        index = int(char) if char.isdigit() else ord(char) - ord("A")
        total += _FISCAL_ODD[index] if position % 2 == 0 else index
    return chr(ord("A") + total % 26)


def italian_fiscal_code(text: str) -> bool:
    """The check letter of an Italian codice fiscale (`RSSMRA85T10A562S`) is right."""
    code = text.upper()
    if len(code) != 16 or not code.isalnum() or not code.isascii():
        return False
    return italian_check_letter(code[:15]) == code[15]


def french_nir_key(body: str) -> int:
    """The key of a French social security number's first thirteen characters (digits, and
    2A or 2B for a Corsican department): 97 less their number mod 97."""
    return 97 - int(_nir_number(body)) % 97


def french_nir(text: str) -> bool:
    """The key of a French social security number (NIR, `2 55 08 14 168 025 38`) is right."""
    value = "".join(text.split()).upper()
    if len(value) != 15 or not value[-2:].isdigit() or not _nir_number(value[:13]).isdigit():
        return False
    return french_nir_key(value[:13]) == int(value[13:])


def _nir_number(body: str) -> str:
    """A NIR's first thirteen characters as the number its key is computed from: Corsica's
    departments 2A and 2B read as 19 and 18."""
    return body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]


#: A Singapore NRIC's or FIN's check letters, by the sum mod 11: citizens' and permanent
#: residents' (S, T) and foreigners' (F, G).
_NRIC_LETTERS = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK"}


def singapore_nric(text: str) -> bool:
    """The check letter of a Singapore NRIC or FIN (`S8812345Z`) is right: seven digits
    weighted 2, 7, 6, 5, 4, 3, 2, plus 4 for the T and G series (born or issued from 2000)."""
    value = text.upper()
    if len(value) != 9 or value[0] not in _NRIC_LETTERS or not value[1:8].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[1:8], (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if value[0] in "TG" else 0
    return _NRIC_LETTERS[value[0]][total % 11] == value[8]


def south_african_id(text: str) -> bool:
    """A South African identity number (`8001015009087`): thirteen digits, a date of birth
    (YYMMDD), a citizenship digit (0 or 1), an 8 or a 9, and a Luhn check digit."""
    value = digits_only(text)
    if len(value) != 13 or not value.isdigit():
        return False
    month, day = int(value[2:4]), int(value[4:6])
    return (1 <= month <= 12 and 1 <= day <= 31 and value[10] in "01" and value[11] in "89"
            and luhn(value))


VALIDATORS = {"luhn": luhn, "mod97": mod97, "aba": aba}
