"""Operators: parsing the recipe form, and what each does to one value."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from veil.nlp.operators import (
    Anonymizer,
    EncryptOp,
    HashOp,
    KeepOp,
    MaskOp,
    OperatorSpec,
    RedactOp,
    ReplaceOp,
    SurrogateOp,
    resolve_overlaps,
)
from veil.nlp.types import Finding

KEY = b"operator-test-key"
OTHER_KEY = b"another-operator-test-key"


class Holder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operator: OperatorSpec


def parse(raw):
    return Holder.model_validate({"operator": raw}).operator


def apply(operator, text, entity="PERSON", key=KEY):
    return operator.apply(text, entity, Anonymizer({}, key=key))


# fmt: off
@pytest.mark.parametrize("raw, expected", [
    ("redact",                                   RedactOp()),                      # name alone
    ("keep",                                     KeepOp()),
    ({"replace": "[{entity}]"},                  ReplaceOp(template="[{entity}]")),  # main setting
    ({"mask": "#"},                              MaskOp(char="#")),
    # a mapping of settings
    ({"mask": {"count": 4, "from_end": True}},   MaskOp(count=4, from_end=True)),
    ({"hash": 16},                               HashOp(length=16)),
    ({"surrogate": "phone"},                     SurrogateOp(kind="phone")),
    ({"encrypt": None},                          EncryptOp()),       # `encrypt:` alone
    ({"op": "mask", "count": 2},                 MaskOp(count=2)),   # the model's own form
])
# fmt: on
def test_operator_spec_parses_recipe_forms(raw, expected):
    assert parse(raw) == expected


# fmt: off
@pytest.mark.parametrize("raw, message", [
    ("hsh",                              "unknown operator `hsh`. Did you mean `hash`?"),
    ({"mask": {"chr": "x"}},             "Extra inputs are not permitted"),
    ({"replace": "<{ent}>"},             "placeholder `{ent}` is unknown"),
    ({"hash": {"template": "<{entity}>"}}, "must contain `{hash}`"),
    ({"redact": 3},                      "takes no settings"),
    ({"surrogate": "nam"},               "Input should be 'auto'"),
    ({"mask": "**"},                     "at most 1 character"),
    ({"mask": 1, "hash": 2},             "one-key mapping"),
])
# fmt: on
def test_operator_spec_rejects_bad_forms(raw, message):
    with pytest.raises(ValidationError, match=message):
        parse(raw)


# fmt: off
@pytest.mark.parametrize("operator, text, expected", [
    (MaskOp(),                                   "123-45-6789", "***********"),  # everything
    (MaskOp(char="#", count=5),                  "123-45-6789", "#####5-6789"),  # first five
    (MaskOp(count=4, from_end=True),             "123-45-6789", "123-45-****"),  # last four
    (MaskOp(count=50),                           "abc",         "***"),          # count > length
    (ReplaceOp(),                                "John",        "<PERSON>"),
    (ReplaceOp(template="[{entity}] "),          "John",        "[PERSON] "),
    (ReplaceOp(template="XXX"),                  "John",        "XXX"),          # no placeholder
    (RedactOp(),                                 "John",        ""),
    (KeepOp(),                                   "John",        "John"),
])
# fmt: on
def test_operator_apply_unkeyed(operator, text, expected):
    assert apply(operator, text) == expected


def test_hash_is_stable_under_one_key():
    assert apply(HashOp(), "jane@example.org") == apply(HashOp(), "jane@example.org")


def test_hash_differs_under_another_key():
    assert apply(HashOp(), "jane@example.org") != apply(HashOp(), "jane@example.org", key=OTHER_KEY)


def test_hash_token_layout():
    token = apply(HashOp(length=16), "jane@example.org", entity="EMAIL_ADDRESS")
    assert token.startswith("<EMAIL_ADDRESS_") and token.endswith(">")
    assert len(token) == len("<EMAIL_ADDRESS_>") + 16
    assert "jane" not in token


def test_hash_same_value_same_token_across_entities():
    """A value found as two entity types still hashes to the same digest (joins survive)."""
    op = HashOp(template="{hash}")
    assert apply(op, "Jordan", entity="PERSON") == apply(op, "Jordan", entity="LOCATION")


def test_operator_keyed_flags():
    assert [op.keyed for op in (HashOp(), EncryptOp(), SurrogateOp())] == [True] * 3
    assert [op.keyed for op in (ReplaceOp(), RedactOp(), MaskOp(), KeepOp())] == [False] * 4


def test_anonymizer_replaces_right_to_left_with_per_entity_and_default_operators():
    anonymizer = Anonymizer({"US_SSN": MaskOp(count=3), "default": ReplaceOp(template="<X>")},
                            key=KEY)
    text = "Call Ann Lee at 123-45-6789 today"
    findings = [Finding(5, 12, "PERSON", 0.9, "spacy"), Finding(16, 27, "US_SSN", 0.9, "ssn")]
    assert anonymizer.anonymize(text, findings) == "Call <X> at ***-45-6789 today"


def test_anonymizer_without_operators_uses_entity_placeholder():
    text = "mail ann@example.org now"
    assert Anonymizer({}).anonymize(text, [Finding(5, 20, "EMAIL_ADDRESS", 1.0, "email")]) == \
        "mail <EMAIL_ADDRESS> now"


# fmt: off
@pytest.mark.parametrize("findings, expected", [
    # overlapping: one span covering both, the stronger entity wins
    ([Finding(0, 8, "PERSON", 0.6, "a"), Finding(5, 12, "LOCATION", 0.9, "b")],
     [Finding(0, 12, "LOCATION", 0.9, "b")]),
    # nested: the outer span stays whole
    ([Finding(2, 4, "PERSON", 0.9, "a"), Finding(0, 10, "PERSON", 0.5, "b")],
     [Finding(0, 10, "PERSON", 0.9, "a")]),
    # touching, same entity: one span
    ([Finding(0, 4, "PERSON", 0.8, "a"), Finding(4, 9, "PERSON", 0.7, "a")],
     [Finding(0, 9, "PERSON", 0.8, "a")]),
    # touching, different entities: both kept
    ([Finding(4, 9, "US_SSN", 0.7, "b"), Finding(0, 4, "PERSON", 0.8, "a")],
     [Finding(0, 4, "PERSON", 0.8, "a"), Finding(4, 9, "US_SSN", 0.7, "b")]),
])
# fmt: on
def test_resolve_overlaps_never_splits_an_identifier(findings, expected):
    assert resolve_overlaps(findings) == expected


def test_anonymizer_overlapping_findings_leave_no_part_behind():
    text = "patient Johnathan Smithers seen"
    findings = [Finding(8, 17, "PERSON", 0.6, "a"), Finding(12, 26, "PERSON", 0.8, "b")]
    out = Anonymizer({}).anonymize(text, findings)
    assert out == "patient <PERSON> seen"


def test_hash_operator_matches_the_hash_step_digest():
    """Text and column digests share a namespace, so a hashed mention still joins its column."""
    from veil.privacy.keyed import keyed_token

    token = apply(HashOp(template="{hash}", length=16), "jane@example.org")
    assert token == keyed_token(KEY, "jane@example.org", purpose="hash:default", length=16)
