//! Privacy on the team server, checked the way a curious colleague would
//! try it: logged in with their own role, typing SQL in the real `psql`
//! (and through the `postgres` crate for the loops over every table),
//! bypassing leertuin entirely. Two people (ann, bob) and a kiosk.

mod pg_support;

use leertuin::store::postgres::{self as server, AddPerson, ServerUrl};
use pg_support::{TestDb, ok, refused, setup_lock};

/// A database after `server init` with ann, bob and a kiosk, each of the
/// two people having written one row of every kind (bob through his own
/// login, ann through hers).
struct Team {
    db: TestDb,
    ann: String,
    bob: String,
    kiosk: String,
}

/// Every table a person writes, the column that says whose a row is, and
/// a statement that writes one row of it as `{p}`.
const OWNED: &[(&str, &str, &str)] = &[
    (
        "question",
        "author",
        "INSERT INTO question (author, title, created_at) VALUES ('{p}', 'question of {p}', 1)",
    ),
    (
        "answer",
        "author",
        "INSERT INTO answer (question_id, author, body, created_at)
         SELECT max(id), '{p}', 'answer of {p}', 1 FROM question",
    ),
    (
        "backing",
        "person",
        "INSERT INTO backing (question_id, person, kind, minutes, created_at)
         SELECT max(id), '{p}', 'pledge', 10, 1 FROM question",
    ),
    (
        "tip",
        "author",
        "INSERT INTO tip (author, text, created_at) VALUES ('{p}', 'tip of {p}', 1)",
    ),
    (
        "vote",
        "person",
        "INSERT INTO vote (tip_id, person, created_at) SELECT max(id), '{p}', 1 FROM tip",
    ),
    (
        "learned",
        "author",
        "INSERT INTO learned (author, text, visibility, created_at)
         VALUES ('{p}', 'private of {p}', 'private', 1)",
    ),
    (
        "lesson_done",
        "person",
        "INSERT INTO lesson_done (person, lesson_id, done_at, reflection)
         SELECT '{p}', max(id), 1, 'reflection of {p}' FROM lesson",
    ),
    (
        "card_state",
        "person",
        "INSERT INTO card_state (person, card, stability, difficulty, due)
         VALUES ('{p}', 'card of {p}', 1, 1, 1)",
    ),
    (
        "review",
        "person",
        "INSERT INTO review (person, card, reviewed_at, rating) VALUES ('{p}', 'card of {p}', 1, 3)",
    ),
    (
        "answer_seen",
        "person",
        "INSERT INTO answer_seen (person, question_id, last_answer)
         SELECT '{p}', max(id), 1 FROM question",
    ),
    (
        "person_pin",
        "handle",
        "INSERT INTO person_pin (handle, hash, set_at) VALUES ('{p}', 'pin hash of {p}', 1)",
    ),
];

/// Tables only admins write.
const ADMIN_ONLY: &[&str] = &["lesson", "card", "schema_version"];

fn team(test: &str) -> Option<Team> {
    let pg = pg_support::shared(test)?;
    let db = pg.database(test);
    let ann = format!("ann_{}", db.name);
    let bob = format!("bob_{}", db.name);
    let kiosk = format!("kiosk_{}", db.name);
    {
        let _lock = setup_lock();
        let url = ServerUrl::parse(&db.url(&db.owner)).expect("url");
        server::schema::init(&url, &leertuin::bundled::lessons()).expect("init");
        for who in [&ann, &bob] {
            let add = AddPerson {
                handle: who.clone(),
                name: None,
            };
            server::people::add_person(&url, &add).expect("add person");
        }
        server::people::add_kiosk(&url, &kiosk).expect("add kiosk");
    }
    for who in [&bob, &ann] {
        let mut client = db.client(who);
        for (_, _, insert) in OWNED {
            client
                .batch_execute(&insert.replace("{p}", who))
                .unwrap_or_else(|e| panic!("{who} writes their own row: {insert}: {e}"));
        }
        client
            .batch_execute(&format!(
                "INSERT INTO learned (author, text, visibility, created_at)
                 VALUES ('{who}', 'team of {who}', 'team', 1)"
            ))
            .expect("team entry");
    }
    Some(Team {
        db,
        ann,
        bob,
        kiosk,
    })
}

