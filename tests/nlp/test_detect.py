"""The Detector: caching, splitting, resolution, lists, configuration errors, nlp none."""

from __future__ import annotations

import pytest

from veil.errors import ModelMissingError, RecipeError
from veil.nlp.detect import Detector, get_detector, split_text
from veil.nlp.resolve import resolve
from veil.nlp.types import CustomRecognizerSpec, DetectorConfig, Finding

NOTE = "Patient Maria Gonzalez (MRN: 00482913) can be reached at 415-555-2671 or m.g@example.com."


def spans(text: str, findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in findings]


def test_detect_finds_each_identifier_of_a_note(detector):
    assert spans(NOTE, detector.detect([NOTE]).findings[0]) == [
        ("PERSON", "Maria Gonzalez"), ("MEDICAL_RECORD_NUMBER", "00482913"),
        ("PHONE_NUMBER", "415-555-2671"), ("EMAIL_ADDRESS", "m.g@example.com")]


def test_detect_nulls_and_empty_strings_have_no_findings(detector):
    result = detector.detect([None, "", "   ", NOTE])
    assert result.findings[:3] == [[], [], []]
    assert len(result.findings[3]) == 4


def test_detect_repeated_texts_give_the_same_findings_as_one_by_one(detector):
    texts = [NOTE, "Call 415-555-2671.", NOTE, None, "Call 415-555-2671."]
    together = detector.detect(texts).findings
    one_by_one = [detector.detect([t]).findings[0] for t in texts]
    assert together == one_by_one


