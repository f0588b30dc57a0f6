"""Recognizer gates: a text a gate rules out gives exactly the findings it gives without gates;
and the ASCII twins of the regexes find in an ASCII text what the regexes find."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.evaluation import bundled_labelled_set, read_labelled
from veil.evaluation.generate import generate
from veil.nlp import analysis as analysis_module
from veil.nlp.analysis import Analysis
from veil.nlp.detect import _entities_in_scope
from veil.nlp.recognizers import pattern_recognizers
from veil.nlp.recognizers._base import (
    VeilPatternRecognizer,
    _Keywords,
    ascii_twin,
    fold_case,
    longest_digit_run,
    reads_as_ascii,
)
from veil.nlp.types import DetectorConfig

# Pieces that sit next to the gates' keywords and separators, in odd cases and scripts.
FRAGMENTS = ["MRN", "mrn#", "Mr #", "Medical Rec. no", "chart # ", "NHS", "npi", "SWIFT ", "BIC:",
             "routing ", "ABA", "acct", "A/C", "sort code", "zip", "Postal code", "P.O. Box ",
             "Box 12", "APO AE ", "FPO", "Flat 3, ", "Unit 7", "rue ", "Via ", "Calle ", "straat ",
             "Straße ", "STRASSE", "weg 12", "Avda. ", "Hauptstr. 5", "C. ", "Plaça ", "plate",
             "Reg.", "serial no", "S/N", "IMEI",
             "driver's licence ", "DL#", "ending in ", "ENDS WITH ", "http://", "www.", "x.org",
             "10.0.0.1", "fe80::1", "::", "+44 ", "+1", "Jan", "JUNE", "Sept.", "3rd ", "12th",
             "2023", "1999", "-07-", "/12/", "12/31/", "31.12.2023", "-1234", "12-34-56",
             "1EG4-TE5-MK73", "-TE5-", "Age ", "aged", "years old", "yrs-old", "95", "101", " in ",
             "Springfield", "IL 62704", ", ", ". ", "\n", "  ", "\u0130", "\u0131", "\u017f",
             "\u212a", "\u00df", "ß", "é", "0", "4", "9", "1234", "4111 1111 1111 1111",
             "078-05-1120", "123456789", "GB82 WEST 1234 5698 7654 32", "de89370400440532013000",
             "\u0664\u0661\u0665", "\u0665\u0665\u0665\u0662", "\uff11\uff12", "provider ",
             "wire ", "XJH", "AB", "NSW ", "Vic ", " ON ", "M5V 1A1", "Medicare no. ", "NI no. ",
             "PAN ", "GMC ", "NMC PIN ", "frequent flyer #", "code you sent was ", "IMEI "]

# One identifier for each gated pattern, as the gate's pattern finds it.
IDENTIFIERS = ["NHS 943 476 5919", "MRN: 00482913", "MRN-00482913", "medical record no. HX-482913",
               "Member ID: XJH482913307", "routing 011000015", "SWIFT: DEUTDEFF500",
               "sort code 12-34-56", "ZIP 62704", "PO Box 4471", "PSC 1234, Box 12, APO AE 09012",
               "Flat 3, Leah Gateway", "12 rue de la Paix", "Ninthestraat 273",
               "Via de la Paz 27", "plate 6SRY284", "serial number MJ6841929",
               "driver's license S92026988", "card ending in 4821", "https://example.com/a",
               "www.example.com", "10.1.2.3", "2001:db8::1", "+44 20 7946 0958", "07 Jul 2023",
               "July 7th, 2023", "2023-07-07", "07/07/2023", "07.07.2023", "2023/07/07",
               "aged 95", "93-year-old", "95 years of age", "1EG4-TE5-MK73", "zip 62704-1234",
               "4821 Maple Grove Ave in Springfield", "account number 004829113307",
               "NPI 1234567893", "SSN 536-90-4399", "IBAN GB82 WEST 1234 5698 7654 32",
               "routing 0110-0001-5", "provider 1234567893", "wire 011000015",
               "DEA AB1234563", "4111 1111 1111 1111", "3782 822463 10005", "4111111111111111",
               "92 y/o", "Springfield, IL 62704", "NHS 943-476-5919", "1EG4TE5MK73",
               "415-555-2671", "4821 Maple Grove Ave",
               "wallet 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ",
               "wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "GB82-WEST-1234-5698-7654-32",
               "Parramatta NSW 2150", "Toronto ON M5V 1A1", "Medicare no. 2123 45670 1",
               "NI no. QQ 12 34 56 C", "PAN ABCPE1234F", "GMC 7012345", "NMC PIN 12A3456E",
               "frequent flyer no. BA48812093", "code you sent was 772 019",
               "IMEI 356938035643809", ", Athens 115 26", ", 114 55 Stockholm",
               "user=kpatel82", "student no. S2231098", ", Dublin 6", "14 Gandhi Nagar",
               "Smith, 93, widowed", "MRN:....7730041", "NHI ZAA0067", "CEP 01310-100",
               "Av. Paulista 1578", "Plot 12, Ngong Road", "RFC GODE561231AB1",
               "réf. VIR-4471209", "claim ref WC-22-0917", "acc 53117804", "callback 555-0187",
               "cel. (11) 98765-4321", "Rx 884120", "between 03/01 and 03/19",
               "SSN ending 4471", "Gallagher, 91, non-smoker", "bsb is 062-000",
               "acc is 1234 5678",
               # the patterns of 2026-12-07's last series, and gates rewritten to start from a
               # literal (whitespace other than a space where a pattern allows any)
               "Mrs O. (101) bedbound", "Dorothy Pryce\t(93), Rx", "Edna\n(94) lives alone",
               "97M brought in", "92 F\tpresents with", "Thurs 14th", "Monday the 12th",
               "from the 3rd is pending", "the 3rd of\nMay 1971", "fourth of April eighty-two",
               "extubated 06/01", "specimen H24-0031872", "subject ONC-204-0117",
               "CHI 0101451234", "CIF 00488213", "reg 191-D-12345",
               "member Denise Whitaker, ID W448120937", "user satoshi_fan_88",
               "MTCN 4471209833", "PNR X7K9QL", "Oyster card 0412 4471 2093",
               "MPAN 1200051234567", "microchip 985112004471209", "Ghana Card GHA-712345678-9",
               "claim HC-2291-4471", "loan MTG-4471209", "my card, last 4 are 7731",
               "0722 123456", "0803 123 4567", "the branch at Peckham", "our Croydon branch",
               "near his home on Coldharbour Lane", "5 Cedar Court,\tReading.",
               "UPN A123456789012", "crime ref 42/98765/24", "2:23-cv-01184",
               "policy GEICO 6120447", "acc# RAD-2024-118832", "Room 1203, 88 Queensway",
               ", Leeds LS1 4AP", "Ottawa ON K1A 0B1", "12 Kauri Rd, Whangarei 0110",
               "Springfield,\tIL  62704", "51.5074, -0.1278", "4/15 @ 2pm", "flu 10/2023",
               "ss 536 90 4399", "SSN 536-90-4399 x", "acct ****8812",
               "2210 w broadway rd apt 14 tempe az  85282", "Kim, 98, DNR", "96 y.o. female"]


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    config = DetectorConfig(model=None, n_process=1)
    return Analysis(config, _entities_in_scope(config))


def both_ways(analysis: Analysis, texts: list[str]) -> tuple[list, list]:
    try:
        analysis.set_gated(True)
        gated = analysis.run(texts)
        analysis.set_gated(False)
        ungated = analysis.run(texts)
    finally:
        analysis.set_gated(True)
    return gated, ungated


def test_gates_keep_every_finding_of_the_labelled_set(analysis):
    texts = [text for text, _ in read_labelled(bundled_labelled_set())]
    gated, ungated = both_ways(analysis, texts)
    assert sum(map(len, ungated)) > len(texts)  # the set has findings to lose
    assert [sorted(f) for f in gated] == [sorted(f) for f in ungated]


def test_gates_keep_every_finding_of_the_written_set(analysis):
    texts = [text for text, _ in read_labelled(bundled_labelled_set("written"))]
    gated, ungated = both_ways(analysis, texts)
    assert sum(map(len, ungated)) > len(texts)
    assert [sorted(f) for f in gated] == [sorted(f) for f in ungated]


def test_gates_keep_every_finding_of_generated_notes(analysis):
    texts = [record["text"] for record in generate(300, seed=7)]
    gated, ungated = both_ways(analysis, texts)
    assert [sorted(f) for f in gated] == [sorted(f) for f in ungated]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + IDENTIFIERS) | st.text(max_size=4), min_size=1,
                max_size=14))
def test_gates_keep_every_finding_of_fragment_soup(analysis, parts):
    text = "".join(parts)
    gated, ungated = both_ways(analysis, [text])
    assert sorted(gated[0]) == sorted(ungated[0])


@pytest.mark.parametrize("text", IDENTIFIERS)
def test_gates_keep_each_identifier(analysis, text):
    gated, ungated = both_ways(analysis, [f"Note: {text}. Then {text.upper()}; {text.lower()}"])
    assert ungated[0]
    assert sorted(gated[0]) == sorted(ungated[0])


def test_gates_skip_patterns_on_texts_that_cannot_match():
    recognizers = [r for r in pattern_recognizers("en") if isinstance(r, VeilPatternRecognizer)]
    gated = sum(1 for r in recognizers for p in r.patterns if p.name in r.GATES)
    assert gated >= 30


@pytest.mark.parametrize(("text", "folded"), [
    ("MRN 12", "mrn 12"), ("\u0130D", "id"), ("\u0131d", "id"), ("\u017fort", "sort"),
    ("\u212aEY", "key"), ("Straße", "straße")])
def test_fold_case_lowers_as_ignorecase_matches(text, folded):
    assert fold_case(text) == folded


@pytest.mark.parametrize(("text", "run"), [
    ("", 0), ("no digits", 0), ("a1b22c333", 3), ("12 345-6789", 4),
    ("\u0664\u0661\u0665x", 3)])
def test_longest_digit_run_counts_consecutive_digits(text, run):
    assert longest_digit_run(text) == run


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text("abcs.-é", min_size=1, max_size=5), min_size=1, max_size=12),
       st.lists(st.text("abcs.-é ", max_size=12), min_size=1, max_size=4))
def test_one_scan_finds_each_keyword_as_in_does(words, texts):
    # Words inside, across and at the start of others (`str` in `straat`, `sex` across the
    # end of `case` in `casex`) are all there, as `word in text` finds them.
    keywords = _Keywords()
    keywords.add(words)
    for text in texts:
        assert keywords.found_in(text) == {word for word in words if word in text}


def test_keywords_added_after_a_scan_are_found_in_the_next_text():
    keywords = _Keywords()
    keywords.add(["case"])
    assert keywords.found_in("casex") == {"case"}
    keywords.add(["sex"])
    assert keywords.found_in("a casex") == {"case", "sex"}
    assert keywords.found_in("") == frozenset()


def unicode_and_ascii(analysis: Analysis, texts: list[str], monkeypatch) -> tuple[list, list]:
    twins = analysis.run(texts)
    monkeypatch.setattr(analysis_module, "reads_as_ascii", lambda text: False)
    return twins, analysis.run(texts)


def test_ascii_twins_find_what_unicode_regexes_find(analysis, monkeypatch):
    texts = [text for text, _ in read_labelled(bundled_labelled_set())]
    texts += [record["text"] for record in generate(300, seed=11)]
    texts += [text.upper() for text in texts[:500]]
    assert sum(map(reads_as_ascii, texts)) > len(texts) // 2  # the twins are tried
    twins, unicode = unicode_and_ascii(analysis, texts, monkeypatch)
    assert sum(map(len, unicode)) > len(texts)
    assert [sorted(f) for f in twins] == [sorted(f) for f in unicode]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + IDENTIFIERS) | st.text(string.printable, max_size=4),
                min_size=1, max_size=14))
def test_ascii_twins_find_what_unicode_regexes_find_in_fragment_soup(analysis, parts):
    text = "".join(parts)
    with pytest.MonkeyPatch.context() as monkeypatch:
        twins, unicode = unicode_and_ascii(analysis, [text], monkeypatch)
    assert sorted(twins[0]) == sorted(unicode[0])


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_information_separators_are_read_as_spaces_as_unicode_reads_them(analysis, separator):
    # ASCII, but `\s` in ASCII mode is not these: the text must be read in Unicode mode
    text = f"call 415{separator}555{separator}2671"
    assert not reads_as_ascii(text)
    assert [(entity, text[start:end]) for start, end, entity, *_ in analysis.run([text])[0]] \
        == [("PHONE_NUMBER", f"415{separator}555{separator}2671")]


def test_only_four_characters_match_an_ascii_letter_when_case_is_ignored():
    # Why a regex naming none of them has an ASCII twin (`ascii_twin`).
    letter = re.compile("[a-zA-Z]", re.IGNORECASE)
    matched = {char for char in map(chr, range(0x80, 0x110000)) if letter.fullmatch(char)}
    assert matched == {"\u0130", "\u0131", "\u017f", "\u212a"}


@pytest.mark.parametrize(("pattern", "flags", "twinned"), [
    (r"\bmrn\s*\d+", re.IGNORECASE, True),
    ("stra\u00dfe", re.IGNORECASE, True),                 # Latin-1: no ASCII letter's case
    ("\u212a\\d", re.IGNORECASE, False),                # the Kelvin sign is `k`
    ("[a-\u017f]", re.IGNORECASE, False),                 # a range over the long s
    ("(?i:[\u0100-\u0200])x", 0, False),                  # ignoring case inline
    ("[\u0100-\u0200]x", 0, True),                       # case matters: no letter is another
    ("[a-z'\u2019-]", re.IGNORECASE, True),               # a class's last `-` is no range
    (r"\u0130", re.IGNORECASE, False),                    # an escape may name one
])
def test_a_regex_that_may_name_an_ascii_letter_keeps_unicode_mode(pattern, flags, twinned):
    regex = re.compile(pattern, flags)
    assert (ascii_twin(regex).flags & re.ASCII != 0) is twinned