/// bob's rows of every table as the superuser sees them: what nothing ann
/// does may change.
fn rows_of(team: &Team, who: &str) -> String {
    let mut su = team.db.superuser();
    let mut text = String::new();
    let mut tables: Vec<(&str, &str)> = OWNED.iter().map(|(t, c, _)| (*t, *c)).collect();
    tables.push(("person", "handle"));
    for (table, column) in tables {
        let sql = format!("SELECT t::text FROM leertuin.{table} t WHERE {column} = $1 ORDER BY 1");
        for row in su.query(&sql, &[&who]).expect("rows") {
            text.push_str(&format!("{table}: {}\n", row.get::<_, &str>(0)));
        }
    }
    for table in ADMIN_ONLY {
        let sql = format!("SELECT count(*)::text FROM leertuin.{table}");
        let n: String = su.query_one(&sql, &[]).expect("count").get(0);
        text.push_str(&format!("{table}: {n} rows\n"));
    }
    text
}

fn sqlstate(e: &postgres::Error) -> String {
    e.code().map(|c| c.code().to_string()).unwrap_or_default()
}

#[test]
fn a_person_cannot_read_another_persons_private_entries() {
    let Some(t) = team("private_reads") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    // From psql, as ann: her own entries and bob's team entry; not bob's
    // private one.
    let out = t.db.psql(ann, "SELECT text FROM learned ORDER BY text;");
    let seen = ok(&out);
    assert_eq!(
        seen.lines().collect::<Vec<_>>(),
        [
            format!("private of {ann}"),
            format!("team of {ann}"),
            format!("team of {bob}"),
        ],
        "{seen}"
    );
    // A person's study record is theirs alone.
    for table in ["lesson_done", "card_state", "review", "answer_seen"] {
        let out = t.db.psql(
            ann,
            &format!("SELECT person, count(*) FROM {table} GROUP BY person;"),
        );
        assert_eq!(ok(&out), format!("{ann}|1"), "{table}");
    }
    // PIN hashes: one's own; a kiosk checks them; nobody else reads them.
    let out = t.db.psql(ann, "SELECT hash FROM person_pin;");
    assert_eq!(ok(&out), format!("pin hash of {ann}"));
    let out = t.db.psql(&t.kiosk, "SELECT count(*) FROM person_pin;");
    assert_eq!(ok(&out), "2");
    let out = t.db.psql(&t.db.owner, "SELECT count(*) FROM person_pin;");
    assert_eq!(ok(&out), "0");
    // Asking to see past the policies is refused, not granted.
    let out =
        t.db.psql(ann, "SET row_security = off; SELECT count(*) FROM learned;");
    assert!(refused(&out).contains("row-level security"));
    let out =
        t.db.psql(ann, "ALTER TABLE learned DISABLE ROW LEVEL SECURITY;");
    assert!(refused(&out).contains("must be owner"));
    // Not even the owner of the tables reads private entries (FORCE ROW
    // LEVEL SECURITY): the owner is not a person here and sees none.
    let out = t.db.psql(
        &t.db.owner,
        "SELECT count(*) FROM learned WHERE visibility = 'private';",
    );
    assert_eq!(ok(&out), "0");
    let out = t.db.psql(&t.db.owner, "SELECT count(*) FROM review;");
    assert_eq!(ok(&out), "0");
}

