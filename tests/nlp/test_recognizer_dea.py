from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.dea import UsDeaRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("DEA AB1234563", ["AB1234563"]),
    ("Prescriber: Dr. Lee, DEA MD3251598", []),          # checksum fails
    ("DEA AB1234564", []),                               # checksum fails
    ("code ZZ1234563", []),                              # Z is no registrant type
    ("dea ab1234563", []),                               # registrant letters are capitals
])
# fmt: on
def test_dea_recognizer(text, expected):
    assert matched_texts(UsDeaRecognizer(), text) == expected
