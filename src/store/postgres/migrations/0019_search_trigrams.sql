-- 0019: `search` and the pane's first hits on the server ask only for the
-- items whose text holds the query's trigrams (`search.rs`), as a file
-- asks its trigram index (SQLite migration 0009). These trigram indexes
-- (pg_trgm, in Debian's `postgresql` package; trusted since PostgreSQL
-- 13, so the database owner running `server init` may create it) answer
-- that from an index: at 100k items tens of milliseconds instead of a
-- pass over every text. Each index is on the very expression `search.rs`
-- matches (the item's text, lower-cased); a question's answers have their
-- own, since an index holds one table.
--
-- Without pg_trgm (not installed, or not allowed) nothing is created and
-- the same queries read every text: slower, the same items. The
-- extension goes where it is or, new, into this schema; its operator
-- class is named with that schema, since the migrations' search_path
-- knows only `leertuin`.
DO $$
DECLARE
    home text;
BEGIN
    SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF home IS NULL THEN
        IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
            RAISE NOTICE 'pg_trgm is not installed: search reads every text';
            RETURN;
        END IF;
        BEGIN
            CREATE EXTENSION pg_trgm SCHEMA leertuin;
            home := 'leertuin';
        EXCEPTION WHEN insufficient_privilege OR feature_not_supported THEN
            RAISE NOTICE 'pg_trgm may not be created here: search reads every text';
            RETURN;
        END;
    END IF;
    EXECUTE format('CREATE INDEX IF NOT EXISTS lesson_search ON leertuin.lesson USING gin
        (lower(title || '' '' || tags || '' '' || body) %I.gin_trgm_ops)', home);
    EXECUTE format('CREATE INDEX IF NOT EXISTS question_search ON leertuin.question USING gin
        (lower(title || '' '' || body || '' '' || tags || '' '' || coalesce(context, ''''))
         %I.gin_trgm_ops) WHERE deleted_at IS NULL', home);
    EXECUTE format('CREATE INDEX IF NOT EXISTS answer_search ON leertuin.answer USING gin
        (lower(body) %I.gin_trgm_ops) WHERE deleted_at IS NULL', home);
    EXECUTE format('CREATE INDEX IF NOT EXISTS tip_search ON leertuin.tip USING gin
        (lower(text || '' '' || tags || '' '' || coalesce(context, '''')) %I.gin_trgm_ops)
        WHERE deleted_at IS NULL', home);
    EXECUTE format('CREATE INDEX IF NOT EXISTS learned_search ON leertuin.learned USING gin
        (lower(text || '' '' || tags) %I.gin_trgm_ops) WHERE deleted_at IS NULL', home);
END
$$;
