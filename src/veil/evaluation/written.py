"""veil's hand-written labelled set: identifiers as people write them, each marked by hand.

`data/written.txt` holds one text a line (`#` starts a comment), each identifier marked
`[[ENTITY|value]]`; `python -m veil.evaluation.written` writes `data/written.jsonl` from it,
the form `veil eval veil:written` reads. Unlike the generated set, its lines were written
after finding what veil left readable, so it is a record of forms seen leaking (fixed or
not), not a fair sample of text: its figures say how those forms fare.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

__all__ = ["marked_records", "parse_marked"]

HERE = Path(__file__).resolve().parent / "data"
_MARK = re.compile(r"\[\[([A-Z_0-9]+)\|(.+?)\]\]")


def parse_marked(line: str) -> dict:
    """`{"text", "spans"}` of one marked line: the text without its marks, and where each was."""
    text, spans, taken = [], [], 0
    length = 0
    for mark in _MARK.finditer(line):
        before = line[taken:mark.start()]
        text.append(before)
        length += len(before)
        spans.append({"start": length, "end": length + len(mark[2]), "label": mark[1]})
        text.append(mark[2])
        length += len(mark[2])
        taken = mark.end()
    text.append(line[taken:])
    return {"text": "".join(text), "spans": spans}


def marked_records(path: Path) -> list[dict]:
    """Every text of a marked file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_marked(line) for line in lines if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else HERE / "written.txt"
    target = Path(args[1]) if len(args) > 1 else HERE / "written.jsonl"
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for record in marked_records(source):
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
