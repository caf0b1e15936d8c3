-- Vault format 1. Frozen: later formats add migrations, never edit this file.
--
-- Plaintext columns are limited to what queries need (see SECURITY.md): random ids,
-- the local day a record belongs to, the instant it is about, the time of its latest
-- revision, and the revision number. Everything else lives in `sealed`, an AES-256-GCM
-- envelope whose associated data binds the format version, table, record id and revision.

CREATE TABLE key_slots (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    params      BLOB NOT NULL,
    wrapped_key BLOB NOT NULL
);

CREATE TABLE journal_entries (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    sealed      BLOB NOT NULL
);

CREATE INDEX journal_entries_by_time ON journal_entries (day, occurred_at);

-- Earlier revisions of journal entries; the current one lives in journal_entries.
CREATE TABLE journal_revisions (
    entry_id    TEXT NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (entry_id, revision)
);
