"""The residual check reads text inside nested columns (chat-format outputs)."""

from __future__ import annotations

import polars as pl

import veil
from veil.report.scanned_values import scanned_paths

CHAT = pl.DataFrame({
    "chat_id": [1, 1, 2],
    "turn": [1, 2, 1],
    "speaker": ["customer", "agent", "customer"],
    "text": ["write to canary.person@example.org", "Sure.", "thanks"],
})
RECIPE = """
veil: 1
name: nested
nlp: none
steps:
  - to_chat: {conversation: [chat_id], order_by: turn, role: speaker, content: text,
              roles: {customer: user, agent: assistant}}
  - select: [messages]
report: {verify_output: true}
"""


def test_residual_scanned_paths_reach_into_lists_of_structs():
    schema = pl.Schema({"id": pl.Int64, "note": pl.String, "score": pl.Float64,
                        "flag": pl.Boolean, "raw": pl.Binary,
                        "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String,
                                                       "n": pl.UInt32, "at": pl.Date}))})
    assert list(scanned_paths(schema)) == [
        "id", "note", "score", "raw", "messages[].role", "messages[].content", "messages[].n",
        "messages[].at"]


def test_residual_flags_an_untreated_identifier_inside_chat_messages(tmp_path):
    result = veil.run(RECIPE, CHAT, output=None, report_dir=None)
    residual = result.report.residual
    by_column = {c["column"]: c["residual"] for c in residual["columns"]}
    assert by_column["messages[].content"] == {"EMAIL_ADDRESS": 1}
    assert residual["total"] == 1