def test_split_text_cuts_long_text_with_overlap():
    text = ("Sentence number one is here. " * 400).strip()
    pieces = split_text(text, size=1000, overlap=200)
    assert all(len(piece) <= 1000 for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    for (a, pa), (b, _) in zip(pieces, pieces[1:], strict=False):
        assert b < a + len(pa)  # consecutive pieces overlap
    assert pieces[-1][0] + len(pieces[-1][1]) == len(text)


def test_detect_long_text_keeps_a_finding_across_a_split(pattern_detector, monkeypatch):
    import veil.nlp.detect as detect_module

    text = "=" * 1500 + "415-555-2671" + "=" * 1500  # no sentence end or space to cut at
    monkeypatch.setattr(detect_module, "CHUNK_CHARS", 1506)
    first_offset, first_piece = split_text(text, size=1506, overlap=200)[0]
    assert 1500 < first_offset + len(first_piece) < 1512  # the first cut falls inside the phone
    findings = pattern_detector.detect([text]).findings[0]
    assert spans(text, findings) == [("PHONE_NUMBER", "415-555-2671")]


# fmt: off
@pytest.mark.parametrize("raw, expected", [
    # highest score wins an overlap
    ([Finding(0, 10, "US_NPI", 1.0, "a"), Finding(0, 10, "PHONE_NUMBER", 0.6, "b")],
     [Finding(0, 10, "US_NPI", 1.0, "a")]),
    # equal scores: the longest span wins
    ([Finding(0, 4, "DATE_TIME", 0.85, "a"), Finding(0, 16, "STREET_ADDRESS", 0.85, "b")],
     [Finding(0, 16, "STREET_ADDRESS", 0.85, "b")]),
    # same entity, touching across a space: merged so nothing is half-replaced
    ([Finding(0, 5, "PERSON", 0.85, "a"), Finding(6, 11, "PERSON", 0.6, "b")],
     [Finding(0, 11, "PERSON", 0.85, "a")]),
    # below threshold: not kept
    ([Finding(0, 5, "PERSON", 0.4, "a")], []),
    # a longer, lower-score span overlapping the winner is not dropped: the replaced span
    # covers both, so the loser's own characters are not left readable (no half-replacement)
    ([Finding(0, 5, "PERSON", 0.9, "a"), Finding(3, 11, "LOCATION", 0.6, "b")],
     [Finding(0, 11, "PERSON", 0.9, "a")]),
    # a chain of overlaps becomes one span, labelled by the highest score
    ([Finding(0, 4, "DATE_TIME", 0.6, "a"), Finding(3, 8, "US_NPI", 1.0, "b"),
      Finding(7, 11, "PHONE_NUMBER", 0.7, "c")],
     [Finding(0, 11, "US_NPI", 1.0, "b")]),
    # findings that do not overlap stay apart
    ([Finding(0, 5, "PERSON", 0.9, "a"), Finding(6, 11, "LOCATION", 0.6, "b")],
     [Finding(0, 5, "PERSON", 0.9, "a"), Finding(6, 11, "LOCATION", 0.6, "b")]),
])
# fmt: on
def test_resolve_overlaps(raw, expected):
    kept, _ = resolve("Maria Gonza rest of text", raw, threshold=0.5)
    assert kept == expected


def test_resolve_counts_near_misses_that_overlap_nothing_kept():
    raw = [Finding(0, 5, "PERSON", 0.4, "a"), Finding(6, 11, "ZIP_CODE", 0.45, "b"),
           Finding(6, 11, "US_BANK_NUMBER", 0.9, "c")]
    _, near = resolve("Maria 12345", raw, threshold=0.5)
    assert near == {"PERSON": 1}


# fmt: off
@pytest.mark.parametrize("text, raw, expected", [
    # a role word is not identifying: "Patient <PERSON> was seen", not "<PERSON> was seen"
    ("Patient Ryan Gallagher was seen", [Finding(0, 22, "PERSON", 0.85, "ner")], (8, 22)),
    # several titles, with and without a full stop
    ("Nurse Dr. Jane Doe called", [Finding(0, 18, "PERSON", 0.85, "ner")], (10, 18)),
    # a span of nothing but role words stays whole
    ("Patient was seen", [Finding(0, 7, "PERSON", 0.85, "ner")], (0, 7)),
    # no role word: unchanged
    ("Ryan Gallagher was seen", [Finding(0, 14, "PERSON", 0.85, "ner")], (0, 14)),
    # another entity in the cluster starts earlier: its characters stay covered
    ("Patient Ryan Gallagher", [Finding(0, 22, "PERSON", 0.9, "ner"),
                                Finding(0, 7, "LOCATION", 0.6, "b")], (0, 22)),
    # only PERSON spans are trimmed
    ("Patient 12345678 note", [Finding(0, 16, "MEDICAL_RECORD_NUMBER", 0.9, "a")], (0, 16)),
])
# fmt: on
def test_resolve_trims_titles_and_role_words_off_person_spans(text, raw, expected):
    kept, _ = resolve(text, raw, threshold=0.5)
    assert [(f.start, f.end) for f in kept] == [expected]


def test_detect_allow_list_words_are_never_findings():
    config = DetectorConfig(model=None, allow_list=("help@example.com",), n_process=1)
    text = "Write to help@example.com or ann@example.com."
    assert spans(text, Detector(config).detect([text]).findings[0]) == [
        ("EMAIL_ADDRESS", "ann@example.com")]


def test_detect_deny_list_words_are_always_findings():
    config = DetectorConfig(model=None, deny_list=(("WARD", ("Rosewood Ward",)),), n_process=1)
    text = "Moved to Rosewood Ward overnight."
    assert spans(text, Detector(config).detect([text]).findings[0]) == [("WARD", "Rosewood Ward")]


def test_detect_custom_recognizer_applies_its_validator():
    spec = CustomRecognizerSpec(name="member_card", entity="MEMBER_CARD", regex=r"\bM\d{16}\b",
                                score=0.9, validator="luhn")
    config = DetectorConfig(model=None, custom=(spec,), n_process=1)
    text = "cards M4111111111111111 and M4111111111111112"
    assert spans(text, Detector(config).detect([text]).findings[0]) == [
        ("MEMBER_CARD", "M4111111111111111")]


def test_detector_unknown_entity_is_a_recipe_error_with_suggestion():
    with pytest.raises(RecipeError, match=r"unknown entity `PERSN`\. Did you mean `PERSON`\?"):
        Detector(DetectorConfig(model=None, entities=("PERSN",)))


def test_detector_bad_custom_regex_names_the_recognizer():
    spec = CustomRecognizerSpec(name="ward_code", entity="WARD", regex=r"W(\d+")
    with pytest.raises(RecipeError, match=r"custom recognizer `ward_code`: its `regex`"):
        Detector(DetectorConfig(model=None, custom=(spec,)))


def test_detector_missing_model_raises_with_install_hint():
    with pytest.raises(ModelMissingError, match=r"`en_core_web_nonexistent` is not installed"):
        Detector(DetectorConfig(model="en_core_web_nonexistent"))


def test_detect_nlp_none_finds_emails_but_no_person(pattern_detector):
    findings = pattern_detector.detect([NOTE]).findings[0]
    entities = {f.entity for f in findings}
    assert "EMAIL_ADDRESS" in entities
    assert "PERSON" not in entities


def test_detector_nlp_none_refuses_person_explicitly():
    with pytest.raises(RecipeError, match=r"`PERSON` can only be found with an NLP model"):
        Detector(DetectorConfig(model=None, entities=("PERSON",)))


def test_get_detector_builds_one_detector_per_config():
    class Ctx:
        cache: dict = {}

    config = DetectorConfig(model=None, n_process=1)
    first = get_detector(Ctx, config)
    assert get_detector(Ctx, config) is first
    assert get_detector(Ctx, DetectorConfig(model=None, threshold=0.7, n_process=1)) is not first


def test_detector_supported_entities_lists_sector_entities():
    assert {"US_NPI", "US_DEA", "ABA_ROUTING_NUMBER", "STREET_ADDRESS", "PERSON"} <= set(
        Detector.supported_entities())


def test_detect_in_worker_processes_gives_the_same_findings(detector, monkeypatch):
    import veil.nlp.detect as detect_module

    texts = [f"Note {i}: call 415-555-{2600 + i:04d} or mail p{i}@example.com." for i in range(40)]
    monkeypatch.setattr(detect_module, "PARALLEL_MIN_TEXTS", 10)
    monkeypatch.setattr(detect_module, "WORK_BATCH", 8)
    parallel = Detector(DetectorConfig(model=None, n_process=2))
    try:
        assert parallel.detect(texts).findings == Detector(
            DetectorConfig(model=None, n_process=1)).detect(texts).findings
    finally:
        parallel.close()


def test_detect_one_long_text_is_shared_out_to_the_workers(monkeypatch):
    """A single book-length cell is cut into pieces that the workers share, and its findings
    (offsets into the whole text, across the cuts) are those of reading it in one process."""
    import veil.nlp.detect as detect_module

    text = " ".join(f"Visit {i}: call 415-555-{i % 10_000:04d} or mail p{i}@example.com."
                    for i in range(3_000))
    assert len(detect_module.split_text(text, size=detect_module.CHUNK_CHARS,
                                        overlap=detect_module.CHUNK_OVERLAP)) > 40
    monkeypatch.setattr(detect_module, "PARALLEL_MIN_CHARS", 1_000)
    parallel = Detector(DetectorConfig(model=None, n_process=2))
    try:
        shared = parallel.detect([text]).findings
        assert parallel._pool is not None  # the pieces went to the workers
    finally:
        parallel.close()
    alone = Detector(DetectorConfig(model=None, n_process=1)).detect([text]).findings
    assert shared == alone
    assert sum(f.entity == "EMAIL_ADDRESS" for f in shared[0]) == 3_000


def test_detect_custom_recognizer_regex_is_case_sensitive():
    """A recipe's `[A-Z]` means capitals; `(?i)` asks for any case."""
    exact = CustomRecognizerSpec(name="ward", entity="WARD_ID", regex=r"\bW[A-Z]\d{3}\b", score=0.9)
    loose = CustomRecognizerSpec(name="bed", entity="BED_ID", regex=r"(?i)\bbed-\d{2}\b", score=0.9)
    config = DetectorConfig(model=None, custom=(exact, loose), n_process=1)
    text = "wards WB123 and wb123, BED-12 and bed-34"
    assert spans(text, Detector(config).detect([text]).findings[0]) == [
        ("WARD_ID", "WB123"), ("BED_ID", "BED-12"), ("BED_ID", "bed-34")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Email: john.smith at gmail dot com", [("EMAIL_ADDRESS", "john.smith at gmail dot com")]),
    ("Tel. 617 555 0100", [("PHONE_NUMBER", "617 555 0100")]),
])
def test_detect_a_fields_label_alone_is_no_name(found, text, expected):
    # NER tags a capitalised word at the start of a line a person ("Email", "Tel"): redacted,
    # the note lost the label that says what the placeholder after it was.
    assert found(text) == expected
