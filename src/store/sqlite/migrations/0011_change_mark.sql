-- 0011: what changed in place (edits, deletes, their undo), read in a few index
-- lookups: a running pane's search index reads everything again when it
-- moved, and otherwise only new items (store/changes.rs). Only rows that
-- were edited or deleted are in these indexes.
CREATE INDEX question_edited ON question(edited_at) WHERE edited_at IS NOT NULL;
CREATE INDEX question_deleted ON question(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX answer_edited ON answer(edited_at) WHERE edited_at IS NOT NULL;
CREATE INDEX answer_deleted ON answer(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX tip_edited ON tip(edited_at) WHERE edited_at IS NOT NULL;
CREATE INDEX tip_deleted ON tip(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX learned_edited ON learned(edited_at) WHERE edited_at IS NOT NULL;
CREATE INDEX learned_deleted ON learned(deleted_at) WHERE deleted_at IS NOT NULL;