#[test]
fn a_person_cannot_write_as_another_in_any_table() {
    let Some(t) = team("write_as_another") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    let before = rows_of(&t, bob);
    // In psql, the obvious try.
    let out = t.db.psql(
        ann,
        &format!("INSERT INTO tip (author, text, created_at) VALUES ('{bob}', 'hi from bob?', 1);"),
    );
    assert!(refused(&out).contains("row-level security"));
    // Every table, every way: a new row as bob, a profile for bob, and
    // turning one's own row into bob's.
    let mut client = t.db.client(ann);
    for (table, column, insert) in OWNED {
        let e = client
            .batch_execute(&insert.replace("{p}", bob))
            .expect_err(table);
        assert_eq!(sqlstate(&e), "42501", "{table}: {e:?}");
        let e = client
            .batch_execute(&format!(
                "UPDATE {table} SET {column} = '{bob}' WHERE {column} = '{ann}'"
            ))
            .expect_err(table);
        assert_eq!(sqlstate(&e), "42501", "{table}: {e:?}");
    }
    let e = client
        .batch_execute(&format!(
            "INSERT INTO person (handle, name, created_at) VALUES ('{bob}_2', 'Not Bob', 1)"
        ))
        .expect_err("person");
    assert_eq!(sqlstate(&e), "42501", "{e:?}");
    // Lessons, cards and the version are for admins only.
    for (table, sql) in [
        (
            "lesson",
            "INSERT INTO lesson (slug, title, minutes, lang, body, created_at, updated_at) VALUES ('x', 'x', 1, 'en', 'x', 1, 1)",
        ),
        (
            "card",
            "INSERT INTO card (lesson_id, ord, question, answer) SELECT max(id), 99, 'q', 'a' FROM lesson",
        ),
        ("schema_version", "UPDATE schema_version SET version = 1"),
    ] {
        let e = client.batch_execute(sql).expect_err(table);
        assert_eq!(sqlstate(&e), "42501", "{table}: {e:?}");
    }
    assert_eq!(rows_of(&t, bob), before);
}

#[test]
fn a_person_cannot_change_or_delete_what_others_wrote() {
    let Some(t) = team("change_others") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    let before = rows_of(&t, bob);
    // psql: updates and deletes of bob's rows find nothing to change.
    let out = t.db.psql(
        ann,
        &format!(
            "UPDATE tip SET text = 'changed' WHERE author = '{bob}' RETURNING id;
             DELETE FROM question WHERE author = '{bob}' RETURNING id;
             UPDATE person SET name = 'Bobby' WHERE handle = '{bob}' RETURNING handle;"
        ),
    );
    assert_eq!(ok(&out), "");
    let out = t.db.psql(ann, "TRUNCATE tip;");
    assert!(refused(&out).contains("permission denied"));
    // Every table: no row of bob's changes or goes.
    let mut client = t.db.client(ann);
    for (table, column, _) in OWNED {
        for sql in [
            format!("UPDATE {table} SET {column} = {column} WHERE {column} = '{bob}'"),
            format!("DELETE FROM {table} WHERE {column} = '{bob}'"),
        ] {
            let n = client.execute(sql.as_str(), &[]).expect(&sql);
            assert_eq!(n, 0, "{sql}");
        }
    }
    for table in ADMIN_ONLY {
        let e = client
            .batch_execute(&format!("DELETE FROM {table}"))
            .expect_err(table);
        assert_eq!(sqlstate(&e), "42501", "{table}: {e:?}");
    }
    assert_eq!(rows_of(&t, bob), before);
}

