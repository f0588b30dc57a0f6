"""The detector: PII findings for many texts at once, fast and resolved.

Speed comes from doing less: each distinct non-empty text is analysed once, spaCy runs over
batches through `nlp.pipe` with NER alone, and big batches are spread over worker processes
that each load the model once and run the whole analysis (NER and recognizers) on their share.
Very long texts are cut on sentence or whitespace boundaries with an overlap, and findings of
the pieces are put back together, so a finding across a cut is not lost. Workers share out
pieces, not texts, so one very long text is read on every core.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from veil.errors import RecipeError
from veil.nlp.analysis import Analysis, RawFinding
from veil.nlp.models import default_model_name
from veil.nlp.readable import readable
from veil.nlp.recognizers import ENTITIES, NAME_ENTITIES
from veil.nlp.resolve import resolve
from veil.nlp.types import DetectionResult, DetectorConfig, Finding
from veil.recipe.suggest import backticked, suggestion_sentence

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from veil.context import RunContext

__all__ = ["Detector", "get_detector", "split_text"]

#: Texts longer than this are analysed in pieces (spaCy's cost grows with length, and its
#: max_length would refuse a huge cell).
CHUNK_CHARS = 4000
#: Characters shared by consecutive pieces: longer than any identifier veil looks for.
CHUNK_OVERLAP = 200
#: Below this many distinct texts and this many characters, starting worker processes costs
#: more than it saves: texts for the model's cost per text, characters for a few long ones.
#: Forked workers start in milliseconds with the parent's loaded model; spawned ones load it
#: again.
PARALLEL_MIN_TEXTS = 200
PARALLEL_MIN_CHARS = 80_000
PARALLEL_MIN_TEXTS_SPAWN = 2000
PARALLEL_MIN_CHARS_SPAWN = 800_000
#: Most pieces sent to a worker at a time; fewer when that would leave a core idle at the end
#: (at least CHUNKS_PER_WORKER chunks per worker, of at least MIN_WORK_BATCH pieces).
WORK_BATCH = 256
MIN_WORK_BATCH = 16
CHUNKS_PER_WORKER = 16

_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")


# Worker processes hold their own analysis, built once by the pool initializer.
_worker_analysis: Analysis | None = None


def _init_worker(analysis: Analysis | DetectorConfig) -> None:
    global _worker_analysis
    # The parent stops the pool on Ctrl-C (sent to the whole process group), and the pool
    # ends a worker with SIGTERM, which must not run the handler a forked worker inherits
    # from the `veil` command (veil.cli.stop_cleanly_on_termination).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if isinstance(analysis, Analysis):  # forked: the parent's loaded engine, shared pages
        _worker_analysis = analysis
    else:  # spawned: load the model once in this worker
        _worker_analysis = Analysis(analysis, _entities_in_scope(analysis))


Resolved = tuple[list[Finding], Counter[str]]  # kept findings, near misses per entity


def _work(pieces: list[str]) -> list[list[RawFinding]]:
    assert _worker_analysis is not None
    return _worker_analysis.run(pieces)


class _Pieces:
    """Distinct texts cut into the distinct pieces the analysis reads, and put back together.

    The pieces, not the texts, are what workers share: one book-length cell is thousands
    of pieces, analysed on every core, where a worker per text would read it alone.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        index: dict[str, int] = {}
        #: Per text: (offset in the text, piece index).
        self.layout = [[(offset, index.setdefault(piece, len(index)))
                        for offset, piece in split_text(text, size=CHUNK_CHARS,
                                                        overlap=CHUNK_OVERLAP)]
                       for text in texts]
        self.pieces = list(index)
        #: Per text: how many pieces must be analysed before it can be resolved.
        self.needs = [max(index for _, index in parts) + 1 for parts in self.layout]

    def resolved(self, config: DetectorConfig,
                 raw_parts: Iterable[list[list[RawFinding]]]) -> list[Resolved]:
        """Each text's findings from its pieces' raw findings, at offsets into the text.

        `raw_parts` are the pieces' raw findings in order, a batch at a time: a text is
        resolved as soon as its pieces are in, so this process resolves while workers still
        analyse the pieces after them, where it would otherwise wait for them and then work
        alone.
        """
        out: list[Resolved] = []
        raw: list[list[RawFinding]] = []
        for part in raw_parts:
            raw.extend(part)
            while len(out) < len(self.texts) and self.needs[len(out)] <= len(raw):
                text, parts = self.texts[len(out)], self.layout[len(out)]
                out.append(self._resolve_one(config, text, parts, raw))
        if len(raw) != len(self.pieces):
            msg = f"{len(raw)} pieces analysed of {len(self.pieces)}"
            raise RuntimeError(msg)
        return out

    @staticmethod
    def _resolve_one(config: DetectorConfig, text: str, parts: list[tuple[int, int]],
                     raw: list[list[RawFinding]]) -> Resolved:
        found = [Finding(start + offset, end + offset, entity, score, recognizer)
                 for offset, index in parts
                 for start, end, entity, score, recognizer in raw[index]]
        return resolve(text, found, threshold=config.threshold, allow_list=config.allow_list)


