"""National identity numbers with a format of their own, found without a label.

A Spanish DNI or NIE carries a check letter (the number mod 23), so eight digits and the
right letter are one chance in 23 by accident, and such a token is rare in text to begin
with. An Italian codice fiscale has sixteen letters and digits in fixed places and a check
letter; a French social security number (NIR) thirteen digits of sex, birth month and place,
and a key mod 97. A UK National Insurance number has two letters from a fixed set, six digits
and a suffix A-D. A Dutch BSN is nine digits that pass the "11-proof", as one random number in
eleven does: alone it stays below the threshold, and counts with context nearby (`BSN`, `ID
number`). Bank support chats and KYC files quote them bare (`Customer: 07898318A`).
Other countries' numbers are found by their label
(`veil.nlp.recognizers.labelled_ids.NationalIdRecognizer`).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

__all__ = ["NINO_NEVER_ISSUED", "DutchBsnRecognizer", "FrenchNirRecognizer",
           "ItalianFiscalCodeRecognizer", "SingaporeNricRecognizer", "SouthAfricanIdRecognizer",
           "SpanishIdRecognizer", "UkNinoRecognizer"]


class SpanishIdRecognizer(VeilPatternRecognizer):
    """`07898318A`, `07898318-A` (DNI); `X1234567L`, `Y-1234567-X` (NIE)."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("DNI (check letter)", r"\b\d{8}-?[A-Z]\b", 0.5),
                Pattern("NIE (check letter)", r"\b[XYZ]-?\d{7}-?[A-Z]\b", 0.5)]
    CONTEXT = ["dni", "nie", "nif", "documento", "identidad", "id"]
    FLAGS = 0  # capitals only: `12345678a` is not how either is written
    GATES = {"DNI (check letter)": DigitRunGate(8), "NIE (check letter)": DigitRunGate(7)}
    VALIDATED_SCORE = 0.9

    def validate_result(self, pattern_text: str) -> bool:
        return validators.spanish_id(pattern_text)


#: A digit of a codice fiscale, or the letter that stands for it when two people's codes
#: would be the same (omocodia: L for 0, M for 1, ... V for 9).
_FISCAL_DIGIT = "[0-9LMNP-V]"


class ItalianFiscalCodeRecognizer(VeilPatternRecognizer):
    """`RSSMRA85T10A562S`: surname and name letters, birth year, month letter, day (plus 40
    for women), place code and the check letter."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("codice fiscale (check letter)",
                        rf"\b[A-Z]{{6}}{_FISCAL_DIGIT}{{2}}[ABCDEHLMPRST]{_FISCAL_DIGIT}{{2}}"
                        rf"[A-Z]{_FISCAL_DIGIT}{{3}}[A-Z]\b", 0.5)]
    CONTEXT = ["codice fiscale", "fiscal code", "tax code", "cf"]
    FLAGS = 0  # capitals, as issued; `rssmra85t10a562s` is a word too rarely to read
    VALIDATED_SCORE = 0.9

    def validate_result(self, pattern_text: str) -> bool:
        return validators.italian_fiscal_code(pattern_text)


class FrenchNirRecognizer(VeilPatternRecognizer):
    """`2 55 08 14 168 025 38`, `255081416802538`: sex, birth year and month, department
    (2A, 2B for Corsica), commune, order and the key."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("NIR (key mod 97)",
                        r"\b[1278] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?"
                        r"\d{3} ?\d{2}\b", 0.5)]
    CONTEXT = ["sécurité sociale", "securite sociale", "nir", "insee", "social security"]
    GATES = {"NIR (key mod 97)": r"\d{3} ?\d{3} ?\d{2}"}
    VALIDATED_SCORE = 0.9

    def validate_result(self, pattern_text: str) -> bool:
        return validators.french_nir(pattern_text)


#: Prefixes of UK National Insurance numbers that HMRC never issues (besides D, F, I, Q, U
#: or V first, or O second).
NINO_NEVER_ISSUED = ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


class UkNinoRecognizer(VeilPatternRecognizer):
    """`AB 12 34 56 C`, `AB123456D`: prefixes HMRC never issues (`QQ`, the examples' one,
    `GB`) are left out."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("NINO (format)",
                        rf"\b(?!{'|'.join(NINO_NEVER_ISSUED)})[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                        r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", 0.85)]
    CONTEXT = ["national insurance", "nino", "ni number", "ni no"]
    FLAGS = 0
    GATES = {"NINO (format)": r"\d{2} ?\d{2} ?\d{2}"}


class SingaporeNricRecognizer(VeilPatternRecognizer):
    """`S8812345Z`, `T0123456G` (citizens and permanent residents), `F1234567N` (foreigners):
    a series letter, seven digits and a check letter (one chance in eleven by accident)."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("NRIC or FIN (check letter)", r"\b[STFG]\d{7}[A-Z]\b", 0.5)]
    CONTEXT = ["nric", "fin", "singapore", "ic"]
    FLAGS = 0  # capitals, as issued
    GATES = {"NRIC or FIN (check letter)": DigitRunGate(7)}
    VALIDATED_SCORE = 0.9

    def validate_result(self, pattern_text: str) -> bool:
        return validators.singapore_nric(pattern_text)


class SouthAfricanIdRecognizer(VeilPatternRecognizer):
    """`8001015009087`, `800101 5009 087`: a date of birth, a sequence giving the holder's sex,
    a citizenship digit, an 8 or a 9, and a Luhn check digit: about one random number of
    thirteen digits in seven thousand passes."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("South African ID (date, Luhn)", r"\b\d{6} ?\d{4} ?\d{3}\b", 0.5)]
    CONTEXT = ["id number", "identity", "south africa", "rsa", "fica"]
    GATES = {"South African ID (date, Luhn)": DigitRunGate(6)}
    VALIDATED_SCORE = 0.85

    def validate_result(self, pattern_text: str) -> bool:
        return validators.south_african_id(pattern_text)


class DutchBsnRecognizer(VeilPatternRecognizer):
    """`123456782` after `BSN`, `burgerservicenummer` or `ID number`."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [Pattern("BSN (11-proof)", r"\b[1-9]\d{8}\b", 0.3)]
    CONTEXT = ["bsn", "burgerservicenummer", "sofinummer", "id number", "national id",
               "identity", "citizen service number"]
    GATES = {"BSN (11-proof)": DigitRunGate(9)}
    VALIDATED_SCORE = 0.4  # below the threshold: context must decide

    def validate_result(self, pattern_text: str) -> bool:
        return validators.dutch_bsn(pattern_text)
