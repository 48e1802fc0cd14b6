-- 0003: the learning engine.
-- FSRS needs to know where a card is in its life (new, learning, review,
-- relearning) and the interval it was last given.
ALTER TABLE card_state ADD COLUMN phase TEXT NOT NULL DEFAULT 'new'
    CHECK (phase IN ('new', 'learning', 'review', 'relearning'));
ALTER TABLE card_state ADD COLUMN scheduled_days INTEGER NOT NULL DEFAULT 0;

-- What a finished lesson brought the person, as they said in their
-- reflection; insights group reflections by it.
ALTER TABLE lesson_done ADD COLUMN brought TEXT
    CHECK (brought IN ('work', 'life', 'connection', 'meaning'));

-- "Who answered most this month" and "questions answered" per person.
CREATE INDEX answer_author ON answer(author, created_at);
-- Remembered tips are cards named after the tip; lesson cards after the lesson.
CREATE INDEX review_card ON review(person, card);
