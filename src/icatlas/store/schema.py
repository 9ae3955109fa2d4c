"""Tables of the knowledge graph (DESIGN section 4), in SQLAlchemy Core so SQLite and PostgreSQL both work."""
from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, String, Table, Text, UniqueConstraint, func)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, server_default=func.now()),
    Column("note", Text),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_from", String(20)),
    Column("language", String(10)),
    Column("script", String(10)),
    Column("fmt", String(10)),
    Column("encoding", String(20)),
    Column("dateline", Text),
    Column("raw", Text, nullable=False),
    Column("original", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("offsets", LargeBinary),
    Column("head", Text),
    Column("tail", Text),
    Column("meta", JSON),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text_hash", String(64), nullable=False),
    Column("minhash", LargeBinary),
    Column("duplicate_of", Integer, ForeignKey("documents.id")),
    Column("relevance", Float),
    Column("relevant", Boolean),
    Column("relevance_reasons", JSON),
    Column("relevance_override", Boolean),
    Column("versions", JSON),
    Column("created_at", DateTime, server_default=func.now()),
)
Index("ix_documents_text_hash", documents.c.text_hash)

document_links = Table(
    "document_links", metadata,
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("other_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("similarity", Float),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON),
    Column("region", Text),
    Column("segments", JSON),
    Column("positions", JSON),
    Column("attrs", JSON),
    Column("extractor", String(40)),
    Column("ref_id", String(80)),
    Column("origin", String(80)),
    Column("curated", JSON),
    UniqueConstraint("type", "name", name="uq_entities_type_name"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(20), nullable=False),
    Column("surface", Text, nullable=False),
    Column("confidence", Float),
    Column("attrs", JSON),
    Column("extractor", String(40)),
)
Index("ix_mentions_doc", mentions.c.doc_id)
Index("ix_mentions_entity", mentions.c.entity_id)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(30), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(10)),
    Column("place", Text),
    Column("name", Text),
    Column("amount_value", Float),
    Column("amount_currency", String(3)),
    Column("participants", JSON),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("extractor", String(40)),
    Column("curated", JSON),
    Column("status", String(10)),  # done, planned, ongoing (migration 7; null on events stored before it: done)
    Column("expected_date", String(10)),
    Column("facets", JSON),
)
Index("ix_events_doc", events.c.doc_id)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("subject", Text),
    Column("what", Text),
    Column("value", Float, nullable=False),
    Column("unit", Text),
    Column("qualifier", String(20)),
    Column("date", String(10)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("extractor", String(40)),
)
Index("ix_figures_doc", figures.c.doc_id)

relations = Table(
    "relations", metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(30), nullable=False),
    Column("source_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("target", Text, nullable=False),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("extractor", String(40)),
)

curation = Table(
    "curation", metadata,
    Column("id", Integer, primary_key=True),
    Column("who", Text, nullable=False),
    Column("action", String(20), nullable=False),
    Column("target_table", String(30), nullable=False),
    Column("target_id", Integer),
    Column("before", JSON),
    Column("after", JSON),
    Column("at", DateTime, server_default=func.now()),
)

# -- reference data (migration 2) ---------------------------------------------------------------
reference_meta = Table(
    "reference_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text),
)

chain_nodes = Table(
    "chain_nodes", metadata,
    Column("id", String(80), primary_key=True),
    Column("parent", String(80)),
    Column("stage", String(40)),
    Column("name", Text, nullable=False),
    Column("name_hant", Text),
    Column("name_en", Text),
    Column("terms", JSON),
    Column("goes_into", JSON),
    Column("source", Text),
)