#[test]
fn the_asker_may_accept_an_answer_but_not_rewrite_it() {
    let Some(t) = team("accept_answer") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    let mut bob_client = t.db.client(bob);
    bob_client
        .batch_execute(&format!(
            "INSERT INTO answer (question_id, author, body, created_at)
             SELECT id, '{bob}', 'bob answers ann', 2 FROM question WHERE author = '{ann}'"
        ))
        .expect("bob answers ann's question");
    // ann accepts it and marks bob's pledge on her question as helped...
    let out = t.db.psql(
        ann,
        &format!(
            "UPDATE answer SET accepted = true WHERE author = '{bob}'
               AND question_id IN (SELECT id FROM question WHERE author = '{ann}') RETURNING body;"
        ),
    );
    assert_eq!(ok(&out), "bob answers ann");
    // ...but cannot put words in his mouth,
    let out = t.db.psql(
        ann,
        &format!("UPDATE answer SET body = 'ann wrote this' WHERE author = '{bob}';"),
    );
    assert!(refused(&out).contains("can only accept"), "{:?}", out);
    // nor accept answers to bob's own question.
    let out = t.db.psql(
        ann,
        &format!(
            "UPDATE answer SET accepted = true WHERE question_id IN
               (SELECT id FROM question WHERE author = '{bob}') RETURNING id;"
        ),
    );
    assert_eq!(ok(&out), "");
    let body: String = t
        .db
        .superuser()
        .query_one(
            "SELECT string_agg(body || ':' || accepted, ',' ORDER BY id) FROM leertuin.answer WHERE author = $1",
            &[bob],
        )
        .expect("answers")
        .get(0);
    assert_eq!(body, format!("answer of {bob}:false,bob answers ann:true"));
}

#[test]
fn a_question_others_answered_cannot_be_deleted_even_from_psql() {
    let Some(t) = team("keep_answered") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    t.db.client(bob)
        .batch_execute(&format!(
            "INSERT INTO answer (question_id, author, body, created_at)
             SELECT id, '{bob}', 'bob answers ann', 2 FROM question WHERE author = '{ann}'"
        ))
        .expect("bob answers ann's question");
    // ann, in psql as herself, tries the app's delete (a tombstone)...
    let tombstone = format!(
        "UPDATE question SET title = '', body = '', deleted_at = 5 WHERE author = '{ann}' RETURNING id;"
    );
    let out = t.db.psql(ann, &tombstone);
    assert!(refused(&out).contains("has answers by others"), "{:?}", out);
    // ...and the plain DELETE; both leave the question as it was.
    let out = t.db.psql(
        ann,
        &format!("DELETE FROM question WHERE author = '{ann}';"),
    );
    refused(&out);
    let kept: String = t
        .db
        .superuser()
        .query_one(
            "SELECT title || ':' || (deleted_at IS NULL) FROM leertuin.question WHERE author = $1",
            &[ann],
        )
        .expect("ann's question")
        .get(0);
    assert_eq!(kept, format!("question of {ann}:true"));
    // Her own answer on her own question never held it; once bob deletes
    // his answer, the question may go.
    let out = t.db.psql(
        bob,
        &format!("UPDATE answer SET body = '', deleted_at = 6 WHERE author = '{bob}' AND body = 'bob answers ann';"),
    );
    ok(&out);
    let out = t.db.psql(ann, &tombstone);
    assert!(!ok(&out).is_empty(), "ann deletes her question now");
}

