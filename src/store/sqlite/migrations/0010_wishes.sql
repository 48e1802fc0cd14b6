-- 0010: wishes and budgets (issue 16). A wish is what a person wants to
-- learn, in their own words; budgets are money and hours in named pots
-- ("werkgever", "O&O-fonds", …) that the person decides about.
--
-- Money is integer cents and hours are minutes. No balance is stored
-- anywhere: every balance is a sum over `ledger`, which is append-only
-- (the triggers below refuse UPDATE and DELETE), so it cannot drift from
-- what happened. Writes check the balance and insert in one BEGIN
-- IMMEDIATE transaction, so two people can't both spend the last euro.

CREATE TABLE wish (
    id          INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL REFERENCES person(handle),
    text        TEXT NOT NULL,
    why         TEXT,
    cost_cents  INTEGER CHECK (cost_cents > 0),
    minutes     INTEGER CHECK (minutes > 0),
    tags        TEXT NOT NULL DEFAULT '',
    private     INTEGER NOT NULL DEFAULT 0,
    -- "funded" is derived from the ledger, never stored.
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'withdrawn')),
    reflection  TEXT,
    brought     TEXT CHECK (brought IN ('work', 'life', 'connection', 'meaning')),
    created_at  INTEGER NOT NULL,
    closed_at   INTEGER
);
CREATE INDEX wish_owner ON wish(owner, id);

-- A voucher's code is printed once and kept only as a SHA-256 hash: the
-- codes are random enough (40 bits) that a hash needs no salt to be safe
-- against a stolen database copy being used to redeem them.
CREATE TABLE voucher (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    cents      INTEGER NOT NULL CHECK (cents >= 0),
    minutes    INTEGER NOT NULL CHECK (minutes >= 0),
    source     TEXT NOT NULL,
    expires    TEXT,
    issued_by  TEXT NOT NULL,
    issued_at  INTEGER NOT NULL
);

-- An admin's matching rule: for every cent a colleague gives to someone
-- else's wish, the rule adds `percent`/100 of it from `source`, until the
-- rule has given `cap_cents` in all. The newest rule of a source holds.
CREATE TABLE match_rule (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    percent    INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 1000),
    cap_cents  INTEGER NOT NULL CHECK (cap_cents >= 0),
    set_by     TEXT NOT NULL,
    set_at     INTEGER NOT NULL
);

CREATE TABLE ledger (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('grant', 'redemption', 'contribution', 'refund', 'match')),
    -- Whose pot moves; NULL for a matching rule's money.
    person     TEXT REFERENCES person(handle),
    source     TEXT NOT NULL,
    -- Into (+) or out of (-) the person's pot; the wish gets the opposite.
    cents      INTEGER NOT NULL,
    minutes    INTEGER NOT NULL,
    wish       INTEGER REFERENCES wish(id),
    by         TEXT NOT NULL,
    note       TEXT,
    year       INTEGER,
    expires    TEXT,
    voucher    INTEGER REFERENCES voucher(id),
    rule       INTEGER REFERENCES match_rule(id),
    refund_of  INTEGER REFERENCES ledger(id)
);
CREATE INDEX ledger_person ON ledger(person, source, id);
CREATE INDEX ledger_wish ON ledger(wish, id);
-- A voucher redeems once, and an entry is given back once.
CREATE UNIQUE INDEX ledger_voucher_once ON ledger(voucher) WHERE voucher IS NOT NULL;
CREATE UNIQUE INDEX ledger_refund_once ON ledger(refund_of) WHERE refund_of IS NOT NULL;

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;

-- Wrong voucher codes per person, for the rate limit.
CREATE TABLE voucher_miss (
    person  TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX voucher_miss_person ON voucher_miss(person, at);
