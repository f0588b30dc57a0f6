"""Surrogates: realistic fake values of the same kind, keyed on the original.

Every fake is drawn from a generator seeded with the keyed HMAC of the
original (``keyed_int``), so the same original gets the same fake on every
row, in every file and on every run with the same key, and a different key
gives different fakes. Formats are kept where a reader or a model would
notice: a phone number keeps its layout, a card number its length and a
valid Luhn digit, an SSN stays ###-##-####, a date stays a date in the same
format, a name keeps its first/last structure and its capitalisation.
A surrogate never equals its original.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import random
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from faker import Faker
from faker.providers.person.en_US import Provider as _People

from veil.nlp.types import is_name_prefix
from veil.privacy.keyed import SUBJECT_MAX_DAYS, SUBJECT_SHIFT, shift_function, subkey

__all__ = ["TEXT_MAX_DAYS", "KINDS", "ENTITY_KINDS", "Surrogates", "kind_for", "luhn_valid",
           "luhn_digit"]

#: Surrogate kinds a recipe may name (`surrogate: phone`); `auto` picks one from the entity.
KINDS = ("auto", "name", "first_name", "last_name", "phone", "email", "card", "ssn", "date",
         "location", "address", "url", "ip", "iban", "aba", "npi", "organization", "shape")

ENTITY_KINDS = {
    "PERSON": "name", "PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email", "CREDIT_CARD": "card",
    "US_SSN": "ssn", "DATE_TIME": "date", "LOCATION": "location", "STREET_ADDRESS": "address",
    "URL": "url", "IP_ADDRESS": "ip", "IBAN_CODE": "iban", "ABA_ROUTING_NUMBER": "aba",
    "US_NPI": "npi", "ORGANIZATION": "organization",
}

# Drawn uniformly with `random.Random`: Faker's weighted draw costs ~10x more per value.
_FIRST = tuple(_People.first_names)
_LAST = tuple(_People.last_names)
_FIRST_NAMES = frozenset(_FIRST)
_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")  # reserved: never a real mailbox
_SSN_AREAS = tuple(n for n in range(1, 900) if n != 666)  # 000, 666 and 9xx are never issued
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4})(.*)$")
_MONTH_DAY = re.compile(r"^(\d{1,2})(/)(\d{1,2})(\W*)$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})(/)((?:19|20)\d\d)(\W*)$")
#: A date written without separators, as HL7 messages and many exports do (`19620415`), an
#: hour, minutes and seconds perhaps after it (`202403021014`).
_COMPACT_DATE = re.compile(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(\d{2,6}\W*)?$")
_RELATIVE_DATES = ("recently", "earlier this week", "a few days ago", "last month", "this morning",
                   "two weeks ago", "last year", "yesterday", "over the weekend")
#: The largest shift of a text's dates, in days either way, when the text has no subject.
TEXT_MAX_DAYS = 365
_TEXT_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                      "%b. %d, %Y", "%B %Y", "%b %Y", "%B %d", "%b %d", "%d %B", "%d %b",
                      # as record systems print them: `02-Jan-1983`, `02JAN83`
                      "%d-%b-%Y", "%d-%b-%y", "%d/%b/%Y", "%d/%b/%y", "%d.%b.%Y", "%d.%b.%y",
                      "%d%b%Y", "%d%b%y")


def kind_for(entity: str) -> str:
    """The surrogate kind `auto` uses for `entity` (`shape` keeps the layout, new characters)."""
    return ENTITY_KINDS.get(entity, "shape")


def luhn_digit(payload: str) -> str:
    """The Luhn check digit to append to `payload` (digits only)."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return len(digits) > 1 and luhn_digit(digits[:-1]) == digits[-1]


def _reshape(template: str, digits: str) -> str:
    """Put `digits` into the digit positions of `template`, keeping its separators."""
    fill = iter(digits)
    return "".join(next(fill) if c.isdigit() else c for c in template)


