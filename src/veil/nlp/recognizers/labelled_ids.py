"""Identifiers that have no format of their own and are known by their label (HIPAA 11-13):
driver's licences, vehicle plates, device serial numbers.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

_ID = r"(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,17}[A-Z0-9])\b"
_SEP = r"\s*(?:(?:number|no\.?|#|is)\s*)?[:#=]?\s*"


class DriverLicenseRecognizer(VeilPatternRecognizer):
    """`driver's license S92026988`, `DL# D1234567`, `driving licence MORGA753116SM9IJ`."""

    ENTITY = "US_DRIVER_LICENSE"
    PATTERNS = [Pattern("licence (labelled)",
                        rf"\b(?:(?:driver'?s?|driving)\s+licen[cs]e{_SEP}|DL\s*#?\s*:?\s*){_ID}",
                        0.85)]
    CONTEXT = ["license", "licence", "driver", "dl"]
    GATES = {"licence (labelled)": "licen|dl"}


class VehiclePlateRecognizer(VeilPatternRecognizer):
    """`plate 6SRY284`, `license plate: ABC-1234`, `reg. AB12 CDE`."""

    ENTITY = "VEHICLE_PLATE"
    PATTERNS = [Pattern("plate (labelled)", r"\b(?:(?:license|licence|number|registration)\s+)?"
                        r"(?:plate|reg\.?|registration)\s*(?:number|no\.?|#)?\s*[:#]?\s*"
                        r"(?P<value>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})\b", 0.85)]
    CONTEXT = ["plate", "vehicle", "car", "registration"]
    GATES = {"plate (labelled)": "plate|reg"}


class DeviceSerialRecognizer(VeilPatternRecognizer):
    """`serial number MJ6841929`, `device ID: PX-44-2918`, `S/N 00A3F9`."""

    ENTITY = "DEVICE_SERIAL"
    PATTERNS = [Pattern("serial (labelled)", rf"\b(?:serial|device\s+id|s/n|imei|udi){_SEP}{_ID}",
                        0.85)]
    CONTEXT = ["serial", "device", "implant", "pump", "monitor", "pacemaker"]
    GATES = {"serial (labelled)": "serial|device|s/n|imei|udi"}
