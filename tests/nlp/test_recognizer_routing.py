from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.routing import RoutingNumberRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("routing number 011000015", [("011000015", 0.95)]),
    ("ABA: 0210-0002-1", [("0210-0002-1", 0.95)]),
    ("ref 021000021", [("021000021", 0.3)]),             # valid but bare: needs context
    ("routing number 011000016", []),                    # checksum fails
    ("routing 991000019", []),                           # no Federal Reserve prefix
])
# fmt: on
def test_aba_routing_recognizer(text, expected):
    assert matches(RoutingNumberRecognizer(), text) == expected


def test_aba_routing_bare_number_with_context_is_found(found):
    assert ("ABA_ROUTING_NUMBER", "021000021") in found("Wire it via ACH transit 021000021.")
