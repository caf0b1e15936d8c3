-- Vault format 5: key slots bound to the vault, and the vault's authenticated state.
-- Frozen once released. Records and slots are brought up to date at the first unlock
-- (the keys are needed), in one transaction.

-- 1 when the slot's associated data carries the vault id (slots made from format 5).
ALTER TABLE key_slots ADD COLUMN bound INTEGER NOT NULL DEFAULT 0;

-- One line per sealed row, as the vault last wrote it: the row's place and the MAC of
-- its place, plaintext columns and envelope (see store/state.rs). The sealed manifest
-- in `vault_meta` ('state') holds the count and the sum of these MACs per table, so
-- these lines can name what is missing or rolled back only while they match it.
CREATE TABLE state_rows (
    tbl      TEXT NOT NULL,
    id       TEXT NOT NULL,
    revision INTEGER NOT NULL,
    mac      BLOB NOT NULL,
    PRIMARY KEY (tbl, id, revision)
) WITHOUT ROWID;
