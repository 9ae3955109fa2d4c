"""Versioned migrations: registered functions, applied in order, each recorded in ``schema_version``."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from .schema import metadata, schema_version

Migration = Callable[[Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, note: str) -> Callable[[Migration], Migration]:
    """Register ``func`` as the migration to schema ``version``."""
    def register(func: Migration) -> Migration:
        MIGRATIONS.append((version, note, func))
        MIGRATIONS.sort(key=lambda m: m[0])
        return func
    return register


V1_TABLES = ("documents", "document_links", "entities", "mentions", "events", "event_sources", "figures", "relations",
             "curation")
V2_TABLES = ("reference_meta", "chain_nodes", "regions")


@migration(1, "documents, mentions, entities, events, figures, relations, curation")
def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name in V1_TABLES])


@migration(2, "reference data: chain nodes, regions, reference version; entities.ref_id, origin, curated")
def _reference(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name in V2_TABLES])
    # a store made at version 1 lacks these columns; a new one has them from the current table shape
    have = {c["name"] for c in inspect(conn).get_columns("entities")}
    for name, ddl in (("ref_id", "VARCHAR(80)"), ("origin", "VARCHAR(80)"), ("curated", "JSON")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE entities ADD COLUMN {name} {ddl}"))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ux_entities_ref_id ON entities (ref_id)"))


@migration(3, "documents: relevance call, reasons and the user's override; events.curated")
def _relevance(conn: Connection) -> None:
    have = {c["name"] for c in inspect(conn).get_columns("documents")}
    for name, ddl in (("relevant", "BOOLEAN"), ("relevance_reasons", "JSON"), ("relevance_override", "BOOLEAN")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE documents ADD COLUMN {name} {ddl}"))
    if "curated" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN curated JSON"))


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return max((row[0] for row in conn.execute(select(schema_version.c.version))), default=0)


def migrate(conn: Connection) -> list[int]:
    """Apply the pending migrations; the versions applied."""
    schema_version.create(conn, checkfirst=True)
    # every migration not recorded yet, also below the latest one recorded (a store made by a branch that numbered
    # a later migration first)
    have = {row[0] for row in conn.execute(select(schema_version.c.version))}
    done = []
    for version, note, func in MIGRATIONS:
        if version not in have:
            func(conn)
            conn.execute(schema_version.insert().values(version=version, note=note))
            done.append(version)
    return done


def latest() -> int:
    return MIGRATIONS[-1][0] if MIGRATIONS else 0


#: The tables whose changes bump ``store_state.version`` (what the analyses read).
STATE_TABLES = ("documents", "entities", "mentions", "events", "event_sources", "curation", "chain_nodes",
                "reference_meta")


@migration(4, "store_state: a version bumped by triggers on every change the analyses read; mentions by entity "
              "and document")
def _store_state(conn: Connection) -> None:
    from .schema import store_state

    store_state.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_mentions_entity_doc ON mentions (entity_id, doc_id, start)"))
    if conn.execute(select(store_state.c.id).where(store_state.c.id == 1)).first() is None:
        conn.execute(store_state.insert().values(id=1, version=0))
    if conn.dialect.name != "sqlite":
        return  # elsewhere the analyses fall back to counting rows (see icatlas.analytics.snapshot)
    for table in STATE_TABLES:
        for op in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS tr_state_{table}_{op.lower()} AFTER {op} ON {table} "
                              f"BEGIN UPDATE store_state SET version = version + 1 WHERE id = 1; END"))


@migration(5, "documents_fts: a trigram full-text index of document titles and texts kept by triggers (SQLite)")
def _documents_fts(conn: Connection) -> None:
    from .schema import DOCUMENTS_FTS, DOCUMENTS_FTS_DDL

    if conn.dialect.name != "sqlite":
        return  # elsewhere the search scans with LIKE
    try:
        conn.execute(text(DOCUMENTS_FTS_DDL[0]))
    except Exception:  # noqa: BLE001 - an SQLite without FTS5 or the trigram tokenizer (before 3.34): LIKE scan
        return
    for ddl in DOCUMENTS_FTS_DDL[1:]:
        conn.execute(text(ddl))
    conn.execute(text(f"INSERT INTO {DOCUMENTS_FTS}({DOCUMENTS_FTS}) VALUES ('rebuild')"))


@migration(6, "collab_records: alliances and their seats, shared resources, talent, policies, targets and figures of "
              "each document, with evidence; filled by ingest and reprocess")
def _collab_records(conn: Connection) -> None:
    from .schema import collab_records

    collab_records.create(conn, checkfirst=True)
    if conn.dialect.name != "sqlite":
        return
    for op in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS tr_state_collab_records_{op.lower()} AFTER {op} ON "
                          f"collab_records BEGIN UPDATE store_state SET version = version + 1 WHERE id = 1; END"))


@migration(7, "events: status (done, planned, ongoing), expected_date of a planned event, and the facets joined into "
              "each occurrence")
def _event_occurrence(conn: Connection) -> None:
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for name, ddl in (("status", "VARCHAR(10)"), ("expected_date", "VARCHAR(10)"), ("facets", "JSON")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} {ddl}"))


@migration(8, "entity_keys and event_keys: the lookup keys by which ingest finds stored entities and the events a new "
              "one may report again (store/keys.py), filled for the entities and events already stored")
def _lookup_keys(conn: Connection) -> None:
    from .keys import index_entities, index_events
    from .schema import entity_keys, event_keys

    for table in (entity_keys, event_keys):
        table.create(conn, checkfirst=True)
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    index_entities(conn)
    index_events(conn)


#: The PostgreSQL side of the state stamp: one bump of ``store_state.version`` per writing transaction, from
#: statement-level triggers (a bulk insert bumps once, not once per row).
PG_BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION icatlas_bump_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('icatlas.state_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE store_state SET version = version + 1 WHERE id = 1;
        PERFORM set_config('icatlas.state_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$"""


