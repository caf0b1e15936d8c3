-- Vault format 3: the self-care plan. Frozen once released.

-- Every save of the plan, sealed; the newest revision is the current plan.
CREATE TABLE plan_revisions (
    revision    INTEGER PRIMARY KEY CHECK (revision >= 1),
    saved_at    INTEGER NOT NULL,
    sealed      BLOB NOT NULL
);
