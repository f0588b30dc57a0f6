"""Column names as messages list them.

An error that lists the columns of an input or of a step (`Columns here: id, age`) must not
carry an identifier, and a pivoted export's header can be a customer's e-mail address. Such
a name is listed by its placeholder (`<EMAIL_ADDRESS 1>`), as reports show it, and is never
suggested as a correction. A blank name, or one holding a comma or starting or ending with
a space, is quoted, so the list shows how many names there are and where each ends.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

__all__ = ["column_listing"]

#: What every identifier the names check reads holds: a digit, `@` or a dot (a domain).
_MAY_HOLD_AN_IDENTIFIER = re.compile(r"[\d@.]")


def column_listing(names: Sequence[str]) -> tuple[str, list[str]]:
    """`names` as a message lists them (`id, "Last, First", <EMAIL_ADDRESS 1>`, or `(none)`),
    and those a did-you-mean may suggest."""
    masks = _data_names(names)
    shown = ", ".join(_quoted(masks.get(name, name)) for name in names) or "(none)"
    return shown, [name for name in names if name not in masks]


def _data_names(names: Sequence[str]) -> dict[str, str]:
    """`veil.nlp.names.data_names`, run only when a name could hold an identifier: its
    detector takes a second to build, and most headers (`patient_id`) cannot."""
    if not any(_MAY_HOLD_AN_IDENTIFIER.search(name) for name in names):
        return {}
    from veil.nlp.names import data_names

    return data_names(list(names))


def _quoted(name: str) -> str:
    plain = name and "," not in name and name == name.strip()
    return name if plain else json.dumps(name, ensure_ascii=False)
