-- 0003: people edit and delete their own posts (SQLite's 0004).
-- An edited post keeps its id and creation time and gets `edited_at`; a
-- deleted one stays as a tombstone with `deleted_at` set and its text
-- cleared, so exports and a later sync carry the deletion. The policies
-- of 0002 already let only the author do either.
ALTER TABLE question ADD COLUMN edited_at bigint;
ALTER TABLE question ADD COLUMN deleted_at bigint;
ALTER TABLE answer ADD COLUMN edited_at bigint;
ALTER TABLE answer ADD COLUMN deleted_at bigint;
ALTER TABLE tip ADD COLUMN edited_at bigint;
ALTER TABLE tip ADD COLUMN deleted_at bigint;
ALTER TABLE learned ADD COLUMN edited_at bigint;
ALTER TABLE learned ADD COLUMN deleted_at bigint;

DROP INDEX question_open;
CREATE INDEX question_open ON question(created_at, tags, author) WHERE deleted_at IS NULL;
DROP INDEX tip_new;
CREATE INDEX tip_new ON tip(created_at, tags, author) WHERE deleted_at IS NULL;

-- A tombstone stays one: nothing deleted comes back, not from a stale
-- outbox replaying an old edit, not by hand.
CREATE FUNCTION leertuin.keep_tombstone() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF OLD.deleted_at IS NOT NULL THEN
        RAISE EXCEPTION 'this post was deleted; it cannot be changed again'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON question FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone();
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON answer FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone();
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON tip FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone();
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON learned FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone();