#: A hex number as code writes it (an Ethereum address): its fake stays one.
_HEX_NUMBER = re.compile(r"0x[0-9a-fA-F]+")


def _shape(value: str, rng: random.Random) -> str:
    """Same layout, new characters: digits -> digits, letters -> letters of the same case;
    `0x` and hex digits -> `0x` and hex digits."""
    if _HEX_NUMBER.fullmatch(value):
        return "0x" + "".join(rng.choice("0123456789abcdef").upper() if char.isupper()
                              else rng.choice("0123456789abcdef") for char in value[2:])
    out = []
    for char in value:
        if char.isdigit():
            out.append(str(rng.randrange(10)))
        elif char.isalpha() and char.isupper():
            out.append(chr(rng.randrange(26) + 65))
        elif char.isalpha():
            out.append(chr(rng.randrange(26) + 97))
        else:
            out.append(char)
    return "".join(out)


def _same_case(fake: str, original: str) -> str:
    if len(original) > 1 and original.isupper():
        return fake.upper()
    if original.islower():
        return fake.lower()
    return fake


class Surrogates:
    """Makes keyed fakes; one per run (it caches, and reseeds one Faker per value)."""

    def __init__(self, key: bytes, *, locale: str = "en_US") -> None:
        self._key = key
        self._faker = Faker(locale)
        self._cache: dict[tuple[str, str], str] = {}
        self._subkeys: dict[str, bytes] = {}
        self._subject_shifts: dict[int, Callable[[str], int]] = {}
        #: Date text -> the days it moved by in the texts it was found in (no subject).
        self._text_days: dict[str, set[int]] = {}
        self._makers: dict[str, Callable[[str, int], str]] = {
            "name": self._name, "first_name": self._first, "last_name": self._last,
            "phone": self._phone, "email": self._email, "card": self._card, "ssn": self._ssn,
            "date": self._date, "location": self._location, "address": self._address,
            "url": self._url, "ip": self._ip, "iban": self._iban, "aba": self._aba,
            "npi": self._npi, "organization": self._organization, "shape": self._shape,
        }

    def make(self, value: str, kind: str = "shape", *, entity: str | None = None,
             within: str = "", days: int | None = None, max_days: int = TEXT_MAX_DAYS) -> str:
        """A fake for `value`; `kind` `auto` picks one from `entity`.

        A date moves by `days` when given (a subject's offset: `subject_shift`). Found
        `within` a text, it moves by that text's own keyed number of days (1 to `max_days`,
        either way), so every date of one note shifts together and the intervals between
        them hold (admission stays before discharge). With neither, each date value gets
        its own.
        """
        if kind == "auto":
            kind = kind_for(entity or "")
        if kind == "date" and (days is not None or within):
            if days is None:
                days = self._text_shift(within, max_days)
                self._text_days.setdefault(value, set()).add(days)
            cached = self._cache.get((kind, f"{days}\x00{value}"))
            if cached is None:
                cached = self._cache[(kind, f"{days}\x00{value}")] = self._date_by(value, days)
            return cached
        cached = self._cache.get((kind, value))
        if cached is None:
            cached = self._cache[(kind, value)] = self._fresh(value, kind)
        return cached

    def dates_moved_apart(self) -> int:
        """Dates found in several texts that moved by different days in them (no subject).

        Each copy is then a differently shifted sample of one real date, and their
        average drifts back towards it.
        """
        return sum(1 for days in self._text_days.values() if len(days) > 1)

    def subject_shift(self, subject: str, max_days: int = SUBJECT_MAX_DAYS) -> int:
        """The days `subject`'s dates move by: the offset `date_shift` with `by` gives it."""
        shift = self._subject_shifts.get(max_days)
        if shift is None:
            shift = self._subject_shifts[max_days] = shift_function(
                self._key, max_days, purpose=SUBJECT_SHIFT)
        return shift(subject)

    def _text_shift(self, text: str, max_days: int) -> int:
        """Days (+-1..max_days, never 0) the dates of `text` move by; keyed on the whole text."""
        rng = self._rng(text, "date_shift", 0)
        return rng.choice([-1, 1]) * rng.randrange(1, max_days + 1)

    def _date_by(self, value: str, days: int) -> str:
        shift = timedelta(days=days)
        shifted = _shift_numeric_date(value, shift) or _shift_text_date(value, shift)
        if shifted and shifted.casefold() != value.casefold():
            return shifted
        return self._fresh(value, "date")  # a year alone, "today": as without a text

    def _fresh(self, value: str, kind: str) -> str:
        maker = self._makers[kind]
        fakes = (maker(value, attempt) for attempt in range(20))
        if any(c.isalnum() for c in value):
            # What the kind cannot change (a phone number without digits) gets new characters;
            # one letter drawn again is the same letter once in 26, so draw until it differs.
            fakes = itertools.chain(fakes, (self._shape(value, attempt)
                                            for attempt in range(20, 40)))
        return next((fake for fake in fakes if fake.casefold() != value.casefold()),
                    "[redacted]")

    # -- seeding -------------------------------------------------------------------
    def _seed(self, value: str, kind: str, attempt: int) -> int:
        # Normalised, so "John Smith" and "JOHN  SMITH" get the same fake (in their own case).
        text = " ".join(value.split()).casefold() + (f"\x00{attempt}" if attempt else "")
        key = self._subkeys.get(kind)
        if key is None:  # the per-purpose sub-key once, not once per value
            key = self._subkeys[kind] = subkey(self._key, f"surrogate:{kind}")
        digest = hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big")  # as keyed_int

    def _rng(self, value: str, kind: str, attempt: int) -> random.Random:
        return random.Random(self._seed(value, kind, attempt))

    def _fake(self, value: str, kind: str, attempt: int) -> Faker:
        self._faker.seed_instance(self._seed(value, kind, attempt))
        return self._faker

    # -- makers: each takes (original, attempt) ----------------------------------------
    def _shape(self, value: str, attempt: int) -> str:
        if not any(c.isalnum() for c in value):
            return self._fake(value, "word", attempt).word()
        return _shape(value, self._rng(value, "shape", attempt))

    def _first(self, value: str, attempt: int) -> str:
        return _same_case(self._rng(value, "first_name", attempt).choice(_FIRST), value)

    def _last(self, value: str, attempt: int) -> str:
        return _same_case(self._rng(value, "last_name", attempt).choice(_LAST), value)

    def _name(self, value: str, attempt: int) -> str:
        """Token by token, so `John Smith`, `Smith, John` and `Mr. Smith` agree on `Smith`."""
        tokens = re.split(r"(\s+|,\s*)", value)
        words = [i for i, t in enumerate(tokens) if t.strip(" ,") and not is_name_prefix(t)]
        last_first = "," in value
        for position, index in enumerate(words):
            token = tokens[index]
            if re.fullmatch(r"[A-Za-z]\.?", token):  # an initial stays an initial
                letter = chr(self._rng(token, "initial", attempt).randrange(26) + 65)
                tokens[index] = _same_case(letter, token[0]) + token[1:]
                continue
            is_last = (position == 0) if last_first else (position == len(words) - 1)
            if len(words) == 1:
                is_last = token.strip(".").title() not in _FIRST_NAMES
            kind = "last_name" if is_last else "first_name"
            # Cached per token: the same surname recurs across many different mentions.
            tokens[index] = (self.make(token, kind) if attempt == 0
                             else self._makers[kind](token, attempt))
        return "".join(tokens)

    def _phone(self, value: str, attempt: int) -> str:
        rng = self._rng(value, "phone", attempt)
        digits = [str(rng.randrange(10)) for c in value if c.isdigit()]
        country = 0
        prefix = re.match(r"\s*\+(\d{1,3})\b", value)
        if prefix:  # the country code says nothing about the person; keep it
            country = len(prefix[1])
            digits[:country] = prefix[1]
        national = len(digits) - country
        if national >= 10:  # a North American-style area code and exchange never start 0/1
            digits[country] = str(rng.randrange(2, 10))
            digits[country + 3] = str(rng.randrange(2, 10))
        return _reshape(value, "".join(digits))

    def _card(self, value: str, attempt: int) -> str:
        digits = re.sub(r"\D", "", value)
        if len(digits) < 2:
            return self._shape(value, attempt)
        rng = self._rng(value, "card", attempt)
        # Keep the first digit (the card network), draw the rest, end on a valid Luhn digit.
        payload = digits[0] + "".join(str(rng.randrange(10)) for _ in digits[1:-1])
        return _reshape(value, payload + luhn_digit(payload))

    def _ssn(self, value: str, attempt: int) -> str:
        if len(re.sub(r"\D", "", value)) != 9:
            return self._shape(value, attempt)
        rng = self._rng(value, "ssn", attempt)
        area = rng.choice(_SSN_AREAS)
        digits = f"{area:03d}{rng.randrange(1, 100):02d}{rng.randrange(1, 10000):04d}"
        return _reshape(value, digits)

    def _npi(self, value: str, attempt: int) -> str:
        if len(re.sub(r"\D", "", value)) != 10:
            return self._shape(value, attempt)
        rng = self._rng(value, "npi", attempt)
        body = str(rng.choice((1, 2))) + "".join(str(rng.randrange(10)) for _ in range(8))
        return _reshape(value, body + luhn_digit("80840" + body))

    def _aba(self, value: str, attempt: int) -> str:
        if len(re.sub(r"\D", "", value)) != 9:
            return self._shape(value, attempt)
        rng = self._rng(value, "aba", attempt)
        body = f"{rng.randrange(1, 13):02d}" + "".join(str(rng.randrange(10)) for _ in range(6))
        weights = (3, 7, 1, 3, 7, 1, 3, 7)
        check = (10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10
        return _reshape(value, body + str(check))

    def _iban(self, value: str, attempt: int) -> str:
        compact = re.sub(r"\s", "", value)
        if not re.fullmatch(r"[A-Za-z]{2}\d{2}[A-Za-z0-9]+", compact):
            return self._shape(value, attempt)
        bban = _shape(compact[4:], self._rng(value, "iban", attempt)).upper()
        country = compact[:2].upper()
        numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
        full = f"{country}{98 - int(numeric) % 97:02d}{bban}"
        chars = iter(full)
        return "".join(c if c.isspace() else next(chars) for c in value)

    def _email(self, value: str, attempt: int) -> str:
        rng = self._rng(value, "email", attempt)
        first, last = rng.choice(_FIRST).lower(), re.sub(r"\W", "", rng.choice(_LAST).lower())
        user = rng.choice((f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}",
                           f"{first}_{last}{rng.randrange(10, 100)}",
                           f"{last}{rng.randrange(100)}"))
        return _same_case(f"{user}@{rng.choice(_EMAIL_DOMAINS)}", value)

    def _url(self, value: str, attempt: int) -> str:
        return self._fake(value, "url", attempt).url()

    def _ip(self, value: str, attempt: int) -> str:
        fake = self._fake(value, "ip", attempt)
        return fake.ipv6() if ":" in value else fake.ipv4_public()

    def _organization(self, value: str, attempt: int) -> str:
        return self._fake(value, "organization", attempt).company()

    def _location(self, value: str, attempt: int) -> str:
        fake = self._fake(value, "location", attempt)
        parts = [fake.city(), fake.state_abbr(), fake.country()]
        return _same_case(", ".join(parts[: value.count(",") + 1]), value)

    def _address(self, value: str, attempt: int) -> str:
        fake = self._fake(value, "address", attempt)
        parts = [fake.street_address(), fake.city(), f"{fake.state_abbr()} {fake.zipcode()}"]
        return _same_case(", ".join(parts[: value.count(",") + 1]), value)

    def _date(self, value: str, attempt: int) -> str:
        rng = self._rng(value, "date", attempt)
        shift = timedelta(days=rng.choice([-1, 1]) * rng.randrange(1, 366))
        shifted = (_shift_numeric_date(value, shift) or _shift_text_date(value, shift)
                   or _shift_year(value, rng))
        if shifted:
            return shifted
        if not any(c.isdigit() for c in value):  # "today", "last week": keep the text natural
            phrase = _same_case(rng.choice(_RELATIVE_DATES), value)
            return phrase[:1].upper() + phrase[1:] if value[:1].isupper() else phrase
        return self._fake(value, "date", attempt).date("%B %d, %Y")


