"""The `to_chat` step: turns folded into ordered `{role, content}` message lists."""

from __future__ import annotations

import polars as pl
import pytest

import veil
from veil.errors import StepError


@pytest.fixture
def turns():
    return pl.DataFrame(
        {
            "chat": ["a", "b", "a", "a", "b"],
            "turn": [2, 1, 1, 3, 2],
            "who": ["customer", "agent", "agent", "agent", "customer"],
            "text": ["hi there", "hello", "welcome", "", "thanks"],
            "channel": ["web", "app", "web", "web", "app"],
        }
    )


def _run(frame, params: str):
    recipe = (
        f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\nsteps:\n"
        f"  - to_chat: {params}\n"
    )
    return veil.run(recipe, frame, output=None, report_dir=None).frame


BASE = "{conversation: [chat], order_by: turn, role: who, content: text"


def test_to_chat_orders_turns_and_keeps_conversation_order(turns):
    """Test that turns are sorted by `order_by` and conversations keep first-seen order."""
    out = _run(turns, BASE + ", roles: {customer: user, agent: assistant}}")
    assert out["chat"].to_list() == ["a", "b"]
    assert out["messages"].to_list() == [
        [{"role": "assistant", "content": "welcome"}, {"role": "user", "content": "hi there"}],
        [{"role": "assistant", "content": "hello"}, {"role": "user", "content": "thanks"}],
    ]


def test_to_chat_system_message_first(turns):
    """Test that a `system` message opens every conversation."""
    out = _run(turns, BASE + ", system: Be brief.}")
    assert [m[0] for m in out["messages"].to_list()] == [
        {"role": "system", "content": "Be brief."}
    ] * 2


def test_to_chat_keep_takes_first_value(turns):
    """Test that `keep` columns carry one value per conversation."""
    out = _run(turns, BASE + ", keep: [channel]}")
    assert out.columns == ["chat", "channel", "messages"]
    assert out["channel"].to_list() == ["web", "app"]


def test_to_chat_empty_turns_kept_when_asked(turns):
    """Test that `skip_empty: false` keeps the empty turn."""
    out = _run(turns, BASE + ", skip_empty: false}")
    assert [len(m) for m in out["messages"].to_list()] == [3, 2]


def test_to_chat_unknown_speaker_fails_without_value(turns):
    """Test that a speaker missing from `roles` fails with a count, never the value."""
    with pytest.raises(StepError, match=r"3 turns have a `who` value not listed") as caught:
        _run(turns, BASE + ", roles: {customer: user}}")
    assert "agent" not in str(caught.value)


def test_to_chat_writes_datasets_jsonl(turns, tmp_path):
    """Test that the output is one JSON object per line with a `messages` list."""
    import json

    recipe = (
        f"veil: 1\nname: t\nnlp: none\nreport: {{verify_output: false}}\nsteps:\n"
        f"  - to_chat: {BASE}}}\n  - select: [messages]\n"
    )
    veil.run(recipe, turns, output=tmp_path / "chat.jsonl", report_dir=None)
    lines = (tmp_path / "chat.jsonl").read_text(encoding="utf-8").splitlines()
    assert [list(json.loads(line)) for line in lines] == [["messages"], ["messages"]]
