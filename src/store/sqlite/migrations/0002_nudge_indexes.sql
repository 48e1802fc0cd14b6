-- 0002: indexes for `leertuin nudge`, which tmux runs every few seconds for
-- every attached client on a read-only connection. Each makes one of its
-- reads a single index probe instead of a table scan on a large database.

-- "When did this person last learn something?": max() per person.
CREATE INDEX review_person ON review(person, reviewed_at);
CREATE INDEX learned_author ON learned(author, created_at);

-- "How many review cards are due?": a range within one person's cards.
CREATE INDEX card_state_due ON card_state(person, due);

-- "An open question you can help with" and "new tips on what you want":
-- newest-first scans over a time window that read only the index (tags
-- and author ride along), not the rows with their long texts.
CREATE INDEX question_open ON question(created_at, tags, author);
CREATE INDEX tip_new ON tip(created_at, tags, author);
