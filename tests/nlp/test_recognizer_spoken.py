"""Numbers a call's transcript spells digit by digit."""

from __future__ import annotations

import pytest

from veil.nlp.recognizers.spoken import SpokenNumberRecognizer, spoken_digits


def read(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end])
            for r in SpokenNumberRecognizer().analyze(text, [])]


# fmt: off
@pytest.mark.parametrize("words, digits", [
    ("four one one one", "4111"),
    ("oh seven seven double oh nine", "077009"),
    ("Triple five, zero O one", "555001"),
])
# fmt: on
def test_spoken_digits(words, digits):
    assert spoken_digits(words) == digits


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a card's number by Luhn's check, whatever is said before it
    ("Caller: it's four one one one, one one one one, one one one one, one one one one thanks",
     [("CREDIT_CARD", "four one one one, one one one one, one one one one, one one one one")]),
    # the others by the nearest word before them that names them
    ("Caller: my mobile is oh seven seven double oh nine double oh one two three",
     [("PHONE_NUMBER", "oh seven seven double oh nine double oh one two three")]),
    ("Caller: social is one two three, four five, six seven eight nine",
     [("US_SSN", "one two three, four five, six seven eight nine")]),
    ("Caller: policy number is four four seven one two oh nine",
     [("CASE_REFERENCE", "four four seven one two oh nine")]),
    # nothing names a count read out; too few words; a name's length that does not fit
    ("we counted one two three four five six seven sheep", []),
    ("Oh, one more thing: two three four five six", []),
    ("my social is one two three four five six seven", []),   # seven digits: no SSN
])
# fmt: on
def test_spoken_numbers_are_read_by_luhn_or_by_their_label(text, expected):
    assert read(text) == expected


def test_the_detector_replaces_a_spoken_card_number(found):
    text = ("Caller: my card number is four one one one, one one one one, one one one one, "
            "one one one one")
    assert [entity for entity, _ in found(text)] == ["CREDIT_CARD"]
