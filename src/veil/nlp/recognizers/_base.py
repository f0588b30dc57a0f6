"""The base of veil's pattern recognizers: Presidio's PatternRecognizer, plus three habits.

- a pattern may mark the identifier itself with a named group `value`, so a keyword that
  proves the type ("MRN: 0048213") is matched but not replaced;
- a checksum that passes sets the score to `VALIDATED_SCORE` (1.0 unless a format is common
  enough by chance that context must still decide), a checksum that fails drops the match;
- regex flags belong to the recognizer (names need case, IDs do not);
- a pattern may have a gate in `GATES`: a cheap regex that any match of the pattern must
  contain (a keyword, a separator, `@`). A text the gate does not find is not scanned with the
  pattern at all: most of the cost of detection without NER is scanning texts that cannot match.
  A gate must be a necessary condition, never a heuristic: a gated text gives the same findings
  as an ungated one (tests/nlp/test_detect_gates.py checks it over the labelled set). A gate
  that starts with a literal character is cheap: `re` looks for that character first, at C
  speed. One that starts with `\\b`, a class or a look-around is tried at every position of
  every text (2 µs a note), so `\\d/\\d` is written `/\\d(?<=\\d/\\d)` and a word's `\\b`
  is left off;
- each regex has an ASCII twin (`ascii_twin`), which a text of ASCII alone is scanned with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["ABOVE_THE_MODEL", "CUSTOMER_TURN", "AnyOf", "DigitRunGate", "FieldRecognizer", "Found",
           "KeywordGate", "RegexGate", "ScoredRecognizer", "VeilPatternRecognizer", "ascii_twin",
           "fold_case", "gate", "longest_digit_run", "reads_as_ascii", "recognizer_result"]

#: Letters that case-insensitive regexes match to an ASCII letter but `str.lower` does not
#: turn into one (the Kelvin sign it does): capital I with dot, dotless i, long s.
_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_GATES: dict[str, RegexGate | AnyOf] = {}
#: The score of a place whose context settles it, above the 0.85 of the model's entities: the
#: model calls many towns people (`Port Lisa, CA 17220`, `Montréal QC`, `Basingstoke RG22 4HW`),
#: and where two findings overlap the higher score names the span.
ABOVE_THE_MODEL = 0.9
#: The start of the customer's turn in a chat transcript (`Customer: `, `cust:`, `Visitor: `),
#: after which an answer to the agent's question stands (a card's last four, a name).
CUSTOMER_TURN = r"(?i:customer|cust|caller|client|member|user|visitor)\s*:\s*"
#: A gate that is only words between `|`, no other regex syntax.
_WORDS_ONLY = re.compile(r"[^\\.^$*+?{}\[\]()|]+(?:\|[^\\.^$*+?{}\[\]()|]+)*")
#: What `re` counts as a space in Unicode mode and not in ASCII mode, among ASCII characters:
#: the information separators (a record system's field and record marks).
_UNICODE_ONLY_SPACES = re.compile("[\x1c-\x1f]")
#: Where a regex may ignore case: its flags, or inline (`(?i:`, `(?ix)`).
_INLINE_IGNORECASE = re.compile(r"\(\?[aiLmsux]*i[aiLmsux]*[-:)]")
#: The characters that match an ASCII letter when case is ignored in Unicode mode and not in
#: ASCII mode (`K`, the Kelvin sign, is `k`; `ſ` is `s`; `İ` and `ı` are `i`: no others, as
#: tests/nlp/test_detect_gates.py checks), or a regex that may name one: a range with an end
#: past Latin-1 (not a class's last `-`), an escape.
_ASCII_LETTER_IN_UNICODE = re.compile("[\u0130\u0131\u017f\u212a]|[^\x00-\xff]-(?!])"
                                      r"|(?<![\[\\])-[^\x00-\xff]|\\[uUNx]")


def reads_as_ascii(text: str) -> bool:
    """Whether the ASCII twins of veil's regexes (`ascii_twin`) find in `text` what the
    regexes find: `text` is ASCII, with none of the separators Unicode counts as spaces."""
    return text.isascii() and _UNICODE_ONLY_SPACES.search(text) is None


def ascii_twin(regex: re.Pattern) -> re.Pattern:
    """`regex` compiled in ASCII mode, for texts that `reads_as_ascii`.

    On such a text it finds what `regex` finds, faster: `re` looks up `\\w`, `\\d`, `\\s`, `\\b`
    and the other case of a letter in a table, where in Unicode mode it calls a function for
    each (a seventh of the cost of detection without NER). A regex that ignores case and may
    name a character that stands for an ASCII letter in Unicode mode keeps that mode.
    """
    if regex.flags & re.ASCII:
        return regex
    if (regex.flags & re.IGNORECASE or _INLINE_IGNORECASE.search(regex.pattern)) \
            and _ASCII_LETTER_IN_UNICODE.search(regex.pattern):
        return regex
    return re.compile(regex.pattern, (regex.flags & ~re.UNICODE) | re.ASCII)


def fold_case(text: str) -> str:
    """`text` lower-cased as gates see it: every character an IGNORECASE pattern matches as an
    ASCII letter is that letter here, and offsets are kept."""
    return text.lower() if text.isascii() else text.translate(_FOLDS).lower()


class _Keywords:
    """Every word a `KeywordGate` or an `AnyOf` looks up, found in a text in one scan.

    `word in text` for each of some 270 words cost more than any pattern they guard (0.15 µs
    a word on a 220-character note). One regex over all of them, a trie, is searched for a
    word at each place one starts: at each, it gives the longest word starting there, and the
    words that are its prefixes are there too. A text is scanned once for every gate.
    """

    def __init__(self) -> None:
        self.words: set[str] = set()
        self._scan: re.Pattern | None = None
        self._prefixes: dict[str, frozenset[str]] = {}
        self._last: tuple[str, frozenset[str]] = ("", frozenset())

    def add(self, words: Iterable[str]) -> frozenset[str]:
        added = frozenset(words)
        if not added <= self.words:
            self.words |= added
            self._scan = None  # built again on the next text
        return added

    def found_in(self, folded: str) -> frozenset[str]:
        """The words present in `folded` (the last text's are kept: every gate asks)."""
        last = self._last
        if last[0] is folded and self._scan is not None:
            return last[1]
        scan = self._scan or self._build()
        found: set[str] = set()
        position = 0
        while (match := scan.search(folded, position)) is not None:
            found.add(match.group())
            position = match.start() + 1
        present = frozenset().union(*map(self._prefixes.__getitem__, found))
        self._last = (folded, present)
        return present

    def _build(self) -> re.Pattern:
        trie: dict = {}
        for word in self.words:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}  # a word ends here
        self._prefixes = {word: frozenset(other for other in self.words if word.startswith(other))
                          for word in self.words}
        self._scan = re.compile(_trie_regex(trie) if trie else "(?!)")  # (?!): never
        return self._scan


