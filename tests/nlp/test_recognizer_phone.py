from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.nlp.conftest import matches

from veil.nlp.recognizers.phone import PhoneNumberRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("(415) 555-2671", [("(415) 555-2671", 0.6)]),
    ("call 415.555.2671 now", [("415.555.2671", 0.6)]),
    ("+1 415 555 2671", [("+1 415 555 2671", 0.6)]),
    ("415-555-2671 x12", [("415-555-2671 x12", 0.6)]),   # extension kept with the number
    ("+44 20 7946 0958", [("+44 20 7946 0958", 0.6)]),   # international with +
    ("4155552671", [("4155552671", 0.4)]),               # bare ten digits: weaker
    ("123-45-6789", []),                                 # SSN shape
    ("115-555-2671", []),                                # area codes never start with 1
    # seven digits, no area code: only after a word for a phone, in the same sentence
    ("call 555-0199 now", [("555-0199", 0.6)]),
    ("pager 555.0199 x12", [("555.0199 x12", 0.6)]),
    ("cell: 555 0142", [("555 0142", 0.6)]),
    ("Tel. 555-0142", [("555-0142", 0.6)]),              # an abbreviation's point
    ("Paged Dr. Lee at 555-0142", [("555-0142", 0.6)]),  # a title's point
    ("Lot 512-3301 given", []),                          # no word for a phone
    ("Phone: 555-0100. Lot 512-3301 given", [("555-0100", 0.6)]),  # the word is a sentence back
    ("call 5550199", []),                                # no separator: any number
    ("call 155-0199", []),                               # exchanges never start with 1
    ("call 2024-0312", []),                              # a year and more
    ("call 555-0199.5", []), ("call 12.555-0199", []), ("call 555-0199-2", []),  # longer numbers
    # dialled inside its country, after the trunk 0: with a word for a phone too
    ("Mobile: 07911 123456", [("07911 123456", 0.6)]),
    ("contact - Liam (brother) 0161 496 0000", [("0161 496 0000", 0.6)]),
    ("call me on 020 7946 0958 x4", [("020 7946 0958 x4", 0.6)]),
    ("call me on 020 7946 0958 EXT 12", [("020 7946 0958 EXT 12", 0.6)]),  # in capitals
    ("phone 0161 496 00 Ext. 1234", []),                 # an extension's digits don't count
    ("tel 01 23 45 67 89", [("01 23 45 67 89", 0.6)]),
    ("Lot 0151 23456789 was used", []),                  # no word for a phone
    ("call about invoice 0012-3456-789", []),            # 00 starts no national number
    ("phone 0161 496 00", []),                           # eight digits
    ("phone 0151 234 567 890", []),                      # thirteen digits
    # NANP-shaped but from 0, with no word for a phone: the NANP pattern found it, and no
    # area code starts with 0 (a batch, a reference: not scored as a number dialled from 0)
    ("Batch 012-345-6789 received", []),
    ("Lot 0123456789 released", []),
    ("Ref 001-234-5678", []),
    ("call 012-345-6789", [("012-345-6789", 0.6)]),      # cued: dialled from 0
    # the words for a phone of other languages, and of chats
    ("Tél : 01 23 45 67 89", [("01 23 45 67 89", 0.6)]),
    ("Handy 0151 23456789", [("0151 23456789", 0.6)]),   # a German mobile: twelve digits
    ("Teléfono 091 123 45 67", [("091 123 45 67", 0.6)]),
    ("Cellulare 0331 1234567", [("0331 1234567", 0.6)]),
    ("Mobiel: 06 12345678", [("06 12345678", 0.6)]),
    ("GSM 0470 12 34 56", [("0470 12 34 56", 0.6)]),
    ("ring me on 07700 900 123 please", [("07700 900 123", 0.6)]),
    ("my number's 07700 900123", [("07700 900123", 0.6)]),
    ("registered to my old number 0161 496 0123", [("0161 496 0123", 0.6)]),
    ("Whatsapp 07700 900123", [("07700 900123", 0.6)]),
    # a UK mobile spaced as the UK writes it needs no word for a phone
    ("partner Callum (07712 345678) present", [("07712 345678", 0.6)]),
    # a UK landline in the UK's spacing needs no word for a phone either
    ("spoke to his manager at 0161 496 0012; she", [("0161 496 0012", 0.6)]),
    ("London 020 7946 0958, 01970 622418", [("01970 622418", 0.6), ("020 7946 0958", 0.6)]),
    ("Lot 0161 496 0000 was used", [("0161 496 0000", 0.6)]),  # that shape is a phone's
    ("ref 0161-496-0012; 0161 4960012; order 01234 5678; 0161 496 00123", []),
    ("mob 07712 345 678", [("07712 345 678", 0.6)]),
    ("ref 07712345678 and 0771 2345678", []),              # unspaced, or spaced otherwise
    # a Kenyan mobile and a Nigerian one, spaced as written there, need no word either
    ("owner: Sandra Kiplagat, 0722 123456, Plot 12", [("0722 123456", 0.6)]),
    ("KYC: BVN verified, 0803 123 4567 on file", [("0803 123 4567", 0.6)]),
    ("ref 0722123456; lot 0722 1234567; 0803 1234 567", []),
    # countries that dial no trunk 0: Spain, Portugal, an Italian mobile; cued
    ("KYC: tel. 612 345 678.", [("612 345 678", 0.6)]),
    ("Teléfono 912 34 56 78", [("912 34 56 78", 0.6)]),
    ("cellulare 347 123 4567", [("347 123 4567", 0.6)]),
    ("Lot 612 345 678 given; invoice 712 345 678 paid, call me", []),
])
# fmt: on
def test_phone_recognizer(text, expected):
    assert matches(PhoneNumberRecognizer(), text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Please call 555-0199 after 5 pm.", [("PHONE_NUMBER", "555-0199")]),
    ("Daughter can be reached at home, 555-0177.", [("PHONE_NUMBER", "555-0177")]),
    ("Lot 512-3301 of the vaccine was given.", []),  # the same shape, with no word for a phone
    ("Contact: J. Smith (daughter) 555-0134",  # an initial ends no sentence
     [("PERSON", "J. Smith"), ("PHONE_NUMBER", "555-0134")]),
    ("Phone: 555-0100. Lot 512-3301", [("PHONE_NUMBER", "555-0100")]),  # a sentence ends
    ("my husband set it up, his number is 07700 900456", [("PHONE_NUMBER", "07700 900456")]),
    # dialled from Europe, `00` for the `+`: with a word for a phone, as IDs are padded so
    ("Emergency contact 0048 601 234 567", [("PHONE_NUMBER", "0048 601 234 567")]),
    ("Call 0044 20 7946 0958 x12 please", [("PHONE_NUMBER", "0044 20 7946 0958 x12")]),
    ("lot 0048 601 234 567 used", []),
    # `the number is`, and next of kin: what follows them is how to reach someone
    ("my account is under my wife's name, and the number is 0412 555 019",
     [("PHONE_NUMBER", "0412 555 019")]),
    ("Next of kin Declan (087 123 4567).",
     [("PERSON", "Declan"), ("PHONE_NUMBER", "087 123 4567")]),
    ("the number of patients is 0412 555 019", []),
    ("first name Janusz; callback on 555-0187",
     [("PERSON", "Janusz"), ("PHONE_NUMBER", "555-0187")]),
    # a two-digit area code in brackets (Brazil), after `cel.`, whose point ends no sentence
    ("CPF on file; cel. (11) 98765-4321", [("PHONE_NUMBER", "(11) 98765-4321")]),
    ("ratio (11) 2345-6789 units", []),
])
def test_phone_local_number_is_found_with_a_word_for_a_phone(found, text, expected):
    assert found(text) == expected


