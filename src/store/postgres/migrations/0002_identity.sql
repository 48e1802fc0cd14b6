-- 0002: identity and privacy, enforced by the server rather than the app,
-- so that a colleague with psql and their own login cannot read your
-- private entries or write in your name.
--
-- Who acts is leertuin.actor(): the login role (session_user) for a
-- person; for a kiosk login (a member of leertuin_kiosk) the person the
-- kiosk set for this one transaction with leertuin.act_for(handle), and
-- nobody otherwise. Every policy compares rows with it. `server init`
-- turns FORCE ROW LEVEL SECURITY on for every table, so the table owner is
-- bound too; superusers are not (PostgreSQL lets nothing bind them).
-- Policies call the functions as `(SELECT leertuin.f())` so the planner
-- evaluates them once per statement, not once per row.

-- True for a kiosk login. 'USAGE' (holds the role's rights through
-- INHERIT) rather than 'MEMBER': from PostgreSQL 16 on, whoever creates a
-- role is a non-inheriting member of it, and must not count as a kiosk.
CREATE FUNCTION leertuin.is_kiosk() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT pg_has_role(session_user, 'leertuin_kiosk', 'USAGE')
       AND NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;

-- The id of the running transaction (its virtual transaction id, which
-- every transaction holds a lock on, even read-only ones and on replicas).
CREATE FUNCTION leertuin.xact_stamp() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT virtualtransaction FROM pg_locks
    WHERE locktype = 'virtualxid' AND pid = pg_backend_pid()
      AND virtualxid = virtualtransaction
$$;

-- A kiosk says for whom it acts, for the rest of this transaction only.
-- The setting is stamped with the transaction's id: a value set with
-- plain SET (or SET LOCAL by hand) is ignored, and even a forged stamp
-- dies with its transaction, so nothing leaks into the next one or to
-- the next user of a pooled connection.
CREATE FUNCTION leertuin.act_for(handle text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog AS $$
BEGIN
    IF NOT leertuin.is_kiosk() THEN
        RAISE EXCEPTION 'only a kiosk login can act for someone; % acts as itself', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('leertuin.acting_for', coalesce(handle, ''), true);
    PERFORM set_config('leertuin.acting_xact', leertuin.xact_stamp(), true);
END
$$;

-- The person acting now, or NULL (a kiosk with nobody logged in).
CREATE FUNCTION leertuin.actor() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT CASE
        WHEN NOT leertuin.is_kiosk() THEN session_user::text
        WHEN current_setting('leertuin.acting_xact', true) = leertuin.xact_stamp()
            THEN nullif(current_setting('leertuin.acting_for', true), '')
    END
$$;

-- The kiosk a write comes through, or NULL for a person's own login.
CREATE FUNCTION leertuin.kiosk() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT CASE WHEN leertuin.is_kiosk() THEN session_user::text END
$$;

-- Admins: whoever holds the rights of the schema's owner (the role that
-- ran `server init`). They add people and lessons; they do not read
-- private entries.
CREATE FUNCTION leertuin.is_admin() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT pg_has_role(session_user,
        (SELECT nspowner FROM pg_namespace WHERE nspname = 'leertuin'), 'USAGE')
$$;

-- Every row a person (or a kiosk for them) writes says which kiosk it came
-- through. A trigger fills it, so it cannot be left out or forged.
CREATE FUNCTION leertuin.stamp_via() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.via := leertuin.kiosk();
    RETURN NEW;
END
$$;

ALTER TABLE person ADD COLUMN via text;
ALTER TABLE question ADD COLUMN via text;
ALTER TABLE answer ADD COLUMN via text;
ALTER TABLE backing ADD COLUMN via text;
ALTER TABLE tip ADD COLUMN via text;
ALTER TABLE vote ADD COLUMN via text;
ALTER TABLE learned ADD COLUMN via text;
ALTER TABLE lesson_done ADD COLUMN via text;
ALTER TABLE card_state ADD COLUMN via text;
ALTER TABLE review ADD COLUMN via text;

CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON person FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON question FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON answer FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON backing FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON tip FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON vote FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON learned FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON lesson_done FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON card_state FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON review FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();

-- The asker may accept a colleague's answer and mark pledged minutes as
-- given; everything else in those rows only their author may change.
CREATE FUNCTION leertuin.guard_answer() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    -- Nobody hands their answer to someone else: that would be writing as them.
    IF NEW.author IS DISTINCT FROM OLD.author THEN
        RAISE EXCEPTION 'an answer keeps its author' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.author IS DISTINCT FROM leertuin.actor()
       AND (NEW.question_id, NEW.author, NEW.body, NEW.created_at)
           IS DISTINCT FROM (OLD.question_id, OLD.author, OLD.body, OLD.created_at) THEN
        RAISE EXCEPTION 'only % can change this answer; the asker can only accept it', OLD.author
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER guard BEFORE UPDATE ON answer FOR EACH ROW EXECUTE FUNCTION leertuin.guard_answer();

