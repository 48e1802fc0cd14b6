-- 0013: an imported example the source dropped and brings back returns
-- under its old id, as on a file. keep_tombstone (0008) let only a post's
-- author bring it back, so `knowhow import` had to add a new row and move
-- the key to it. Now an admin may also bring back a tombstone of imported
-- know-how (a `knowhow:` author, 0011) with new text, tags or context; it
-- keeps its id, author and creation time. Everything else is as in 0008.
CREATE OR REPLACE FUNCTION leertuin.keep_tombstone() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    texts text[] := TG_ARGV::text[] || ARRAY['deleted_at'];
    imported text[] := texts || ARRAY['tags', 'context', 'edited_at'];
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
    IF leertuin.is_source(OLD.author)
       AND (SELECT leertuin.is_admin())
       AND (to_jsonb(NEW) - imported) = (to_jsonb(OLD) - imported) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'this post was deleted; only its author can bring it back, and change nothing else'
        USING ERRCODE = 'insufficient_privilege';
END
$$;
