-- 0007: writes sent from an outbox arrive exactly once.
-- Each write carries a random idempotency key; it is recorded here in the
-- transaction that applies the write, so a second send of the same write
-- (a crash after the commit, before its outbox file was removed) finds the
-- key and changes nothing.
CREATE TABLE applied_write (
    key TEXT PRIMARY KEY,
    at  INTEGER NOT NULL
) WITHOUT ROWID;