/// Which of your answers a colleague has seen is theirs to know: the
/// candidates for "an answer to your question" (migration 0020) are written
/// by the one who answers and read and cleared by the asker alone.
#[test]
fn which_answers_you_have_seen_is_yours_alone() {
    let Some(t) = team("unseen_answers") else {
        return;
    };
    let (ann, bob, kiosk) = (&t.ann, &t.bob, &t.kiosk);
    let on_ann = format!("question_id IN (SELECT id FROM question WHERE author = '{ann}')");
    let rows_for_ann = || -> i64 {
        t.db.superuser()
            .query_one(
                "SELECT count(*) FROM leertuin.unseen_answer WHERE person = $1",
                &[ann],
            )
            .expect("count")
            .get(0)
    };
    assert_eq!(rows_for_ann(), 0);
    // bob answers ann's question as himself, and once more at the kiosk.
    let answer = |body: &str| {
        format!(
            "INSERT INTO answer (question_id, author, body, created_at)
             SELECT id, '{bob}', '{body}', 2 FROM question WHERE author = '{ann}';"
        )
    };
    ok(&t.db.psql(bob, &answer("bob answers ann")));
    ok(&t.db.psql(
        kiosk,
        &format!(
            "BEGIN; SELECT leertuin.act_for('{bob}'); {} COMMIT;",
            answer("and at the kiosk")
        ),
    ));
    assert_eq!(rows_for_ann(), 2);
    // ann reads hers; bob, the kiosk and the owner of the tables see none.
    let count = "SELECT count(*) FROM unseen_answer;";
    assert_eq!(ok(&t.db.psql(ann, count)), "2");
    for who in [bob, kiosk, &t.db.owner] {
        assert_eq!(ok(&t.db.psql(who, count)), "0", "{who}");
    }
    // bob can neither clear nor change them, nor add one that is not true.
    ok(&t.db.psql(bob, "DELETE FROM unseen_answer;"));
    let out = t.db.psql(bob, "UPDATE unseen_answer SET created_at = 0;");
    assert!(refused(&out).contains("permission denied"), "{out:?}");
    let forged = format!(
        "INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
         SELECT a.id, '{ann}', a.question_id, a.created_at FROM answer a
         WHERE a.author = '{bob}' AND a.body = 'answer of {bob}';"
    );
    assert!(refused(&t.db.psql(bob, &forged)).contains("row-level security"));
    // ...nor a true one filed under another question.
    let moved = format!(
        "INSERT INTO unseen_answer (answer_id, person, question_id, created_at)
         SELECT a.id, '{ann}', (SELECT max(id) FROM question WHERE author = '{bob}'), a.created_at
         FROM answer a WHERE a.author = '{bob}' AND a.body = 'bob answers ann';"
    );
    assert!(refused(&t.db.psql(bob, &moved)).contains("row-level security"));
    // nor move his answer away (the asker's row would be left behind).
    let out = t.db.psql(
        bob,
        &format!("UPDATE answer SET question_id = (SELECT max(id) FROM question WHERE author = '{bob}') WHERE author = '{bob}' AND {on_ann};"),
    );
    assert!(refused(&out).contains("stays on its question"), "{out:?}");
    assert_eq!(rows_for_ann(), 2);
    // Seen at the kiosk, for ann: her rows go, by her own seen mark.
    ok(&t.db.psql(
        kiosk,
        &format!(
            "BEGIN; SELECT leertuin.act_for('{ann}');
             INSERT INTO answer_seen (person, question_id, last_answer)
             SELECT '{ann}', question_id, max(id) FROM answer WHERE {on_ann} GROUP BY question_id
             ON CONFLICT (person, question_id) DO UPDATE SET last_answer = excluded.last_answer;
             COMMIT;"
        ),
    ));
    assert_eq!(rows_for_ann(), 0);
}

