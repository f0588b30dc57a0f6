from __future__ import annotations

import pytest

from veil.nlp.recognizers.ner import span_start


# fmt: off
@pytest.mark.parametrize("text, surname, expected", [
    # a capitalised word right before the model's name, inside a sentence: its given name
    ("SAR filed: cust Mehmet Yilmaz deposited cash", "Yilmaz", "Mehmet Yilmaz"),
    ("spoke with Tāne Parata today", "Parata", "Tāne Parata"),
    # not at a sentence's start, nor a title, a role, a form's or a memo's word
    ("Mehmet Yilmaz deposited cash", "Yilmaz", "Yilmaz"),
    ("Seen. Called Yilmaz back", "Yilmaz", "Yilmaz"),
    ("per Dr Yilmaz today", "Yilmaz", "Yilmaz"),
    ("referred to the Hospital Yilmaz", "Yilmaz", "Yilmaz"),
    ("Emergency Contact Yilmaz", "Yilmaz", "Yilmaz"),
    ("paid to RENT Yilmaz", "Yilmaz", "Yilmaz"),             # capitals are no given name
    ("sent to  Yilmaz", "Yilmaz", "Yilmaz"),                 # two spaces: no name of one
    ("cust O'Brien Yilmaz", "Yilmaz", "Yilmaz"),             # an apostrophe in the word before
])
# fmt: on
def test_a_given_name_before_the_models_person_joins_it(text, surname, expected):
    start = text.index(surname)
    assert text[span_start("PERSON", text, start):start + len(surname)] == expected


def test_only_a_person_span_is_widened():
    text = "cust Mehmet Yilmaz"
    assert span_start("LOCATION", text, text.index("Yilmaz")) == text.index("Yilmaz")


def test_the_full_detector_redacts_the_given_name_the_model_left_out(found):
    assert ("PERSON", "Mehmet Yilmaz") in found(
        "SAR filed for structuring: cust Mehmet Yilmaz deposited $9,500 on 3 consecutive days.")
