-- 0004: a personal PIN for people who log in at a kiosk by typing their
-- name (SQLite's 0005). Only a salted argon2id hash is kept, and even that
-- is secret: a short PIN falls to guessing in seconds once its hash is
-- known. So a person reads their own, and kiosks read them to check a PIN
-- before they act for anyone; nobody else does.
CREATE TABLE person_pin (
    handle text PRIMARY KEY REFERENCES person(handle),
    hash   text NOT NULL,
    set_at bigint NOT NULL,
    via    text
);
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON person_pin
    FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();

CREATE POLICY read ON person_pin FOR SELECT
    USING (handle = (SELECT leertuin.actor()) OR (SELECT leertuin.is_kiosk()));
CREATE POLICY add ON person_pin FOR INSERT WITH CHECK (handle = (SELECT leertuin.actor()));
CREATE POLICY edit ON person_pin FOR UPDATE
    USING (handle = (SELECT leertuin.actor())) WITH CHECK (handle = (SELECT leertuin.actor()));
CREATE POLICY remove ON person_pin FOR DELETE USING (handle = (SELECT leertuin.actor()));
