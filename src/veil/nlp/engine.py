"""The Presidio analyzer veil uses: an explicit spaCy configuration, NER only, offline.

Presidio's default configuration names `en_core_web_lg` and downloads it when missing; veil
always passes its own configuration with the pinned pipeline (or a tokenizer-only pipeline for
`nlp: none`), loads only the components NER needs, and never downloads anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngineProvider, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from veil.nlp.models import require_model
from veil.nlp.recognizers import NER_ENTITIES, pattern_recognizers
from veil.nlp.recognizers.ner import NerRecognizer
from veil.nlp.recognizers.web import offline_tld_extractor

__all__ = ["LABELS", "TOKENIZER_ONLY", "build_analyzer", "load_pipeline", "nlp_configuration",
           "quiet_presidio", "use_offline_tldextract"]

#: Model name standing for "no NER": a blank spaCy pipeline that only tokenizes (`nlp: none`).
TOKENIZER_ONLY = "veil:tokenizer-only"

#: spaCy labels -> Presidio entities; ORG, CARDINAL, MONEY ... are not identifiers here.
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "NORP": "NRP", "FAC": "LOCATION",
           "LOC": "LOCATION", "GPE": "LOCATION", "DATE": "DATE_TIME", "TIME": "DATE_TIME"}
_IGNORED = ["ORG", "ORGANIZATION", "CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL",
            "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART"]


#: Pipeline components NER does not use (tok2vec is dropped after loading unless NER listens to it).
_NOT_FOR_NER = ("tagger", "parser", "attribute_ruler", "lemmatizer", "trainable_lemmatizer",
                "senter", "morphologizer", "textcat", "textcat_multilabel", "spancat",
                "entity_linker", "entity_ruler")


#: Context handling (as Presidio's LemmaContextAwareEnhancer, tuned so that a weak pattern
#: plus a context word crosses the default threshold 0.5 and a weak pattern alone does not).
CONTEXT_BOOST = 0.45
CONTEXT_FLOOR = 0.55
WORDS_BEFORE = 6
WORDS_AFTER = 1

#: spaCy stop words that recognizers use as context; Presidio would skip them.
_CONTEXT_STOPWORDS = frozenset({"call", "name", "number", "first", "last", "give", "mine"})


def quiet_presidio() -> None:
    """Presidio logs every engine creation and unknown recognizer at INFO/WARNING: keep it quiet."""
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def use_offline_tldextract() -> None:
    """Make Presidio's own email recognizer use tldextract's bundled suffix list (no download).

    veil's recognizer already does; this covers a plain Presidio engine (the benchmark baseline).
    """
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    if not getattr(email_recognizer.tldextract, "_veil_offline", False):
        extractor = offline_tld_extractor()
        shim = type("OfflineTldextract", (), {"extract": staticmethod(extractor),
                                              "_veil_offline": True})
        email_recognizer.tldextract = shim


def nlp_configuration(model: str | None, language: str = "en") -> dict:
    """Presidio's NLP engine configuration for `model` (None: tokenizer only)."""
    return {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": language, "model_name": model or TOKENIZER_ONLY}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": dict(LABELS),
            "labels_to_ignore": list(_IGNORED),
            "low_score_entity_names": [],
        },
    }


def load_pipeline(model: str | None, language: str = "en") -> Language:
    """The spaCy pipeline with only what NER needs (tokenizer only when `model` is None)."""
    if model is None or model == TOKENIZER_ONLY:
        return spacy.blank(language)
    require_model(model)
    nlp = spacy.load(model, exclude=list(_NOT_FOR_NER))
    for shared in ("tok2vec", "transformer"):
        if shared in nlp.pipe_names and "ner" not in getattr(
                nlp.get_pipe(shared), "listening_components", []):
            nlp.remove_pipe(shared)  # NER carries its own embedding layer
    return nlp


class VeilSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine loading through `load_pipeline`; lemmas are lower-cased tokens.

    The lemmatizer (and the tagger it needs) is not loaded: context words are matched against
    lower-cased tokens, which serves identifier labels ("MRN", "routing", "account") as well.
    """

    engine_name = "spacy"

    def load(self) -> None:
        self.nlp = {m["lang_code"]: load_pipeline(m["model_name"], m["lang_code"])
                    for m in self.models}

    def is_stopword(self, word: str, language: str) -> bool:
        """spaCy's stop words, less the ones that are context words ("call", "name", ...)."""
        return word.lower() not in _CONTEXT_STOPWORDS and super().is_stopword(word, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(
            list(doc.ents), [self.ner_model_configuration.default_score] * len(doc.ents))
        return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.lower_ for t in doc], nlp_engine=self, language=language,
                            scores=scores)


def build_analyzer(model: str | None, language: str = "en", *,
                   extra_recognizers: Iterable[EntityRecognizer] = ()) -> AnalyzerEngine:
    """An AnalyzerEngine over veil's recognizers; NER from `model` unless it is None.

    Callers pass `veil.nlp.models.default_model_name()` or the recipe's model; there is no
    implicit default. A missing pipeline raises ModelMissingError before anything is loaded.
    veil's Detector runs the recognizers itself (`veil.nlp.analysis`); `analyze()` on this
    engine works too, with the same recognizers and NER mapping.
    """
    quiet_presidio()
    use_offline_tldextract()
    if model is not None:
        require_model(model)
    provider = NlpEngineProvider(nlp_engines=(VeilSpacyNlpEngine,),
                                 nlp_configuration=nlp_configuration(model, language))
    nlp_engine = provider.create_engine()
    recognizers = pattern_recognizers(language, with_names=model is not None)
    recognizers += list(extra_recognizers)
    if model is not None:
        recognizers.append(NerRecognizer(supported_language=language,
                                           supported_entities=list(NER_ENTITIES)))
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[language])
    enhancer = LemmaContextAwareEnhancer(context_similarity_factor=CONTEXT_BOOST,
                                         min_score_with_context_similarity=CONTEXT_FLOOR,
                                         context_prefix_count=WORDS_BEFORE,
                                         context_suffix_count=WORDS_AFTER)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine,
                          supported_languages=[language], context_aware_enhancer=enhancer)

