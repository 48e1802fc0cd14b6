//! Imported know-how in the real pane, in tmux: a tldr tree brought in with
//! `knowhow import tldr`, then the pane opened beside a pane running that
//! tool, at 80 and at 40 columns. For you shows the tool's example under
//! its heading, marked `tldr`, and its detail says where it came from.

mod tmux_support;

use std::fs;
use std::path::Path;

use tmux_support::{Home, Tmux, quoted, tmux_or_skip};

/// A command named `frob` that just waits: a link to `sleep`, so tmux
/// reports "frob" as the pane's current command.
fn fake_frob(dir: &Path) -> String {
    let sleep = ["/bin/sleep", "/usr/bin/sleep"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("sleep binary");
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).expect("bin dir");
    let link = bin.join("frob");
    std::os::unix::fs::symlink(sleep, &link).expect("symlink");
    link.display().to_string()
}

/// A made-up tldr tree: one page about `frob`, in English and Dutch.
fn tree(root: &Path) {
    for (folder, text) in [
        (
            "pages/common",
            "# frob\n\n> Frobs files.\n\n- [c]ompact a frob file:\n\n`frob {{[-c|--compact]}} {{path/to/file}}`\n",
        ),
        (
            "pages.nl/common",
            "# frob\n\n> Frobt bestanden.\n\n- Maak een frob-bestand [k]leiner:\n\n`frob {{[-c|--compact]}} {{pad/naar/bestand}}`\n",
        ),
    ] {
        let dir = root.join(folder);
        fs::create_dir_all(&dir).expect("pages dir");
        fs::write(dir.join("frob.md"), text).expect("page");
    }
}

/// Opens the pane `width` columns wide beside a pane running frob, waits
/// for For you to show frob's example under `heading`, goes to it and
/// opens it; returns the list and the detail as shown.
fn beside_frob(
    home: &Home,
    frob: &str,
    width: u16,
    lang: &str,
    heading: &str,
    title: &str,
) -> (String, String) {
    let tmux = Tmux::start(width * 2 + 1, 30, &format!("exec {} 600", quoted(frob)));
    let leertuin = home.shell("mia", &[]);
    let command = leertuin.replacen("exec env ", &format!("exec env LEERTUIN_LANG={lang} "), 1);
    let pane = tmux.ok(&[
        "split-window",
        "-h",
        "-l",
        &width.to_string(),
        "-t",
        "s",
        "-P",
        "-F",
        "#{pane_id}",
        &command,
    ]);
    let list = tmux.wait_for(&pane, heading);
    let rows: Vec<&str> = list.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains(heading))
        .expect("heading");
    assert!(
        rows[at + 1].contains(title),
        "frob's example right under the heading:\n{list}"
    );
    // The cursor stays where it was when the heading came: go to the top.
    tmux.keys(&pane, &["Home", "Enter"]);
    let detail = tmux.wait_for(&pane, "CC BY 4.0");
    tmux.keys(&pane, &["q"]);
    (list, detail)
}

#[test]
fn an_imported_example_shows_beside_its_tool_with_its_source() {
    if !tmux_or_skip("an_imported_example_shows_beside_its_tool_with_its_source") {
        return;
    }
    let home = Home::new();
    let root = home.path().join("tldr");
    tree(&root);
    let out = home.ok(
        "mia",
        &["knowhow", "import", "tldr", root.to_str().unwrap()],
    );
    assert!(out.contains("tldr-pages en: 1 added"), "{out}");
    let frob = fake_frob(home.path());

    let (list, detail) = beside_frob(&home, &frob, 80, "en", "For frob", "compact a frob file:");
    assert!(list.lines().all(|l| l.chars().count() <= 80), "{list}");
    assert!(detail.contains("frob --compact path/to/file"), "{detail}");
    assert!(detail.contains("tldr · for frob"), "marked tldr:\n{detail}");
    assert!(detail.contains("tldr-pages, CC BY 4.0"), "{detail}");
    assert!(detail.contains("common/frob"), "{detail}");

    // At 40 columns, in Dutch: the Dutch page.
    let (list, detail) = beside_frob(&home, &frob, 40, "nl", "Voor frob", "Maak een frob");
    assert!(list.lines().all(|l| l.chars().count() <= 40), "{list}");
    assert!(
        detail.contains("frob --compact pad/naar/bestand"),
        "{detail}"
    );
    assert!(detail.contains("tldr · "), "marked tldr:\n{detail}");
    assert!(detail.contains("common/frob"), "{detail}");
}
