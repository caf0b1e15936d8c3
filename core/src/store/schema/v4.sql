-- Vault format 4: the vault's own id and key-check value. Frozen once released.

-- Plaintext facts about the vault itself: `id` (16 random bytes) and `key-check`
-- (an HMAC of the id under a key derived from the vault key), checked at unlock so
-- a key slot from another vault never unlocks this one.
CREATE TABLE vault_meta (
    name    TEXT PRIMARY KEY,
    value   BLOB NOT NULL
) WITHOUT ROWID;
