"""Resolve: mentions in one document grouped into entities (canonical name, aliases, type, region, posts), and an
entity of a new document matched to one the store already holds (:mod:`.across`); names compared across documents
and scripts by one normaliser (:func:`name_key`)."""
from .entities import build_entities
from .names import full_names, is_abbreviation, name_key

__all__ = ["build_entities", "full_names", "is_abbreviation", "name_key"]
