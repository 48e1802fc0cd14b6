-- 0017: the owner may change an open wish's words, why, cost and hours
-- (issue 16, a tester's finding: `e` on one's own wish). The guard of
-- 0015 let a wish change only once, to closed; now an open wish may also
-- stay open with new words or amounts. Who it belongs to, its topics,
-- who may see it and when it was made never change, and a closed wish
-- never changes again. That the new cost and hours stay at or above what
-- was given is leertuin's check (store::wish_rules::edit_wish), made
-- under the same per-wish lock as a gift.
CREATE OR REPLACE FUNCTION leertuin.guard_wish() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF OLD.state <> 'open'
       OR NEW.state NOT IN ('open', 'done', 'withdrawn')
       OR (NEW.id, NEW.owner, NEW.tags, NEW.private, NEW.created_at)
          IS DISTINCT FROM
          (OLD.id, OLD.owner, OLD.tags, OLD.private, OLD.created_at)
       OR (NEW.state <> 'open'
           AND (NEW.text, NEW.why, NEW.cost_cents, NEW.minutes)
               IS DISTINCT FROM (OLD.text, OLD.why, OLD.cost_cents, OLD.minutes)) THEN
        RAISE EXCEPTION 'a wish changes only while open: its words and amounts, or closed once'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
