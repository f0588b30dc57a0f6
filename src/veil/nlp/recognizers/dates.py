"""Calendar dates in the forms notes and chats use, which Presidio's date patterns partly miss.

`07 Jul 2023`, `July 7th, 2023`, `2023-07-07`, `07/07/2023`, `07.07.2023`, `July 2023`, and
the day-month-year of clinical and banking systems, `02-Jan-1983` or `02JAN1983`, and a
month and day in figures without a year (`seen 3/14`) after a word that makes it a date:
alone, `3/14` is as likely a score, a ratio or a dose (`pain 7/10`, `1/2 tab`).
Presidio's DateRecognizer is not used: ten times slower for the same dates.
Years alone and times are not
found: HIPAA treats the year as safe, and a time of day identifies no one.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import KeywordGate, VeilPatternRecognizer

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY = rf"{_DAY_NUMBER}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
# Gates: a month name then a digit (month first), or a digit then a month name (day first).
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_FIRST = KeywordGate((_MONTHS, r"(?:{words})[a-z]*\.?\s+\d"))
_DAY_FIRST = KeywordGate((_MONTHS, r"\d(?:st|nd|rd|th)?\s+(?:{words})"))
_MONTH_JOINED = KeywordGate((_MONTHS, r"\d[-/.]?(?:{words})"))
#: `of` and a month, for a day of it in figures or in words (`the 3rd of May`, `fourth of
#: April`): from `of`, which `re` finds at C speed.
_DAY_OF_MONTH = KeywordGate((_MONTHS, r"of\s+(?:{words})"))

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ORDINAL_DAY = rf"{_DAY_NUMBER}(?:st|nd|rd|th)"
#: The same in words, as a call's transcript writes what the caller said (`fourth of April
#: eighty-two`), and a year said as words.
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_DAY = (r"(?:(?:twenty|thirty)[-\s])?(?:first|second|third|fourth|fifth|sixth|seventh"
               r"|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
               r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
_SPOKEN_YEAR = (rf"(?:nineteen\s+)?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                rf"(?:[-\s](?:{_UNITS}))?|two\s+thousand(?:\s+and)?(?:\s+(?:{_UNITS}|ten"
                rf"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
                rf"|twenty(?:[-\s](?:{_UNITS}))?))?")

_MONTH_DAY = "month/day (after a date word)"
_MONTH_YEAR = "month/year"
#: A time of day right after a month and day (`4/15 @ 2pm`, `3/2 at 14:20`, `10/01 09:30`).
_TIME_AFTER = re.compile(r"\s*(?:@|at)\s*\d{1,2}(?::\d{2}\s*(?:[ap]\.?m\b\.?)?|\s*[ap]\.?m\b)"
                         r"|\s+(?:[01]?\d|2[0-3]):[0-5]\d\b", re.IGNORECASE)
#: What follows a fraction, a dose or a score rather than a date: `1/2 tab`, `2/3 of`, `3/7 days`.
_NOT_A_DATE_AFTER = (
    r"(?!\s*(?:of|tabs?|tablets?|pills?|caps?|capsules?|doses?|cups?|tsp|tbsp|teaspoons?|"
    r"tablespoons?|in|inch(?:es)?|mi|miles?|lbs?|pounds?|oz|mg|mls?|strength|ppd|packs?|x|"
    r"times|h|hrs?|hours?|mins?|minutes?|days?|wks?|weeks?|months?|yrs?|years?|scale)\b|\s*%)")
#: A month and a day in figures, the month first (`3/14`), or the day first where it cannot be
#: a month (`14/04`, as the UK and Europe write dates: `LMP 14/04/2024` was left readable).
_MONTH_AND_DAY = (r"(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
                  r"|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?,?\s+"
#: The words right before a month and day that make them a date (`seen 3/14`, `DOS: 12/3`,
#: `Wed 3/18`), looked for at the end of the text before the match.
_DATE_WORD_BEFORE = re.compile(
    r"(?:\b(?:on|since|from|until|till|thru|through|by|between|before|after|seen|dated?|dos|dob|"
    r"admit(?:ted)?|admission|discharged?|visit|appt|appointment|f/u|follow[- ]?up|due|"
    r"starting|started|effective|born|returned|presented|scheduled|rescheduled|booked|"
    r"filled|refilled|dispensed|prescribed|drawn|collected|received|paid|posted|placed|"
    r"opened|closed|signed|reviewed|performed|completed|called|mailed|emailed|last|next|"
    r"died|deceased|dod|extubated|intubated|vaccinated|immuni[sz]ed|delivered|operated|"
    r"transfused|swabbed|"
    rf"expired?|expires|exp|as\s+of)\s*[:,]?\s*(?:{_WEEKDAY})?|\b{_WEEKDAY})$", re.IGNORECASE)
#: A month and day right before, joined to this one as a range or a list (`2/1 - 2/9`).
_EARLIER_IN_A_RANGE = re.compile(
    r"(?<![\w/.])(\d{1,2}/\d{1,2})\s*(?:-|\u2013|to|thru|through|and|&|,)\s*$", re.IGNORECASE)
#: Proper fractions that `by` more often takes than a date does (`reduced by 1/2`).
_COMMON_FRACTIONS = frozenset({"1/2", "1/3", "2/3", "1/4", "3/4"})


class CalendarDateRecognizer(VeilPatternRecognizer):
    ENTITY = "DATE_TIME"
    PATTERNS = [
        Pattern("day month year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", 0.85),
        Pattern("month day year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", 0.85),
        # ... and in words, as a call's transcript has it; the month in full, and not a share
        # of it (`a third of March's budget`, `the fifth of may be`)
        Pattern("day of month (in words)",
                rf"(?<!\ba\s)(?<!\bone\s)(?<!\btwo\s)(?<!\bevery\s)\b(?:the\s+)?(?:{_SPOKEN_DAY})"
                r"\s+of\s+(?:January|February|March|April|May|June|July|August|September|October"
                r"|November|December)(?!['’]s|\s+be\b)"
                rf"(?:,?\s+(?:{_YEAR}\b|(?:{_SPOKEN_YEAR})(?![\w-])))?", 0.6),
        # as a caller says it: `the 3rd of May 1971`, `21st of June`
        Pattern("day of month", rf"\b(?:the\s+)?{_ORDINAL_DAY}\s+of\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"
                r"(?=[\s,.;:)]|$)", 0.6),
        # the same mark on both sides of the month, or none: `02-Jan-1983`, `02JAN83`
        Pattern("day month year (joined)", rf"\b{_DAY}(?P<mark>[-/.]?){_MONTH}(?P=mark)"
                rf"(?:{_YEAR}|\d{{2}})\b", 0.85),
        Pattern("ISO date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.85),
        Pattern("numeric date", rf"\b{_MONTH_AND_DAY}/(?:{_YEAR}|\d{{2}})\b", 0.75),
        Pattern("numeric date (dots or dashes)",
                r"\b(?:0?[1-9]|[12]\d|3[01])[.-](?:0?[1-9]|[12]\d|3[01])"
                rf"[.-]{_YEAR}\b", 0.6),
        Pattern("year first", rf"\b{_YEAR}/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b", 0.75),
        Pattern("month year", rf"\b{_MONTH}\s+{_YEAR}\b", 0.5),
        Pattern("day month", rf"\b{_DAY}\s+{_MONTH}(?=[\s,.;]|$)(?!\s+{_YEAR})", 0.5),
        Pattern("month day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+{_YEAR})", 0.5),
        Pattern(_MONTH_DAY, rf"(?<![\w/.,]){_MONTH_AND_DAY}(?![\w/]|[.,]\d){_NOT_A_DATE_AFTER}",
                0.6),
        # a weekday and the day of the month, as appointments and chats give them: `Thurs 14th`,
        # `Monday the 12th`
        Pattern("weekday and day",
                rf"\b{_WEEKDAY}(?:the\s+)?{_ORDINAL_DAY}\b", 0.6),
        # the day of the month alone after a word that makes it a date, where the sentence
        # goes on as it would after a date (`the charge from the 3rd is still pending`, `on
        # the 21st.`), not after a count (`on the 3rd floor`, `by the 2nd dose`)
        Pattern("day of the month (after a date word)",
                r"\b(?:on|from|since|until|till|by|before|after)\s+the\s+"
                rf"(?P<value>{_ORDINAL_DAY})\b"
                r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:is|was|at|and|or|but|to|for|when|until|till"
                r"|through|thru)\b|\s+[-\u2013])", 0.6),
        # `Flu 10/2023`: a month and a year of this century or the last (not `1/2000`, a
        # dilution)
        Pattern(_MONTH_YEAR, r"(?<![\w/.,:])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\w/]|[.,]\d)",
                0.6),
    ]
    CONTEXT = ["date", "dob", "born", "admitted", "discharged", "seen", "on", "due", "since"]
    GATES = {  # FLAGS is IGNORECASE
        "day month year": _DAY_FIRST, "day month": _DAY_FIRST,
        "day month year (joined)": _MONTH_JOINED, "day of month": _DAY_OF_MONTH,
        "day of month (in words)": _DAY_OF_MONTH,
        "month day year": _MONTH_FIRST, "month year": _MONTH_FIRST, "month day": _MONTH_FIRST,
        "ISO date": r"-[01]\d-", "numeric date": r"/\d{1,2}/", "year first": r"/\d{1,2}/",
        "numeric date (dots or dashes)": r"[.-]\d{1,2}[.-](?:1[89]|20)\d\d",
        "weekday and day": KeywordGate((_WEEKDAYS, r"(?:{words})[a-z]*\.?,?\s+(?:the\s+)?\d")),
        "day of the month (after a date word)": r"the\s+\d{1,2}(?:st|nd|rd|th)",
        _MONTH_DAY: r"/\d(?<=\d/\d)", _MONTH_YEAR: r"/(?:19|20)\d\d(?<=\d/\d{4})",
    }

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        if pattern_name == _MONTH_YEAR:
            return text[start:end] != "1/2000"
        if pattern_name == _MONTH_DAY:
            month_day = text[start:end]
            return (_after_a_date_word(text, start, month_day)
                    or _before_a_time(text, end, month_day))
        return True


def _before_a_time(text: str, end: int, month_day: str) -> bool:
    """Whether a time of day follows: `4/15 @ 2pm` is a date, where `pain 5/10 at 2pm` and
    `1/2 at 9pm` are a score and a dose."""
    return (_TIME_AFTER.match(text, end) is not None and not month_day.endswith("/10")
            and month_day not in _COMMON_FRACTIONS)


def _after_a_date_word(text: str, start: int, month_day: str) -> bool:
    """Whether a date word comes right before `start`, or before the first of a range of
    month/days that ends there (`from 2/1 - 2/9`)."""
    while (earlier := _EARLIER_IN_A_RANGE.search(text, max(0, start - 20), start)) is not None:
        start, month_day = earlier.start(1), earlier[1]
    before = _DATE_WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    # `reduced by 1/2`, `between 1/2 and 3/4 of a tab`
    return not (before[0].lower().startswith(("by", "between"))
                and month_day in _COMMON_FRACTIONS)
