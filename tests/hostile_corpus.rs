//! A corpus of terminal attacks fed through every input route, and every
//! output route scanned for what came from it (issue 12): CSI, OSC (BEL- and
//! ST-ended, and never ended), DCS, APC, PM, SOS, their 8-bit C1 forms,
//! bidi overrides, NUL and invalid UTF-8. Input: `add` (argument and
//! standard input), `--context`, `answer`, `me --name`, `lessons done
//! --reflection`, `import`, `lessons import` (file text and file name).
//! Output: every CLI text and `--json`, `export`, and the bytes the pane
//! writes in tmux (pipe-pane).

mod common;
mod tmux_support;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use common::Sandbox;
use tmux_support::{Home, Tmux, tmux_or_skip};

/// Each attack, wrapped in a marker word so what is left of it can be found.
const CORPUS: &[&str] = &[
    "csi \u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{1b}[21t end",
    "osc52 \u{1b}]52;c;ZXZpbA==\u{7} end",
    "title \u{1b}]0;owned\u{1b}\\ end",
    "link \u{1b}]8;;http://evil\u{1b}\\click\u{1b}]8;;\u{1b}\\ end",
    "dcs \u{1b}P1$r\u{1b}\\ end",
    "apc \u{1b}_Gpayload\u{1b}\\ end",
    "pm \u{1b}^pm\u{1b}\\ end",
    "sos \u{1b}Xsos\u{1b}\\ end",
    "c1 \u{9b}2J \u{9d}0;t\u{9c} \u{90}d\u{9c} \u{9f}a\u{9c} \u{85}nel end",
    "bidi \u{202e}txet\u{202c} \u{2066}iso\u{2069} \u{200f}mark end",
    "nul a\u{0}b \u{7}bell \u{8}bs \u{7f}del end",
    "open osc \u{1b}]0;the rest must stay",
];

/// Bytes that must never reach a terminal from input: ESC, the UTF-8 form
/// of a C1 control, and the bidi controls.
fn hostile_bytes(bytes: &[u8]) -> Option<String> {
    if bytes.contains(&0x1b) {
        return Some("ESC".into());
    }
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .find(|c| {
            ('\u{80}'..='\u{9f}').contains(c)
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
                || (*c != '\n' && *c != '\t' && c.is_control())
        })
        .map(|c| format!("{c:?}"))
}

fn assert_clean(what: &str, bytes: &[u8]) {
    if let Some(found) = hostile_bytes(bytes) {
        panic!("{what}: {found} in {:?}", String::from_utf8_lossy(bytes));
    }
    // JSON escapes control characters; an escaped ESC or C1 is stored text.
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    for escaped in ["\\u001b", "\\u009b", "\\u009d", "\\u0000", "\\u0007"] {
        assert!(!text.contains(escaped), "{what}: {escaped} in {text}");
    }
}

/// An argument or file name cannot hold NUL: those routes get the rest.
fn arg(attack: &str) -> String {
    attack.replace('\0', "")
}

