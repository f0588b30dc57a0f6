"""Generalisation expressions: literal labels per case, both HIPAA lists, nesting hierarchies."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_series_equal

from veil.privacy import generalization as gen

AGES = [None, -3, 0, 17, 18, 44, 45, 89, 90, 120]


def apply(values, expr, dtype=None) -> list:
    frame = pl.DataFrame({"c": values}, schema={"c": dtype} if dtype else None)
    return frame.select(expr).to_series().to_list()


# fmt: off
@pytest.mark.parametrize("kwargs, expected", [
    # the PRODUCT example: HIPAA ages 90 and over as one class
    ({"edges": [0, 18, 30, 45, 65, 90], "top_code": 90},
     [None, "<0", "0-17", "0-17", "18-29", "30-44", "45-64", "65-89", "90+", "90+"]),
    # edges above the top code are dropped
    ({"edges": [0, 50, 100], "top_code": 90}, [None, "<0", "0-49", "0-49", "0-49", "0-49", "0-49", "50-89", "90+", "90+"]),
    # bottom coding
    ({"edges": [0, 50], "bottom_code": 18}, [None, "<18", "<18", "<18", "18-49", "18-49", "18-49", "50+", "50+", "50+"]),
    # a one-wide bin is labelled by its single value
    ({"edges": [17, 18, 19]}, [None, "<17", "<17", "17", "18", "19+", "19+", "19+", "19+", "19+"]),
])
# fmt: on
def test_numeric_bins_labels_integer_column(kwargs, expected):
    options = {k: v for k, v in kwargs.items() if k != "edges"}
    assert apply(AGES, gen.numeric_bins("c", kwargs["edges"], **options)) == expected


def test_numeric_bins_float_column_uses_half_open_labels_and_nan_is_null():
    values = [17.5, 44.9, 90.0, float("nan"), None]
    expr = gen.numeric_bins("c", [0, 18, 45], top_code=90, discrete=False)
    assert apply(values, expr) == ["0-<18", "18-<45", "90+", None, None]


def test_numeric_bins_rejects_unsorted_edges():
    with pytest.raises(gen.HierarchyError, match="strictly increasing"):
        gen.numeric_bins("c", [0, 30, 18])


# fmt: off
@pytest.mark.parametrize("kwargs, expected", [
    ({"width": 10}, [None, "-10--1", "0-9", "10-19", "10-19", "40-49", "40-49", "80-89", "90-99", "120-129"]),
    # the bin cut by the top code ends at it
    ({"width": 20, "top_code": 90}, [None, "-20--1", "0-19", "0-19", "0-19", "40-59", "40-59", "80-89", "90+", "90+"]),
    ({"width": 20, "bottom_code": 10}, [None, "<10", "<10", "10-19", "10-19", "40-59", "40-59", "80-99", "80-99", "120-139"]),
    ({"width": 5, "origin": 3}, [None, "-7--3", "-2-2", "13-17", "18-22", "43-47", "43-47", "88-92", "88-92", "118-122"]),
])
# fmt: on
def test_numeric_width_labels(kwargs, expected):
    assert apply(AGES, gen.numeric_width("c", **kwargs)) == expected


@pytest.mark.parametrize("discrete", [True, False], ids=["whole-number-labels", "float-labels"])
def test_numeric_width_codes_infinities_or_makes_them_null(discrete):
    """An infinity has no bin: top or bottom coded like the numbers past the codes, null
    without codes, as NaN is. The whole-number labels' casts failed on it, naming no row."""
    values = [float("inf"), float("-inf"), float("nan"), 12.0]
    plain = apply(values, gen.numeric_width("c", 10, discrete=discrete))
    assert plain[:3] == [None, None, None] and plain[3] in ("10-19", "10-<20")
    coded = gen.numeric_width("c", 10, top_code=90, bottom_code=0, discrete=discrete)
    assert apply(values, coded)[:3] == ["90+", "<0", None]


