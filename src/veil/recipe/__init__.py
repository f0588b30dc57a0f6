"""Recipes: the schema (one place) and the loader (YAML with line numbers)."""

from veil.recipe.loader import load_recipe
from veil.recipe.schema import Recipe

__all__ = ["Recipe", "load_recipe"]
