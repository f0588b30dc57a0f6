"""Step kinds. Each module registers one kind with ``@register_step(name)``."""

from veil.steps.base import Step
from veil.steps.registry import get_step, register_step, step_names

__all__ = ["Step", "get_step", "register_step", "step_names"]
