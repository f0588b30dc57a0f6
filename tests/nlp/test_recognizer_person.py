from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.person import PersonNameRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Seen by Dr. Okafor today", [("Okafor", 0.85)]),                # title
    ("Mrs Jane Doe called", [("Jane Doe", 0.85)]),
    ("my name is Błażej Sibiga.", [("Błażej Sibiga", 0.9)]),          # introduced, any script
    ("ask for Giuseppina.", [("Giuseppina", 0.9)]),
    ("KYC review done, checked by Kacper.", [("Kacper", 0.9)]),      # a name lists lack
    ("Consent witnessed by Zbigniew Wróbel.", [("Zbigniew Wróbel", 0.9)]),
    ("The report from Maria Gonzalez arrived", [("Maria Gonzalez", 0.85)]),  # list first+last
    ("Patient reports chest pain.", []),
    ("DISCHARGE SUMMARY. Patient: Rodriguez, Joy. Admitted", [("Rodriguez, Joy", 0.9)]),
    ("On Monday March we met", []),                                  # month/day words
    # said only of a person in a record, whatever the language of the name
    ("Chart reviewed; Benoît Heath was last seen 03/05/2022.", [("Benoît Heath", 0.9)]),
    ("Greca de Bont was admitted on Tuesday.", [("Greca de Bont", 0.9)]),
    ("Matthijs is seen today for follow-up.", [("Matthijs", 0.9)]),
    ("Mother was admitted overnight. She was discharged home.", []),  # a role, a pronoun
    ("Patient was last seen in March.", []),
    # money moved to or from someone, or asked for by someone: two names or more
    ("Rent transfer to Hella Steckel IBAN DE56779360070370837", [("Hella Steckel", 0.9)]),
    ("Refund requested by Benoît Lamy, call back on 339.678.2731", [("Benoît Lamy", 0.9)]),
    ("Rent transfer to Mette de Bock IBAN NL95ABNA0171210349", [("Mette de Bock", 0.9)]),
    ("Transfer to Savings Account", []),                            # a bank's own words
    ("transfer to Netflix", []),                                    # one word: a merchant
    ("Transfer to Home Depot", []),                                 # a business's words
    ("Payment sent to Whole Foods Market", []),
    ("Transfer to Delta Airlines", []),
    ("Transfer to Samantha Power", [("Samantha Power", 0.9)]),      # a surname, not a firm's
    # capitals inside a name: the span held `O'` and `La`, and `Neil` and `Toya` stayed
    ("Dear O'Neil, your card is ready.", [("O'Neil", 0.9)]),
    ("Ask for LaToya.", [("LaToya", 0.9)]),
    ("Refund requested by Jean-Luc D'Arcy.", [("Jean-Luc D'Arcy", 0.9)]),
    ("Spoke with DeShawn MacArthur today.", [("DeShawn MacArthur", 0.9)]),
    ("Patient McDonald was seen today.", [("McDonald", 0.9)]),
    ("Thanks, I'll check. Hi, I'm back.", []),                     # `I'll` is no name
    # a known first name after `it's` or `I'm` (a chat's signature), and only a known one
    ("you can text me at 555-0123, it's Maria.", [("Maria", 0.9)]),
    ("Hi, I'm Deborah, calling about my card.", [("Deborah", 0.9)]),
    ("it's Friday and it's Lasix 40 mg.", []),
])
# fmt: on
def test_person_name_recognizer(text, expected):
    assert [m for m in matches(PersonNameRecognizer(), text) if m[1] >= 0.5] == expected


def test_person_lone_name_is_weak_without_context():
    assert matches(PersonNameRecognizer(), "we met with the Brown team") == [("Brown", 0.3)]


def test_person_insurer_named_blue_cross_holds_no_lone_name():
    """`Cross` is a surname, and with a context word near (`Dr.`) a lone one counts."""
    text = "Seen by Dr. Green. Insurance: Blue Cross, Member ID on file. Mr Cross called."
    assert [m for m in matches(PersonNameRecognizer(), text) if m[0] == "Cross"] == [
        ("Cross", 0.85)]  # the titled one only
