"""Extract: mentions (regions, organisations, people, dates, money, figures), events, figures, relations and the
collaboration records of a document.

Each step is a pipeline component (:mod:`.steps`, registered through :mod:`.component`); :mod:`icatlas.pipeline`
runs them in order with the entity resolution between them (``icatlas.pipeline.extract`` runs them on one
document). A pure function of the document and the reference data: no database access, so it runs the same in one
process or many.
"""
from __future__ import annotations

VERSION = "extract.v1"  # recorded as Document.versions["extract"] (the mentions and the entities made of them)
