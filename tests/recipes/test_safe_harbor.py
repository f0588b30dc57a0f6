"""hospital-safe-harbor.yaml against the 18 HIPAA Safe Harbor categories, one test per category.

For each category: the recipe names it on the line(s) that handle it, and no
value of that category planted by the sample generator (ground truth) is left
in the output. Categories the sample cannot hold (biometrics, photos) are
covered by the recipe's column allow-list: nothing but the listed columns leaves.
"""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from veil.recipe.bundled import bundled_recipes
from veil.samples import HIPAA_CATEGORIES

from .conftest import found_in, truth_for

RECIPE = "hospital-safe-harbor"
OUTPUT_COLUMNS = [
    "visit_year",
    "stay_days",
    "age_band",
    "sex",
    "zip3",
    "department",
    "diagnosis_code",
    "diagnosis",
    "clinical_notes",
    "discharge_summary",
]

# How the recipe handles each category (printed as the test id; checked below).
# fmt: off
HANDLING = {
    1: "name columns dropped; names in notes replaced by <PERSON>",
    2: "street and city dropped; ZIP to 3 digits, restricted areas to 000; places in notes replaced",
    3: "dates to year, birth and discharge dates dropped, age to bands with 90+; dates in notes replaced",
    4: "phone column dropped; phone numbers in notes replaced",
    5: "fax numbers in notes replaced",
    6: "email column dropped; email addresses in notes replaced",
    7: "SSN column dropped; SSNs in notes replaced",
    8: "MRN dropped; MRNs in notes replaced",
    9: "member ID and insurer dropped; plan IDs in notes replaced",
    10: "account numbers in notes replaced",
    11: "licence numbers in notes replaced (recipe recognizer)",
    12: "licence plates in notes replaced (recipe recognizer)",
    13: "device serial numbers in notes replaced (recipe recognizer)",
    14: "URLs in notes replaced",
    15: "IP addresses in notes replaced",
    16: "no biometric column can leave: the output is an allow-list of columns",
    17: "no photo column can leave: the output is an allow-list of columns",
    18: "encounter ID dropped; the allow-list keeps any other code out",
}
# fmt: on
NOT_IN_SAMPLE = {16, 17}


@pytest.fixture(scope="module")
def safe(bundled_run):
    return bundled_run(RECIPE)


@pytest.fixture(scope="module")
def output_text(safe) -> str:
    return "\n".join(json.dumps(row) for row in safe.frame.iter_rows())


def _recipe_lines_for(category: int) -> list[str]:
    lines = []
    for line in bundled_recipes()[RECIPE].read_text(encoding="utf-8").splitlines():
        for tag in re.findall(r"\[HIPAA ([0-9, -]+)\]", line):
            numbers = set()
            for part in tag.split(","):
                low, _, high = part.strip().partition("-")
                numbers.update(range(int(low), int(high or low) + 1))
            if category in numbers:
                lines.append(line)
    return lines


def test_safe_harbor_walks_all_18_categories():
    """Test that the table above covers exactly the 18 categories of 164.514(b)(2)(i)."""
    assert sorted(HANDLING) == sorted(HIPAA_CATEGORIES) == list(range(1, 19))


@pytest.mark.parametrize("category", sorted(HANDLING), ids=lambda n: f"{n}-{HANDLING[n][:40]}")
def test_safe_harbor_category_named_in_recipe(category):
    """Test that a recipe line names the category it handles, as `[HIPAA n]`."""
    assert _recipe_lines_for(category), f"no line of {RECIPE}.yaml is tagged [HIPAA {category}]"


@pytest.mark.parametrize("category", sorted(HANDLING), ids=lambda n: f"{n}-{HANDLING[n][:40]}")
def test_safe_harbor_category_removed(safe, output_text, category):
    """Test that no planted value of the category is in the output (ground truth)."""
    planted = [p for p in truth_for(RECIPE) if p.hipaa == category]
    if category in NOT_IN_SAMPLE:
        assert planted == []
        assert safe.frame.columns == OUTPUT_COLUMNS
        return
    assert planted, f"the sample plants no value of category {category}"
    searchable = [p for p in planted if len(p.value) >= 5]
    assert [(p.table, p.column, p.entity) for p in found_in(searchable, output_text)] == []
    columns = {p.column for p in planted if p.start is None}
    assert not columns & set(safe.frame.columns), "a column of this category is still there"


def test_safe_harbor_zip3_restricted_areas_are_000(safe):
    """Test that ZIP-3 is the only place code and that restricted prefixes (036, 059) read 000."""
    planted = {p.value[:3] for p in truth_for(RECIPE) if p.column == "zip"}
    assert {"036", "059"} <= planted  # the sample does hold restricted areas
    zip3 = set(safe.frame["zip3"].unique().to_list())
    assert zip3 <= (planted - {"036", "059"}) | {"000"}
    assert "000" in zip3


def test_safe_harbor_dates_are_years_only(safe):
    """Test that the only date element left is the year of the visit."""
    assert safe.frame.schema["visit_year"] == pl.String
    assert all(re.fullmatch(r"(19|20)\d\d", y) for y in safe.frame["visit_year"].to_list())


def test_safe_harbor_ages_over_89_grouped(safe, output_text):
    """Test that ages are bands with one `90+` band, and no note states an age over 89."""
    bands = set(safe.frame["age_band"].unique().to_list())
    assert "90+" in bands and all(not b.isdigit() for b in bands)
    assert not re.search(r"\b(9\d|1[0-2]\d)-year-old", output_text)
