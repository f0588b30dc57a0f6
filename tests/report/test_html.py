"""The HTML report: self-contained, escaped, and it opens in a real headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.report.browser import chromium_path, open_page
from tests.report.conftest import NAME, Run

from veil.report.model import EntityFinding, FileRecord, GateRecord, Report
from veil.report.render_html import render_html
from veil.report.views import internal_view

needs_chromium = pytest.mark.skipif(
    chromium_path() is None,
    reason="no Chromium here: install it with `apt-get update && apt-get install -y chromium`")


def html_of(run: Run) -> Path:
    return run.reports / f"{NAME}.report.html"


@pytest.fixture
def page(tmp_path: Path):
    opened = open_page(chromium_path(), tmp_path / "profile")
    yield opened
    opened.close()


@needs_chromium
def test_html_opens_without_console_errors_or_requests(signed_run: Run, page, tmp_path: Path):
    """Chromium loads the page with no console error and no request but the file itself."""
    page.load(html_of(signed_run))
    page.screenshot(tmp_path / "report.png")
    assert page.console_errors() == []
    assert page.requests() == [html_of(signed_run).resolve().as_uri()]
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_chromium
def test_html_shows_verdict_and_charts(signed_run: Run, page):
    """The rendered page shows the verdict first and draws both charts as SVG bars."""
    page.load(html_of(signed_run))
    assert page.evaluate("document.querySelector('#verdict strong').textContent") == "PASS"
    first = page.evaluate("document.querySelector('h2').getBoundingClientRect().top")
    assert page.evaluate("document.querySelector('#verdict').getBoundingClientRect().top") < first
    for chart in ("#entity-chart", "#class-chart"):
        bars = page.evaluate(f"document.querySelectorAll('{chart} svg rect.bar').length")
        height = page.evaluate(f"document.querySelector('{chart} svg').getBoundingClientRect()"
                               f".height")
        assert bars > 0 and height > 50, chart
    assert "EMAIL_ADDRESS" in page.evaluate("document.querySelector('#entity-chart').textContent")


@needs_chromium
def test_html_prints_to_pdf(signed_run: Run, page):
    """The page prints (print CSS applied) to a multi-page PDF without errors."""
    page.load(html_of(signed_run))
    pdf = page.send("Page.printToPDF", {"printBackground": True})["data"]
    assert __import__("base64").b64decode(pdf)[:5] == b"%PDF-"
    assert page.console_errors() == []


@needs_chromium
def test_html_harness_catches_an_external_request(signed_run: Run, page, tmp_path: Path):
    """The oracle works: a page that loads an image from the network is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(html_of(signed_run).read_text().replace(
        "<body>", '<body><img src="http://127.0.0.1:9/pixel.png">', 1))
    page.load(bad)
    assert page.console_errors() or page.requests() != [bad.resolve().as_uri()]


def test_html_is_self_contained(signed_run: Run):
    """No script, stylesheet link, font, image or any URL to fetch; print CSS is there."""
    html = html_of(signed_run).read_text()
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", html, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "default-src 'none'" in html and "@media print" in html


def test_html_escapes_everything_from_the_report():
    """Text from the recipe and the report is escaped: markup in it is shown, not run."""
    report = Report(recipe_name="x")
    report.recipe_description = '<script>alert("d")</script>'
    report.recipe_text = "name: </pre><b>bold</b>"
    report.recipe_sha256 = "0" * 64
    report.inputs = [FileRecord(path="<in>.csv", sha256=None, rows=1, columns=["<c>"])]
    report.add_finding(EntityFinding(step=1, column='<col">', entity="<E>", count=2,
                                     operator="<op>"))
    report.add_gate(GateRecord(step=1, kind="k_anonymity", passed=True, summary="<s>",
                               figures={"class_size_histogram": [{"size": "<5>", "classes": 1}]}))
    report.risk = {"class_size_histogram": [{"size": "<5>", "classes": 1}]}
    report.finish()
    html = render_html(internal_view(report))
    assert "<script>" not in html and "<b>bold" not in html and '<col">' not in html
    assert "&lt;script&gt;" in html and "&lt;E&gt;" in html and "&lt;5&gt;" in html
