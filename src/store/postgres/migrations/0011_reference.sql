-- 0011: know-how brought in from elsewhere (`knowhow import`), as on
-- SQLite (its migration 0008): an imported example is a tip (an FAQ entry
-- a question with its accepted answer) under the source's own handle
-- (`knowhow:tldr`, …), and this table keys it by source, language, page
-- and example so a second import updates it in place.
--
-- Who imports: admins only (whoever holds the schema owner's rights, as
-- for lessons). Everyone reads. Nobody else writes rows of a `knowhow:`
-- author: the policies below add that right for admins alone, and a
-- colleague can't claim the handle (a login role is a person's handle,
-- and the person policies let only admins add others).
CREATE TABLE reference (
    tip_id      bigint UNIQUE REFERENCES tip(id),
    question_id bigint UNIQUE REFERENCES question(id),
    source      text NOT NULL CHECK (source IN ('tldr', 'navi', 'faq')),
    lang        text NOT NULL,
    page        text NOT NULL,
    example     integer NOT NULL,
    revision    text NOT NULL,
    attribution text NOT NULL,
    PRIMARY KEY (source, lang, page, example),
    CHECK ((tip_id IS NULL) <> (question_id IS NULL))
);

CREATE POLICY read ON reference FOR SELECT USING (true);
CREATE POLICY admin ON reference FOR ALL
    USING ((SELECT leertuin.is_admin())) WITH CHECK ((SELECT leertuin.is_admin()));

-- True for the author handle of imported know-how.
CREATE FUNCTION leertuin.is_source(handle text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT handle LIKE 'knowhow:%'
$$;

CREATE POLICY knowhow ON tip FOR ALL
    USING (leertuin.is_source(author) AND (SELECT leertuin.is_admin()))
    WITH CHECK (leertuin.is_source(author) AND (SELECT leertuin.is_admin()));
CREATE POLICY knowhow ON question FOR ALL
    USING (leertuin.is_source(author) AND (SELECT leertuin.is_admin()))
    WITH CHECK (leertuin.is_source(author) AND (SELECT leertuin.is_admin()));
CREATE POLICY knowhow ON answer FOR ALL
    USING (leertuin.is_source(author) AND (SELECT leertuin.is_admin()))
    WITH CHECK (leertuin.is_source(author) AND (SELECT leertuin.is_admin()));

-- guard_answer (0002) lets only an answer's author change its text; an
-- imported answer's "author" is its source, changed by an admin's import.
CREATE OR REPLACE FUNCTION leertuin.guard_answer() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF NEW.author IS DISTINCT FROM OLD.author THEN
        RAISE EXCEPTION 'an answer keeps its author' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.author IS DISTINCT FROM leertuin.actor()
       AND NOT (leertuin.is_source(OLD.author) AND leertuin.is_admin())
       AND (NEW.question_id, NEW.author, NEW.body, NEW.created_at)
           IS DISTINCT FROM (OLD.question_id, OLD.author, OLD.body, OLD.created_at) THEN
        RAISE EXCEPTION 'only % can change this answer; the asker can only accept it', OLD.author
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
