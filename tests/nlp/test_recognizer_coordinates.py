from __future__ import annotations

import pytest
from tests.nlp.conftest import matches


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Found at 51.5072° N, 0.1276° W by the crew.", [("LOCATION", "51.5072° N, 0.1276° W")]),
    ("Lat/long 37.7749, -122.4194 at time of call.", [("LOCATION", "37.7749, -122.4194")]),
    ("GPS: 40.7128 -74.0060", [("LOCATION", "40.7128 -74.0060")]),
    # a bare pair of decimals, with no word for a place: lab values as often
    ("Values 0.125, 0.250 within range.", []),
    ("Dose 12.500 mg, 3.125 mg later.", []),
    ("location 95.1234, 10.1234", []),                   # no latitude past 90
])
# fmt: on
def test_coordinates_are_a_location(found, text, expected):
    assert found(text) == expected


def test_a_bare_pair_stays_under_the_threshold():
    from veil.nlp.recognizers.coordinates import CoordinatesRecognizer

    assert matches(CoordinatesRecognizer(), "at 37.7749, -122.4194") == [
        ("37.7749, -122.4194", 0.4)]
