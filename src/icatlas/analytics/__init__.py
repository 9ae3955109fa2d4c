"""Analyses of the knowledge graph (DESIGN section 5): the chain map of a region, strength on two axes (size and
specialisation) with one label per node, gaps, complementarity of two regions, partners of an organisation and
attraction targets.

Each function takes a ``Store`` (or a SQLAlchemy ``Engine``) and returns plain JSON-ready data.
"""
from .chainmap import chain_map
from .compare import compare
from .gaps import gaps, targets
from .partners import partners
from .snapshot import snapshot
from .strength import location_quotient, percentile, strength

__all__ = ["chain_map", "compare", "gaps", "targets", "partners", "snapshot", "strength", "location_quotient",
           "percentile"]