#[test]
fn the_team_counts_everyones_study_but_reads_nobodys() {
    let Some(t) = team("team_counts") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    t.db.client(bob)
        .batch_execute(&format!(
            "UPDATE lesson_done SET brought = 'work' WHERE person = '{bob}';
             UPDATE card_state SET phase = 'review', reps = 1, last_review = 1 WHERE person = '{bob}';"
        ))
        .expect("bob's study record");
    // From psql as ann: the table still shows her own row only...
    let out = t.db.psql(ann, "SELECT count(*) FROM lesson_done;");
    assert_eq!(ok(&out), "1");
    // ...while the counting functions count both of them,
    let out =
        t.db.psql(ann, "SELECT lessons_done, reviews FROM team_study();");
    assert_eq!(ok(&out), "2|2");
    let out = t.db.psql(
        ann,
        "SELECT coalesce(brought, '-'), n FROM team_reflections() ORDER BY 1;",
    );
    assert_eq!(ok(&out), "-|1\nwork|1");
    let out = t.db.psql(
        ann,
        "SELECT count(*), count(*) FILTER (WHERE phase = 'review') FROM team_cards();",
    );
    assert_eq!(ok(&out), "2|1");
    // and nothing they return is a text a person wrote or names anyone.
    let out = t.db.psql(
        ann,
        "SELECT t::text FROM team_study() t UNION ALL SELECT t::text FROM team_reflections() t
         UNION ALL SELECT t::text FROM team_cards() t;",
    );
    let all = ok(&out);
    for secret in ["reflection of", "card of", ann.as_str(), bob.as_str()] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
    // The role the functions run as is no way in for anyone.
    let out = t.db.psql(ann, "SET ROLE leertuin_counter;");
    assert!(refused(&out).contains("permission denied"), "{out:?}");
    let out = t.db.psql(&t.db.owner, "SET ROLE leertuin_counter;");
    assert!(refused(&out).contains("permission denied"), "{out:?}");
    // A kiosk with nobody logged in sees the team's numbers too.
    let out =
        t.db.psql(&t.kiosk, "SELECT lessons_done FROM team_study();");
    assert_eq!(ok(&out), "2");
    // And leertuin's Team view shows them: `insights --team` as ann.
    let home = tempfile::tempdir().expect("home");
    let url = t.db.url(ann);
    let out =
        t.db.leertuin(home.path(), &["--db", &url, "insights", "--team", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(view["lessons_done"], 2, "{view}");
    assert_eq!(view["cards_reviewed"], 2, "{view}");
    assert_eq!(view["cards"], 2, "{view}");
    let text = view.to_string();
    assert!(!text.contains("reflection of"), "{text}");
}

#[test]
fn an_anonymous_question_stores_no_author() {
    let Some(t) = team("anonymous") else {
        return;
    };
    let ann = &t.ann;
    let out = t.db.psql(
        ann,
        "INSERT INTO question (author, title, created_at) VALUES (NULL, 'who asks this?', 5);",
    );
    ok(&out);
    let row: String =
        t.db.superuser()
            .query_one(
                "SELECT q::text FROM leertuin.question q WHERE title = 'who asks this?'",
                &[],
            )
            .expect("question")
            .get(0);
    assert!(!row.contains(ann.as_str()), "{row}");
    let (author, via): (Option<String>, Option<String>) =
        t.db.superuser()
            .query_one(
                "SELECT author, via FROM leertuin.question WHERE title = 'who asks this?'",
                &[],
            )
            .map(|r| (r.get(0), r.get(1)))
            .expect("question");
    assert_eq!((author, via), (None, None));
}

#[test]
fn a_kiosk_acts_only_for_the_person_set_in_this_transaction() {
    let Some(t) = team("kiosk_acts") else {
        return;
    };
    let (ann, bob, kiosk) = (&t.ann, &t.bob, &t.kiosk);
    // With nobody set, the kiosk is nobody: it reads no private entries
    // and writes nothing, not even an anonymous question.
    let out = t.db.psql(
        kiosk,
        "SELECT coalesce(leertuin.actor(), 'nobody'), (SELECT count(*) FROM learned WHERE visibility = 'private');",
    );
    assert_eq!(ok(&out), "nobody|0");
    let out = t.db.psql(
        kiosk,
        "INSERT INTO question (author, title, created_at) VALUES (NULL, 'anyone?', 1);",
    );
    assert!(refused(&out).contains("row-level security"));

    // For ann, in one transaction: her private entries, her writes, with
    // the kiosk's name on them; still nothing as bob.
    let out = t.db.psql(
        kiosk,
        &format!(
            "BEGIN;
             SELECT leertuin.act_for('{ann}');
             SELECT string_agg(text, ',' ORDER BY text) FROM learned WHERE visibility = 'private';
             INSERT INTO tip (author, text, created_at) VALUES ('{ann}', 'via the kiosk', 2);
             INSERT INTO question (author, title, created_at) VALUES (NULL, 'asked at the kiosk', 2);
             COMMIT;"
        ),
    );
    assert_eq!(ok(&out), format!("private of {ann}"));
    let out = t.db.psql(
        kiosk,
        &format!(
            "BEGIN;
             SELECT leertuin.act_for('{ann}');
             INSERT INTO tip (author, text, created_at) VALUES ('{bob}', 'as bob', 2);
             COMMIT;"
        ),
    );
    assert!(refused(&out).contains("row-level security"));
    let mut su = t.db.superuser();
    let via: Vec<(String, Option<String>)> = su
        .query(
            "SELECT coalesce(author, '(anonymous)') || ': ' || coalesce(title, ''), via
             FROM (SELECT author, text AS title, via, created_at FROM leertuin.tip
                   UNION ALL SELECT author, title, via, created_at FROM leertuin.question) w
             WHERE created_at = 2 ORDER BY 1",
            &[],
        )
        .expect("rows")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        via,
        [
            (
                "(anonymous): asked at the kiosk".to_string(),
                Some(kiosk.clone())
            ),
            (format!("{ann}: via the kiosk"), Some(kiosk.clone())),
        ]
    );
    // ann's own writes carry no kiosk.
    let own: Option<String> = su
        .query_one(
            "SELECT via FROM leertuin.tip WHERE text = $1",
            &[&format!("tip of {ann}")],
        )
        .expect("own tip")
        .get(0);
    assert_eq!(own, None);

    // A new person registers at the kiosk (a badge): allowed for the
    // person set, and marked with the kiosk.
    let out = t.db.psql(
        kiosk,
        "BEGIN; SELECT leertuin.act_for('badge-42');
         INSERT INTO person (handle, name, created_at) VALUES ('badge-42', 'Henk', 3); COMMIT;
         SELECT handle || ' ' || via FROM person WHERE handle = 'badge-42';",
    );
    assert_eq!(ok(&out), format!("badge-42 {kiosk}"));
}

#[test]
fn what_a_kiosk_sets_never_outlives_its_transaction() {
    let Some(t) = team("kiosk_no_leak") else {
        return;
    };
    let (ann, kiosk) = (&t.ann, &t.kiosk);
    let who = "SELECT coalesce(leertuin.actor(), 'nobody');";
    // One psql session, so one connection throughout: the next transaction
    // acts for nobody.
    let out = t.db.psql(
        kiosk,
        &format!("BEGIN; SELECT leertuin.act_for('{ann}'); {who} COMMIT; {who}"),
    );
    assert_eq!(ok(&out), format!("{ann}\nnobody"));
    // Plain SET (not LOCAL), by hand: not trusted at all, now or later.
    let out = t.db.psql(
        kiosk,
        &format!(
            "SET leertuin.acting_for = '{ann}'; {who}
             BEGIN; SET LOCAL leertuin.acting_for = '{ann}'; {who} COMMIT;"
        ),
    );
    assert_eq!(ok(&out), "nobody\nnobody");
    // Even a stamp forged with a session-wide set_config dies with its
    // transaction.
    let out = t.db.psql(
        kiosk,
        &format!(
            "BEGIN;
             SELECT set_config('leertuin.acting_for', '{ann}', false) IS NOT NULL,
                    set_config('leertuin.acting_xact', leertuin.xact_stamp(), false) IS NOT NULL;
             {who} COMMIT; {who}
             INSERT INTO tip (author, text, created_at) VALUES ('{ann}', 'leaked?', 4);"
        ),
    );
    let err = refused(&out);
    assert!(err.contains("row-level security"), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("t|t\n{ann}\nnobody")
    );
    // Through a pooled connection (the postgres crate, one client): the
    // second transaction cannot write as ann.
    let mut client = t.db.client(kiosk);
    let mut tx = client.transaction().expect("tx");
    tx.execute("SELECT leertuin.act_for($1)", &[ann])
        .expect("act");
    tx.execute(
        "INSERT INTO tip (author, text, created_at) VALUES ($1, 'first', 4)",
        &[ann],
    )
    .expect("as ann");
    tx.commit().expect("commit");
    let e = client
        .execute(
            "INSERT INTO tip (author, text, created_at) VALUES ($1, 'second', 4)",
            &[ann],
        )
        .expect_err("no longer ann");
    assert_eq!(sqlstate(&e), "42501");

    // A person cannot act for someone else: not by the function, not by
    // setting the values by hand.
    let out = t.db.psql(ann, "SELECT leertuin.act_for('badge-42');");
    assert!(refused(&out).contains("only a kiosk login"));
    let out = t.db.psql(
        ann,
        "BEGIN; SELECT set_config('leertuin.acting_for', 'badge-42', true) IS NOT NULL,
                set_config('leertuin.acting_xact', leertuin.xact_stamp(), true) IS NOT NULL;
         SELECT leertuin.actor(); COMMIT;",
    );
    assert_eq!(ok(&out), format!("t|t\n{ann}"));
}

#[test]
fn a_deleted_post_comes_back_only_by_its_authors_restore() {
    let Some(t) = team("tombstone") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    let tip = format!("FROM tip WHERE author = '{ann}'");
    // ann deletes her tip the way leertuin does: a tombstone.
    let out = t.db.psql(
        ann,
        &format!(
            "UPDATE tip SET text = '', deleted_at = 9 WHERE author = '{ann}' RETURNING deleted_at;"
        ),
    );
    assert_eq!(ok(&out), "9");
    // A replayed edit, a revival that changes more than the text, or one
    // without text: refused, even to ann.
    for set in [
        "text = 'an old edit'",
        "text = 'back', deleted_at = NULL, created_at = 2",
        "text = 'back', deleted_at = NULL, tags = 'other'",
        "deleted_at = NULL",
    ] {
        let out = t.db.psql(
            ann,
            &format!("UPDATE tip SET {set} WHERE author = '{ann}';"),
        );
        assert!(refused(&out).contains("was deleted"), "{set}");
    }
    // bob does not even see it to change (row-level security), and the
    // superuser, who bypasses that, is no author either.
    let revive = format!("UPDATE tip SET text = 'back', deleted_at = NULL WHERE author = '{ann}'");
    let out = t.db.psql(bob, &format!("{revive};"));
    assert_eq!(ok(&out), "");
    assert!(t.db.superuser().batch_execute(&revive).is_err());
    let out =
        t.db.psql(ann, &format!("SELECT text = '' AND deleted_at = 9 {tip};"));
    assert_eq!(ok(&out), "t");
    // ann's own undo of the delete: the text back, nothing else changed.
    let out =
        t.db.psql(ann, &format!("{revive} RETURNING text, created_at;"));
    assert_eq!(ok(&out), "back|1");
}

/// A session looks in its own temporary schema first for a table, view or
/// type, unless a function names `pg_temp` last in its search_path
/// (migration 0021): temporary views named after the catalogue must not
/// make a person an admin, a kiosk no kiosk, or a forged stamp trusted.
#[test]
fn temporary_views_change_nothing_of_who_acts() {
    let Some(t) = team("temp_views") else {
        return;
    };
    let (ann, kiosk) = (&t.ann, &t.kiosk);
    let out = t.db.psql(
        ann,
        "CREATE TEMP VIEW pg_namespace AS
             SELECT 'leertuin'::name AS nspname, oid AS nspowner
             FROM pg_catalog.pg_roles WHERE rolname = current_user;
         SELECT leertuin.is_admin();",
    );
    assert_eq!(ok(&out), "f");
    let out = t.db.psql(
        kiosk,
        "CREATE TEMP VIEW pg_roles AS SELECT session_user::name AS rolname, true AS rolsuper;
         SELECT leertuin.is_kiosk() || ' ' || coalesce(leertuin.actor(), 'nobody');",
    );
    assert_eq!(ok(&out), "true nobody");
    let out = t.db.psql(
        kiosk,
        &format!(
            "CREATE TEMP VIEW pg_locks AS
                 SELECT 'virtualxid'::text AS locktype, pg_catalog.pg_backend_pid() AS pid,
                        'forged'::text AS virtualxid, 'forged'::text AS virtualtransaction;
             SELECT set_config('leertuin.acting_for', '{ann}', false) IS NOT NULL,
                    set_config('leertuin.acting_xact', 'forged', false) IS NOT NULL;
             SELECT coalesce(leertuin.actor(), 'nobody');"
        ),
    );
    assert_eq!(ok(&out), "t|t\nnobody");
}