def _detect_distinct(analysis: Analysis, texts: Sequence[str]) -> list[Resolved]:
    """Split, analyse, stitch and resolve distinct non-empty texts in this process."""
    split = _Pieces(texts)
    return split.resolved(analysis.config, [analysis.run(split.pieces)])


class Detector:
    """Finds PII in texts with veil's recognizers and (unless `model` is None) spaCy NER."""

    def __init__(self, config: DetectorConfig) -> None:
        _check_config(config)
        self.config = config
        self._analysis = Analysis(config, _entities_in_scope(config))
        self._pool: Pool | None = None
        self._finalizer: weakref.finalize | None = None

    @staticmethod
    def supported_entities() -> list[str]:
        """Every entity veil knows (custom recognizers may add their own)."""
        return list(ENTITIES)

    @property
    def entities(self) -> list[str]:
        """The entities this detector looks for."""
        return list(self._analysis.entities)

    def detect(self, texts: Sequence[str | None]) -> DetectionResult:
        """Resolved findings per text (None and empty texts have none), and near misses."""
        distinct: dict[str, int] = {}
        for text in texts:
            if text and not text.isspace() and text not in distinct:
                distinct[text] = len(distinct)
        # Read without invisible characters and look-alikes; findings in the text as written.
        forms = [readable(text) for text in distinct]
        resolved = self._analyse([form.text for form in forms])
        findings: list[list[Finding]] = []
        near_misses: Counter[str] = Counter()
        for text in texts:
            if text and text in distinct:
                accepted, near = resolved[distinct[text]]
                findings.append(forms[distinct[text]].as_written(list(accepted)))
                near_misses.update(near)
            else:
                findings.append([])
        return DetectionResult(findings=findings, near_misses=dict(sorted(near_misses.items())))

    def _analyse(self, texts: list[str]) -> list[Resolved]:
        workers = self._workers()
        fork = _start_method() == "fork"
        few = len(texts) < (PARALLEL_MIN_TEXTS if fork else PARALLEL_MIN_TEXTS_SPAWN)
        short = sum(map(len, texts)) < (PARALLEL_MIN_CHARS if fork else PARALLEL_MIN_CHARS_SPAWN)
        if workers < 2 or (few and short):
            return _detect_distinct(self._analysis, texts)
        split = _Pieces(texts)
        pieces = split.pieces
        size = max(MIN_WORK_BATCH,
                   min(WORK_BATCH, -(-len(pieces) // (workers * CHUNKS_PER_WORKER))))
        batches = [pieces[i:i + size] for i in range(0, len(pieces), size)]
        return split.resolved(self.config, self._get_pool(workers).imap(_work, batches))

    def _workers(self) -> int:
        if self.config.n_process is not None:
            return max(1, self.config.n_process)
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1

    def _get_pool(self, workers: int) -> Pool:
        if self._pool is None:
            # fork where there is one: workers start at once with the parent's loaded model
            # (copy-on-write pages), and a user script needs no `if __name__ == "__main__"`.
            # Workers only run spaCy and regexes, never Polars, so Polars' thread pool in the
            # parent cannot deadlock them. Elsewhere spawn, and each worker loads the model.
            method = _start_method()
            payload = self._analysis if method == "fork" else self.config
            self._pool = multiprocessing.get_context(method).Pool(
                workers, initializer=_init_worker, initargs=(payload,))
            self._finalizer = weakref.finalize(self, self._pool.terminate)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes (they are also stopped when the detector is collected)."""
        if self._finalizer is not None:
            self._finalizer()
        self._pool = None
        self._finalizer = None

    def __repr__(self) -> str:
        return (f"<Detector model={self.config.model!r} entities={len(self.entities)} "
                f"threshold={self.config.threshold}>")


def _start_method() -> str:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def get_detector(ctx: RunContext, config: DetectorConfig) -> Detector:
    """The run's detector for `config`, built on first use (one per config per run)."""
    detectors = ctx.cache.setdefault("veil.nlp.detectors", {})
    if config not in detectors:
        detectors[config] = Detector(config)
    return detectors[config]


def split_text(text: str, *, size: int, overlap: int) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`; cuts fall after a sentence, a newline or a space."""
    if len(text) <= size:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            end = _cut_point(text, start + size // 2, end)
        pieces.append((start, text[start:end]))
        if end >= len(text):
            break
        start = _cut_point(text, end - overlap, end - overlap // 2, backwards=False)
    return pieces


def _cut_point(text: str, low: int, high: int, *, backwards: bool = True) -> int:
    """A boundary in [low, high]: last (or first) sentence end, else whitespace, else high/low."""
    window = text[low:high]
    for pattern in (_BOUNDARY, re.compile(r"\s+")):
        matches = list(pattern.finditer(window))
        if matches:
            match = matches[-1] if backwards else matches[0]
            return low + match.end()
    return high if backwards else low


def _entities_in_scope(config: DetectorConfig) -> list[str]:
    known = [e for e in ENTITIES if config.model is not None or e not in NAME_ENTITIES]
    chosen = list(config.entities) if config.entities is not None else known
    extra = [spec.entity for spec in config.custom] + [entity for entity, _ in config.deny_list]
    return list(dict.fromkeys(chosen + extra))


def _check_config(config: DetectorConfig) -> None:
    """Unknown entity names and broken custom regexes stop the run before anything loads."""
    custom = {spec.entity for spec in config.custom} | {entity for entity, _ in config.deny_list}
    allowed = [*ENTITIES, *sorted(custom - set(ENTITIES))]
    for entity in config.entities or ():
        if entity not in allowed:
            msg = (f"unknown entity `{entity}`.{suggestion_sentence(entity, allowed)} veil knows: "
                   f"{backticked(allowed)}. Declare a custom recognizer for another entity.")
            raise RecipeError(msg)
    for spec in config.custom:
        try:
            re.compile(spec.regex)
        except re.error as exc:
            msg = (f"custom recognizer `{spec.name}`: its `regex` is not a valid regular "
                   f"expression ({exc.msg} at position {exc.pos}). Fix the pattern (Python `re` "
                   f"syntax); remember to quote it in YAML.")
            raise RecipeError(msg) from exc
    needs_ner = sorted(set(config.entities or ()) & set(NAME_ENTITIES))
    if config.model is None and needs_ner:
        msg = (f"{backticked(needs_ner)} can only be found with an NLP model, and the recipe "
               f"says `nlp: none`. Remove them from `entities`, or set `nlp: {{model: "
               f"{default_model_name()}}}`.")
        raise RecipeError(msg)
    if not 0 <= config.threshold <= 1:
        msg = f"`threshold` must be between 0 and 1; got {config.threshold}."
        raise RecipeError(msg)
