-- 0018: a voucher's answer says more (issue 16, a tester round of workers
-- handed a voucher). leertuin.redeem_voucher of 0015 said "used" alike to
-- whoever had redeemed the voucher and to anyone else, and counted only an
-- unknown code against the rate limit. Now:
--   'yours'   the actor redeemed this voucher themselves (not counted: only
--             its holder can get this answer);
--   'used'    someone else redeemed it     } each counted as a wrong try,
--   'expired' its end date has passed      } so an answer that tells a
--   'wrong'   no voucher has this code     } code existed costs a guesser
--                                            what an unknown code costs;
-- and every counted try says how many are left before the wait
-- (tries_left), and, when none is, how long the wait is (wait_minutes).
-- A voucher's redeemer is checked before its end date: one's own voucher,
-- expired since, is still "yours". A voucher is locked (leertuin.hold)
-- before its redeemer is read, so two people redeeming one code at once
-- get "ok" and "used", never a broken unique index. Its end date is
-- compared with today's date in UTC, as the file's store does
-- (domain::now), whatever the caller's TimeZone; an end date that does not
-- read as YYYY-MM-DD never ends, as on a file (see the comment at `ends`).
-- The OUT columns change, so the function is dropped and made again, with
-- 0015's grants and owner.
GRANT leertuin_cashier TO CURRENT_USER;
GRANT CREATE ON SCHEMA leertuin TO leertuin_cashier;
DROP FUNCTION leertuin.redeem_voucher(text);

CREATE FUNCTION leertuin.redeem_voucher(code_hash text, OUT status text, OUT entry bigint,
                                        OUT detail text, OUT tries_left bigint,
                                        OUT wait_minutes bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    me text := leertuin.actor();
    now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    -- domain/voucher.rs: MAX_MISSES, MISS_WINDOW_MS
    max_misses constant bigint := 5;
    window_ms constant bigint := 15 * 60 * 1000;
    v record;
    used_by text;
    ends date;
    misses bigint;
    oldest bigint;
BEGIN
    IF me IS NULL OR NOT EXISTS (SELECT 1 FROM leertuin.person p WHERE p.handle = me) THEN
        RAISE EXCEPTION 'nobody to redeem a voucher for' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM leertuin.hold('pots ' || me);
    SELECT count(*), min(at) INTO misses, oldest FROM (
        SELECT m.at FROM leertuin.voucher_miss m
        WHERE m.person = me AND m.at > now_ms - window_ms
        ORDER BY m.at DESC LIMIT max_misses) recent;
    IF misses >= max_misses THEN
        status := 'tries';
        wait_minutes := (oldest + window_ms - now_ms + 59999) / 60000;
        detail := wait_minutes::text;
        RETURN;
    END IF;
    SELECT * INTO v FROM leertuin.voucher WHERE hash = code_hash;
    IF NOT FOUND THEN
        status := 'wrong';
    ELSE
        -- Whoever comes second waits here for the first to commit, and
        -- then reads the first one's redemption.
        PERFORM leertuin.hold('voucher ' || v.id);
        SELECT l.person INTO used_by FROM leertuin.ledger l WHERE l.voucher = v.id;
        -- An end date the issuing code did not write (a hand-edited row)
        -- reads as none: the voucher is money its holder was handed, and
        -- refusing it, or failing, would cost them a try and the money for
        -- a fault that is not theirs. The file's store reads it the same
        -- way (wish_cols::date_from_sql).
        IF v.expires ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
            BEGIN
                ends := to_date(v.expires, 'YYYY-MM-DD');
                IF to_char(ends, 'YYYY-MM-DD') <> v.expires THEN
                    ends := NULL;
                END IF;
            EXCEPTION WHEN others THEN
                ends := NULL;
            END;
        END IF;
        IF used_by = me THEN
            status := 'yours';
            RETURN;
        ELSIF used_by IS NOT NULL THEN
            status := 'used';
        ELSIF ends < (clock_timestamp() AT TIME ZONE 'UTC')::date THEN
            status := 'expired';
            detail := to_char(ends, 'YYYY-MM-DD');
        ELSE
            INSERT INTO leertuin.ledger (at, kind, person, source, cents, minutes, by, expires,
                                         voucher)
            VALUES (now_ms, 'redemption', me, v.source, v.cents, v.minutes, me,
                    to_char(ends, 'YYYY-MM-DD'), v.id)
            RETURNING id INTO entry;
            status := 'ok';
            RETURN;
        END IF;
    END IF;
    -- A try that brought nothing: counted, and what it leaves said. It is
    -- only remembered when the caller commits: leertuin does.
    INSERT INTO leertuin.voucher_miss (person, at) VALUES (me, now_ms);
    SELECT count(*), min(at) INTO misses, oldest FROM (
        SELECT m.at FROM leertuin.voucher_miss m
        WHERE m.person = me AND m.at > now_ms - window_ms
        ORDER BY m.at DESC LIMIT max_misses) recent;
    tries_left := greatest(max_misses - misses, 0);
    wait_minutes := CASE WHEN tries_left = 0
                         THEN greatest(oldest + window_ms - now_ms + 59999, 0) / 60000
                         ELSE 0 END;
END
$$;
REVOKE EXECUTE ON FUNCTION leertuin.redeem_voucher(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION leertuin.redeem_voucher(text) TO leertuin_person;
ALTER FUNCTION leertuin.redeem_voucher(text) OWNER TO leertuin_cashier;
REVOKE CREATE ON SCHEMA leertuin FROM leertuin_cashier;
REVOKE leertuin_cashier FROM CURRENT_USER;
