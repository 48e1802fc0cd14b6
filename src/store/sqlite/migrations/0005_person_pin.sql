-- 0005: a personal PIN for people who log in at a kiosk by typing their
-- name. A badge is something you have; a name anyone can type, so a
-- name login shows private entries and drafts only after this PIN. Only a
-- salted argon2id hash (a PHC string) is kept.
CREATE TABLE person_pin (
    handle TEXT PRIMARY KEY REFERENCES person(handle),
    hash   TEXT NOT NULL,
    set_at INTEGER NOT NULL
) WITHOUT ROWID;
