"""redact_series: one detection per distinct text, mapped back, counted per row."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.nlp.operators import Anonymizer, EncryptOp, HashOp, MaskOp, ReplaceOp, SurrogateOp
from veil.nlp.redaction import redact_series, score_bucket
from veil.nlp.types import DetectionResult, Finding


class ListDetector:
    """Finds the literal words it was given (a stand-in with known answers)."""

    def __init__(self, words: dict[str, tuple[str, float]]) -> None:
        self.words = words
        self.calls: list[list[str]] = []

    def detect(self, texts):
        self.calls.append(list(texts))
        findings = []
        for text in texts:
            found = []
            for word, (entity, score) in self.words.items():
                start = text.find(word)
                if start >= 0:
                    found.append(Finding(start, start + len(word), entity, score, f"list_{entity}"))
            findings.append(sorted(found))
        return DetectionResult(findings, near_misses={"PERSON": 2})


WORDS = {"Ann": ("PERSON", 0.85), "555-0100": ("PHONE_NUMBER", 1.0)}
SERIES = pl.Series("note", ["hi Ann", "hi Ann", "call 555-0100, Ann", None, "", "nothing",
                           "hi Ann"])


def test_redact_series_detects_each_distinct_text_once():
    detector = ListDetector(WORDS)
    redact_series(SERIES, detector, Anonymizer({}))
    assert detector.calls == [["hi Ann", "call 555-0100, Ann", "nothing"]]


def test_redact_series_maps_results_back_to_every_row():
    out, _ = redact_series(SERIES, ListDetector(WORDS), Anonymizer({"PHONE_NUMBER": MaskOp()}))
    assert out.to_list() == ["hi <PERSON>", "hi <PERSON>", "call ********, <PERSON>", None, "",
                             "nothing", "hi <PERSON>"]
    assert out.name == "note"


def test_redact_series_counts_are_weighted_by_rows():
    _, stats = redact_series(SERIES, ListDetector(WORDS), Anonymizer({}))
    assert (stats.distinct_texts, stats.rows_changed) == (3, 4)
    assert stats.count == {"PERSON": 4, "PHONE_NUMBER": 1}
    assert stats.rows == {"PERSON": 4, "PHONE_NUMBER": 1}


def test_redact_series_entity_findings_for_the_report():
    _, stats = redact_series(SERIES, ListDetector(WORDS), Anonymizer({"PHONE_NUMBER": MaskOp()}))
    person, phone = stats.entity_findings(step=3, column="note", anonymizer=Anonymizer(
        {"PHONE_NUMBER": MaskOp()}))
    assert (person.step, person.column, person.entity, person.count, person.operator,
            person.rows_with_finding, person.near_misses) == \
        (3, "note", "PERSON", 4, "replace", 4, 2)
    assert person.recognizers == {"list_PERSON": 4}
    assert person.score_histogram == {"0.8-0.9": 4}
    assert (phone.operator, phone.score_histogram) == ("mask", {"0.9-1.0": 1})


def test_score_bucket_edges():
    assert [score_bucket(s) for s in (0.0, 0.35, 0.5, 0.999, 1.0)] == \
        ["0.0-0.1", "0.3-0.4", "0.5-0.6", "0.9-1.0", "0.9-1.0"]


@pytest.fixture(scope="module")
def pattern_detector():
    from veil.nlp.detect import Detector
    from veil.nlp.types import DetectorConfig

    detector = Detector(DetectorConfig(model=None, n_process=1,
                                       entities=("EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD")))
    yield detector
    detector.close()


_WORDS = st.text(alphabet="abcdefghij klmnop,.", max_size=30)
_EMAIL = st.from_regex(r"[a-z]{3,8}\.[a-z]{3,8}@(example|mail)\.(org|com)", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(before=_WORDS, email=_EMAIL, after=_WORDS,
       operator=st.sampled_from([ReplaceOp(), MaskOp(), HashOp(), SurrogateOp(), EncryptOp()]))
def test_redact_series_leaves_no_planted_email(pattern_detector, before, email, after, operator):
    text = f"{before} {email} {after}"
    out, stats = redact_series(pl.Series("t", [text]), pattern_detector,
                               Anonymizer({"default": operator}, key=b"property-key"))
    assert email not in out[0]
    assert stats.count["EMAIL_ADDRESS"] == 1
