-- Run by every `server init` after the migrations; safe to run again, and
-- it repairs grants and row-level security someone changed by hand.

-- Row-level security on every table, forced, so that not even the owner of
-- the tables (who ran `server init`) reads private entries. A table that has
-- no policy then shows nothing to anyone: the safe side.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'leertuin' AND c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format('ALTER TABLE leertuin.%I ENABLE ROW LEVEL SECURITY', t.relname);
        EXECUTE format('ALTER TABLE leertuin.%I FORCE ROW LEVEL SECURITY', t.relname);
    END LOOP;
END
$$;

DROP POLICY IF EXISTS read ON leertuin.schema_version;
CREATE POLICY read ON leertuin.schema_version FOR SELECT USING (true);
DROP POLICY IF EXISTS admin ON leertuin.schema_version;
CREATE POLICY admin ON leertuin.schema_version FOR ALL
    USING ((SELECT leertuin.is_admin())) WITH CHECK ((SELECT leertuin.is_admin()));

-- People read everything the policies let them, and write only what they
-- can own. No one but admins writes lessons, cards or the version.
GRANT USAGE ON SCHEMA leertuin TO leertuin_person;
GRANT SELECT ON ALL TABLES IN SCHEMA leertuin TO leertuin_person;
GRANT INSERT, UPDATE ON leertuin.person TO leertuin_person;
GRANT INSERT, UPDATE, DELETE ON
    leertuin.question, leertuin.answer, leertuin.backing, leertuin.tip, leertuin.vote,
    leertuin.learned, leertuin.lesson_done, leertuin.card_state, leertuin.review,
    leertuin.person_pin, leertuin.answer_seen
    TO leertuin_person;
-- Wishes and the ledger: the policies of migration 0015 say who writes
-- which rows; nobody updates or deletes a ledger row.
GRANT INSERT, UPDATE ON leertuin.wish TO leertuin_person;
GRANT INSERT ON leertuin.ledger, leertuin.voucher, leertuin.match_rule TO leertuin_person;
-- Candidates for "an answer to your question" (migration 0020): the one who
-- answers adds them, the asker's seen mark takes them away.
GRANT INSERT, DELETE ON leertuin.unseen_answer TO leertuin_person;
-- An outbox write's key is recorded once and never changed.
GRANT INSERT ON leertuin.applied_write TO leertuin_person;
-- A kiosk has a person's rights, used only for the person it acts for.
GRANT leertuin_person TO leertuin_kiosk;

-- `psql` and leertuin find the tables without a schema prefix.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = leertuin, public', current_database());
END
$$;
