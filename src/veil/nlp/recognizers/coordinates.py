"""GPS coordinates: a latitude and a longitude written as a pair (`37.7749, -122.4194`,
`51.5072° N, 0.1276° W`). A pair to three decimals places a person within a street's length:
a geographic subdivision smaller than a state to HIPAA, found as a LOCATION.

A bare pair of decimals may as well be two lab values (`0.125, 0.250`): it counts after a word
such as `GPS`, `lat` or `location`, or with degrees or a hemisphere letter (`° N`).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

__all__ = ["CoordinatesRecognizer"]

_LATITUDE = r"[-+]?(?:[1-8]?\d\.\d{3,8}|90\.0{3,8})"
_LONGITUDE = r"[-+]?(?:1[0-7]\d|0?\d{1,2})\.\d{3,8}"
_MARKED = r"\s*°\s*[NS]?|\s*[NS]\b"  # degrees, a hemisphere, or both
_MARKED_EAST = r"\s*°\s*[EW]?|\s*[EW]\b"


class CoordinatesRecognizer(VeilPatternRecognizer):
    ENTITY = "LOCATION"
    PATTERNS = [
        Pattern("coordinates (degrees)", rf"(?<![\w.]){_LATITUDE}(?:{_MARKED}),?\s*"
                rf"{_LONGITUDE}(?:{_MARKED_EAST})", 0.85),
        Pattern("coordinates (decimal pair)", rf"(?<![\w.]){_LATITUDE},?\s+{_LONGITUDE}(?![\w.])",
                0.4),
    ]
    CONTEXT = ["gps", "lat", "latitude", "lon", "long", "lng", "longitude", "coordinates",
               "coords", "geo", "geolocation", "location", "position", "pin"]
    GATES = {"coordinates (degrees)": r"\.\d{3}(?<=\d\.\d{3})",
             "coordinates (decimal pair)": r"\.\d{3}(?<=\d\.\d{3})"}
