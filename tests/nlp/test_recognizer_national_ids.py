"""National identity numbers with a format of their own: found bare, checked where they can be."""

from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts, matches

from veil.nlp.recognizers import validators
from veil.nlp.recognizers.national_ids import (
    DutchBsnRecognizer,
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

    assert found("Order reference 123456782 shipped.") == []
    assert found("I need your ID number. Customer: 123456782.") == [("NATIONAL_ID", "123456782")]
    assert found("BSN 123456782") == [("NATIONAL_ID", "123456782")]
