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
    # `RT` in capitals, as a return notice writes it; a cheque's MICR transit field
    ("ACH return R03 acct 000447120993 RT 021000021, entry", [("021000021", 0.95)]),
    ("MICR ⑆042000314⑆ 4471209931⑈1042", [("042000314", 0.95)]),
    ("RT 123456789 again; rt 021000021 (lower case)", [("021000021", 0.3)]),
])
# fmt: on
def test_aba_routing_recognizer(text, expected):
    assert matches(RoutingNumberRecognizer(), text) == expected


def test_aba_routing_bare_number_with_context_is_found(found):
    assert ("ABA_ROUTING_NUMBER", "021000021") in found("Wire it via ACH transit 021000021.")
