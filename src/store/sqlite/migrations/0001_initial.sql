-- 0001: the first schema.
-- Times are unix milliseconds (UTC). Tags are kept as one space-separated
-- text per row: validated tags never contain spaces, lists stay one read,
-- and a tag filter is a cheap scan at the sizes a team produces.
-- Every kind has its own table and number space; ids are shown with a
-- one-letter prefix (l3, q42, t7, n12) so they never collide.

CREATE TABLE person (
    handle     TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    wants      TEXT NOT NULL DEFAULT '',
    offers     TEXT NOT NULL DEFAULT '',
    lang       TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE lesson (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    tags       TEXT NOT NULL DEFAULT '',
    minutes    INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE card (
    lesson_id INTEGER NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    PRIMARY KEY (lesson_id, ord)
) WITHOUT ROWID;

-- author is NULL for an anonymous question: nothing links it to a person.
CREATE TABLE question (
    id         INTEGER PRIMARY KEY,
    author     TEXT REFERENCES person(handle),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '',
    context    TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX question_created ON question(created_at);

CREATE TABLE answer (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question(id),
    author      TEXT NOT NULL REFERENCES person(handle),
    body        TEXT NOT NULL,
    accepted    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX answer_question ON answer(question_id);

CREATE TABLE backing (
    question_id INTEGER NOT NULL REFERENCES question(id),
    person      TEXT NOT NULL REFERENCES person(handle),
    kind        TEXT NOT NULL CHECK (kind IN ('me-too', 'can-help', 'pledge')),
    minutes     INTEGER,
    helped      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (question_id, person, kind)
) WITHOUT ROWID;

CREATE TABLE tip (
    id         INTEGER PRIMARY KEY,
    author     TEXT NOT NULL REFERENCES person(handle),
    text       TEXT NOT NULL,
    tags       TEXT NOT NULL DEFAULT '',
    context    TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX tip_created ON tip(created_at);
CREATE INDEX tip_context ON tip(context);

CREATE TABLE vote (
    tip_id     INTEGER NOT NULL REFERENCES tip(id),
    person     TEXT NOT NULL REFERENCES person(handle),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tip_id, person)
) WITHOUT ROWID;

CREATE TABLE learned (
    id         INTEGER PRIMARY KEY,
    author     TEXT NOT NULL REFERENCES person(handle),
    text       TEXT NOT NULL,
    tags       TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL CHECK (visibility IN ('team', 'private')),
    created_at INTEGER NOT NULL
);
CREATE INDEX learned_created ON learned(created_at);

CREATE TABLE lesson_done (
    person     TEXT NOT NULL REFERENCES person(handle),
    lesson_id  INTEGER NOT NULL REFERENCES lesson(id),
    done_at    INTEGER NOT NULL,
    reflection TEXT,
    PRIMARY KEY (person, lesson_id)
) WITHOUT ROWID;

-- Spaced repetition (FSRS): the current state per person and card, and
-- every review ever given, so parameters can be fitted later.
-- A card is named `l3#1` (lesson 3, first check card) or by a tip id.
CREATE TABLE card_state (
    person      TEXT NOT NULL REFERENCES person(handle),
    card        TEXT NOT NULL,
    stability   REAL NOT NULL,
    difficulty  REAL NOT NULL,
    due         INTEGER NOT NULL,
    last_review INTEGER,
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (person, card)
) WITHOUT ROWID;

CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    person      TEXT NOT NULL REFERENCES person(handle),
    card        TEXT NOT NULL,
    reviewed_at INTEGER NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4)
);
