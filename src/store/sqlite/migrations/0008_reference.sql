-- 0008: know-how brought in from elsewhere (`knowhow import`: tldr pages,
-- navi cheatsheets, a team's FAQ). An imported example is a tip like any
-- other, so lists, search and the pane beside a tool show it; this table
-- says where it came from. Its key (source, language, page, example) lets
-- a second import update the tip in place instead of adding another, and a
-- page the source dropped leaves a tombstone (deleted_at), as a deleted
-- post does, so backups and votes keep pointing at a real row.
-- A FAQ entry becomes a question with its answer instead: question_id.
-- The tip's author is the source's own person (`knowhow:tldr`, …): a colon
-- never occurs in a login name, so the row belongs to no colleague.
CREATE TABLE reference (
    tip_id      INTEGER UNIQUE REFERENCES tip(id),
    question_id INTEGER UNIQUE REFERENCES question(id),
    source      TEXT NOT NULL CHECK (source IN ('tldr', 'navi', 'faq')),
    lang        TEXT NOT NULL,
    page        TEXT NOT NULL,
    example     INTEGER NOT NULL,
    revision    TEXT NOT NULL,
    attribution TEXT NOT NULL,
    PRIMARY KEY (source, lang, page, example),
    CHECK ((tip_id IS NULL) <> (question_id IS NULL))
) WITHOUT ROWID;
