"""Surrogates: same kind and format, keyed, deterministic, never the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from veil.nlp.surrogates import KINDS, Surrogates, luhn_valid

KEY = b"surrogate-test-key"
OTHER_KEY = b"surrogate-other-key"


# fmt: off
@pytest.mark.parametrize("kind, original, pattern", [
    ("phone", "(555) 123-4567",       r"\(\d{3}\) \d{3}-\d{4}"),        # layout kept
    ("phone", "555.123.4567",         r"\d{3}\.\d{3}\.\d{4}"),
    ("phone", "+44 20 7946 0958",     r"\+44 \d{2} \d{4} \d{4}"),       # country code kept
    ("card",  "4111 1111 1111 1111",  r"4\d{3} \d{4} \d{4} \d{4}"),     # network digit kept
    ("card",  "378282246310005",      r"3\d{14}"),                      # 15-digit Amex
    ("ssn",   "123-45-6789",          r"\d{3}-\d{2}-\d{4}"),
    ("ssn",   "123456789",            r"\d{9}"),
    ("date",  "2021-03-04",           r"\d{4}-\d{2}-\d{2}"),
    ("date",  "3/4/2021",             r"\d{1,2}/\d{1,2}/\d{4}"),
    ("date",  "04.03.21",             r"\d{2}\.\d{2}\.\d{2}"),
    ("date",  "2021-11-24",           r"\d{4}-\d{2}-\d{2}"),             # two digits each
    ("date",  "11/25/2021",           r"\d{2}/\d{2}/\d{4}"),
    ("date",  "3/14",                 r"\d{1,2}/\d{1,2}"),               # no year: none added
    ("date",  "03/09",                r"\d{2}/\d{2}"),                   # leading zeros kept
    ("date",  "10/2023",              r"\d{1,2}/(19|20)\d\d"),          # no day: none added
    ("date",  "March 4, 2021",        r"[A-Z][a-z]+ \d{1,2}, \d{4}"),
    ("date",  "02-Jan-1983",          r"\d{2}-[A-Z][a-z]{2}-\d{4}"),   # as record systems print
    ("date",  "02JAN1983",            r"\d{2}[A-Z]{3}\d{4}"),
    ("date",  "2019",                 r"(19|20)\d\d"),
    ("date",  "19620415",             r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"),  # HL7
    ("date",  "202403021014",         r"20\d\d(0[1-9]|1[0-2])\d{2}1014"),  # its time kept
    ("date",  "last Tuesday",         r"[a-z ]+"),                      # relative stays relative
    ("email", "ann.lee@hospital.org", r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+"),
    ("name",  "John Smith",           r"[A-Z][a-z'-]+ [A-Z][a-z'-]+"),   # first last
    ("name",  "Smith, John",          r"[A-Z][a-z'-]+, [A-Z][a-z'-]+"),  # last, first
    ("name",  "Dr. Smith",            r"Dr\. [A-Z][a-z'-]+"),            # title kept
    ("name",  "Patient Ryan Gallagher", r"Patient [A-Z][a-z'-]+ [A-Z][a-z'-]+"),  # role word kept
    ("name",  "JOHN SMITH",           r"[A-Z'-]+ [A-Z'-]+"),             # case kept
    ("name",  "J. R. Smith",          r"[A-Z]\. [A-Z]\. [A-Z][a-z'-]+"), # initials stay initials
    ("shape", "MRN-00123",            r"[A-Z]{3}-\d{5}"),
    ("shape", "0x71C7656EC7ab88b098defB751B7401B5f6d8976F", r"0x[0-9a-fA-F]{40}"),  # still hex
    ("iban",  "GB82 WEST 1234 5698 7654 32", r"GB\d{2} [A-Z]{4} \d{4} \d{4} \d{4} \d{2}"),
    ("ip",    "10.0.0.1",             r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"),
])
# fmt: on
def test_surrogate_keeps_format(kind, original, pattern):
    fake = Surrogates(KEY).make(original, kind)
    assert re.fullmatch(pattern, fake), fake
    assert fake != original


@pytest.mark.parametrize("original", ["4111 1111 1111 1111", "5500-0000-0000-0004",
                                      "378282246310005"])
def test_surrogate_card_is_luhn_valid(original):
    assert luhn_valid(Surrogates(KEY).make(original, "card"))


def test_surrogate_npi_passes_npi_luhn():
    fake = Surrogates(KEY).make("1234567893", "npi")
    assert luhn_valid("80840" + fake)


def test_surrogate_aba_passes_routing_checksum():
    digits = [int(d) for d in Surrogates(KEY).make("021000021", "aba")]
    assert sum(d * w for d, w in zip(digits, (3, 7, 1) * 3, strict=True)) % 10 == 0


def test_surrogate_iban_passes_mod97():
    fake = Surrogates(KEY).make("GB82 WEST 1234 5698 7654 32", "iban").replace(" ", "")
    assert int("".join(str(int(c, 36)) for c in fake[4:] + fake[:4])) % 97 == 1


def test_surrogate_ssn_avoids_invalid_areas():
    for value in (f"{n:03d}-12-3456" for n in range(1, 200)):
        area = Surrogates(KEY).make(value, "ssn")[:3]
        assert area not in {"000", "666"} and not area.startswith("9")


@given(st.sampled_from(KINDS), st.text(alphabet="abcXYZ0123456789 -.,@/+", min_size=1,
                                       max_size=20))
@example("phone", ".b./")  # no digit for the phone maker, and one letter drawn as `b` again
def test_surrogate_never_equals_original(kind, original):
    assert Surrogates(KEY).make(original, kind) != original


def test_surrogate_is_deterministic_across_instances():
    """Two runs (two fresh generators) give the same fake for the same original."""
    first, second = Surrogates(KEY), Surrogates(KEY)
    cases = [("Ann Lee", "PERSON"), ("(555) 123-4567", "PHONE_NUMBER"),
             ("2021-03-04", "DATE_TIME"), ("MRN-00123", "MEDICAL_RECORD_NUMBER")]
    assert [first.make(v, "auto", entity=e) for v, e in cases] == \
        [second.make(v, "auto", entity=e) for v, e in cases]


def test_surrogate_does_not_depend_on_call_order():
    first, second = Surrogates(KEY), Surrogates(KEY)
    first.make("Bob Stone", "name")
    assert first.make("Ann Lee", "name") == second.make("Ann Lee", "name")


def test_surrogate_differs_under_another_key():
    names = ["Ann Lee", "Bob Stone", "Carla Diaz"]
    assert [Surrogates(KEY).make(n, "name") for n in names] != \
        [Surrogates(OTHER_KEY).make(n, "name") for n in names]


def test_surrogate_name_parts_agree_across_mentions():
    """`John Smith`, `Mr. Smith` and `SMITH, JOHN` get the same fake surname."""
    fakes = Surrogates(KEY)
    full = fakes.make("John Smith", "name").split()[-1]
    assert fakes.make("Mr. Smith", "name") == f"Mr. {full}"
    assert fakes.make("SMITH, JOHN", "name").split(",")[0] == full.upper()


@pytest.mark.parametrize("entity, pattern", [
    ("PERSON", r"[A-Z][a-z'-]+ [A-Z][a-z'-]+"),
    ("US_SSN", r"\d{3}-\d{2}-\d{4}"),
    ("SOMETHING_NEW", r"[A-Z]{2}\d{4}"),  # unknown entity: same shape
])
def test_surrogate_auto_picks_kind_from_entity(entity, pattern):
    original = {"PERSON": "Ann Lee", "US_SSN": "123-45-6789", "SOMETHING_NEW": "AB1234"}[entity]
    assert re.fullmatch(pattern, Surrogates(KEY).make(original, "auto", entity=entity))


@pytest.mark.parametrize("first, second, fmt", [
    ("03/04/2021", "03/09/2021", "%m/%d/%Y"),
    ("2021-12-30", "2022-01-02", "%Y-%m-%d"),
    ("March 4, 2021", "March 9, 2021", "%B %d, %Y"),
    ("02-Jan-1983", "09-Jan-1983", "%d-%b-%Y"),
    ("02JAN83", "09JAN83", "%d%b%y"),
    ("20211230", "20220102", "%Y%m%d"),
])
def test_surrogate_dates_in_one_text_keep_their_interval(first, second, fmt):
    """Each date used to move by its own amount: a discharge could land before the admission."""
    from datetime import datetime

    text = f"Admitted {first}, discharged {second}."
    surrogates = Surrogates(KEY)
    new_first = surrogates.make(first, "date", within=text)
    new_second = surrogates.make(second, "date", within=text)
    parse = lambda value: datetime.strptime(value, fmt)  # noqa: E731
    assert parse(new_second) - parse(new_first) == parse(second) - parse(first)
    assert new_first != first
    # another text moves its dates by its own amount; the same text always by the same
    assert Surrogates(KEY).make(first, "date", within=text) == new_first
    shifts = {parse(Surrogates(KEY).make(first, "date", within=f"note {n}: {first}")) - parse(first)
              for n in range(20)}
    assert len(shifts) > 10 and all(shift.days != 0 for shift in shifts)



def test_surrogate_month_and_day_without_a_year_keep_their_interval():
    from datetime import datetime

    text = "Admitted 2/27, discharged 3/2."
    surrogates = Surrogates(KEY)
    moved = [surrogates.make(value, "date", within=text) for value in ("2/27", "3/2")]
    first, second = (datetime.strptime(f"{value}/2000", "%m/%d/%Y") for value in moved)
    assert (second - first).days % 366 == 4  # 2000 is a leap year, as the shift assumes
    assert moved[0] != "2/27"
    assert all("/" in value and value.count("/") == 1 for value in moved)