fn fill(s: &Sandbox) {
    for (i, raw) in CORPUS.iter().enumerate() {
        let attack = &arg(raw);
        s.ok(&["add", "tip", attack, "--context", attack]);
        s.ok(&["add", "learned", &format!("{attack} #{i}")]);
        s.ok(&["add", "question", &format!("q{i} {attack}\n{attack}")]);
        s.ok(&["answer", &format!("q{}", i + 1), attack]);
        // The same through standard input.
        let out = s
            .cmd()
            .args(["add", "tip", "-"])
            .write_stdin(raw.as_bytes())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    s.ok(&["me", "--name", CORPUS[1]]);
    s.ok(&["lessons", "done", "l1", "--reflection", CORPUS[0]]);
}

#[test]
fn no_route_in_lets_an_escape_out() {
    let s = Sandbox::new();
    fill(&s);
    let outputs: Vec<Vec<&str>> = vec![
        vec!["list", "--limit", "200"],
        vec!["list", "--limit", "200", "--json"],
        vec!["list", "tips", "--limit", "200"],
        vec!["show", "t1"],
        vec!["show", "t1", "--json"],
        vec!["show", "q2"],
        vec!["show", "q2", "--json"],
        vec!["show", "n12"],
        vec!["search", "end"],
        vec!["search", "end", "--json"],
        vec!["me"],
        vec!["me", "--json"],
        vec!["team"],
        vec!["team", "--json"],
        vec!["insights"],
        vec!["insights", "--json"],
        vec!["export"],
    ];
    for args in &outputs {
        let out = s.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    // Cleaning keeps what is not part of a sequence, even after an open OSC.
    let tips = s.ok(&["list", "tips", "--limit", "200"]);
    assert!(tips.contains("open osc 0;the rest must stay"), "{tips}");
    assert!(tips.contains("csi red"), "{tips}");
    assert!(
        !tips.contains("ZXZpbA=="),
        "an OSC 52 payload survived: {tips}"
    );
}

#[test]
fn hostile_imports_are_refused_and_their_errors_are_clean() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "plain"]);
    let good = s.export();
    let fresh = s.path().join("fresh.db");
    for (i, attack) in CORPUS.iter().enumerate() {
        let json_text = serde_json::to_string(attack).unwrap();
        let json_text = &json_text[1..json_text.len() - 1];
        for (field, from) in [
            ("text", "\"plain\""),
            ("name", "\"name\": \"ann\""),
            ("lang", "\"lang\": \"en\""),
        ] {
            let to = match field {
                "text" => format!("\"{json_text}\""),
                "name" => format!("\"name\": \"{json_text}\""),
                _ => format!("\"lang\": \"{json_text}\""),
            };
            let doc = good.replacen(from, &to, 1);
            assert_ne!(doc, good, "{field}");
            let file = s.path().join(format!("evil-{i}-{field}.json"));
            std::fs::write(&file, doc).unwrap();
            for merge in [false, true] {
                let mut cmd = s.cmd();
                cmd.env("LEERTUIN_DB", &fresh).arg("import");
                if merge {
                    cmd.arg("--merge");
                }
                let out = cmd.arg(&file).output().unwrap();
                assert_eq!(out.status.code(), Some(2), "{field} {attack:?}: {out:?}");
                assert_clean("import stderr", &out.stderr);
                assert_clean("import stdout", &out.stdout);
            }
        }
    }
    // Nothing of it was stored.
    let mut cmd = s.cmd();
    let out = cmd
        .env("LEERTUIN_DB", &fresh)
        .arg("export")
        .output()
        .unwrap();
    assert_clean("export after refused imports", &out.stdout);
}

