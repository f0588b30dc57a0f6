"""Measure detection against labelled texts: veil's own generated set, or yours.

`evaluate(path)` runs the detector over a JSON-lines file of `{"text", "spans"}` and returns
per-entity precision, recall, F2 and leakage (`veil eval`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from veil.errors import InputError
from veil.evaluation.labels import LABEL_MAP, to_entity
from veil.evaluation.metrics import GoldSpan, Scores, score
from veil.nlp.types import DetectorConfig

__all__ = ["BUNDLED_SETS", "LABEL_MAP", "Scores", "bundled_labelled_set", "evaluate",
           "labelled_set", "read_labelled"]


#: The labelled sets shipped with veil, by the name `veil eval veil:NAME` takes.
BUNDLED_SETS = {
    "generated": "labelled.jsonl",  # by `veil.evaluation.generate`: 3,000 texts
    "written": "written.jsonl",     # by hand: forms seen leaking (`veil.evaluation.written`)
}
BUNDLED_PREFIX = "veil:"


def bundled_labelled_set(name: str = "generated") -> Path:
    """A labelled set shipped with veil, by its name in `BUNDLED_SETS`."""
    if name not in BUNDLED_SETS:
        known = ", ".join(f"`{BUNDLED_PREFIX}{known}`" for known in BUNDLED_SETS)
        msg = f"there is no labelled set `{BUNDLED_PREFIX}{name}` in veil: use one of {known}."
        raise InputError(msg)
    return Path(str(resources.files("veil.evaluation").joinpath(f"data/{BUNDLED_SETS[name]}")))


def labelled_set(given: str | None) -> Path:
    """The file `veil eval` scores: the generated set by default, `veil:NAME` a bundled one."""
    if given is None:
        return bundled_labelled_set()
    if given.startswith(BUNDLED_PREFIX):
        return bundled_labelled_set(given.removeprefix(BUNDLED_PREFIX))
    return Path(given)


def read_labelled(path: str | Path) -> Iterator[tuple[str, list[GoldSpan]]]:
    """(text, gold spans mapped to veil entities) per line; InputError names a bad line."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        msg = f"cannot read the labelled file `{path}`: {exc.strerror}."
        raise InputError(msg) from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                spans = [GoldSpan(int(s["start"]), int(s["end"]), to_entity(str(s["label"])))
                         for s in record.get("spans", [])]
            except (ValueError, KeyError, TypeError) as exc:
                msg = (f"`{path}`, line {number}: expected a JSON object with `text` and "
                       f"`spans` (a list of {{start, end, label}}).")
                raise InputError(msg) from exc
            yield text, spans


def evaluate(path: str | Path, *, config: DetectorConfig | None = None) -> Scores:
    """Detect over every text of `path` and score the findings against its gold spans."""
    from veil.nlp.detect import Detector
    from veil.nlp.models import default_model_name

    records = list(read_labelled(path))
    detector = Detector(config or DetectorConfig(model=default_model_name()))
    try:
        result = detector.detect([text for text, _ in records])
    finally:
        detector.close()
    return score([spans for _, spans in records], result.findings)