def _trie_regex(node: dict) -> str:
    """A regex matching the words of a trie, the longest one where several start alike."""
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


_KEYWORDS = _Keywords()


class KeywordGate:
    """A gate over many keywords, each followed (or preceded) by a short regex.

    One regex alternating over dozens of words costs as much as the pattern it guards, so
    the words are looked up first, in one scan of the text for all gates (`_Keywords`), and
    only those present go into the regex: `KeywordGate((("jan", "feb"),
    r"(?:{words})[a-z]*\\s+\\d"),)` finds "jan" and "feb" at C speed and searches for the
    one that is there. Any branch found opens the gate. Each set of words found compiles a
    regex of its own, once: a branch of hundreds of words that notes hold in many mixes (the
    kinds of street) compiled a regex for nearly every note; such a pattern wants a regex gate.
    """

    def __init__(self, *branches: tuple[tuple[str, ...], str]) -> None:
        self.branches = branches
        self._word_sets = [_KEYWORDS.add(words) for words, _ in branches]
        self._compiled: dict[tuple[int, tuple[str, ...], bool], re.Pattern] = {}

    def search(self, folded: str, ascii_only: bool = False) -> bool:
        found = _KEYWORDS.found_in(folded)
        for index, (words, template) in enumerate(self.branches):
            if found.isdisjoint(self._word_sets[index]):
                continue
            if template == "{words}":
                return True
            present = tuple(word for word in words if word in found)
            key = (index, present, ascii_only)
            regex = self._compiled.get(key)
            if regex is None:
                alternation = "|".join(re.escape(word) for word in present)
                regex = re.compile(template.format(words=alternation))
                regex = self._compiled[key] = ascii_twin(regex) if ascii_only else regex
            if regex.search(folded) is not None:
                return True
        return False


