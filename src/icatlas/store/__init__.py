"""Store: the knowledge graph in SQLite (default) or PostgreSQL, with versioned migrations."""
from .db import DEFAULT_DB, ENV_DB, IngestResult, Store, content_hash, resolve_url

__all__ = ["DEFAULT_DB", "ENV_DB", "IngestResult", "Store", "content_hash", "resolve_url"]