def _shift_numeric_date(value: str, shift: timedelta) -> str | None:
    """`2021-03-04`, `3/4/2021`, `04.03.21`, with an optional time kept as is, and a month and
    day without a year (`3/14`), which stays without one, and a month and year (`10/2023`),
    which stays without a day; `19620415` (a time after it kept)."""
    if match := _COMPACT_DATE.match(value.strip()):
        year, month, day, rest = match.groups()
        try:
            shifted = date(int(year), int(month), int(day)) + shift
        except ValueError:  # 30 February
            return None
        return (value[: len(value) - len(value.lstrip())] + shifted.strftime("%Y%m%d")
                + (rest or ""))
    if match := _MONTH_YEAR.match(value.strip()):
        month, sep, year, rest = match.groups()
        if not 1 <= int(month) <= 12:
            return None
        shifted = date(int(year), int(month), 15) + shift
        text = f"{shifted.month:0{len(month)}d}{sep}{shifted.year}"
        return value[: len(value) - len(value.lstrip())] + text + rest
    if match := _NUMERIC_DATE.match(value.strip()):
        first, sep, middle, last, rest = match.groups()
    elif match := _MONTH_DAY.match(value.strip()):
        (first, sep, middle, rest), last = match.groups(), None
    else:
        return None
    if len(first) == 4:
        order = "ymd"
    elif sep == "." or int(first) > 12:
        order = "dmy"
    else:
        order = "mdy"
    values = (first, middle) if last is None else (first, middle, last)
    if last is None:
        order = order.replace("y", "")
    fields = dict(zip(order, values, strict=True))
    year = int(fields.get("y", 2000))  # without a year, a leap one: 2/29 is a date
    if len(fields.get("y", "")) == 2:
        year += 2000 if year < 50 else 1900
    try:
        shifted = date(year, int(fields["m"]), int(fields["d"])) + shift
    except ValueError:
        return None
    new = {"y": shifted.year if len(fields.get("y", "")) == 4 else shifted.year % 100,
           "m": shifted.month, "d": shifted.day}
    # `3/14` is written without leading zeros, `03/14` and `11/25` (as far as one can tell) with
    padded = (any(fields[k].startswith("0") for k in "md")
              or not any(len(fields[k]) == 1 for k in "md"))
    widths = {k: len(fields[k]) if k == "y" or padded else 1 for k in order}
    text = sep.join(f"{new[k]:0{widths[k]}d}" for k in order)
    return value[: len(value) - len(value.lstrip())] + text + rest


def _shift_text_date(value: str, shift: timedelta) -> str | None:
    """`March 4, 2021`, `4 Mar 2021`, `March 2021` in the same format."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip())
    for fmt in _TEXT_DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if "%Y" not in fmt:
            parsed = parsed.replace(year=2000)  # a leap year, so 29 February parses
        new = parsed + shift
        unpadded = re.search(r"\b\d\b", text) is not None
        out_fmt = fmt.replace("%d", str(new.day)) if unpadded else fmt
        return _same_case(new.strftime(out_fmt), text)
    return None


def _shift_year(value: str, rng: random.Random) -> str | None:
    match = re.fullmatch(r"(\D*)((?:19|20)\d\d)(\D*)", value)
    if match is None:
        return None
    return f"{match[1]}{int(match[2]) + rng.choice([-1, 1]) * rng.randrange(1, 6)}{match[3]}"