class AnyOf:
    """Open when one of a few literal strings is in the text (looked up with every gate's
    words in one scan, `_Keywords`): a regex alternation of the same words costs a fraction
    of a µs a word, as `re` tries each at each position, and most of a pattern's cost is this
    test on texts it cannot match."""

    def __init__(self, *words: str) -> None:
        self.words = words
        self._word_set = _KEYWORDS.add(words)

    def search(self, folded: str, ascii_only: bool = False) -> bool:
        return not _KEYWORDS.found_in(folded).isdisjoint(self._word_set)


_DIGIT_RUNS = re.compile(r"\d+")
_last_run: tuple[str, int] = ("", 0)  # the last text and its longest run (replaced at once)


def longest_digit_run(folded: str) -> int:
    """Length of the longest run of consecutive digits (`\\d`) in the text."""
    global _last_run
    last = _last_run
    if last[0] is folded:
        return last[1]
    run = max(map(len, _DIGIT_RUNS.findall(folded)), default=0)
    _last_run = (folded, run)
    return run


class DigitRunGate:
    """Open when the text holds at least `digits` consecutive digits (as `\\d{digits}` would
    find): an SSN, a ZIP code or a card number cannot be in a text without one."""

    _shared: ClassVar[dict[int, DigitRunGate]] = {}

    def __new__(cls, digits: int) -> DigitRunGate:  # one gate per length: searched once a text
        if digits not in cls._shared:
            made = super().__new__(cls)
            made.digits = digits
            cls._shared[digits] = made
        return cls._shared[digits]

    def search(self, folded: str, ascii_only: bool = False) -> bool:
        return longest_digit_run(folded) >= self.digits


class RegexGate:
    """Open when its regex is in the text."""

    def __init__(self, regex: str) -> None:
        self.regex = re.compile(regex)
        self._ascii_regex = ascii_twin(self.regex)

    def search(self, folded: str, ascii_only: bool = False) -> bool:
        return (self._ascii_regex if ascii_only else self.regex).search(folded) is not None


def gate(spec: str | KeywordGate | DigitRunGate | AnyOf
         ) -> RegexGate | KeywordGate | DigitRunGate | AnyOf:
    """The gate (shared between recognizers, so a text is searched once per gate); words
    between `|` and nothing else, `"swift|bic"`, are looked up as words (`AnyOf`)."""
    if isinstance(spec, KeywordGate | DigitRunGate | AnyOf):
        return spec
    if spec not in _GATES:
        _GATES[spec] = AnyOf(*spec.split("|")) if _WORDS_ONLY.fullmatch(spec) else RegexGate(spec)
    return _GATES[spec]


class Found:
    """A match of a veil recognizer, as detection reads it. Presidio's `RecognizerResult`,
    with its explanation and metadata, cost 3 % of pattern-only detection to build for every
    match; `analyze`, Presidio's interface, still returns those."""

    __slots__ = ("end", "entity_type", "pattern_name", "score", "start")

    def __init__(self, entity_type: str, start: int, end: int, score: float,
                 pattern_name: str) -> None:
        self.entity_type, self.start, self.end = entity_type, start, end
        self.score, self.pattern_name = score, pattern_name

    def __repr__(self) -> str:
        return f"Found({self.entity_type}, {self.start}, {self.end}, {self.score})"


