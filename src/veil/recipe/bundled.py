"""Recipes shipped with veil (``recipes/`` in the source tree, package data once installed)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_recipes", "resolve_recipe_path"]


def bundled_recipes() -> dict[str, Path]:
    """{recipe file stem: path} for every bundled recipe, sorted by name."""
    folder = Path(str(resources.files("veil").joinpath("recipes")))
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def resolve_recipe_path(name_or_path: str) -> str:
    """A path as given when it exists; else a bundled recipe of that name; else unchanged."""
    if Path(name_or_path).exists():
        return name_or_path
    stem = Path(name_or_path).stem
    bundled = bundled_recipes()
    if stem in bundled and ("/" not in name_or_path or name_or_path.startswith("recipes/")):
        return str(bundled[stem])
    return name_or_path
