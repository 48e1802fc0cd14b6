//! Hostile text and hostile files (issue 12): escape sequences in a backup
//! or a lesson folder's file names, folders that loop or block, files that
//! never end, item-by-item import, and the small misleading messages.

mod common;

use std::path::Path;
use std::process::Output;

use common::Sandbox;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn run(s: &Sandbox, args: &[&str]) -> Output {
    s.cmd().args(args).output().expect("run leertuin")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No byte of ESC or a C1 control (in its UTF-8 form) in what we print.
fn assert_no_escapes(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what}: ESC in {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "{what}: C1 control in {text:?}"
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// A backup with one tip, by ann, to edit into bad shapes.
fn backup_with_a_tip(s: &Sandbox) -> String {
    s.ok(&["add", "tip", "a tip by ann", "--context", "kubectl"]);
    s.export()
}

#[test]
fn import_refuses_an_escape_in_a_lessons_language_and_names_the_lesson() {
    let s = Sandbox::new();
    let good = backup_with_a_tip(&s);
    let evil = good.replacen(
        "\"lang\": \"en\"",
        "\"lang\": \"en\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\"",
        1,
    );
    assert_ne!(good, evil);
    let file = s.path().join("evil.json");
    write(&file, &evil);
    let fresh = s.path().join("fresh.db");
    let out = s
        .cmd()
        .env("LEERTUIN_DB", &fresh)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("l1: "), "the lesson is named: {err}");
    assert!(err.contains("language"), "{err}");
    assert_no_escapes("import error", &out.stderr);
}

#[test]
fn import_errors_name_the_item_and_its_reason() {
    let s = Sandbox::new();
    let good = backup_with_a_tip(&s);
    let bad = good.replace("\"context\": \"kubectl\"", "\"context\": \"Kubectl\"");
    let file = s.path().join("bad.json");
    write(&file, &bad);
    let fresh = s.path().join("fresh.db");
    let out = s
        .cmd()
        .env("LEERTUIN_DB", &fresh)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("t1: context"), "{err}");
}

#[test]
fn export_keeps_the_milliseconds_of_round_times() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "on the second"]);
    s.sql()
        .execute_batch("UPDATE tip SET created_at = 1700000000000")
        .unwrap();
    let doc = json(&s.export());
    assert_eq!(doc["tips"][0]["created_at"], "2023-11-14T22:13:20.000Z");
    let listed = json(&s.ok(&["list", "tips", "--json"]));
    assert_eq!(listed[0]["created_at"], "2023-11-14T22:13:20.000Z");
}

#[test]
fn merge_adds_item_by_item_and_reports_each_rejected_one() {
    // The other team's database: two tips, a question with an answer, one bad tip.
    let other = Sandbox::new();
    other.ok(&["add", "tip", "their first tip"]);
    other
        .cmd_as("bram")
        .args(["add", "tip", "bram's tip", "-t", "sql"])
        .assert()
        .success();
    other.ok(&["add", "question", "Where is the key?"]);
    other
        .cmd_as("bram")
        .args(["answer", "q1", "In the blue box"])
        .assert()
        .success();
    other.ok(&["add", "tip", "a tip that will be edited"]);
    let doc = other
        .export()
        .replace("a tip that will be edited", "a tip \\u001b[2J that clears");
    let file = other.path().join("other.json");
    write(&file, &doc);

    // Ours already has content, with ids t1 and q1 taken.
    let s = Sandbox::new();
    s.ok(&["add", "tip", "our own tip"]);
    s.ok(&["add", "question", "Our own question?"]);
    let before = s.export();

    let plain = run(&s, &["import", file.to_str().unwrap()]);
    assert_eq!(plain.status.code(), Some(2));
    assert!(
        stderr(&plain).contains("import --merge"),
        "{}",
        stderr(&plain)
    );
    assert_eq!(s.export(), before, "a refused import changed nothing");

    let out = run(&s, &["import", "--merge", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a rejected item: exit 2");
    let err = stderr(&out);
    assert!(err.contains("t3: tip") || err.contains("t3: "), "{err}");
    assert!(err.contains("control characters"), "{err}");
    assert_no_escapes("merge report", &out.stderr);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("t1 is now t"), "{said}");

    let tips = json(&s.ok(&["list", "tips", "--json"]));
    let texts: Vec<&str> = tips
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"our own tip")
            && texts.contains(&"their first tip")
            && texts.contains(&"bram's tip"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("clears")), "{texts:?}");
    let bram = tips
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"] == "bram's tip")
        .unwrap();
    assert_eq!(bram["author"], "bram", "authors are kept");
    let q = json(&s.ok(&["list", "questions", "--json"]));
    let theirs = q
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["title"] == "Where is the key?")
        .unwrap();
    assert_ne!(theirs["id"], "q1", "q1 was taken here");
    assert_eq!(theirs["answers"][0]["body"], "In the blue box");
    assert_eq!(theirs["answers"][0]["author"], "bram");

    // Merging the same file again adds nothing twice.
    let once = s.export();
    let again = run(&s, &["import", "--merge", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "the bad tip is still bad");
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added"));
    assert_eq!(s.export(), once);
}

