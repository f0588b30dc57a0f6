"""`to_chat`: fold one-row-per-turn transcripts into chat records `{"messages": [...]}`."""

from __future__ import annotations

import polars as pl
from pydantic import Field

from veil.recipe.schema import ColumnList
from veil.steps.base import Step, StepParams
from veil.steps.registry import register_step

_MESSAGE = pl.Struct({"role": pl.String, "content": pl.String})


class ToChatParams(StepParams):
    conversation: ColumnList = Field(
        min_length=1, description="Columns that identify one conversation, e.g. `[chat_id]`."
    )
    order_by: str = Field(
        description="Column that orders the turns of a conversation (a number "
        "or a timestamp), e.g. `turn`."
    )
    role: str = Field(description="Column holding who speaks in each turn, e.g. `speaker`.")
    content: str = Field(description="Column holding what is said, e.g. `text`.")
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="Speaker values -> chat "
        "roles, e.g. `{customer: user, agent: assistant}`. When given, "
        "a turn whose speaker is not listed fails the step.",
    )
    system: str | None = Field(
        None,
        description="A system message put first in every "
        "conversation, e.g. `You are a bank's support assistant.`",
    )
    keep: ColumnList = Field(
        default_factory=list,
        description="Other columns to keep, one value per conversation (the first turn's).",
    )
    into: str = Field("messages", description="Name of the column holding the messages list.")
    skip_empty: bool = Field(True, description="Leave out turns whose text is null or empty.")


@register_step("to_chat")
class ToChat(Step):
    """One row per conversation with its turns in order, as `[{role, content}, ...]`."""

    Params = ToChatParams
    global_pass = True

    def columns_used(self) -> set[str]:
        p = self.params
        return {*p.conversation, p.order_by, p.role, p.content, *p.keep}

    def apply(self, lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
        p = self.params
        role = pl.col(p.role).cast(pl.String)
        if p.roles:
            unknown = (
                lf.select((role.is_not_null() & ~role.is_in(list(p.roles))).sum()).collect().item()
            )
            if unknown:
                msg = (
                    f"{unknown} turns have a `{p.role}` value not listed in `roles` "
                    f"(listed: {', '.join(p.roles)}). Add the missing speakers to `roles`."
                )
                raise self.fail(msg)
            role = role.replace_strict(p.roles, return_dtype=pl.String)
        if p.skip_empty:
            lf = lf.filter(pl.col(p.content).cast(pl.String).str.strip_chars().str.len_chars() > 0)
        message = pl.struct(role.alias("role"), pl.col(p.content).cast(pl.String).alias("content"))
        out = lf.group_by(p.conversation, maintain_order=True).agg(
            *(pl.col(c).first() for c in p.keep),
            message.sort_by(p.order_by, maintain_order=True).alias(p.into),
        )
        if p.system is not None:
            system = pl.lit([{"role": "system", "content": p.system}], dtype=pl.List(_MESSAGE))
            out = out.with_columns(pl.concat_list(system, pl.col(p.into)).alias(p.into))
        turns = lf.select(pl.len()).collect().item()
        ctx.report.step_record(self).details["turns"] = turns
        return out

    def describe(self) -> str:
        p = self.params
        roles = (
            f", speakers renamed {', '.join(f'{k} -> {v}' for k, v in p.roles.items())}"
            if p.roles
            else ""
        )
        system = ", with a system message first" if p.system else ""
        return (
            f"fold the turns of each conversation ({', '.join(p.conversation)}) in `{p.order_by}` "
            f"order into one `{p.into}` list of {{role, content}} from `{p.role}` and "
            f"`{p.content}`{roles}{system}"
        )
