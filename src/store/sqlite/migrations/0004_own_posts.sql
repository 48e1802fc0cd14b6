-- 0004: people edit and delete their own posts.
-- An edited post keeps its id and creation time and gets `edited_at`.
-- A deleted post stays as a tombstone: its row, id, author and times
-- remain with `deleted_at` set and its text cleared, so an export (and a
-- later sync) carries the deletion instead of silently forgetting the row.
-- Every read of live content adds `deleted_at IS NULL`.
ALTER TABLE question ADD COLUMN edited_at INTEGER;
ALTER TABLE question ADD COLUMN deleted_at INTEGER;
ALTER TABLE answer ADD COLUMN edited_at INTEGER;
ALTER TABLE answer ADD COLUMN deleted_at INTEGER;
ALTER TABLE tip ADD COLUMN edited_at INTEGER;
ALTER TABLE tip ADD COLUMN deleted_at INTEGER;
ALTER TABLE learned ADD COLUMN edited_at INTEGER;
ALTER TABLE learned ADD COLUMN deleted_at INTEGER;

-- The nudge's newest-first scans stay index-only: the indexes of 0002
-- become partial ones over live rows.
DROP INDEX question_open;
CREATE INDEX question_open ON question(created_at, tags, author) WHERE deleted_at IS NULL;
DROP INDEX tip_new;
CREATE INDEX tip_new ON tip(created_at, tags, author) WHERE deleted_at IS NULL;