#[test]
fn hostile_lesson_files_and_names_are_cleaned() {
    let s = Sandbox::new();
    let dir = s.path().join("lessons");
    std::fs::create_dir(&dir).unwrap();
    for (i, attack) in CORPUS.iter().enumerate() {
        let title = attack.replace('\\', "\\\\").replace('"', "\\\"");
        let file = format!(
            "+++\ntitle = \"{title}\"\nminutes = 2\n+++\n{attack}\n\n## Check\nQ: {attack}\nA: {attack}\n"
        );
        std::fs::write(dir.join(format!("lesson-{i}.md")), file).unwrap();
        // A broken file whose name is the attack: its error quotes the name.
        let name = format!("{}-{i}.md", arg(attack).replace('/', "_"));
        std::fs::write(dir.join(name), "broken").unwrap();
    }
    // And a name that is not UTF-8 at all.
    std::fs::write(dir.join(OsStr::from_bytes(b"bad-\xff\x1b[2J.md")), "broken").unwrap();
    let out = s
        .cmd()
        .args(["lessons", "import"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the broken files are skipped");
    assert_clean("lessons import stderr", &out.stderr);
    assert_clean("lessons import stdout", &out.stdout);
    for args in [
        vec!["list", "lessons", "--limit", "100"],
        vec!["list", "lessons", "--limit", "100", "--json"],
        vec!["export"],
    ] {
        let out = s.cmd().args(&args).output().unwrap();
        assert_clean(&format!("{args:?}"), &out.stdout);
    }
}

#[test]
fn invalid_utf8_and_escapes_in_arguments_give_clean_errors() {
    let s = Sandbox::new();
    let bad = OsStr::from_bytes(b"tip \xff\xfe \x1b]0;x\x07 \xc2\x9b2J");
    for args in [
        vec![OsStr::new("add"), OsStr::new("tip"), bad],
        vec![OsStr::new("show"), bad],
        vec![OsStr::new("list"), OsStr::new("--tag"), bad],
        vec![bad],
        vec![OsStr::new("--db"), bad, OsStr::new("doctor")],
    ] {
        let out = s.cmd().args(&args).output().unwrap();
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
    }
    // Standard input that is not UTF-8: refused in one line, nothing stored.
    let out = s
        .cmd()
        .args(["add", "tip", "-"])
        .write_stdin(&b"abc \xff\x1b[2J"[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean("stdin not UTF-8", &out.stderr);
}

#[test]
fn the_pane_writes_no_escape_that_came_from_input() {
    if !tmux_or_skip("the_pane_writes_no_escape_that_came_from_input") {
        return;
    }
    let home = Home::new();
    for raw in CORPUS {
        let attack = &arg(raw);
        home.ok("ann", &["add", "tip", attack, "-t", "hostile"]);
        home.ok("ann", &["add", "question", &format!("{attack}\n{attack}")]);
        home.ok("ann", &["add", "learned", attack]);
    }
    home.ok("ann", &["me", "--name", CORPUS[1], "--wants", "hostile"]);
    // The pane starts once the pipe is in place, so its first frame is recorded too.
    let go = home.path().join("go");
    let log = home.path().join("pane.bytes");
    let pane = home.shell("ann", &[]);
    let command = format!(
        "while [ ! -e {go} ]; do sleep 0.05; done; {pane}",
        go = tmux_support::quoted(&go.display().to_string())
    );
    for width in [80u16, 40] {
        let tmux = Tmux::start(width, 24, &command);
        tmux.ok(&[
            "pipe-pane",
            "-t",
            "s",
            "-o",
            &format!(
                "cat >> {}",
                tmux_support::quoted(&log.display().to_string())
            ),
        ]);
        std::fs::write(&go, "").unwrap();
        tmux.wait_for("s", "end");
        // Every tab, and the detail of the newest item in each list.
        for tab in ["2", "3", "4", "5", "6", "7"] {
            tmux.keys("s", &[tab]);
            tmux.keys("s", &["Enter"]);
            tmux.keys("s", &["Escape"]);
        }
        tmux.keys("s", &["4"]);
        tmux.wait_for("s", "rest must stay");
        std::fs::remove_file(&go).unwrap();
        drop(tmux);
    }
    let bytes = std::fs::read(&log).unwrap();
    assert!(!bytes.is_empty(), "pipe-pane recorded nothing");
    // The pane draws with its own CSI sequences (cursor, colours); what came
    // from input would be another kind of sequence or a C1/bidi character.
    let text = String::from_utf8_lossy(&bytes);
    for introducer in [
        "\u{1b}]",
        "\u{1b}P",
        "\u{1b}_",
        "\u{1b}^",
        "\u{1b}X",
        "\u{1b}[21t",
        "\u{1b}[2J\u{1b}[31mred",
    ] {
        assert!(
            !text.contains(introducer),
            "{introducer:?} reached the terminal"
        );
    }
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200f}')),
        "a C1 or bidi control reached the terminal"
    );
    assert!(
        !text.contains("ZXZpbA=="),
        "an OSC 52 payload reached the screen"
    );
}

#[test]
fn config_values_with_escapes_give_clean_errors() {
    let s = Sandbox::new();
    let config = s.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&config).unwrap();
    for toml in [
        "db = \"/tmp/x\\u001b]0;owned\\u0007.db\"\n",
        "lang = \"nl\\u001b[2J\"\n",
        "\"\\u001b[2Jkey\" = 1\n",
        "[kiosk]\nidle_timeout = \"\\u009b2J\"\n",
        "[keys]\n\"\\u001b]52;c;eA==\\u0007\" = \"quit\"\n",
    ] {
        std::fs::write(config.join("config.toml"), toml).unwrap();
        for args in [vec!["list"], vec!["kiosk"], vec!["doctor"]] {
            let out = s
                .cmd()
                .env_remove("LEERTUIN_DB")
                .args(&args)
                .output()
                .unwrap();
            assert_clean(&format!("{toml:?} {args:?} stderr"), &out.stderr);
            assert_clean(&format!("{toml:?} {args:?} stdout"), &out.stdout);
        }
    }
}