CREATE FUNCTION leertuin.guard_backing() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF NEW.person IS DISTINCT FROM OLD.person THEN
        RAISE EXCEPTION 'a backing keeps its person' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.person IS DISTINCT FROM leertuin.actor()
       AND (NEW.question_id, NEW.person, NEW.kind, NEW.minutes, NEW.created_at)
           IS DISTINCT FROM (OLD.question_id, OLD.person, OLD.kind, OLD.minutes, OLD.created_at) THEN
        RAISE EXCEPTION 'only % can change this backing; the asker can only mark it helped', OLD.person
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER guard BEFORE UPDATE ON backing FOR EACH ROW EXECUTE FUNCTION leertuin.guard_backing();

-- People: everyone sees names; you write your own profile; admins add people.
CREATE POLICY read ON person FOR SELECT USING (true);
CREATE POLICY add ON person FOR INSERT
    WITH CHECK (handle = (SELECT leertuin.actor()) OR (SELECT leertuin.is_admin()));
CREATE POLICY edit ON person FOR UPDATE
    USING (handle = (SELECT leertuin.actor()) OR (SELECT leertuin.is_admin()))
    WITH CHECK (handle = (SELECT leertuin.actor()) OR (SELECT leertuin.is_admin()));
CREATE POLICY remove ON person FOR DELETE USING ((SELECT leertuin.is_admin()));

-- Lessons and their cards: everyone reads; admins import.
CREATE POLICY read ON lesson FOR SELECT USING (true);
CREATE POLICY admin ON lesson FOR ALL
    USING ((SELECT leertuin.is_admin())) WITH CHECK ((SELECT leertuin.is_admin()));
CREATE POLICY read ON card FOR SELECT USING (true);
CREATE POLICY admin ON card FOR ALL
    USING ((SELECT leertuin.is_admin())) WITH CHECK ((SELECT leertuin.is_admin()));

-- Questions: everyone reads; you ask as yourself or anonymously (no
-- author stored), but a kiosk only for someone logged in at it.
CREATE POLICY read ON question FOR SELECT USING (true);
CREATE POLICY add ON question FOR INSERT
    WITH CHECK ((SELECT leertuin.actor()) IS NOT NULL
                AND (author IS NULL OR author = (SELECT leertuin.actor())));
CREATE POLICY edit ON question FOR UPDATE
    USING (author = (SELECT leertuin.actor())) WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY remove ON question FOR DELETE USING (author = (SELECT leertuin.actor()));

-- Answers: your own; the asker may accept (guard_answer keeps it to that).
CREATE POLICY read ON answer FOR SELECT USING (true);
CREATE POLICY add ON answer FOR INSERT WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY edit ON answer FOR UPDATE
    USING (author = (SELECT leertuin.actor())
           OR EXISTS (SELECT 1 FROM leertuin.question q
                      WHERE q.id = question_id AND q.author = (SELECT leertuin.actor())))
    WITH CHECK (author = (SELECT leertuin.actor())
           OR EXISTS (SELECT 1 FROM leertuin.question q
                      WHERE q.id = question_id AND q.author = (SELECT leertuin.actor())));
CREATE POLICY remove ON answer FOR DELETE USING (author = (SELECT leertuin.actor()));

-- Backings: your own; the asker may mark pledged minutes as given.
CREATE POLICY read ON backing FOR SELECT USING (true);
CREATE POLICY add ON backing FOR INSERT WITH CHECK (person = (SELECT leertuin.actor()));
CREATE POLICY edit ON backing FOR UPDATE
    USING (person = (SELECT leertuin.actor())
           OR EXISTS (SELECT 1 FROM leertuin.question q
                      WHERE q.id = question_id AND q.author = (SELECT leertuin.actor())))
    WITH CHECK (person = (SELECT leertuin.actor())
           OR EXISTS (SELECT 1 FROM leertuin.question q
                      WHERE q.id = question_id AND q.author = (SELECT leertuin.actor())));
CREATE POLICY remove ON backing FOR DELETE USING (person = (SELECT leertuin.actor()));

-- Tips and votes: everyone reads; you write your own.
CREATE POLICY read ON tip FOR SELECT USING (true);
CREATE POLICY add ON tip FOR INSERT WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY edit ON tip FOR UPDATE
    USING (author = (SELECT leertuin.actor())) WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY remove ON tip FOR DELETE USING (author = (SELECT leertuin.actor()));

CREATE POLICY read ON vote FOR SELECT USING (true);
CREATE POLICY add ON vote FOR INSERT WITH CHECK (person = (SELECT leertuin.actor()));
CREATE POLICY edit ON vote FOR UPDATE
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
CREATE POLICY remove ON vote FOR DELETE USING (person = (SELECT leertuin.actor()));

-- Learned: team entries for everyone, private ones for their author only.
CREATE POLICY read ON learned FOR SELECT
    USING (visibility = 'team' OR author = (SELECT leertuin.actor()));
CREATE POLICY add ON learned FOR INSERT WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY edit ON learned FOR UPDATE
    USING (author = (SELECT leertuin.actor())) WITH CHECK (author = (SELECT leertuin.actor()));
CREATE POLICY remove ON learned FOR DELETE USING (author = (SELECT leertuin.actor()));

-- A person's study record (lessons done with reflections, review cards,
-- reviews) is theirs alone. Team pictures will read it through aggregate
-- views, not row by row.
CREATE POLICY own ON lesson_done FOR ALL
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
CREATE POLICY own ON card_state FOR ALL
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
CREATE POLICY own ON review FOR ALL
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
