"""NLP side of veil: pinned spaCy pipelines, the Presidio engine, recognizers, operators."""
