"""Identifiers written with invisible or look-alike characters are found and replaced whole.

Copied text carries zero-width spaces, soft hyphens, direction marks, no-break spaces,
typographic dashes and full-width forms; Arabic and Persian keyboards type their own digits;
and a Latin word can be spelt with Cyrillic or Greek letters drawn the same. Before, each
broke the patterns: the phone number, the SSN and the e-mail's local part below passed
through unredacted.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import veil
from veil.nlp.operators import Anonymizer, HashOp, SurrogateOp
from veil.nlp.readable import readable
from veil.nlp.types import Finding

KEY = b"readable-text-test-key"
ZWSP, SOFT_HYPHEN, NBSP, NB_HYPHEN, EN_DASH, LRM, BOM = (
    "\u200b", "\u00ad", "\u00a0", "\u2011", "\u2013", "\u200e", "\ufeff")

PLAIN = "Call 617-555-0142, SSN 536-22-8741, mail john.smith@example.com today."
WRITTEN = [
    f"Call 617{ZWSP}-555-0142, SSN 536-2{SOFT_HYPHEN}2-8741, mail john{ZWSP}.smith@exa{LRM}mple"
    f".com today.",
    f"Call 617{NB_HYPHEN}555{NB_HYPHEN}0142, SSN 536{EN_DASH}22{EN_DASH}8741, mail "
    f"john.smith@example.com{NBSP}today.",
    "Call ６１７-５５５-０１４２, SSN ５３６-２２-８７４１, mail john.smith＠example.com today.",
    f"Call {BOM}617-555-0142{LRM}, SSN 536-22-8741, mail john.smith@example.com today.",
    "Call ٦١٧-٥٥٥-٠١٤٢, SSN ۵۳۶-۲۲-۸۷۴۱, mail john.smith@example.com today.",
    # Tag characters (invisible ASCII) and a variation selector inside the identifiers.
    "Call 617\U000e0041-555-0142, SSN 536-22\ufe0f-8741, mail john.smith@exa\U000e0020mple.com "
    "today.",
    # Mathematical bold digits, and a Cyrillic о, і and а in the address.
    "Call 𝟔𝟏𝟕-𝟓𝟓𝟓-𝟎𝟏𝟒𝟐, SSN 536-22-8741, mail j\u043ehn.sm\u0456th@ex\u0430mple.com today.",
]
#: What must not survive of the identifiers, in any of the forms written above.
IDENTIFYING = ["617", "555", "0142", "536", "8741", "john", "smith", "example"]


def _visible(text: str) -> str:
    """What a reader sees (and a model trained on the output learns): look-alikes plain."""
    return readable(text).text


@pytest.mark.parametrize("text", WRITTEN, ids=["zero-width", "dashes", "full-width", "marks",
                                               "other-script digits", "tags and selectors",
                                               "look-alike letters"])
def test_identifiers_with_invisible_or_look_alike_characters_are_found_whole(
        pattern_detector, text):
    expected = [(f.entity, PLAIN[f.start:f.end])
                for f in pattern_detector.detect([PLAIN]).findings[0]]
    assert [entity for entity, _ in expected] == ["PHONE_NUMBER", "US_SSN", "EMAIL_ADDRESS"]
    found = pattern_detector.detect([text]).findings[0]
    # The same identifiers, each span covering the identifier as written.
    assert [(f.entity, _visible(text[f.start:f.end])) for f in found] == expected
    redacted = Anonymizer({}).anonymize(text, found)
    assert not [part for part in IDENTIFYING if part in _visible(redacted)]
    assert _visible(redacted).startswith("Call <PHONE_NUMBER>, SSN <US_SSN>, mail "
                                         "<EMAIL_ADDRESS>")


@pytest.mark.parametrize("written", [f"mail john{ZWSP}.smith@exa{SOFT_HYPHEN}mple.com",
                                     "mail j\u043ehn.smith@ex\u0430mple.c\u043em"],
                         ids=["invisible", "look-alike"])
def test_an_identifier_written_with_invisible_characters_gets_the_plain_ones_replacement(
        written):
    """Keyed operators see the identifier as read: the same token, hash or fake for both."""
    plain = "mail john.smith@example.com"
    for operator in (HashOp(), SurrogateOp(kind="email")):
        anonymizer = Anonymizer({"EMAIL_ADDRESS": operator}, key=KEY)
        assert anonymizer.anonymize(
            written, [Finding(5, len(written), "EMAIL_ADDRESS", 1.0, "email")]
        ) == anonymizer.anonymize(plain, [Finding(5, len(plain), "EMAIL_ADDRESS", 1.0, "email")])


def test_a_name_broken_by_invisible_characters_is_found_by_the_model_as_the_plain_one(
        detector):
    plain = "Patient John Smith was seen by Dr. Maria Gonzalez in clinic."
    written = (f"Patient J{ZWSP}ohn{NBSP}Smi{SOFT_HYPHEN}th was seen by Dr.{NBSP}Maria "
               f"Gonz{ZWSP}alez in clinic.")
    expected = [(f.entity, plain[f.start:f.end]) for f in detector.detect([plain]).findings[0]]
    assert ("PERSON", "John Smith") in expected
    found = detector.detect([written]).findings[0]
    assert [(f.entity, _visible(written[f.start:f.end])) for f in found] == expected


def test_russian_and_greek_words_are_read_as_written():
    """Only a Latin word spelt with look-alikes is read as Latin: a Cyrillic or Greek word,
    or one mixing them with Latin, keeps its letters for the model (which would otherwise
    read `Петров` as `Пeтpoв`)."""
    for text in ("Иван Петров", "Dr.Петров", "Москва-Moscow", "ΑΘΗΝΑ Athens", "сосо"):
        assert readable(text).text == text
    assert readable("Mr \u0405m\u0456th, ΑΒΕabc").text == "Mr Smith, ABEabc"


def test_text_outside_the_findings_is_written_out_as_it_came():
    text = f"{BOM}Note{NBSP}for 617{ZWSP}-555-0142{LRM} — ok"
    recipe = ("veil: 1\nname: t\nnlp: none\nreport: {verify_output: true}\n"
              "steps:\n  - redact_text: {columns: [note]}\n")
    result = veil.run(recipe, pl.DataFrame({"note": [text]}), output=None, report_dir=None)
    assert result.frame["note"].to_list() == [f"{BOM}Note{NBSP}for <PHONE_NUMBER>{LRM} — ok"]
    assert result.report.verdict == "PASS"  # the residual scan finds nothing left either


_ALPHABET = st.sampled_from(list("ab1-@. ") + [ZWSP, SOFT_HYPHEN, NBSP, NB_HYPHEN, EN_DASH, LRM,
                                               BOM, "１", "＠", "é", "٥", "𝟓", "²",
                                               "\U000e0041", "\ufe0f"])


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_a_span_of_the_read_text_maps_to_the_written_characters_that_read_as_it(text, data):
    form = readable(text)
    assert readable(form.text).text == form.text  # nothing left to leave out or make plain
    if not form.text:
        return
    start = data.draw(st.integers(0, len(form.text) - 1))
    end = data.draw(st.integers(start + 1, len(form.text)))
    [mapped] = form.as_written([Finding(start, end, "X", 1.0, "r")])
    assert readable(text[mapped.start:mapped.end]).text == form.text[start:end]
    # Nothing visible on either side is taken into the span.
    assert readable(text[:mapped.start]).text == form.text[:start]
    assert readable(text[mapped.end:]).text == form.text[end:]