def test_numeric_width_float_labels():
    assert apply([2.5, 7.0, None], gen.numeric_width("c", 5, discrete=False)) == ["0-<5", "5-<10", None]


# fmt: off
@pytest.mark.parametrize("hipaa_list, zip_code, expected", [
    ("hhs-2000", "03601", "000"),      # restricted in both lists
    ("hhs-2000", "06390", "000"),      # 063: 2000 list only
    ("hhs-2000", "20500", "205"),      # 205: 2010 list only
    ("hhs-2000", "89301", "000"),
    ("census-2010", "06390", "063"),
    ("census-2010", "20500", "000"),
    ("census-2010", "36912", "000"),   # 369: 2010 list only
    ("census-2010", "79012", "790"),   # 790: 2000 list only
    ("all", "06390", "000"),
    ("all", "20500", "000"),
    ("all", "02134", "021"),           # never restricted
    (None, "03601", "036"),            # no HIPAA rule
])
# fmt: on
def test_zip_prefix_hipaa_rule_with_each_list(hipaa_list, zip_code, expected):
    assert apply([zip_code], gen.zip_prefix("c", 3, hipaa_list=hipaa_list)) == [expected]


def test_zip_prefix_every_listed_prefix_becomes_zeros():
    for version in ("hhs-2000", "census-2010"):
        prefixes = sorted(gen.restricted_zip3(version))
        assert apply([p + "12" for p in prefixes], gen.zip_prefix("c", 3, hipaa_list=version)) == \
            ["000"] * len(prefixes)


# fmt: off
@pytest.mark.parametrize("values, dtype, digits, expected", [
    (["02134", " 10001-1234", "abcde", "", None], pl.String, 3, ["021", "100", None, None, None]),
    (["02134", "2134"], pl.String, 5, ["02134", None]),      # text is never padded: malformed -> null
    ([2134, 3601, None], pl.Int64, 3, ["021", "036", None]),  # integers lost their leading zero
    (["０２１３４"], pl.String, 3, [None]),                    # full-width digits are not ASCII digits
])
# fmt: on
def test_zip_prefix_normalises_or_nulls(values, dtype, digits, expected):
    assert apply(values, gen.zip_prefix("c", digits, dtype=dtype), dtype) == expected


def test_zip_prefix_refuses_more_than_three_digits_with_hipaa():
    with pytest.raises(gen.HierarchyError, match="at most 3"):
        gen.zip_prefix("c", 4, hipaa_list="hhs-2000")


@pytest.mark.parametrize("version, size", [("hhs-2000", 17), ("census-2010", 14), ("all", 19)])
def test_restricted_zip3_list_sizes(version, size):
    assert len(gen.restricted_zip3(version)) == size


def test_restricted_zip3_hhs_list_is_the_published_one():
    assert gen.restricted_zip3("hhs-2000") == {
        "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831",
        "878", "879", "884", "890", "893"}


def test_restricted_zip3_unknown_version():
    with pytest.raises(gen.HierarchyError, match="hhs-2000, census-2010, all"):
        gen.restricted_zip3("census-2020")


# fmt: off
@pytest.mark.parametrize("values, dtype", [
    ([dt.date(2020, 3, 15), dt.date(2021, 12, 31), None], pl.Date),
    ([dt.datetime(2020, 3, 15, 23, 59), dt.datetime(2021, 12, 31, 0, 1), None], pl.Datetime("us")),
    (["2020-03-15", "2021-12-31T08:00:00Z", None], pl.String),
])
# fmt: on
@pytest.mark.parametrize("unit, expected", [
    ("year", ["2020", "2021", None]),
    ("quarter", ["2020-Q1", "2021-Q4", None]),
    ("month", ["2020-03", "2021-12", None]),
])
def test_date_unit_on_each_date_type(values, dtype, unit, expected):
    assert apply(values, gen.date_unit("c", unit, dtype=dtype), dtype) == expected