@migration(9, "kept_values: values derived from one store state (the analyses' snapshot) kept for the next process; "
              "on PostgreSQL the state stamp's triggers")
def _kept_values(conn: Connection) -> None:
    from .schema import kept_values

    kept_values.create(conn, checkfirst=True)
    if conn.dialect.name != "postgresql":
        return  # SQLite has had its triggers since migration 4
    conn.execute(text(PG_BUMP_FUNCTION))
    for table in (*STATE_TABLES, "collab_records"):
        conn.execute(text(f"DROP TRIGGER IF EXISTS tr_state_{table} ON {table}"))
        conn.execute(text(f"CREATE TRIGGER tr_state_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                          f"FOR EACH STATEMENT EXECUTE FUNCTION icatlas_bump_state()"))


#: The trigram indexes of the documents' title and text on PostgreSQL (pg_trgm).
PG_TRIGRAM_INDEXES = ("ix_documents_text_trgm", "ix_documents_title_trgm")
PG_TRIGRAM_HINT = ("the search finds documents by scanning them with ILIKE instead (slower on a large store); to "
                   "add the indexes later: CREATE EXTENSION pg_trgm SCHEMA public; CREATE INDEX ix_documents_text_trgm "
                   "ON documents USING gin (text public.gin_trgm_ops); CREATE INDEX ix_documents_title_trgm ON "
                   "documents USING gin (title public.gin_trgm_ops) (see docs/deploy.md)")


@migration(10, "documents: trigram indexes of title and text on PostgreSQL (pg_trgm), for the search in both scripts")
def _documents_trigram(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        pg_trigram_indexes(conn)


def pg_trigram_indexes(conn: Connection, extension: str = "pg_trgm") -> bool:
    """Create the pg_trgm extension (in ``public``, where one store's schema being dropped cannot take it away from
    another's) and the documents' trigram indexes; False, with a warning saying why and what to do, when the
    extension cannot be had (not installed on the server, or not allowed)."""
    import warnings

    try:
        with conn.begin_nested():
            conn.execute(text(f'CREATE EXTENSION IF NOT EXISTS "{extension}" SCHEMA public'))
    except Exception as exc:  # noqa: BLE001 - the extension is optional: the search scans without it
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        warnings.warn(f"icatlas: PostgreSQL's {extension} extension is unavailable ({reason}); {PG_TRIGRAM_HINT}",
                      RuntimeWarning, stacklevel=2)
        return False
    schema = conn.execute(text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                               "WHERE e.extname = :x"), {"x": extension}).scalar()
    for name, column in zip(PG_TRIGRAM_INDEXES, ("text", "title")):
        conn.execute(text(f'CREATE INDEX IF NOT EXISTS {name} ON documents USING gin ({column} "{schema}".gin_trgm_ops)'))
    return True


@migration(11, "event_keys: with each key its event's number of parties and which of them hold it, and the name keys "
               "only where the merge rule reads names (store/keys.py), filled again for the events already stored")
def _event_key_parties(conn: Connection) -> None:
    from .keys import index_events
    from .schema import event_keys

    if "mask" in {c["name"] for c in inspect(conn).get_columns("event_keys")}:
        return  # made by migration 8 of this version, filled as this version fills it
    event_keys.drop(conn)
    event_keys.create(conn)
    for index in event_keys.indexes:
        index.create(conn, checkfirst=True)
    index_events(conn)
