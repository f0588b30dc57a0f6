"""Phone numbers: a cheap regex finds candidates, `phonenumbers` decides.

Presidio's recognizer runs the `phonenumbers` matcher over the whole text once per region
(eight of them); on notes full of IDs that was half of all detection time. veil looks only at
number-shaped candidates and checks each with `phonenumbers` (NANP numbers, or international
ones written with `+`). Presidio scores every phone 0.4, under veil's default threshold,
although the check already demands a plausible number: veil scores it 0.6.

A local number, seven digits without the area code (`555-0199`, dialled within a hospital's
or a town's area code), is a telephone number under HIPAA Safe Harbor too, but its shape is
also a lot number's or a reference's: it is found only after a word such as `call`, `pager`
or `phone` in the same sentence (`Phone: 555-0100. Lot 512-3301` has a lot number).

So is a number written as dialled inside its country, after the trunk `0` (`07700 900123`,
`0161 496 0000` in the UK, `01 23 45 67 89` in France, `0151 23456789` in Germany): ten to
twelve digits, with the same cue, in English or in the customer's language (`Tél`, `Handy`).
`phonenumbers` cannot decide these: one random such number in five to two in three is valid
somewhere in Europe. So, with the same cue, is a number of a country that dials no trunk 0
(Spain's `612 345 678`, an Italian mobile `347 123 4567`). A UK mobile spaced as the UK writes
it (`07712 345678`) needs no cue: that shape is a phone's, as is a UK landline's (`0161 496
0012`, `020 7946 0958`), a Kenyan mobile's (`0722 123456`) and a Nigerian one's (`0803 123
4567`).
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer

from veil.nlp.recognizers._base import DigitRunGate, VeilPatternRecognizer

_NANP = r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\w)"
_INTERNATIONAL = (r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}"
                  r"(?:[\s.-]?\d{2,5}){1,4}(?!\w)")
_EXTENSION = r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?"
_NANP_PATTERN = "phone (NANP)"
#: A NANP match as most are written: an area code from 2 to 9, with `+1` or `1` before it or
#: not. `phonenumbers` reads it as the US number it is (one from `0` may start with `011`, the
#: US exit code), so its check comes down to the exchange's first digit, the second group.
_PLAIN_NANP = re.compile(r"(?:\+?1[\s.-]?)?\(?[2-9]\d\d(?:\)\s?|[\s.-]?)(\d)\d\d[\s.-]?\d{4}(?!\d)")
#: Seven digits split 3-4 by `-`, `.` or a space (an exchange never starts with 0 or 1).
_LOCAL = r"[2-9]\d{2}[-. ]\d{4}"
#: A national number of a country that dials no trunk 0: Spain's nine digits (`612 345 678`,
#: `912 34 56 78`), Portugal's, an Italian mobile (`347 123 4567`); in groups (nine digits
#: together are any account's, an SSN's or a record's number).
_NO_TRUNK = (r"[6-9]\d{2}(?P<sep>[ .-])\d{3}(?P=sep)\d{3}|[6-9]\d{2}(?P<pair>[ .-])\d{2}"
             r"(?:(?P=pair)\d{2}){2}|3\d{2}(?P<it>[ .-])\d{3}(?P=it)\d{3,4}")
#: A number standing alone: not part of a longer number, a date (`2024-0312`) or a decimal.
_ALONE_BEFORE = r"(?<![\w+.\-/])"
_ALONE_AFTER = r"(?![\w\-/]|[.,]\d)"
#: Either, standing alone.
#: Neither has a mark of a phone of its own, so both need a word for one before them, and
#: one pattern scans for both (each scan of a text costs the same whatever it looks for).
_CUED_ALONE = rf"{_ALONE_BEFORE}(?:{_LOCAL}|{_NO_TRUNK}){_ALONE_AFTER}"
_LOCAL_PATTERN = "phone (local, or national with no trunk 0)"
#: `0` then an area code (`00` starts an international number instead), ten to twelve digits.
#: The `0` comes first and what may not precede it is looked at from there: a pattern that
#: starts with a literal is scanned for it at C speed, a tenth of the cost of a look-behind.
_NATIONAL_ALONE = rf"0(?<![\w+.\-/]0)[1-9]\d{{0,3}}(?:[-. ]?\d{{2,4}}){{1,4}}{_ALONE_AFTER}"
_NATIONAL_NUMBER = re.compile(r"(0[\d .-]+?)" + _EXTENSION, re.IGNORECASE)
_NATIONAL_PATTERN = "phone (national, from 0)"
#: An international number dialled from Europe, `00` for the `+` (`0048 601 234 567`). Records
#: pad IDs with zeros (`MRN 004829130045`), so it takes a word for a phone as well.
_DIALLED_ABROAD = (r"00(?<![\w+.\-/]00)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}"
                   r"(?:[\s.-]?\d{2,5}){1,4}(?!\w)")
_DIALLED_ABROAD_PATTERN = "phone (international, from 00)"
#: A UK mobile as the UK writes it, `07712 345678`: eleven digits from `07`, spaced so, are
#: one even with no word for a phone (`partner Callum (07712 345678)`).
_UK_MOBILE = rf"{_ALONE_BEFORE}07\d{{3}} (?:\d{{6}}|\d{{3}} \d{{3}}){_ALONE_AFTER}"
_UK_MOBILE_PATTERN = "phone (UK mobile)"
#: ... and so are a Kenyan mobile's ten digits (`0722 123456`, `0722 123 456`) and a Nigerian
#: one's eleven (`0803 123 4567`) as KYC files and chats from there write them.
_AFRICAN_MOBILE = (rf"{_ALONE_BEFORE}(?:07\d{{2}} (?:\d{{6}}|\d{{3}} \d{{3}})"
                   rf"|0[789][01]\d \d{{3}} \d{{4}}){_ALONE_AFTER}")
_AFRICAN_MOBILE_PATTERN = "phone (Kenyan or Nigerian mobile)"
#: ... and so are a UK landline's eleven digits in the spacing the UK writes them in:
#: `0161 496 0012` and `0113 496 0000` (area code of four), `020 7946 0958` (London's, of
#: three), `01970 622418` or `01970 622 418` (of five), `0300 123 4567` (non-geographic).
_UK_LANDLINE = (rf"{_ALONE_BEFORE}0(?:1\d{{2}} \d{{3}} \d{{4}}|1\d{{3}} (?:\d{{6}}|\d{{3}} \d{{3}})"
                rf"|2\d \d{{4}} \d{{4}}|3\d{{2}} \d{{3}} \d{{4}}){_ALONE_AFTER}")
_UK_LANDLINE_PATTERN = "phone (UK landline)"
#: A two-digit area code in brackets, as Brazil and Argentina write it (`(11) 98765-4321`,
#: `(11) 4567-8901`); after a word for a phone.
_BRACKETED_AREA = rf"\(\d{{2}}\)[ ]?\d{{4,5}}[- ]\d{{4}}{_ALONE_AFTER}"
_BRACKETED_AREA_PATTERN = "phone (two-digit area code in brackets)"
#: Numbers `phonenumbers` cannot judge: the cue (or a mobile's or a UK landline's shape) decides.
_UNCHECKED_PATTERNS = frozenset({_LOCAL_PATTERN, _UK_MOBILE_PATTERN, _AFRICAN_MOBILE_PATTERN,
                                 _UK_LANDLINE_PATTERN, _BRACKETED_AREA_PATTERN})
_CUED_PATTERNS = frozenset({_LOCAL_PATTERN, _NATIONAL_PATTERN, _DIALLED_ABROAD_PATTERN,
                            _BRACKETED_AREA_PATTERN})
#: Words that make seven digits after them a phone number, and how far before it they count:
#: English ones, and the words for a phone on the forms and chats of European customers
#: (`Tél`, `Telefon`, `Handy`, `móvil`, `cellulare`, `mobiel`, `GSM`).
_LOCAL_CUE = re.compile(
    r"\b(?:call(?:ed|ing|s)?|call\s?back|phone[sd]?|ph|tel|telephone|cell|cellphone|cel|mobile|mob|"
    r"pager|"
    r"paged?|beeper|fax|ext|extension|dial(?:led)?|line|reach(?:ed)?|text|texted|txt|sms|"
    r"ring|rang|ringing|whats\s?app|contact|(?:my|his|her|their|your|our)\s+(?:[a-z]+\s+)?number|"
    r"the\s+number\s+(?:is|was)|(?:next\s+of\s+)?kin|nok|"
    r"t[ée]l[ée]phone|t[ée]l|telefon[eo]?|tel[ée]fono|handy|mobil|m[óo]vil|celular|"
    r"cellulare|portable|mobiel|gsm|natel)\b",
    re.IGNORECASE)
_CUE_REACH = 60
#: Labels of numbers that are no phone's, between a word for a phone and a number.
_OTHER_NUMBER = re.compile(r"\b(?:account|acct|a/c|iban|card|ref|reference|order|case|ticket"
                           r"|member|policy|mrn|invoice)\b", re.IGNORECASE)
#: The end of a sentence between a cue and a number, unless the point ends a title, an
#: abbreviation or an initial (`Dr. Lee`, `Tel. 555-0142`, `Contact: J. Smith 555-0134`).
_SENTENCE_END = re.compile(r"(?<!\b[a-z])(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bst)"
                           r"(?<!\bprof)(?<!\btel)(?<!\bph)(?<!\bext)(?<!\bno)(?<!\bcel)"
                           r"(?<!\bmob)[.!?;](?:\s|$)",
                           re.IGNORECASE)


class PhoneNumberRecognizer(VeilPatternRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        Pattern(_NANP_PATTERN, _NANP + _EXTENSION, 0.6),
        Pattern("phone (international)", _INTERNATIONAL + _EXTENSION, 0.6),
        Pattern(_LOCAL_PATTERN, _CUED_ALONE + _EXTENSION, 0.6),
        Pattern(_NATIONAL_PATTERN, _NATIONAL_ALONE + _EXTENSION, 0.6),
        Pattern(_DIALLED_ABROAD_PATTERN, _DIALLED_ABROAD + _EXTENSION, 0.6),
        Pattern(_UK_MOBILE_PATTERN, _UK_MOBILE + _EXTENSION, 0.6),
        Pattern(_AFRICAN_MOBILE_PATTERN, _AFRICAN_MOBILE + _EXTENSION, 0.6),
        Pattern(_UK_LANDLINE_PATTERN, _UK_LANDLINE + _EXTENSION, 0.6),
        Pattern(_BRACKETED_AREA_PATTERN, _BRACKETED_AREA + _EXTENSION, 0.6),
    ]
    # Presidio's list less "number", which every "account number" and "routing number" has.
    CONTEXT = [*(w for w in PresidioPhoneRecognizer.CONTEXT if w != "number"),
               "tel", "ph", "fax", "reach", "text", "contact", "pager", "page", "beeper", "ext",
               "extension", "dial", "line"]
    BARE_DIGITS_SCORE = 0.4  # ten digits without separators may as well be an account or NPI
    GATES = {_NANP_PATTERN: DigitRunGate(4), "phone (international)": r"\+\d",
             _LOCAL_PATTERN: DigitRunGate(3), _NATIONAL_PATTERN: DigitRunGate(2),
             _DIALLED_ABROAD_PATTERN: DigitRunGate(3),
             _UK_MOBILE_PATTERN: r"07\d{3} \d{3}", _AFRICAN_MOBILE_PATTERN: r"0[789]\d\d \d{3}",
             _BRACKETED_AREA_PATTERN: r"\(\d{2}\) ?\d{4}",
             _UK_LANDLINE_PATTERN: r"0[123]\d{1,3} \d{3}"}

    def validate_result(self, pattern_text: str) -> bool:
        region = None if pattern_text.lstrip().startswith("+") else "US"
        try:
            number = phonenumbers.parse(pattern_text, region)
        except phonenumbers.NumberParseException:
            return False
        if number.country_code == 1:
            national = str(number.national_number)
            return len(national) == 10 and national[0] in "23456789" and national[3] in "23456789"
        return phonenumbers.is_possible_number(number)

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return pattern_name not in _CUED_PATTERNS or _cued(text, start)

    def _score(self, matched: str, score: float, pattern_name: str) -> float:
        # By the pattern that found it, not by its shape: `012-345-6789` has the shape of a
        # number dialled from 0, but the NANP pattern found it, uncued, and no area code
        # starts with 0.
        if pattern_name in _UNCHECKED_PATTERNS:  # nothing `phonenumbers` can tell
            return score
        if pattern_name == _DIALLED_ABROAD_PATTERN:
            return score if self.validate_result("+" + matched[2:]) else 0.0
        if pattern_name == _NATIONAL_PATTERN:  # nothing `phonenumbers` can tell
            national = _NATIONAL_NUMBER.fullmatch(matched)
            if national is None:
                return 0.0
            digits = sum(char.isdigit() for char in national[1])  # the extension's not counted
            return score if 10 <= digits <= 12 else 0.0  # a German mobile has twelve
        plain = _PLAIN_NANP.match(matched) if pattern_name == _NANP_PATTERN else None
        if plain is not None:  # `phonenumbers` takes 15 µs a call to say the same
            if plain[1] in "01":
                return 0.0
        elif not self.validate_result(matched):
            return 0.0
        return self.BARE_DIGITS_SCORE if matched.isdigit() else score


def _cued(text: str, start: int) -> bool:
    """Whether a word for a phone comes before `start`, in the same sentence, and no label of
    another number between them (`calling about my account 0044 1234 5678`)."""
    # searched in place, not in a slice: a slice's first character passes for a word's, and
    # `pipeline` cut to `line` was a cue
    cues = list(_LOCAL_CUE.finditer(text, max(0, start - _CUE_REACH), start))
    return (bool(cues) and _SENTENCE_END.search(text, cues[-1].end(), start) is None
            and _OTHER_NUMBER.search(text, cues[-1].end(), start) is None)