def test_date_unit_text_that_is_not_a_date_becomes_null():
    assert apply(["2020-02-30", "15/03/2020"], gen.date_unit("c", "year", dtype=pl.String)) == [None, None]


def test_map_categories_default_and_keep():
    values = ["flu", "cold", "café", None]
    assert apply(values, gen.map_categories("c", {"flu": "resp", "cold": "resp"})) == \
        ["resp", "resp", "*", None]
    assert apply(values, gen.map_categories("c", {"flu": "resp"}, default=None)) == \
        ["resp", "cold", "café", None]


def write(tmp_path, text):
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [
    "value,level1,level2\nflu,resp,*\ncold,resp,*\nbroken arm,injury,*\n",   # header
    "flu;resp;*\ncold;resp;*\nbroken arm;injury;*\n",                          # ARX style
])
def test_load_hierarchy_csv_levels(tmp_path, text):
    levels = gen.load_hierarchy_csv(write(tmp_path, text))
    assert levels == [{"flu": "resp", "cold": "resp", "broken arm": "injury"},
                      {"flu": "*", "cold": "*", "broken arm": "*"}]


@pytest.mark.parametrize("text, message", [
    ("flu,resp\nflu,other\n", "more than one row"),
    ("flu,resp,a\ncold,resp,b\n", "do not nest"),
    ("flu\ncold\n", "at least one level"),
    ("flu,resp,\ncold,resp,x\n", "same number of levels"),
])
def test_load_hierarchy_csv_rejects_bad_files(tmp_path, text, message):
    with pytest.raises(gen.HierarchyError, match=message):
        gen.load_hierarchy_csv(write(tmp_path, text))


def test_category_hierarchy_levels_from_csv(tmp_path):
    h = gen.CategoryHierarchy.from_csv("c", write(tmp_path, "flu,resp,*\ncold,resp,*\nx,inj,*\n"))
    assert h.top == 2  # the all-"*" column is the suppressed level itself
    values = ["flu", "x", "unlisted", None]
    assert [apply(values, h.expr(i)) for i in range(h.top + 1)] == [
        ["flu", "x", "unlisted", None], ["resp", "inj", "*", None], ["*", "*", "*", None]]


# fmt: off
@pytest.mark.parametrize("hierarchy, values, expected", [
    (gen.IntervalHierarchy("c", widths=(5, 10), top_code=90), [34, 92],
     [["34", "92"], ["30-34", "90+"], ["30-39", "90+"], ["*", "*"]]),
    (gen.BinsHierarchy("c", edges=((0, 18, 30, 65), (0, 30))), [20, 70],
     [["20", "70"], ["18-29", "65+"], ["0-29", "30+"], ["*", "*"]]),
    (gen.ZipHierarchy("c", digits=(3, 1), hipaa_list="hhs-2000"), ["03601", "02134"],
     [["03601", "02134"], ["000", "021"], ["0", "0"], ["*", "*"]]),
    (gen.DateHierarchy("c", units=("month", "year"), dtype=pl.String), ["2020-03-15", "2021-01-02"],
     [["2020-03-15", "2021-01-02"], ["2020-03", "2021-01"], ["2020", "2021"], ["*", "*"]]),
])
# fmt: on
def test_hierarchy_every_level(hierarchy, values, expected):
    assert [apply(values, hierarchy.expr(i)) for i in range(hierarchy.top + 1)] == expected


def test_hierarchy_labels_and_bounds():
    h = gen.IntervalHierarchy("age", widths=(5, 10, 20), top_code=90)
    assert [h.label(i) for i in range(h.top + 1)] == ["age", "age/5", "age/10", "age/20", "*"]
    with pytest.raises(gen.HierarchyError, match="outside 0..4"):
        h.expr(5)


