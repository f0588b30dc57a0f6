"""Column names as messages list them.

An error that lists the columns of an input or of a step (`Columns here: id, age`) must not
carry an identifier, and a pivoted export's header can be a customer's e-mail address. Such
a name is listed by its placeholder (`<EMAIL_ADDRESS 1>`), as reports show it, and is never
suggested as a correction. A blank name, or one holding a comma or starting or ending with
a space, is quoted, so the list shows how many names there are and where each ends.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

__all__ = ["HEADERLESS_ADVICE", "column_listing", "shown_name"]

#: What to do when column names hold identifiers: most often a CSV without a header line,
#: whose first record was read as one.
HEADERLESS_ADVICE = ("If the file has no header line, its first record was read as one: name "
                     "its columns with `input: {column_names: [...]}` in the recipe.")


def column_listing(names: Sequence[str]) -> tuple[str, list[str]]:
    """`names` as a message lists them (`id, "Last, First", <EMAIL_ADDRESS 1>`, or `(none)`),
    and those a did-you-mean may suggest.

    Every name is read, as the residual check reads them: no cheap test tells which names
    could hold an identifier (`swift DEUTDEFF` holds a SWIFT code, `fe80::` an IPv6
    address). Building the detector takes about a second, paid on this error path only."""
    from veil.nlp.names import data_names

    masks = data_names(list(names)) if names else {}
    shown = ", ".join(_quoted(masks.get(name, name)) for name in names) or "(none)"
    return shown, [name for name in names if name not in masks]


def shown_name(name: str) -> str | None:
    """`name` as a message may show it, or None when it holds an identifier (a JSON key or a
    header cell that is data): the message then describes the column instead."""
    from veil.nlp.names import data_names

    return None if data_names([name]) else name


def _quoted(name: str) -> str:
    plain = name and "," not in name and name == name.strip()
    return name if plain else json.dumps(name, ensure_ascii=False)