class VeilPatternRecognizer(PatternRecognizer):
    """Subclasses set ENTITY, PATTERNS, CONTEXT and optionally validate/invalidate hooks."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    FLAGS: ClassVar[int] = re.IGNORECASE
    VALIDATED_SCORE: ClassVar[float] = 1.0
    #: pattern name -> a regex found, in the case-folded text (`fold_case`), in every text
    #: the pattern matches. Write gates in lower case; they are compiled without flags.
    GATES: ClassVar[dict[str, str | KeywordGate | DigitRunGate | AnyOf]] = {}

    def __init__(self, supported_language: str = "en", *, name: str | None = None) -> None:
        super().__init__(supported_entity=self.ENTITY, patterns=list(self.PATTERNS),
                         context=list(self.CONTEXT), supported_language=supported_language,
                         name=name or type(self).__name__)
        unknown = set(self.GATES) - {p.name for p in self.patterns}
        if unknown:
            msg = f"{type(self).__name__}: gates for unknown patterns {sorted(unknown)}"
            raise TypeError(msg)
        self._compiled = []
        for p in self.patterns:
            regex = re.compile(p.regex, self.FLAGS)
            self._compiled.append((p, regex, ascii_twin(regex),
                                   gate(self.GATES[p.name]) if p.name in self.GATES else None,
                                   "value" if "value" in regex.groupindex else 0))
        self.gated = True  # False: scan every text with every pattern (for tests)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        return [self._presidio_result(found) for found in
                self.find(text, fold_case(text), {}, ascii_only=reads_as_ascii(text))]

    def find(self, text: str, folded: str, passed: dict[object, bool], ascii_only: bool = False
             ) -> list[Found]:
        """Findings in `text`; `folded` is `fold_case(text)`, `passed` caches gate results,
        `ascii_only` says that `text` `reads_as_ascii`."""
        found: dict[tuple[int, int], Found] = {}
        gated = self.gated
        for pattern, regex, ascii_regex, pattern_gate, group in self._compiled:
            if pattern_gate is not None and gated:
                hit = passed.get(pattern_gate)
                if hit is None:
                    hit = passed[pattern_gate] = pattern_gate.search(folded, ascii_only)
                if not hit:
                    continue
            for match in (ascii_regex if ascii_only else regex).finditer(text):
                start, end = match.span(group)
                if start < 0 or start == end or not self.accept(text, start, end, pattern.name):
                    continue
                score = self._score(text[start:end], pattern.score, pattern.name)
                if score <= 0:
                    continue
                previous = found.get((start, end))
                if previous is None or previous.score < score:
                    found[(start, end)] = self.result(start, end, score, pattern.name)
        if len(found) < 2:  # most recognizers find nothing in most texts
            return list(found.values())
        return _outermost(list(found.values()))

    def result(self, start: int, end: int, score: float, pattern_name: str) -> Found:
        """A finding of this recognizer, found by its pattern `pattern_name`."""
        return Found(self.ENTITY, start, end, score, pattern_name)

    def _presidio_result(self, found: Found) -> RecognizerResult:
        return recognizer_result(self, found.entity_type, found.start, found.end, found.score,
                                 pattern_name=found.pattern_name)

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        """Whether the match of `pattern_name` at `text[start:end]` may stand, judged by what
        is around it (a cue word before it, a label that says it is something else)."""
        return True

    def _score(self, matched: str, score: float, pattern_name: str) -> float:
        """The score of `matched`, found by the pattern `pattern_name` (scoring `score`);
        0 drops it."""
        valid = self.validate_result(matched)
        if valid is False or self.invalidate_result(matched):
            return 0.0
        if valid:
            return max(score, self.VALIDATED_SCORE)
        return score

    def validate_result(self, pattern_text: str) -> bool | None:
        return None

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return None


def _outermost(results: list[Found]) -> list[Found]:
    """Drop matches inside a longer match of the same recognizer that scores at least as high
    (`Jul 2023` inside `07 Jul 2023`, `example.com/a` inside `https://example.com/a`)."""
    return [r for r in results if not any(
        o is not r and o.start <= r.start and r.end <= o.end and o.score >= r.score
        and (o.end - o.start) > (r.end - r.start) for o in results)]


class ScoredRecognizer(EntityRecognizer):
    """A recognizer of several entities written in Python, not patterns: nothing to load, and
    every finding scores `SCORE`."""

    SCORE: ClassVar[float] = 0.85
    ENTITIES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=sorted(self.ENTITIES), name=type(self).__name__,
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def _result(self, entity: str, start: int, end: int) -> RecognizerResult:
        return recognizer_result(self, entity, start, end, self.SCORE)


class FieldRecognizer(ScoredRecognizer):
    """A recognizer of a structured record's fields (an HL7 segment's, a FHIR resource's):
    where a value stands says what it is, so every finding scores `SCORE`, above every
    pattern's and the model's."""

    SCORE: ClassVar[float] = 0.95


def recognizer_result(recognizer: EntityRecognizer, entity: str, start: int, end: int,
                      score: float, pattern_name: str | None = None) -> RecognizerResult:
    """A finding as Presidio's interface returns it: with its explanation and the recognizer's
    name and id, as Presidio's own recognizers give them."""
    return RecognizerResult(
        entity, start, end, score,
        analysis_explanation=AnalysisExplanation(recognizer.name, score,
                                                 pattern_name=pattern_name),
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id})