@pytest.mark.parametrize("make, message", [
    (lambda: gen.IntervalHierarchy("c", widths=(5, 12)), "multiple"),
    (lambda: gen.BinsHierarchy("c", edges=((0, 10), (0, 5))), "subset"),
    (lambda: gen.ZipHierarchy("c", digits=(3, 4)), "decreasing"),
    (lambda: gen.ZipHierarchy("c", digits=(5, 3), hipaa_list="all"), "at most 3"),
    (lambda: gen.DateHierarchy("c", units=("year", "month")), "in that order"),
])
def test_hierarchy_rejects_levels_that_do_not_nest(make, message):
    with pytest.raises(gen.HierarchyError, match=message):
        make()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-50, 130)), min_size=1, max_size=60))
def test_interval_hierarchy_levels_nest(values):
    """Values equal at one level stay equal at every level above (k-anonymity is monotone)."""
    h = gen.IntervalHierarchy("c", widths=(5, 10, 20), top_code=90, bottom_code=0)
    frame = pl.DataFrame({"c": values}, schema={"c": pl.Int64})
    levels = frame.select(h.expr(i).alias(str(i)) for i in range(h.top + 1))
    for i in range(1, h.top):
        finer, coarser = str(i), str(i + 1)
        per_group = levels.group_by(finer).agg(pl.col(coarser).n_unique())
        assert_series_equal(per_group[coarser], pl.Series(coarser, [1] * per_group.height,
                                                          dtype=pl.UInt32), check_names=False)


# fmt: off
@pytest.mark.parametrize("spec, dtype, kind, labels", [
    ({"widths": [5, 10], "top_code": 90}, pl.Int64, gen.IntervalHierarchy, ["c", "c/5", "c/10", "*"]),
    ({"bins": [[0, 18, 65], [0, 65]]}, pl.Float64, gen.BinsHierarchy, ["c", "c:bins1", "c:bins2", "*"]),
    ({"zip_digits": [3, 1], "hipaa_list": "all"}, pl.String, gen.ZipHierarchy, ["c", "c:3", "c:1", "*"]),
    ({"date_units": ["month", "year"]}, pl.Date, gen.DateHierarchy, ["c", "c:month", "c:year", "*"]),
    ({}, pl.String, gen.SuppressionHierarchy, ["c", "*"]),
])
# fmt: on
def test_hierarchy_from_spec_builds_each_kind(spec, dtype, kind, labels):
    h = gen.hierarchy_from_spec("c", spec, dtype=dtype)
    assert type(h) is kind
    assert [h.label(i) for i in range(h.top + 1)] == labels


def test_hierarchy_from_spec_reads_a_file_relative_to_base_dir(tmp_path):
    write(tmp_path, "flu,resp\ncold,resp\n")
    h = gen.hierarchy_from_spec("c", {"file": "h.csv"}, dtype=pl.String, base_dir=tmp_path)
    assert apply(["flu", "other"], h.expr(1)) == ["resp", "*"]


# fmt: off
@pytest.mark.parametrize("spec, dtype, message", [
    ({"widths": [5], "bins": [[1]]}, pl.Int64, "not widths, bins"),
    ({"widths": [5], "levels": 2}, pl.Int64, "unknown key `levels`"),
    ({"zip_digits": [3], "top_code": 90}, pl.String, "unknown key `top_code`"),
    ({"widths": [5]}, pl.String, "needs a numeric column"),
    ({"widths": ["5"]}, pl.Int64, "numbers only"),
    ({"bins": [0, 18]}, pl.Int64, "list of edge lists"),
    ({"zip_digits": [6]}, pl.String, "1 to 5"),
    ({"date_units": ["year"]}, pl.Int64, "expected a date"),
    ({"file": "missing.csv"}, pl.String, "does not exist"),
])
# fmt: on
def test_hierarchy_from_spec_rejects_bad_specs(spec, dtype, message):
    with pytest.raises(gen.HierarchyError, match=message):
        gen.hierarchy_from_spec("c", spec, dtype=dtype)
