-- 0008: the author's undo of a delete works on the server too. 0003's
-- keep_tombstone refused every change to a tombstone, restore included,
-- so the pane's undo of a delete failed on PostgreSQL only. Now exactly
-- one change is let through: the author (leertuin.actor(), so a kiosk
-- only for the person logged in at it) clears `deleted_at` and gives the
-- post a non-empty text again, changing nothing else. Any other change
-- to a tombstone is still refused, by anyone. A stale outbox entry
-- cannot bring a post back either: an edit of a deleted post is refused
-- here, and a replayed restore is a no-op by its idempotency key.
--
-- The trigger's arguments name the table's text columns (the first must
-- not be empty after a restore); everything else must stay as it was.
CREATE OR REPLACE FUNCTION leertuin.keep_tombstone() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    texts text[] := TG_ARGV::text[] || ARRAY['deleted_at'];
BEGIN
    IF OLD.deleted_at IS NULL THEN
        RETURN NEW;
    END IF;
    IF NEW.deleted_at IS NULL
       AND OLD.author = leertuin.actor()
       AND coalesce(to_jsonb(NEW) ->> TG_ARGV[0], '') <> ''
       AND (to_jsonb(NEW) - texts) = (to_jsonb(OLD) - texts) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'this post was deleted; only its author can bring it back, and change nothing else'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER keep_tombstone ON question;
DROP TRIGGER keep_tombstone ON answer;
DROP TRIGGER keep_tombstone ON tip;
DROP TRIGGER keep_tombstone ON learned;
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON question FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone('title', 'body');
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON answer FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone('body');
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON tip FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone('text');
CREATE TRIGGER keep_tombstone BEFORE UPDATE ON learned FOR EACH ROW EXECUTE FUNCTION leertuin.keep_tombstone('text');
