-- 0010: the Team view's numbers on the server. A study record (lessons
-- done with reflections, review cards, reviews) is its person's alone
-- (0002), so until now the Team view on a server counted only the asking
-- person's. These functions give everyone the team's totals and nothing
-- else: counts, and for predicted recall the cards' numbers with neither
-- person nor card name; never a reflection's text.
--
-- They are SECURITY DEFINER, owned by leertuin_counter: a role nobody logs
-- in as or is a member of, whose only right is the policy `count` below to
-- read those three tables. (The tables' owner could not do it: FORCE ROW
-- LEVEL SECURITY binds the owner too, which is what we want.)
DO $$
BEGIN
    CREATE ROLE leertuin_counter NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
GRANT USAGE ON SCHEMA leertuin TO leertuin_counter;
GRANT SELECT ON lesson_done, card_state, review TO leertuin_counter;
CREATE POLICY count ON lesson_done FOR SELECT TO leertuin_counter USING (true);
CREATE POLICY count ON card_state FOR SELECT TO leertuin_counter USING (true);
CREATE POLICY count ON review FOR SELECT TO leertuin_counter USING (true);

CREATE FUNCTION leertuin.team_study(OUT lessons_done bigint, OUT reviews bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT (SELECT count(*) FROM leertuin.lesson_done), (SELECT count(*) FROM leertuin.review)
$$;

-- Reflections per what they brought (NULL: not sorted): how many, no text.
CREATE FUNCTION leertuin.team_reflections() RETURNS TABLE (brought text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT d.brought, count(*) FROM leertuin.lesson_done d
    WHERE d.brought IS NOT NULL OR d.reflection IS NOT NULL
    GROUP BY d.brought
$$;

-- Every card's scheduling numbers, without whose card it is or which.
CREATE FUNCTION leertuin.team_cards() RETURNS TABLE (
    stability double precision, difficulty double precision, due bigint,
    last_review bigint, reps integer, lapses integer, phase text, scheduled_days integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT c.stability, c.difficulty, c.due, c.last_review, c.reps, c.lapses, c.phase,
           c.scheduled_days
    FROM leertuin.card_state c ORDER BY 1, 2, 3, 4
$$;

-- Only leertuin's people (and kiosks, which hold a person's rights) ask.
REVOKE EXECUTE ON FUNCTION leertuin.team_study(), leertuin.team_reflections(),
    leertuin.team_cards() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION leertuin.team_study(), leertuin.team_reflections(),
    leertuin.team_cards() TO leertuin_person;

-- Hand them to leertuin_counter. Changing an owner takes membership of
-- the new owner and its CREATE on the schema, both only for this moment.
GRANT leertuin_counter TO CURRENT_USER;
GRANT CREATE ON SCHEMA leertuin TO leertuin_counter;
ALTER FUNCTION leertuin.team_study() OWNER TO leertuin_counter;
ALTER FUNCTION leertuin.team_reflections() OWNER TO leertuin_counter;
ALTER FUNCTION leertuin.team_cards() OWNER TO leertuin_counter;
REVOKE CREATE ON SCHEMA leertuin FROM leertuin_counter;
REVOKE leertuin_counter FROM CURRENT_USER;
