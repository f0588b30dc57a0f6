"""The dataset card (`<output>.card.md`) and report.md: what a receiver and a reviewer read, with no raw value."""

from __future__ import annotations

import io

import polars as pl
from ruamel.yaml import YAML
from tests.report.conftest import Run

import veil


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    header, _, _ = text[4:].partition("\n---\n")
    return YAML(typ="safe").load(io.StringIO(header))


def test_card_has_a_yaml_header_tied_to_the_run(signed_run: Run):
    """The card's YAML header names the run, the verdict, the hashes and the k reached."""
    card = (signed_run.folder / "out" / "canary.card.md").read_text()
    header = front_matter(card)
    report = __import__("json").loads(signed_run.report.read_text())
    assert header["pretty_name"] == "canary" and header["size_categories"] == ["n<1K"]
    assert header["veil"] == {"run_id": report["run_id"], "verdict": "PASS",
                              "recipe_sha256": report["recipe_sha256"],
                              "output_sha256": report["output"]["sha256"], "k_anonymity": 6}


def test_card_has_the_hugging_face_sections(signed_run: Run):
    """Source, processing, privacy treatment (k reached, entities removed) and limitations."""
    card = (signed_run.folder / "out" / "canary.card.md").read_text()
    for heading in ("## Source", "## Processing", "## Privacy treatment", "## Limitations"):
        assert f"\n{heading}\n" in card
    assert "k-anonymity reached on the quasi-identifiers: 6; rows suppressed to reach it: 0." in card
    assert "EMAIL_ADDRESS (40)" in card and "Columns removed" not in card


def test_card_is_written_atomically_beside_the_output(signed_run: Run):
    """The card sits next to the output and no temporary file is left behind."""
    out = signed_run.folder / "out"
    assert (out / "canary.card.md").is_file()
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]


def test_markdown_report_reads_as_a_review(signed_run: Run):
    """report.md opens with the verdict and has the findings and steps tables."""
    md = (signed_run.reports / "canary.report.md").read_text()
    assert md.startswith("# Redaction report: canary\n\n**Verdict: PASS**\n")
    assert "| `note` | EMAIL_ADDRESS | 40 | replace |" in md
    assert ("| 3 | k_anonymity | require every combination of sex, zip to be shared by at least "
            "5 rows, else suppress | 40 | 40 |") in md


def test_card_counts_read_in_the_singular_for_one(tmp_path):
    """`1 row`, `1 column`, `1 step`, `1 input file`: the card is read by people."""
    veil.run("veil: 1\nname: one\nnlp: none\nsteps:\n  - select: [a]\n",
             pl.DataFrame({"a": [1]}), output=tmp_path / "one.csv", report_dir=None)
    card = (tmp_path / "one.card.md").read_text(encoding="utf-8")
    assert "from 1 input file with 1 row in total" in card
    assert "has 1 row and 1 column: `a`" in card and "in 1 step." in card


def test_card_and_markdown_report_show_column_names_literally(tmp_path):
    """A column name is data: one holding a backtick closed a plain `...` span, and the
    `<img onerror>` after it was HTML to whatever rendered the card shipped with the data."""
    from markdown_it import MarkdownIt

    hostile = "x`<img src=x onerror=alert(1)>`y"
    frame = pl.DataFrame({"id": [1, 2], hostile: ["a", "b"], "a|b": ["c", "d"]})
    veil.run("veil: 1\nname: hostile\nnlp: none\nreport: {formats: [json, md]}\nsteps: []\n",
             frame, output=tmp_path / "out.csv", report_dir=tmp_path / "reports")
    render = MarkdownIt("commonmark").enable("table").render
    for path in (tmp_path / "out.card.md", tmp_path / "reports" / "out.report.md"):
        html = render(path.read_text(encoding="utf-8"))
        assert "<img" not in html, path.name
    card = render((tmp_path / "out.card.md").read_text(encoding="utf-8"))
    assert "<code>x`&lt;img src=x onerror=alert(1)&gt;`y</code>" in card
    assert "<code>a|b</code>" in card


def test_code_span_holds_any_text():
    from veil.report.render_md import code_span

    assert code_span("note") == "`note`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a``") == "``` `a`` ```"  # padded: a leading backtick would join the fence
    assert code_span("two\nlines") == "`two lines`"
