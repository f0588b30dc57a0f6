from __future__ import annotations

import pytest
from tests.nlp.conftest import matches

from veil.nlp.recognizers.npi import NpiRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("NPI 1234567893", [("1234567893", 0.95)]),          # labelled: strong
    ("NPI: 1234-567-893", [("1234-567-893", 0.95)]),
    ("provider 1234567893", [("1234567893", 0.3)]),      # bare: context must decide
    ("NPI 1234567890", []),                              # check digit wrong
    ("NPI 3234567893", []),                              # must start with 1 or 2
])
# fmt: on
def test_npi_recognizer(text, expected):
    assert matches(NpiRecognizer(), text) == expected


def test_npi_bare_number_needs_context(found):
    assert ("US_NPI", "1234567893") in found("Referred by the provider, NPI 1234567893.")
    assert ("US_NPI", "1234567893") not in found("Order 1234567893 shipped.")
