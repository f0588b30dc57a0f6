"""National identity numbers with a format of their own: found bare, checked where they can be."""

from __future__ import annotations

import random
import string

import pytest
from presidio_analyzer.predefined_recognizers import ItFiscalCodeRecognizer
from tests.nlp.conftest import matched_texts, matches

from veil.nlp.recognizers import validators
from veil.nlp.recognizers.national_ids import (
    DutchBsnRecognizer,
    FrenchNirRecognizer,
    ItalianFiscalCodeRecognizer,
    SingaporeNricRecognizer,
    SouthAfricanIdRecognizer,
    SpanishIdRecognizer,
    UkNinoRecognizer,
)

LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (SpanishIdRecognizer, "Customer: 07898318A.", ["07898318A"]),
    (SpanishIdRecognizer, "DNI 07898318-A", ["07898318-A"]),
    (SpanishIdRecognizer, "NIE X1234567L on file", ["X1234567L"]),
    (SpanishIdRecognizer, "Customer: 07898318B.", []),                # wrong check letter
    (SpanishIdRecognizer, "invoice 07898318a", []),                   # not how one is written
    (UkNinoRecognizer, "NI: AB 12 34 56 C", ["AB 12 34 56 C"]),
    (UkNinoRecognizer, "it's AB123456D", ["AB123456D"]),
    (UkNinoRecognizer, "GB123456A, QQ 12 34 56 A", []),               # never issued
    (UkNinoRecognizer, "AB123456E", []),                              # no such suffix
    (ItalianFiscalCodeRecognizer, "Cliente: RSSMRA85T10A562S.", ["RSSMRA85T10A562S"]),
    (ItalianFiscalCodeRecognizer, "CF RSSMRA85T10A562T", []),          # wrong check letter
    (ItalianFiscalCodeRecognizer, "ref RSSMRA85T10A5M2Y", ["RSSMRA85T10A5M2Y"]),  # omocodia
    (FrenchNirRecognizer, "NIR 2 55 08 14 168 025 38 ok", ["2 55 08 14 168 025 38"]),
    (FrenchNirRecognizer, "it is 255081416802538", ["255081416802538"]),
    (FrenchNirRecognizer, "1 85 05 2A 006 084 35", ["1 85 05 2A 006 084 35"]),  # Corsica
    (FrenchNirRecognizer, "2 55 08 14 168 025 39", []),                # wrong key
    (FrenchNirRecognizer, "377675297702668 3 55 08 14 168 025 85", []),  # Amex-like first digit
    (SingaporeNricRecognizer, "SG KYC: Tan Wei Ming, NRIC S8812345Z, Blk", ["S8812345Z"]),
    (SingaporeNricRecognizer, "FIN F1234567N; S8812345A; s8812345z", ["F1234567N"]),
    (SouthAfricanIdRecognizer, "client Sipho Ndlovu, 8001015009087, Soweto", ["8001015009087"]),
    (SouthAfricanIdRecognizer, "ID 800101 5009 087", ["800101 5009 087"]),
    (SouthAfricanIdRecognizer, "ref 8001015009088; card 4111111111111111", []),
])
# fmt: on
def test_national_id_formats(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


def test_spanish_check_letters_follow_the_number_mod_23():
    for number in ("00000000", "07898318", "12345678", "99999999"):
        right = LETTERS[int(number) % 23]
        assert validators.spanish_id(number + right)
        assert not any(validators.spanish_id(number + other)
                       for other in LETTERS if other != right)
    assert validators.spanish_id("Z" + "1234567" + LETTERS[21234567 % 23])  # Z reads as 2


def test_a_bare_bsn_stays_below_the_threshold_and_counts_with_context(pattern_detector):
    """Nine digits pass the 11-proof one time in eleven: the check alone is not enough."""
    assert validators.dutch_bsn("123456782") and not validators.dutch_bsn("123456781")
    assert [score for _, score in matches(DutchBsnRecognizer(), "ref 123456782")] == [0.4]
    assert matches(DutchBsnRecognizer(), "ref 123456781") == []

    def found(text: str) -> list[tuple[str, str]]:
        return [(f.entity, text[f.start:f.end])
                for f in pattern_detector.detect([text]).findings[0]]

    assert found("The 123456782 shipped.") == []
    # an order's reference is one, of another kind
    assert found("Order reference 123456782 shipped.") == [("CASE_REFERENCE", "123456782")]
    assert found("I need your ID number. Customer: 123456782.") == [("NATIONAL_ID", "123456782")]
    assert found("BSN 123456782") == [("NATIONAL_ID", "123456782")]


def test_codice_fiscale_check_letter_follows_the_tables():
    """Of the 26 letters in last place exactly one is right: for RSSMRA85T10A562 (Mario Rossi,
    10 Dec 1985, Rome, the Agenzia delle Entrate's example) it is S. Presidio's Italian
    recognizer, written apart from veil's, agrees on every letter of random codes."""
    right = [letter for letter in string.ascii_uppercase
             if validators.italian_fiscal_code("RSSMRA85T10A562" + letter)]
    assert right == ["S"]
    assert not validators.italian_fiscal_code("RSSMRA85T10A562")  # too short
    presidio = ItFiscalCodeRecognizer()
    rng = random.Random(7)
    digit = "0123456789LMNPQRSTUV"
    for _ in range(300):
        body = "".join(rng.choice(pool) for pool in [string.ascii_uppercase] * 6 + [digit] * 2
                       + ["ABCDEHLMPRST"] + [digit] * 2 + [string.ascii_uppercase] + [digit] * 3)
        for letter in string.ascii_uppercase:
            assert validators.italian_fiscal_code(body + letter) == bool(
                presidio.validate_result(body + letter))


def test_nir_key_is_97_less_the_number_mod_97():
    for body in ("2550814168025", "1850578006084", "1010199999999"):
        key = 97 - int(body) % 97
        assert validators.french_nir(f"{body}{key:02d}")
        assert not validators.french_nir(f"{body}{(key % 97) + 1:02d}")
    # Corsica: 2A reads as 19, 2B as 18
    assert validators.french_nir(f"1850519006084{97 - 1850519006084 % 97:02d}".replace(
        "18505190", "185052A0"))


def test_bare_codice_fiscale_and_nir_are_found_by_the_detector(pattern_detector):
    text = "Customer: RSSMRA85T10A562S, numéro de sécurité sociale 2 55 08 14 168 025 38."
    found = [(f.entity, text[f.start:f.end]) for f in pattern_detector.detect([text]).findings[0]]
    assert found == [("NATIONAL_ID", "RSSMRA85T10A562S"), ("NATIONAL_ID", "2 55 08 14 168 025 38")]
