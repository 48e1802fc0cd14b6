-- 0020: "an answer to your question" (nudge, the pane) from one short walk
-- (SQLite's 0013). Until now it took the newest answer of every question
-- the person ever asked (453 index probes at 100k items, 4,560 at 1M).
-- unseen_answer keeps, per asker, the answers others gave on their
-- questions that the asker may not have seen, so the newest one is the
-- first row of an index.
--
-- The table holds candidates; the query (postgres/read.rs newest_unseen)
-- still checks every condition, the seen mark included. That lets each row
-- be written by whoever causes it, under the policies below:
--   - the one who answers adds the row for the asker (an answerer cannot
--     read the asker's seen mark, so the row is added whatever it says);
--   - the asker's seen mark takes rows away, and puts back those above a
--     mark that went down or away;
--   - nobody else changes it, and only the asker reads it: which of your
--     answers a colleague has seen is theirs to know.
-- An answer keeps its question and its time (guard below), so a row stays
-- true to its answer; a deleted answer or question is left to the query.
CREATE TABLE unseen_answer (
    answer_id   bigint PRIMARY KEY REFERENCES answer(id) ON DELETE CASCADE,
    person      text NOT NULL REFERENCES person(handle),
    question_id bigint NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    created_at  bigint NOT NULL
);
CREATE INDEX unseen_answer_newest ON unseen_answer(person, created_at DESC, answer_id DESC);
CREATE INDEX unseen_answer_question ON unseen_answer(question_id, person);

-- A row may only say what is true: this answer, on this question of this
-- asker, by someone else, at this time. Whoever adds it (the answerer, the
-- asker putting rows back, an admin's import) can add nothing else.
-- (Every column of the new row named by its table: a bare question_id in
-- the subquery would be the answer's own.)
CREATE POLICY add ON unseen_answer FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM leertuin.answer a JOIN leertuin.question q ON q.id = a.question_id
            WHERE a.id = unseen_answer.answer_id AND q.id = unseen_answer.question_id
              AND q.author = unseen_answer.person AND a.author <> unseen_answer.person
              AND a.created_at = unseen_answer.created_at));
CREATE POLICY own ON unseen_answer FOR SELECT USING (person = (SELECT leertuin.actor()));
CREATE POLICY seen ON unseen_answer FOR DELETE USING (person = (SELECT leertuin.actor()));

-- The fill reads the seen marks, which are private even to the owner of the
-- tables (FORCE ROW LEVEL SECURITY): lifted for this one statement, inside
-- init's one transaction, and forced again right after (access.sql forces
-- it on every table once more at the end of init).
ALTER TABLE answer_seen NO FORCE ROW LEVEL SECURITY;
INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
    SELECT a.id, q.author, q.id, a.created_at
    FROM question q
    JOIN answer a ON a.question_id = q.id
    LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
    WHERE q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
ALTER TABLE answer_seen FORCE ROW LEVEL SECURITY;

-- A new answer is news to the asker (anonymous questions have none). A
-- new answer has no row yet (rows go with their answer), and no ON
-- CONFLICT: that would ask the answerer to read the asker's rows.
CREATE FUNCTION leertuin.unseen_answer_added() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO leertuin.unseen_answer (answer_id, person, question_id, created_at)
        SELECT NEW.id, q.author, q.id, NEW.created_at FROM leertuin.question q
        WHERE q.id = NEW.question_id AND q.author IS NOT NULL AND q.author <> NEW.author;
    RETURN NULL;
END
$$;
CREATE TRIGGER unseen_answer_added AFTER INSERT ON answer
    FOR EACH ROW EXECUTE FUNCTION leertuin.unseen_answer_added();

-- The asker's seen mark moved (or went): the question's rows are taken
-- again, those at or below the mark away and those above it back.
CREATE FUNCTION leertuin.unseen_answer_seen() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    mark record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        mark := OLD;
    ELSE
        mark := NEW;
    END IF;
    DELETE FROM leertuin.unseen_answer
        WHERE question_id = mark.question_id AND person = mark.person
          AND (TG_OP = 'DELETE' OR answer_id <= mark.last_answer);
    INSERT INTO leertuin.unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM leertuin.question q JOIN leertuin.answer a ON a.question_id = q.id
        WHERE q.id = mark.question_id AND q.author = mark.person AND a.author <> q.author
          AND (TG_OP = 'DELETE' OR a.id > mark.last_answer)
        ON CONFLICT (answer_id) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER unseen_answer_seen AFTER INSERT OR UPDATE OR DELETE ON answer_seen
    FOR EACH ROW EXECUTE FUNCTION leertuin.unseen_answer_seen();

-- An answer stays on the question it answers, at the time it was given:
-- leertuin never moves one, and a move by hand would leave the asker's row
-- behind (which only the asker can change).
CREATE FUNCTION leertuin.answer_stays() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF (NEW.question_id, NEW.created_at) IS DISTINCT FROM (OLD.question_id, OLD.created_at) THEN
        RAISE EXCEPTION 'an answer stays on its question, at its time'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER answer_stays BEFORE UPDATE OF question_id, created_at ON answer
    FOR EACH ROW EXECUTE FUNCTION leertuin.answer_stays();
