from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.dates import CalendarDateRecognizer
from veil.nlp.recognizers.ner import plausible


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("admitted 07 Jul 2023", ["07 Jul 2023"]),
    ("due September 25, 2023.", ["September 25, 2023"]),
    ("on 2022-01-16", ["2022-01-16"]),
    ("lost on 05/12/2025;", ["05/12/2025"]),
    ("BP 132/84", []),
    # day, month name and year joined as record systems print them
    ("DOB 02-Jan-1983", ["02-Jan-1983"]),
    ("DOB: 02JAN1983, seen 14/Mar/2024", ["02JAN1983", "14/Mar/2024"]),
    ("born 3.Feb.99", ["3.Feb.99"]),
    ("lot 12-JAN-X, order 4-mar-2, 02-Jan/1983", []),  # no year, or two marks
    ("invoice 4471-20", []),
])
# fmt: on
def test_calendar_date_recognizer(text, expected):
    assert matched_texts(CalendarDateRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("entity, span, expected", [
    ("DATE_TIME", "March 3", True),
    ("DATE_TIME", "today", False),                       # not a calendar date
    ("DATE_TIME", "CA 77895", False),                    # a ZIP the model called a date
    ("DATE_TIME", "94-year-old", False),
    ("DATE_TIME", "838 2015", False),                    # the end of a phone number
    ("DATE_TIME", "05/12/2025", True),
    ("PERSON", "6,903.96", False),                       # an amount the model called a name
    ("PERSON", "Maria", True),
])
# fmt: on
def test_ner_noise_filter(entity, span, expected):
    assert plausible(entity, span) is expected
