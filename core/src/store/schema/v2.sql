-- Vault format 2: settings and check-ins. Frozen once released.

-- One sealed row per settings group (today only "vault").
CREATE TABLE settings (
    id          TEXT PRIMARY KEY NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    sealed      BLOB NOT NULL
);

CREATE TABLE checkins (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    sealed      BLOB NOT NULL
);

CREATE INDEX checkins_by_time ON checkins (day, occurred_at);
