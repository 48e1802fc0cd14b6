-- Run by every `server init` before the migrations, inside its
-- transaction; safe to run again.
--
-- The two group roles. Roles belong to the whole cluster, not to one
-- database: one leertuin database per cluster keeps them unambiguous.
-- leertuin_person: every person's login role is granted it.
-- leertuin_kiosk:  every kiosk's login role is granted it.
-- A concurrent init elsewhere in the cluster may create one first: that is
-- the unique_violation.
DO $$
BEGIN
    BEGIN
        CREATE ROLE leertuin_person NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE leertuin_kiosk NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
END
$$;

CREATE SCHEMA IF NOT EXISTS leertuin;

-- The schema version, like SQLite's PRAGMA user_version: one row.
CREATE TABLE IF NOT EXISTS leertuin.schema_version (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version integer NOT NULL
);
