from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.medical_record import MedicalRecordNumberRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("MRN: 00482913", ["00482913"]),                     # label kept out of the span
    ("Patient MRN 4829131 admitted", ["4829131"]),
    ("medical record number H1698614", ["H1698614"]),   # letter prefix
    ("Chart # 4829131 reviewed", ["4829131"]),
    ("mrn=MR29802332", ["MR29802332"]),
    ("He took 4829131 steps", []),                       # no label: not an MRN
    ("MRN pending", []),
])
# fmt: on
def test_medical_record_number_recognizer(text, expected):
    assert matched_texts(MedicalRecordNumberRecognizer(), text) == expected
