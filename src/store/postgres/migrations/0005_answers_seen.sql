-- 0005: answers come back to the asker (SQLite's 0006). Per person and
-- question, the highest answer id the asker has seen; it is theirs alone.
CREATE TABLE answer_seen (
    person      text NOT NULL REFERENCES person(handle),
    question_id bigint NOT NULL REFERENCES question(id),
    last_answer bigint NOT NULL,
    via         text,
    PRIMARY KEY (person, question_id)
);
CREATE INDEX question_author ON question(author, created_at) WHERE deleted_at IS NULL;
CREATE TRIGGER stamp_via BEFORE INSERT OR UPDATE ON answer_seen
    FOR EACH ROW EXECUTE FUNCTION leertuin.stamp_via();
CREATE POLICY own ON answer_seen FOR ALL
    USING (person = (SELECT leertuin.actor())) WITH CHECK (person = (SELECT leertuin.actor()));
