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
    # a given name joined by `and` to a full name: a joint account's holders
    ("applicants Priya and Rohan Mehta", "Rohan Mehta", "Priya and Rohan Mehta"),
    ("joint acct Priya & Rohan Mehta", "Rohan Mehta", "Priya & Rohan Mehta"),
    ("seen with Priya and Mehta", "Mehta", "Mehta"),          # not before a surname alone
    ("Pharmacy and Rohan Mehta", "Rohan Mehta", "Rohan Mehta"),
])
# fmt: on
def test_a_given_name_before_the_models_person_joins_it(text, surname, expected):
    start, end = text.index(surname), text.index(surname) + len(surname)
    assert text[span_start("PERSON", text, start, end):end] == expected


def test_only_a_person_span_is_widened():
    text = "cust Mehmet Yilmaz"
    start = text.index("Yilmaz")
    assert span_start("LOCATION", text, start, start + len("Yilmaz")) == start


def test_the_full_detector_redacts_the_given_name_the_model_left_out(found):
    assert ("PERSON", "Mehmet Yilmaz") in found(
        "SAR filed for structuring: cust Mehmet Yilmaz deposited $9,500 on 3 consecutive days.")


def test_a_word_cut_by_the_window_before_the_name_is_no_given_name():
    # the 30 characters before `Yilmaz` start at the `J` inside one long word
    text = "cust Abcdefghi" + "J" + "k" * 28 + " Yilmaz"
    start = text.index("Yilmaz")
    assert span_start("PERSON", text, start, start + len("Yilmaz")) == start


def test_a_heading_and_a_job_title_are_no_names_but_the_name_beside_them_is(found):
    text = ("Hospice: Dr Helen Cartwright | Consultant Rheumatologist | 0114 271 1900\n"
            "Telecom chat: Agent: can I take the account holder's name?")
    entities = found(text)
    assert ("PERSON", "Helen Cartwright") in entities
    assert not [span for entity, span in entities
                if entity in ("PERSON", "LOCATION") and span != "Helen Cartwright"]
