-- 0006: open panes learn of every change without asking. Each statement
-- that changes a table sends NOTIFY leertuin (with the table's name); a
-- store LISTENs on its own connection and counts what it hears, so the
-- pane's once-a-second check costs no round trip to the server. NOTIFY is
-- sent at commit, once per distinct payload per transaction, and never
-- for a transaction that rolls back.
CREATE FUNCTION leertuin.notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    PERFORM pg_notify('leertuin', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['person', 'lesson', 'card', 'question', 'answer', 'backing',
                             'tip', 'vote', 'learned', 'lesson_done', 'card_state', 'review',
                             'person_pin', 'answer_seen']
    LOOP
        EXECUTE format(
            'CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON leertuin.%I
             FOR EACH STATEMENT EXECUTE FUNCTION leertuin.notify_change()', t);
    END LOOP;
END
$$;
