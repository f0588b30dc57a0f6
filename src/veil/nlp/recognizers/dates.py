"""Calendar dates in the forms notes and chats use, which Presidio's date patterns partly miss.

`07 Jul 2023`, `July 7th, 2023`, `2023-07-07`, `07/07/2023`, `07.07.2023`, `July 2023`, and
the day-month-year of clinical and banking systems, `02-Jan-1983` or `02JAN1983`.
Presidio's DateRecognizer is not used: ten times slower for the same dates.
Years alone and times are not
found: HIPAA treats the year as safe, and a time of day identifies no one.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
# Gates: a month name then a digit (month first), or a digit then a month name (day first).
_MONTH_FIRST = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
_DAY_FIRST = r"\d(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_MONTH_JOINED = r"\d[-/.]?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"


class CalendarDateRecognizer(VeilPatternRecognizer):
    ENTITY = "DATE_TIME"
    PATTERNS = [
        Pattern("day month year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", 0.85),
        Pattern("month day year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", 0.85),
        # the same mark on both sides of the month, or none: `02-Jan-1983`, `02JAN83`
        Pattern("day month year (joined)", rf"\b{_DAY}(?P<mark>[-/.]?){_MONTH}(?P=mark)"
                rf"(?:{_YEAR}|\d{{2}})\b", 0.85),
        Pattern("ISO date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.85),
        Pattern("numeric date", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/"
                rf"(?:{_YEAR}|\d{{2}})\b", 0.75),
        Pattern("numeric date (dots or dashes)",
                r"\b(?:0?[1-9]|[12]\d|3[01])[.-](?:0?[1-9]|[12]\d|3[01])"
                rf"[.-]{_YEAR}\b", 0.6),
        Pattern("year first", rf"\b{_YEAR}/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b", 0.75),
        Pattern("month year", rf"\b{_MONTH}\s+{_YEAR}\b", 0.5),
        Pattern("day month", rf"\b{_DAY}\s+{_MONTH}(?=[\s,.;]|$)(?!\s+{_YEAR})", 0.5),
        Pattern("month day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+{_YEAR})", 0.5),
    ]
    CONTEXT = ["date", "dob", "born", "admitted", "discharged", "seen", "on", "due", "since"]
    GATES = {  # FLAGS is IGNORECASE
        "day month year": _DAY_FIRST, "day month": _DAY_FIRST,
        "day month year (joined)": _MONTH_JOINED,
        "month day year": _MONTH_FIRST, "month year": _MONTH_FIRST, "month day": _MONTH_FIRST,
        "ISO date": r"-[01]\d-", "numeric date": r"/\d{1,2}/", "year first": r"/\d{1,2}/",
        "numeric date (dots or dashes)": r"[.-]\d{1,2}[.-](?:1[89]|20)\d\d",
    }
