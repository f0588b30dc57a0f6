from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.dates import CalendarDateRecognizer
from veil.nlp.recognizers.ner import plausible, plausible_in


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("admitted 07 Jul 2023", ["07 Jul 2023"]),
    ("due September 25, 2023.", ["September 25, 2023"]),
    ("on 2022-01-16", ["2022-01-16"]),
    ("lost on 05/12/2025;", ["05/12/2025"]),
    ("BP 132/84", []),
    # the day first, as the UK and Europe write dates, where it cannot be a month
    ("LMP 14/04/2024, DOB 25/12/1980, seen 31/01/24", ["14/04/2024", "25/12/1980", "31/01/24"]),
    ("seen 14/4 by the GP", ["14/4"]),
    ("ratio 13/13/2020 and 32/01/2024", []),               # neither a month nor a day
    # day, month name and year joined as record systems print them
    ("DOB 02-Jan-1983", ["02-Jan-1983"]),
    ("DOB: 02JAN1983, seen 14/Mar/2024", ["02JAN1983", "14/Mar/2024"]),
    ("born 3.Feb.99", ["3.Feb.99"]),
    ("lot 12-JAN-X, order 4-mar-2, 02-Jan/1983", []),  # no year, or two marks
    ("invoice 4471-20", []),
    # a month and day without a year, after a word that makes them a date
    ("Pt seen 3/14 for follow-up", ["3/14"]),
    ("admitted on 11/2 and discharged 11/5.", ["11/2", "11/5"]),
    ("Appt Wed 3/18 at 2pm; DOS: 12/3", ["12/3", "3/18"]),
    ("labs from 2/1 - 2/9, 2/12", ["2/1", "2/12", "2/9"]),  # a range, then a list
    ("due by 3/15", ["3/15"]),
    ("atorvastatin filled 11/18; labs drawn 4/2; paid 2/3 of it", ["11/18", "4/2"]),
    ("seen 3/14/2024", ["3/14/2024"]),                      # with its year, as a whole
    ("pain 7/10, BP 120/80, GCS 15/15", []),                # no date word
    # with a time of day after it, whatever comes before
    ("Appt w/ Dr. Lee 4/15 @ 2pm, Rm 314", ["4/15"]),
    ("Interpreter booked for 10/01 09:30 appt", ["10/01"]),  # a 24-hour time
    ("pain 5/10 09:30, took 1/2 14:00", []),
    ("pain 5/10 at 2pm, took 1/2 at 9pm", []),              # a score, a dose
    # a month and a year
    ("Immunizations: Flu 10/2023 (lot FL2231)", ["10/2023"]),
    ("epinephrine 1/2000 dilution, 13/2023, 10/1850", []),
    ("7/10 - 8/10 pain", []),                               # a range with no date word
    ("started on 1/2 tab daily, on 2/3 of days", []),       # a dose, a fraction
    ("symptoms since 3/7 days", []),                        # days, the British way
    ("dose reduced by 1/2.", []),                           # `by` a common fraction
    ("seen 13/14 and 1.5/10 and 3/14.5", []),               # no month, or a decimal
    ("deposits between 03/01 and 03/19.", ["03/01", "03/19"]),
    ("between 1/2 and 3/4 of a tab", []),                   # `between` common fractions
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
    ("LOCATION", "MD", False),                           # `Anand Patel, MD`: a degree
    ("LOCATION", "Leeds", True),
    ("PERSON", "PMH", False),                            # a note's section heading
    ("LOCATION", "HEENT:", False),
    ("PERSON", "Pmh", True),                             # in capitals only
    ("PERSON", "DOE", True),                             # dyspnoea on exertion, and a surname
    ("LOCATION", "NINO", False),                         # an identifier's label
    ("PERSON", "MTCN", False),
    ("LOCATION", "Nino", True),
    # a note's heading, a job title: never a name or a place, whatever their case
    ("PERSON", "Hospice", False),
    ("LOCATION", "Telecom", False),
    ("PERSON", "Crypto KYC", False),
    ("PERSON", "Senior Claims Handler", False),
    ("PERSON", "Consultant Rheumatologist", False),
    ("NRP", "selfie", False),
    ("PERSON", "Ophth", False),                          # a specialty's abbreviation
    ("LOCATION", "Versichertennr", False),               # a German form's label
    ("PERSON", "TC Kimlik", False),                      # Turkey's identity number's label
    ("LOCATION", "Asiakas", False),                      # `customer` in Finnish
    ("PERSON", "Payslip", False),
    ("PERSON", "Consultant Smith", True),                # a name among them stays
    ("PERSON", "Teller", True),                          # a surname too
])
# fmt: on
def test_ner_noise_filter(entity, span, expected):
    assert plausible(entity, span) is expected


def test_a_month_the_model_calls_a_name_stays_a_date(found):
    """The small model calls `Mar` a person: the date it starts was replaced by a fake name."""
    assert found("Email from the daughter received Mar 3 asking for the papers.") == [
        ("DATE_TIME", "Mar 3")]


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a weekday and the day of the month, as appointments and chats give them
    ("next review Thurs 14th", ["Thurs 14th"]),
    ("engineer visit on Monday the 12th", ["Monday the 12th"]),
    ("open Mon-Fri 9-5; closed Sun", []),
    ("on Monday 2 units were given", []),                # no ordinal: a count
    # the day alone, after a date word, where the sentence goes on as after a date
    ("the charge from the 3rd is still pending", ["3rd"]),
    ("reviewed on the 21st.", ["21st"]),
    ("on the 3rd floor; by the 2nd dose; after the 1st attempt", []),
    # the day of a month, as a caller says it
    ("DOB given as the 3rd of May 1971, postcode", ["the 3rd of May 1971"]),
    ("due on the 21st of June", ["the 21st of June"]),
    ("2 of March's patients; 5 of May", []),             # no ordinal: a count
    # in words, as a call's transcript has what the caller said
    ("Customer: fourth of April eighty-two.", ["fourth of April eighty-two"]),
    ("born on the twenty-first of June nineteen seventy-five",
     ["the twenty-first of June nineteen seventy-five"]),
    ("the second of March two thousand and five", ["the second of March two thousand and five"]),
    ("a third of March patients; one third of March's budget; the fifth of may be", []),
])
# fmt: on
def test_days_of_the_month_said_as_callers_and_chats_say_them(text, expected):
    assert matched_texts(CalendarDateRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("ICU note: Mr Hassan extubated 06/01; wife updated", ["06/01"]),
    ("vaccinated 3/14, swabbed 3/16", ["3/14", "3/16"]),
    ("delivered 1/2 of the dose", []),                   # a fraction and what it is of
])
# fmt: on
def test_a_month_and_day_after_a_clinical_event(text, expected):
    assert matched_texts(CalendarDateRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, start, end, expected", [
    ("German note: Patientin", 0, 6, False),             # the language the note is in
    ("needs a Spanish interpreter", 8, 15, False),
    ("French-speaking pt", 0, 6, False),
    ("nationality: Nigerian; NIN", 13, 21, True),
    ("a German national, resident", 2, 8, True),
])
# fmt: on
def test_a_language_used_is_no_nationality(text, start, end, expected):
    assert plausible_in("NRP", text, start, end) is expected
