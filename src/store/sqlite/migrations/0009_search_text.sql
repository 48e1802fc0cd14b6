-- 0009: a persisted search prefilter, so `leertuin search` need not read
-- every item. One row per live item holding all its searchable text
-- (answers and context too), indexed by trigrams with accents and case
-- folded: a query word of three letters or more narrows the items to those
-- holding it (or, for a typo, its parts) before the fuzzy ranking reads
-- them. Contentless (the text is already in the item tables) and
-- detail=none (which items, not where): a small index.
-- The rowid is the item's number times four plus its kind
-- (0 lesson, 1 question, 2 tip, 3 learned). Triggers keep it current: a
-- row is dropped and written again on every change, so an edit, a delete
-- (deleted_at set) and a new or edited answer are searched as they stand.
CREATE VIRTUAL TABLE search_text USING fts5(
    text,
    tokenize = 'trigram remove_diacritics 2',
    content = '',
    contentless_delete = 1,
    detail = none
);

CREATE TRIGGER lesson_search_ai AFTER INSERT ON lesson BEGIN
    DELETE FROM search_text WHERE rowid = new.id * 4;
    INSERT INTO search_text(rowid, text)
    VALUES (new.id * 4, new.title || ' ' || new.tags || ' ' || new.body);
END;
CREATE TRIGGER lesson_search_au AFTER UPDATE ON lesson BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4;
    INSERT INTO search_text(rowid, text)
    VALUES (new.id * 4, new.title || ' ' || new.tags || ' ' || new.body);
END;
CREATE TRIGGER lesson_search_ad AFTER DELETE ON lesson BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4;
END;

CREATE TRIGGER question_search_ai AFTER INSERT ON question BEGIN
    DELETE FROM search_text WHERE rowid = new.id * 4 + 1;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 1, new.title || ' ' || new.body || ' ' || new.tags || ' '
        || coalesce(new.context, '')
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER question_search_au AFTER UPDATE ON question BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 1, new.title || ' ' || new.body || ' ' || new.tags || ' '
        || coalesce(new.context, '') || ' '
        || coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                     WHERE a.question_id = new.id AND a.deleted_at IS NULL), '')
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER question_search_ad AFTER DELETE ON question BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 1;
END;

-- An answer changes its question's text: the question's row is rebuilt.
CREATE TRIGGER answer_search_ai AFTER INSERT ON answer BEGIN
    DELETE FROM search_text WHERE rowid = new.question_id * 4 + 1;
    INSERT INTO search_text(rowid, text)
    SELECT q.id * 4 + 1, q.title || ' ' || q.body || ' ' || q.tags || ' '
        || coalesce(q.context, '') || ' '
        || coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                     WHERE a.question_id = q.id AND a.deleted_at IS NULL), '')
    FROM question q WHERE q.id = new.question_id AND q.deleted_at IS NULL;
END;
CREATE TRIGGER answer_search_au AFTER UPDATE ON answer BEGIN
    DELETE FROM search_text WHERE rowid IN (old.question_id * 4 + 1, new.question_id * 4 + 1);
    INSERT INTO search_text(rowid, text)
    SELECT q.id * 4 + 1, q.title || ' ' || q.body || ' ' || q.tags || ' '
        || coalesce(q.context, '') || ' '
        || coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                     WHERE a.question_id = q.id AND a.deleted_at IS NULL), '')
    FROM question q
    WHERE q.id IN (old.question_id, new.question_id) AND q.deleted_at IS NULL;
END;
CREATE TRIGGER answer_search_ad AFTER DELETE ON answer BEGIN
    DELETE FROM search_text WHERE rowid = old.question_id * 4 + 1;
    INSERT INTO search_text(rowid, text)
    SELECT q.id * 4 + 1, q.title || ' ' || q.body || ' ' || q.tags || ' '
        || coalesce(q.context, '') || ' '
        || coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                     WHERE a.question_id = q.id AND a.deleted_at IS NULL), '')
    FROM question q WHERE q.id = old.question_id AND q.deleted_at IS NULL;
END;

CREATE TRIGGER tip_search_ai AFTER INSERT ON tip BEGIN
    DELETE FROM search_text WHERE rowid = new.id * 4 + 2;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 2, new.text || ' ' || new.tags || ' ' || coalesce(new.context, '')
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER tip_search_au AFTER UPDATE ON tip BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 2, new.text || ' ' || new.tags || ' ' || coalesce(new.context, '')
    WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER tip_search_ad AFTER DELETE ON tip BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER learned_search_ai AFTER INSERT ON learned BEGIN
    DELETE FROM search_text WHERE rowid = new.id * 4 + 3;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 3, new.text || ' ' || new.tags WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER learned_search_au AFTER UPDATE ON learned BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_text(rowid, text)
    SELECT new.id * 4 + 3, new.text || ' ' || new.tags WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER learned_search_ad AFTER DELETE ON learned BEGIN
    DELETE FROM search_text WHERE rowid = old.id * 4 + 3;
END;

-- Everything already stored.
INSERT INTO search_text(rowid, text)
SELECT id * 4, title || ' ' || tags || ' ' || body FROM lesson;
INSERT INTO search_text(rowid, text)
SELECT q.id * 4 + 1, q.title || ' ' || q.body || ' ' || q.tags || ' '
    || coalesce(q.context, '') || ' '
    || coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                 WHERE a.question_id = q.id AND a.deleted_at IS NULL), '')
FROM question q WHERE q.deleted_at IS NULL;
INSERT INTO search_text(rowid, text)
SELECT id * 4 + 2, text || ' ' || tags || ' ' || coalesce(context, '') FROM tip
WHERE deleted_at IS NULL;
INSERT INTO search_text(rowid, text)
SELECT id * 4 + 3, text || ' ' || tags FROM learned WHERE deleted_at IS NULL;
