"""Resolve: mentions in one document grouped into entities (canonical name, aliases, type, region, posts)."""
from .entities import build_entities, is_abbreviation

__all__ = ["build_entities", "is_abbreviation"]
