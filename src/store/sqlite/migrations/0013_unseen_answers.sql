-- 0013: "an answer to your question" (nudge, the pane) from one short walk.
-- Until now it took the newest answer of every question the person ever
-- asked (453 index probes at 100k items, 4,560 at 1M): most of `nudge`'s
-- time. unseen_answer keeps, per asker, the answers by others above the
-- asker's seen mark, so the newest one is the first row of an index.
--
-- The table holds candidates; the query (sqlite/asked.rs newest_unseen)
-- still checks every condition (live answer, live question, still the
-- asker's, by someone else, above the seen mark). The triggers keep it a
-- superset of what the query may return, in the answers' own time order.
CREATE TABLE unseen_answer (
    answer_id   INTEGER PRIMARY KEY REFERENCES answer(id) ON DELETE CASCADE,
    person      TEXT NOT NULL,
    question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL
);
CREATE INDEX unseen_answer_newest ON unseen_answer(person, created_at DESC, answer_id DESC);
CREATE INDEX unseen_answer_question ON unseen_answer(question_id);

-- What the table holds: every answer someone else gave on a question with
-- a known asker, above that asker's seen mark. The fill takes them all; each
-- trigger takes them again for one answer or one question. (Written out in
-- each rather than kept as a view: with a view in the schema, SQLite's
-- quick_check no longer reports pages that belong to nothing, which the
-- pane's background check relies on; tests/faults_store.rs.)
INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
    SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);

-- A new answer is news to the asker.
CREATE TRIGGER unseen_answer_added AFTER INSERT ON answer BEGIN
    INSERT OR REPLACE INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE a.id = NEW.id
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
-- An answer moved, or its time or author changed: taken again as it is now.
CREATE TRIGGER unseen_answer_moved AFTER UPDATE OF question_id, author, created_at ON answer BEGIN
    DELETE FROM unseen_answer WHERE answer_id = OLD.id;
    INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE a.id = NEW.id
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
-- A question with another asker: its answers are news to them, not to the
-- one before.
CREATE TRIGGER unseen_answer_asker AFTER UPDATE OF author ON question BEGIN
    DELETE FROM unseen_answer WHERE question_id = OLD.id;
    INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE q.id = NEW.id
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
-- The asker saw the question's answers (asked.rs mark_seen): only those
-- above the mark are news. Taken again from the answers rather than only
-- deleted, so a mark that goes down (or away) brings its answers back.
CREATE TRIGGER unseen_answer_seen AFTER INSERT ON answer_seen BEGIN
    DELETE FROM unseen_answer WHERE question_id = NEW.question_id;
    INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE q.id = NEW.question_id
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
CREATE TRIGGER unseen_answer_seen_again AFTER UPDATE ON answer_seen BEGIN
    DELETE FROM unseen_answer WHERE question_id IN (OLD.question_id, NEW.question_id);
    INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE q.id IN (OLD.question_id, NEW.question_id)
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
CREATE TRIGGER unseen_answer_unseen AFTER DELETE ON answer_seen BEGIN
    DELETE FROM unseen_answer WHERE question_id = OLD.question_id;
    INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
        SELECT a.id, q.author, q.id, a.created_at
        FROM question q
        JOIN answer a ON a.question_id = q.id
        LEFT JOIN answer_seen s ON s.person = q.author AND s.question_id = q.id
        WHERE q.id = OLD.question_id
          AND q.author IS NOT NULL AND a.author <> q.author AND a.id > coalesce(s.last_answer, 0);
END;
