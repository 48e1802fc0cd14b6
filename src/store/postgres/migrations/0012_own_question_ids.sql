-- 0012: "an answer to your question" (nudge, the pane) reads the ids of
-- the person's own questions from this index alone (an index-only scan),
-- then each question's newest answer through answer_question. With the
-- heap of `question` read instead, and PostgreSQL's choice to hash every
-- answer, it took 20-50 ms at 100k items: more than nudge's whole budget.
CREATE INDEX question_author_id ON question(author, id) WHERE deleted_at IS NULL;
