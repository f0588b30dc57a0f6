from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.age import AgeOver89Recognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("a 93-year-old woman", ["93"]),
    ("aged 95, declines imaging", ["95"]),
    ("Age: 101", ["101"]),
    ("92 y/o male", ["92"]),
    ("is 90 years old", ["90"]),
    ("a 89-year-old man", []),                           # 89 and under are not identifiers
    ("65 years old", []),
    ("lisinopril 90 mg", []),                            # a dose, not an age
    # between commas after a name, before what is said of a person
    ("Intake: Marisol Ortega-Ruiz, 93, widowed, lives with", ["93"]),
    ("Tablets, 90, daily; Room 12, 93, with; Smith, 45, married", []),
    ("applicant Sean Gallagher, 91, non-smoker, policy", ["91"]),
    # in brackets after a full name; not after a measure's name, nor after one word
    ("Pharmacy: refill for Dorothy Pryce (93), Rx", ["93"]),
    ("Heart Rate (92), Oxygen Saturation (95); Bed (97); Tyler (14)", []),
    ("Home visit: Mr K (96) bedbound; Mrs. O'Neill (101).", ["101", "96"]),
])
# fmt: on
def test_age_over_89_recognizer(text, expected):
    assert matched_texts(AgeOver89Recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # the age and a sex's letter that open a triage or a presentation
    ("ED triage: 97M brought in by ambulance from home", ["97"]),
    ("92F presents with confusion", ["92"]),
    ("101 F w/ hx of AF", ["101"]),
    ("85M brought in by ambulance", []),                 # 89 and under are not identifiers
    ("raised $97M with investors; turnover 97M in 2023", []),  # money
    ("sold 92F units", []),                              # no word of a presentation after
])
# fmt: on
def test_age_and_sex_of_a_triage_line(text, expected):
    assert matched_texts(AgeOver89Recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Social care: Edna (94) lives alone in Hebden Bridge", ["94"]),
    ("Bed (97) is free; Room (92) has a view; Edna (94), Bob", []),  # a measure; nothing said
])
# fmt: on
def test_age_in_brackets_after_one_name_when_said_of_a_person(text, expected):
    assert matched_texts(AgeOver89Recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Marjorie Ellison is a 96 y.o. female from Scottsdale", ["96"]),  # `y.o.` then a space
    ("Hospice intake: Walter Kim, 98, DNR, lives with caregiver", ["98"]),
    ("Bed 12, 95, DNR order checked", []),               # no name's letter before the comma
])
# fmt: on
def test_age_after_y_o_with_points_and_before_a_code_status(text, expected):
    assert matched_texts(AgeOver89Recognizer(), text) == expected
