"""SWIFT MT payment messages: each party's account, name and address, and the references and
bank codes, by the field's tag."""

from __future__ import annotations

import pytest

from veil.nlp.recognizers.swift_mt import SwiftMessageRecognizer

MESSAGE = """{4:
:20:REF123456
:23B:CRED
:32A:241118EUR12500,00
:50K:/DE89370400440532013000
HANS MUELLER
MUELLERSTRASSE 1
10115 BERLIN
:52A:COBADEFFXXX
:59F:/FR1420041010050500013M02606
1/CLAIRE DUBOIS
2/12 RUE DE LA PAIX
3/FR/PARIS
:70:INVOICE 4471
:71A:SHA
-}"""


def read(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end])
            for r in SwiftMessageRecognizer().analyze(text, [])]


def test_a_message_on_its_lines_gives_each_party_by_tag():
    assert read(MESSAGE) == [
        ("CASE_REFERENCE", "REF123456"),
        ("IBAN_CODE", "DE89370400440532013000"), ("PERSON", "HANS MUELLER"),
        ("STREET_ADDRESS", "MUELLERSTRASSE 1"), ("STREET_ADDRESS", "10115 BERLIN"),
        ("SWIFT_CODE", "COBADEFFXXX"),
        # the F option's numbered lines: name, address, country and town
        ("IBAN_CODE", "FR1420041010050500013M02606"), ("PERSON", "CLAIRE DUBOIS"),
        ("STREET_ADDRESS", "12 RUE DE LA PAIX"), ("LOCATION", "FR/PARIS"),
    ]


def test_a_message_flattened_onto_one_line_keeps_its_tags():
    text = ("MT103 :20:FT24323KX91 :50K:/DE89370400440532013000 HANS MUELLER :57A:BNPAFRPPXXX "
            ":59:/FR1420041010050500013M02606 CLAIRE DUBOIS :70:INV 4471")
    assert read(text) == [
        ("CASE_REFERENCE", "FT24323KX91"), ("IBAN_CODE", "DE89370400440532013000"),
        ("PERSON", "HANS MUELLER"), ("SWIFT_CODE", "BNPAFRPPXXX"),
        ("IBAN_CODE", "FR1420041010050500013M02606"), ("PERSON", "CLAIRE DUBOIS"),
    ]


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # an account that is no IBAN, and the A option's bank code after it
    (":20:X1\n:59A:/12345678\nBOFAUS3N", [("CASE_REFERENCE", "X1"),
                                          ("US_BANK_NUMBER", "12345678"),
                                          ("SWIFT_CODE", "BOFAUS3N")]),
    # no account: the name is the field's first line; a reference needs a digit
    (":50K:JOHN SMITH\n:20:NONUMBER", [("PERSON", "JOHN SMITH")]),
    # one tag alone, or tags of no message, make no message
    ("Ratio 1:20: see :59 and :50 of the report", []),
    ("meeting at 10:20: agreed; 14:59: noted", []),   # times: no tag after a digit
])
# fmt: on
def test_only_a_message_is_read_by_tag(text, expected):
    assert read(text) == expected


def test_the_detector_replaces_a_message_s_parties(found):
    text = ":20:FT24323KX91 :50K:/DE89370400440532013000 HANS MUELLER :57A:BNPAFRPPXXX"
    assert ("PERSON", "HANS MUELLER") in found(text)