_DIGIT = st.sampled_from("0123456789")
_SEPARATOR = st.sampled_from(["", " ", ".", "-"])


@st.composite
def _nanp_shaped(draw) -> str:
    """A number the NANP pattern finds: prefix, area code in brackets or not, extension."""
    area, exchange, line = (draw(st.text(_DIGIT, min_size=n, max_size=n)) for n in (3, 3, 4))
    if draw(st.booleans()):
        area = f"({area})" + draw(st.sampled_from(["", " "]))
    else:
        area += draw(_SEPARATOR)
    prefix = draw(st.sampled_from(["", "1", "1-", "1 ", "+1", "+1 ", "+1."]))
    extension = draw(st.sampled_from(["", " x12", "x5", " ext. 12345", "EXT 7"]))
    return f"{prefix}{area}{exchange}{draw(_SEPARATOR)}{line}{extension}"


@settings(max_examples=3000, deadline=None)
@given(_nanp_shaped())
def test_nanp_numbers_score_as_phonenumbers_judges_them(number):
    # The plain NANP form is checked without `phonenumbers`: the score must be what its check
    # gives (a number from 0 may start with 011, the US exit code, and is its to judge).
    recognizer = PhoneNumberRecognizer()
    expected = (0.0 if not recognizer.validate_result(number)
                else recognizer.BARE_DIGITS_SCORE if number.isdigit() else 0.6)
    assert recognizer._score(number, 0.6, "phone (NANP)") == expected


@pytest.mark.parametrize(("word", "found"), [("pipeline", False), ("pipe line", True)])
def test_a_word_for_a_phone_is_a_whole_word_where_the_cue_window_starts(word, found):
    # The cue is looked for in the 60 characters before the number: `pipeline` cut there to
    # `line` is no word for a phone, `pipe line` has one.
    gap = " flushed and the filter swapped over, with lot".ljust(56)
    text = f"Checked the {word}{gap}555-0199"
    assert text.index("555-0199") - text.index("line") == 60
    assert (matches(PhoneNumberRecognizer(), text) == [("555-0199", 0.6)]) is found