#[test]
fn merge_of_a_clean_file_exits_zero() {
    let other = Sandbox::new();
    other.ok(&["add", "learned", "clean entry"]);
    let file = other.path().join("o.json");
    write(&file, &other.export());
    let s = Sandbox::new();
    s.ok(&["add", "learned", "mine"]);
    let out = s.ok(&["import", "--merge", file.to_str().unwrap()]);
    assert!(out.contains("0 left out"), "{out}");
    assert_eq!(
        json(&s.ok(&["list", "learned", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn import_of_endless_or_huge_input_is_bounded() {
    let s = Sandbox::new();
    let zero = run(&s, &["import", "/dev/zero"]);
    assert_eq!(zero.status.code(), Some(2), "{zero:?}");
    assert_eq!(stderr(&zero).trim_end().lines().count(), 1);
    // A sparse file over the limit: refused by its size, before reading.
    let huge = s.path().join("huge.json");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len((1 << 30) + 1).unwrap();
    let err = s.usage_error(&["import", huge.to_str().unwrap()]);
    assert!(err.contains("1024 MiB"), "{err}");
    let folder = s.usage_error(&["import", s.path().to_str().unwrap()]);
    assert!(folder.contains("folder"), "{folder}");
}

fn lesson(title: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nminutes = 2\n+++\nBody.\n")
}

#[test]
fn lessons_import_survives_a_hostile_folder() {
    let s = Sandbox::new();
    let dir = s.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    write(&dir.join("good.md"), &lesson("A good one"));
    // Two links to the folder itself: a loop.
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("and-again")).unwrap();
    // A FIFO named like a lesson: opening it for reading would block.
    let fifo = dir.join("x.md");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    // A link to an endless device.
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.md")).unwrap();
    // A lesson over the size limit.
    write(
        &dir.join("big.md"),
        &(lesson("Big") + &"x".repeat(300 * 1024)),
    );
    // A file name that carries an escape sequence, with a broken body.
    write(
        &dir.join("evil\u{1b}]0;pwned\u{7}\u{1b}[2J.md"),
        "no front matter",
    );

    let out = s
        .cmd()
        .args(["lessons", "import"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert_no_escapes("lessons import errors", &out.stderr);
    assert!(err.contains("x.md:1: not a regular file"), "{err}");
    assert!(err.contains("zero.md:1: not a regular file"), "{err}");
    assert!(err.contains("big.md:1: larger than 256 KiB"), "{err}");
    assert!(err.contains("evil.md:1: expected"), "{err}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("1 added") && said.contains("4 skipped"),
        "{said}"
    );

    // A FIFO given by name is skipped too, not waited on.
    let direct = s
        .cmd()
        .args(["lessons", "import"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(2));
    assert!(stderr(&direct).contains("not a regular file"));
}

#[test]
fn an_unterminated_osc_keeps_the_text_after_it() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "before \u{1b}]0;after the OSC"]);
    let tips = json(&s.ok(&["list", "tips", "--json"]));
    assert_eq!(tips[0]["text"], "before 0;after the OSC");
}

#[test]
fn a_huge_idle_timeout_is_refused_in_one_line() {
    let s = Sandbox::new();
    let err = s.usage_error(&["kiosk", "--idle-timeout", "18446744073709551615"]);
    assert!(
        err.contains("--idle-timeout") && err.contains("86400"),
        "{err}"
    );
    let config = s.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&config).unwrap();
    write(
        &config.join("config.toml"),
        "[kiosk]\nidle_timeout = 9223372036854775807\n",
    );
    let err = s.usage_error(&["kiosk"]);
    assert!(err.contains("idle_timeout"), "{err}");
}

#[test]
fn missing_arguments_are_named() {
    let s = Sandbox::new();
    let err = s.usage_error(&["answer", "q1"]);
    assert!(err.contains("<TEXT>"), "{err}");
    let err = s.usage_error(&["add"]);
    assert!(err.contains("<KIND>"), "{err}");
}

#[test]
fn usage_errors_that_quote_input_are_cleaned() {
    let s = Sandbox::new();
    let out = run(&s, &["frobnicate\u{1b}]0;x\u{7}\u{9b}2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert_no_escapes("clap error", &out.stderr);
    let out = run(&s, &["show", "q\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert_no_escapes("bad id", &out.stderr);
}

#[test]
fn an_empty_filtered_list_says_which_filter_matched_nothing() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "something", "-t", "bash"]);
    let out = run(&s, &["list", "questions", "--tag", "sql"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("Questions") && err.contains("#sql"), "{err}");
    assert!(!err.contains("nothing here yet"), "{err}");
    let nl = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["list", "--tag", "sql"])
        .output()
        .unwrap();
    assert!(
        stderr(&nl).contains("niets heeft de tag #sql"),
        "{}",
        stderr(&nl)
    );
}

#[test]
fn a_second_reflection_does_not_silently_replace_the_first() {
    let s = Sandbox::new();
    s.ok(&["lessons", "done", "l1", "--reflection", "I ask better now"]);
    let err = s.usage_error(&["lessons", "done", "l1", "--reflection", "something else"]);
    assert!(
        err.contains("I ask better now") && err.contains("--replace"),
        "{err}"
    );
    let done = |s: &Sandbox| json(&s.export())["lessons_done"][0]["reflection"].clone();
    assert_eq!(done(&s), "I ask better now");
    s.ok(&["lessons", "done", "l1"]);
    assert_eq!(done(&s), "I ask better now");
    s.ok(&[
        "lessons",
        "done",
        "l1",
        "--reflection",
        "something else",
        "--replace",
    ]);
    assert_eq!(done(&s), "something else");
}
