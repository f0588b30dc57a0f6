from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.labelled_ids import (
    DeviceSerialRecognizer,
    DriverLicenseRecognizer,
    VehiclePlateRecognizer,
)


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (DriverLicenseRecognizer, "checked against driver's license S92026988.", ["S92026988"]),
    (DriverLicenseRecognizer, "DL# D1234567", ["D1234567"]),
    (DriverLicenseRecognizer, "driver's license was expired", []),     # no number
    (VehiclePlateRecognizer, "car with plate 6SRY284 towed", ["6SRY284"]),
    (VehiclePlateRecognizer, "license plate: ABC-1234", ["ABC-1234"]),
    (VehiclePlateRecognizer, "a plate of pasta", []),
    (DeviceSerialRecognizer, "pacemaker, serial number CR4369320.", ["CR4369320"]),
    (DeviceSerialRecognizer, "S/N 00A3F9", ["00A3F9"]),
    (DeviceSerialRecognizer, "serial killer documentary", []),
])
# fmt: on
def test_labelled_identifier_recognizers(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected
