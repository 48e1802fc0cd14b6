-- 0021: who acts, worked out inside the statement instead of by a call.
--
-- Every policy asks `(SELECT leertuin.actor())`, and actor() asks
-- is_kiosk(). Both were SQL functions with `SET search_path`, which
-- PostgreSQL never inlines: each use parsed and planned their bodies
-- again, and is_kiosk() read the pg_roles view. A `nudge` on the server
-- uses them seven times; that was 0.2 ms each, a fifth of its server time.
--
-- Written with a standard SQL body (PostgreSQL 14 and newer) they are
-- inlined: their names are bound when they are created, so they need no
-- search_path to be safe, and a body of one expression becomes part of
-- the policy. What they answer does not change:
--   - is_kiosk() still says no for a superuser; only a kiosk login (or a
--     superuser) ever gets as far as the pg_roles lookup, which keeps its
--     own function;
--   - actor() and kiosk() are the same CASE as before.
-- On PostgreSQL 13 (no longer supported by its makers since November
-- 2025) the functions stay as they are: slower, the same answers.
--
-- And every function here that names its search_path now names pg_temp
-- last. Without it PostgreSQL looks in the session's own temporary schema
-- first for a table, view or type: a person's `CREATE TEMP VIEW
-- pg_namespace` made is_admin() say yes, a kiosk's `pg_roles` made it no
-- kiosk, and its `pg_locks` forged xact_stamp() (found in review;
-- tests/pg_privacy.rs tries all three).

CREATE OR REPLACE FUNCTION leertuin.login_is_superuser() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r
                     WHERE r.rolname = session_user), false)
$$;

-- The team's counting functions belong to leertuin_counter (0010), the
-- money's to leertuin_cashier (0015): acting as their owner takes their
-- membership, for this moment only.
GRANT leertuin_counter, leertuin_cashier TO CURRENT_USER;
DO $migration$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'leertuin' AND p.proconfig @> ARRAY['search_path=pg_catalog']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f);
    END LOOP;
END
$migration$;
REVOKE leertuin_counter, leertuin_cashier FROM CURRENT_USER;

DO $migration$
BEGIN
    IF current_setting('server_version_num')::int < 140000 THEN
        RETURN;
    END IF;
    EXECUTE $f$
        CREATE OR REPLACE FUNCTION leertuin.is_kiosk() RETURNS boolean
        LANGUAGE sql STABLE
        RETURN pg_catalog.pg_has_role(session_user, 'leertuin_kiosk', 'USAGE')
           AND NOT leertuin.login_is_superuser()
    $f$;
    EXECUTE $f$
        CREATE OR REPLACE FUNCTION leertuin.actor() RETURNS text
        LANGUAGE sql STABLE
        RETURN CASE
            WHEN NOT leertuin.is_kiosk() THEN session_user::text
            WHEN pg_catalog.current_setting('leertuin.acting_xact', true) = leertuin.xact_stamp()
                THEN NULLIF(pg_catalog.current_setting('leertuin.acting_for', true), '')
        END
    $f$;
    EXECUTE $f$
        CREATE OR REPLACE FUNCTION leertuin.kiosk() RETURNS text
        LANGUAGE sql STABLE
        RETURN CASE WHEN leertuin.is_kiosk() THEN session_user::text END
    $f$;
END
$migration$;
