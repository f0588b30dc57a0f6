"""The machine-readable zone of passports and identity cards, against ICAO 9303's examples."""

from __future__ import annotations

import pytest

from veil.nlp.recognizers.mrz import MrzRecognizer, mrz_check_digit

PASSPORT = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
CARD = ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")


def read(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end]) for r in MrzRecognizer().analyze(text, [])]


# fmt: off
@pytest.mark.parametrize("field, digit", [
    ("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1), ("D23145890", 7),
])
# fmt: on
def test_check_digits_follow_icao_9303(field, digit):
    assert mrz_check_digit(field) == digit


def test_a_passport_gives_its_number_birth_date_personal_number_and_names():
    assert read(PASSPORT) == [("PASSPORT", "L898902C3"), ("DATE_TIME", "740812"),
                              ("NATIONAL_ID", "ZE184226B"), ("PERSON", "ERIKSSON<<ANNA<MARIA")]


def test_an_identity_card_of_three_lines_too():
    assert read(CARD) == [("PASSPORT", "D23145890"), ("DATE_TIME", "740812"),
                          ("PERSON", "ERIKSSON<<ANNA<MARIA")]


def test_a_line_flattened_onto_one_with_the_other_is_read():
    assert ("PASSPORT", "L898902C3") in read(PASSPORT.replace("\n", " "))


def test_a_data_line_alone_checks_out_without_names():
    text = "L898902C36UTO7408122F1204159 then no names line, only <<"
    assert read(text) == [("PASSPORT", "L898902C3"), ("DATE_TIME", "740812")]


# fmt: off
@pytest.mark.parametrize("text", [
    # every check digit wrong: no number, no date, no personal number, so no names either
    PASSPORT.replace("L898902C36", "L898902C37").replace("7408122", "7408123")
            .replace("<<<<<10", "<<<<<20"),
    "template: <<name>> and <<date>>; ref AB1234567 8 UTO",
])
# fmt: on
def test_nothing_is_read_unless_a_number_checks_out(text):
    assert read(text) == []
