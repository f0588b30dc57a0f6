"""'Did you mean' suggestions for misspelt keys, step names and columns."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Return the closest choice to `word`, or None when nothing is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion_sentence(word: str, choices: Iterable[str]) -> str:
    """' Did you mean `x`?' or the empty string, ready to append to a message."""
    match = did_you_mean(word, choices)
    return f" Did you mean `{match}`?" if match else ""


def backticked(names: Iterable[str]) -> str:
    """Render names as a comma-separated list of `name`."""
    return ", ".join(f"`{name}`" for name in names)
