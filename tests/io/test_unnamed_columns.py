"""A CSV column whose header field is empty gets a name: `unnamed_<position>`.

pandas' `to_csv` writes its row index under an empty name, and some exporters end every
line with a separator. Polars reads such columns as `` and `_duplicated_0`: names that
went on into the output (a Parquet column, a JSON key named ``) and that no step could
name sensibly.
"""

from __future__ import annotations

import io
import sys

import pytest

import veil
from veil.errors import InputError
from veil.io.readers import open_source

CANARY = "CANARY-5120-UNM"
RECIPE = ("veil: 1\nname: t\nnlp: none\ninput: {infer_schema_rows: 5}\n"
          "report: {verify_output: false, dataset_card: false}\nsteps: []\n")


#: What `DataFrame.to_csv()` writes by default: the index first, its header field empty.
PANDAS_EXPORT = b",id,name\n0,7,Ann\n1,8,Bob\n"


@pytest.mark.parametrize("where", ["file", "standard input"])
def test_unnamed_columns_are_named_by_position_and_the_report_says_so(tmp_path, monkeypatch,
                                                                      where):
    data = PANDAS_EXPORT.replace(b"\n", b",\n")  # and a separator ending every line
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = veil.run(RECIPE, "-" if where == "standard input" else path, output=None,
                      report_dir=None, input_format="csv")
    assert result.frame.to_dict(as_series=False) == {
        "unnamed_1": [0, 1], "id": [7, 8], "name": ["Ann", "Bob"], "unnamed_4": [None, None]}
    label = "standard input" if where == "standard input" else str(path)
    assert f"input `{label}`: columns 1, 4 of the header have no name, read as `unnamed_1`, " \
           f"`unnamed_4`" in " ".join(result.report.warnings)
    assert result.report.inputs[0].columns == ["unnamed_1", "id", "name", "unnamed_4"]


def test_a_blank_header_field_is_unnamed_too(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"id, ,x,  \n1,2,3,4\n")
    source = open_source(path)
    assert source.lf.collect().columns == ["id", "unnamed_2", "x", "unnamed_4"]


def test_the_files_of_a_folder_are_matched_on_the_names_given(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.csv").write_bytes(b",id\n0,1\n")
    (tmp_path / "parts" / "b.csv").write_bytes(b"id,\n2,0\n")  # another order: read by name
    (tmp_path / "parts" / "c.csv").write_bytes(b",id\n0,3\n")
    with pytest.raises(InputError, match=r"columns"):
        open_source(tmp_path / "parts")  # b's empty field is its second column, not its first
    (tmp_path / "parts" / "b.csv").write_bytes(b",id\n1,2\n")
    source = open_source(tmp_path / "parts")
    assert source.lf.collect().to_dict(as_series=False) == {"unnamed_1": [0, 1, 0],
                                                           "id": [1, 2, 3]}
    assert len(source.notes) == 3


def test_a_late_value_of_another_type_in_an_unnamed_column_is_located(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(",id\n" + "".join(f"{i},{i}\n" for i in range(20)) + f"{CANARY},20\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        veil.run(RECIPE, path, output=None, report_dir=None)
    message = caught.value.message
    assert f"input `{path}`, line 22: column `unnamed_1` was read as Int64" in message
    assert CANARY not in message


def test_a_name_given_that_another_column_has_is_refused(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"unnamed_2,\n1,2\n")
    with pytest.raises(InputError, match=r"`unnamed_2`, the name veil gives it, is another "
                                         r"column's too\. Name the column in the file\."):
        open_source(path)
