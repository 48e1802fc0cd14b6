-- 0007: writes sent from an outbox arrive exactly once (SQLite's 0007).
-- Each write carries a random idempotency key, recorded here in the
-- transaction that applies it; the primary key holds across the row-level
-- policies, so a second send of the same write (a crash after the commit,
-- an answer lost on the way back) finds it and changes nothing. A key is
-- its sender's: a person (or a kiosk acting for one) sees and records
-- only their own.
CREATE TABLE applied_write (
    key    text PRIMARY KEY,
    person text NOT NULL,
    at     bigint NOT NULL,
    via    text
);
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON applied_write
    FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE POLICY own ON applied_write FOR ALL
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
