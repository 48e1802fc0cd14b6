-- 0012: "an answer to your question" (nudge, the pane) looks at the newest
-- answer of each of the person's questions. With answers found by
-- question_id alone, every answer's row was read for its author, time and
-- whether it is deleted: ~600 pages, most of `nudge`'s time at 100k items.
-- The same index, wider, answers that from the index alone; everything
-- that found answers by question_id still does.
DROP INDEX answer_question;
CREATE INDEX answer_question ON answer(question_id, created_at, author, deleted_at);