regions = Table(
    "regions", metadata,
    Column("code", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("level", String(10), nullable=False),
    Column("parent", String(20)),
    Column("short_name", Text),
    Column("name_hant", Text),
    Column("name_en", Text),
    Column("aliases", JSON),
    Column("members", JSON),
    Column("kind", String(30)),
    Column("lon", Float),
    Column("lat", Float),
)
Index("ix_regions_name", regions.c.name)

# -- store state (migration 4) ------------------------------------------------------------------
#: One row whose ``version`` goes up on every change to the tables the analyses read (SQLite triggers), so a
#: cached analysis can tell cheaply whether the store changed.
store_state = Table(
    "store_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False, default=0),
)
#: The evidence of an organisation in document order, read a few rows at a time (migration 4).
Index("ix_mentions_entity_doc", mentions.c.entity_id, mentions.c.doc_id, mentions.c.start)

# -- document text index (migration 5, SQLite only) ---------------------------------------------------------------
#: Title and text of every document in an FTS5 table with the trigram tokenizer (any substring of three characters
#: or more, case-insensitive, any script), kept in step with ``documents`` by triggers. The web search matches the
#: query as typed and converted to Simplified against it instead of scanning the texts with LIKE.
DOCUMENTS_FTS = "documents_fts"
DOCUMENTS_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {DOCUMENTS_FTS} USING fts5(title, text, content='documents', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS tr_{DOCUMENTS_FTS}_insert AFTER INSERT ON documents BEGIN "
    f"INSERT INTO {DOCUMENTS_FTS}(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS tr_{DOCUMENTS_FTS}_delete AFTER DELETE ON documents BEGIN "
    f"INSERT INTO {DOCUMENTS_FTS}({DOCUMENTS_FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS tr_{DOCUMENTS_FTS}_update AFTER UPDATE OF title, text ON documents BEGIN "
    f"INSERT INTO {DOCUMENTS_FTS}({DOCUMENTS_FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    f"INSERT INTO {DOCUMENTS_FTS}(rowid, title, text) VALUES (new.id, new.title, new.text); END",
)

# -- collaboration records (migration 6) --------------------------------------------------------------------------------
#: The collaboration layer of each document (extract/collab.py): alliances and their seats, shared resources, talent,
#: policies, targets and the figures they are measured by. ``subject`` is the name as found, ``entity_id`` the entity it
#: resolved to when stored (a plain column: a merge or rename of the entity leaves the row and the name still finds
#: it). ``key`` identifies the record across re-extraction (kind, evidence span, subject as extracted), so that a
#: record a user confirmed, corrected or rejected (``curated``) stays as the user left it.
collab_records = Table(
    "collab_records", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("subject", Text),
    Column("entity_id", Integer),
    Column("region", Text),
    Column("date", String(10)),
    Column("attrs", JSON),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("key", Text, nullable=False),
    Column("extractor", String(40)),
    Column("curated", JSON),
)
Index("ix_collab_records_doc", collab_records.c.doc_id)
Index("ix_collab_records_kind", collab_records.c.kind, collab_records.c.region)
Index("ix_collab_records_entity", collab_records.c.entity_id)

# -- lookup keys (migration 8) -------------------------------------------------------------------------------------
#: The keys by which ingest finds a stored entity without reading the table (``store/keys.py``): ``a:`` + each alias
#: as written (the entities a user curated are found by it), and for organisations ``n:`` + the normalised name and
#: each normalised alias, and ``p:`` + the first two characters of the name (the candidates of another written form).
entity_keys = Table(
    "entity_keys", metadata,
    Column("key", Text, primary_key=True),
    Column("entity_id", Integer, primary_key=True),
    sqlite_with_rowid=False,
)
Index("ix_entity_keys_entity", entity_keys.c.entity_id)

#: The keys by which event merging finds the stored events a new one may report again (``store/keys.py``): per
#: event, its type, its date bucket (the month, else the year; empty when undated) and one row per key of its parties
#: and its name, so that only events sharing a key are read; with each key its event's number of parties
#: (``parties``) and which of them hold it (``mask``, bit i for the i-th), so that only the events whose every party
#: may match are read and compared (migration 11). Both are in the primary key so that the lookup reads them from the
#: index alone.
event_keys = Table(
    "event_keys", metadata,
    Column("type", String(30), primary_key=True),
    Column("participant_key", Text, primary_key=True),
    Column("bucket", String(10), primary_key=True),
    Column("event_id", Integer, primary_key=True, autoincrement=False),
    Column("parties", Integer, primary_key=True, autoincrement=False),
    Column("mask", BigInteger, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)
Index("ix_event_keys_event", event_keys.c.event_id)


# -- values derived from one state of the store, kept for the next process (migration 9) -------------------------
#: One row per name (the analyses' snapshot ...): the state it was derived at (the state token and the version of
#: the code that derived it, as text) and the value, serialised by its owner. A process that finds the store in that
#: state reads the value instead of deriving it again; a row of another state is never read, and is replaced.
kept_values = Table(
    "kept_values", metadata,
    Column("name", String(80), primary_key=True),
    Column("state", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("saved_at", DateTime, server_default=func.now()),
)
