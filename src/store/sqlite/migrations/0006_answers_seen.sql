-- 0006: answers come back to the asker.
-- Per person and question, the highest answer id the asker has seen (the
-- question opened in the pane, or its notice shown): any answer above it,
-- by someone else, is new to them. Kept per person, so on a shared kiosk
-- each worker sees their own news.
CREATE TABLE answer_seen (
    person      TEXT NOT NULL REFERENCES person(handle),
    question_id INTEGER NOT NULL REFERENCES question(id),
    last_answer INTEGER NOT NULL,
    PRIMARY KEY (person, question_id)
) WITHOUT ROWID;

-- "My questions" and the answered nudge start from the asker's questions:
-- one index range instead of a scan of every question.
CREATE INDEX question_author ON question(author, created_at) WHERE deleted_at IS NULL;
