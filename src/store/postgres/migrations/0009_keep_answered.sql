-- 0009: a question colleagues answered stays, for their answers' sake
-- (SQLite: store/own.rs). Until now only the app checked this, so the
-- asker could tombstone such a question from psql with one UPDATE. The
-- server refuses it now, for every login: the delete is the one UPDATE
-- that sets `deleted_at`, and it is refused while the question has an
-- answer by someone else that is not itself deleted. (A plain DELETE of
-- the row is refused already: answers reference their question.)
-- Answers are readable by everyone, so the check sees all of them.
CREATE FUNCTION leertuin.keep_answered() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM leertuin.answer a
                   WHERE a.question_id = OLD.id AND a.deleted_at IS NULL
                     AND a.author IS DISTINCT FROM OLD.author) THEN
        RAISE EXCEPTION 'question % has answers by others; it stays for their sake', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER keep_answered BEFORE UPDATE OF deleted_at ON question
    FOR EACH ROW EXECUTE FUNCTION leertuin.keep_answered();
