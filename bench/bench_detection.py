"""Benchmark free-text detection: plain Presidio vs Presidio's batch engine vs spaCy vs veil.

Prints, in one run on the same generated notes (clinical notes and bank chats from
`veil.evaluation.generate`, a different seed than the shipped labelled set, all distinct so
veil's distinct-value cache gives it nothing for free):

  * rows/s of plain Presidio row by row: AnalyzerEngine + AnonymizerEngine, the same spaCy
    model through an explicit NLP configuration, Presidio's default recognizers;
  * rows/s of Presidio's BatchAnalyzerEngine.analyze_iterator (n_process=2, batch_size=256);
  * rows/s of spaCy NER alone through nlp.pipe on both cores (NER-only pipeline): the ceiling
    for NER-based detection;
  * rows/s of veil's Detector, of veil's `redact_text` step end to end through `veil.run`
    (without, then with the residual check that scans the output a second time), and of
    veil with `nlp: none` (pattern recognizers only);
  * leakage (share of gold PII characters no finding covers) of plain Presidio and of veil
    on veil's labelled set, measured in the same run.

    python bench/bench_detection.py                       # the issue's size: 20,000 notes
    python bench/bench_detection.py --notes 500 --labelled 300 --row-loop 200

Targets (issue 3): veil >= 6x the row loop and >= 1.5x the batch engine, with less leakage
than both; `nlp: none` >= 50x the row loop; veil's leakage at most half of plain Presidio's.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Callable

NOTES_SEED = 1


def timed(fn: Callable[[], object], rows: int) -> float:
    """Rows per second of fn()."""
    start = time.perf_counter()
    fn()
    return rows / (time.perf_counter() - start)


def plain_presidio(model: str):
    """Presidio as its docs show it, with the model named explicitly (never en_core_web_lg)."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    from veil.nlp.engine import quiet_presidio, use_offline_tldextract

    quiet_presidio()
    use_offline_tldextract()
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"]), AnonymizerEngine()


def bench_row_loop(analyzer, anonymizer, texts: list[str]) -> float:
    def run():
        for text in texts:
            results = analyzer.analyze(text=text, language="en")
            anonymizer.anonymize(text=text, analyzer_results=results)
    return timed(run, len(texts))


def bench_batch_engine(analyzer, texts: list[str], n_process: int) -> float:
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    return timed(lambda: batch.analyze_iterator(texts, language="en", n_process=n_process,
                                                batch_size=256), len(texts))


def bench_spacy_ceiling(model: str, texts: list[str], n_process: int) -> float:
    from veil.nlp.engine import load_pipeline

    nlp = load_pipeline(model)
    return timed(lambda: [doc.ents for doc in nlp.pipe(texts, batch_size=256,
                                                       n_process=n_process)], len(texts))


def bench_veil(model: str | None, texts: list[str], n_process: int) -> float:
    from veil.nlp.detect import Detector
    from veil.nlp.types import DetectorConfig

    # Building the detector (loading spaCy) is outside the timing, as for Presidio's engines;
    # starting the worker processes is inside it.
    detector = Detector(DetectorConfig(model=model, n_process=n_process))
    try:
        return timed(lambda: detector.detect(texts), len(texts))
    finally:
        detector.close()


def bench_veil_run(model: str, texts: list[str], *, verify_output: bool) -> float | None:
    """veil's redact_text step end to end through `veil.run` (detect, replace, report).

    With `verify_output` the run also scans its output again (the residual check), so it
    detects twice: that row is the whole default run, not the step.
    """
    import polars as pl

    import veil
    from veil.steps.registry import step_names

    if "redact_text" not in step_names():
        return None
    recipe = f"""
veil: 1
name: bench-detection
nlp: {{model: {model}}}
steps:
  - redact_text: {{columns: [note]}}
report: {{verify_output: {str(verify_output).lower()}}}
"""
    frame = pl.DataFrame({"note": texts})
    return timed(lambda: veil.run(recipe, frame, output=None, report_dir=None), len(texts))


def leakage(model: str, labelled: int) -> dict[str, float]:
    from veil.evaluation import bundled_labelled_set, read_labelled
    from veil.evaluation.metrics import score
    from veil.nlp.detect import Detector
    from veil.nlp.types import DetectorConfig, Finding

    records = list(read_labelled(bundled_labelled_set()))[:labelled]
    gold = [spans for _, spans in records]
    texts = [text for text, _ in records]
    analyzer, _ = plain_presidio(model)
    presidio_findings = [[Finding(r.start, r.end, r.entity_type, r.score, "presidio")
                          for r in analyzer.analyze(text=t, language="en")] for t in texts]
    out = {"presidio": score(gold, presidio_findings).total.leakage}
    for name, m in (("veil", model), ("veil_nlp_none", None)):
        detector = Detector(DetectorConfig(model=m))
        try:
            out[name] = score(gold, detector.detect(texts).findings).total.leakage
        finally:
            detector.close()
    return out


def main() -> None:
    from veil.evaluation.generate import generate
    from veil.nlp.models import default_model_name

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=20_000, help="Generated notes to time.")
    parser.add_argument("--row-loop", type=int, default=None,
                        help="Notes for the (slow) row loop; default: all of --notes.")
    parser.add_argument("--labelled", type=int, default=3_000,
                        help="Texts of the shipped labelled set used for leakage.")
    parser.add_argument("--n-process", type=int, default=2, help="Processes for the batch "
                        "engine, the spaCy ceiling and veil.")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: veil's pinned).")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    model = args.model or default_model_name()
    texts = [r["text"] for r in generate(args.notes, seed=NOTES_SEED)]
    loop_texts = texts[: args.row_loop or len(texts)]
    analyzer, anonymizer = plain_presidio(model)
    rates = {
        "presidio_row_loop": bench_row_loop(analyzer, anonymizer, loop_texts),
        "presidio_batch_engine": bench_batch_engine(analyzer, texts, args.n_process),
        "spacy_ner_ceiling": bench_spacy_ceiling(model, texts, args.n_process),
        "veil_detector": bench_veil(model, texts, None),
        "veil_redact_text_run": bench_veil_run(model, texts, verify_output=False),
        "veil_run_with_residual": bench_veil_run(model, texts, verify_output=True),
        "veil_nlp_none": bench_veil(None, texts, None),
    }
    leaks = leakage(model, args.labelled)
    figures = {"notes": len(texts), "row_loop_notes": len(loop_texts), "model": model,
               "rows_per_second": rates, "leakage": leaks}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    loop, batch = rates["presidio_row_loop"], rates["presidio_batch_engine"]
    print(f"{len(texts):,} generated notes, model {model} "
          f"(row loop timed on {len(loop_texts):,})")
    print(f"{'':28}{'rows/s':>10}{'x row loop':>12}{'x batch':>10}")
    for name, rate in rates.items():
        if rate is None:
            print(f"{name:28}{'n/a':>10}")
            continue
        print(f"{name:28}{rate:>10,.0f}{rate / loop:>12.1f}{rate / batch:>10.2f}")
    print(f"leakage on {args.labelled:,} labelled texts (share of gold PII characters left "
          f"readable):")
    for name, value in leaks.items():
        print(f"  {name:26}{value:>8.1%}")
    print(f"  veil / presidio            {leaks['veil'] / leaks['presidio']:>8.2f}  "
          f"(target <= 0.5)")


if __name__ == "__main__":
    main()
