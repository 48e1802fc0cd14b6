//! The pane follows the work: with kubectl running in the neighbouring tmux
//! pane, For you shows what colleagues know about kubectl first, under
//! "For kubectl". The real `tmux list-panes` call, end to end.

mod tmux_support;

use std::path::Path;

use tmux_support::{Home, Tmux, quoted, tmux_or_skip};

/// A command named `kubectl` that just waits: a link to `sleep`, so tmux
/// reports "kubectl" as the pane's current command.
fn fake_kubectl(dir: &Path) -> String {
    let sleep = ["/bin/sleep", "/usr/bin/sleep"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("sleep binary");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    let link = bin.join("kubectl");
    std::os::unix::fs::symlink(sleep, &link).expect("symlink");
    link.display().to_string()
}

#[test]
fn for_you_ranks_kubectl_tips_first_when_kubectl_runs_next_door() {
    if !tmux_or_skip("for_you_ranks_kubectl_tips_first_when_kubectl_runs_next_door") {
        return;
    }
    let home = Home::new();
    let kubectl_tip = home.ok(
        "bob",
        &[
            "add",
            "tip",
            "kubectl rollout undo brings the last deployment back",
            "-t",
            "kubectl",
        ],
    );
    // Newer items, which would otherwise come first.
    for text in [
        "Label printer: hold feed for 5 s",
        "The wrapper jams when it is cold",
        "Coffee machine: descale on Fridays",
    ] {
        home.ok("bob", &["add", "tip", text, "-t", "floor"]);
    }

    let kubectl = fake_kubectl(home.path());
    let tmux = Tmux::start(100, 30, &format!("exec {} 600", quoted(&kubectl)));
    let pane = tmux.ok(&[
        "split-window",
        "-h",
        "-t",
        "s",
        "-P",
        "-F",
        "#{pane_id}",
        &home.shell("mia", &[]),
    ]);
    // Sanity: tmux sees the neighbour as kubectl.
    let panes = tmux.ok(&["list-panes", "-t", "s", "-F", "#{pane_current_command}"]);
    assert!(panes.contains("kubectl"), "{panes}");

    let screen = tmux.wait_for(&pane, "For kubectl");
    let rows: Vec<&str> = screen.lines().collect();
    let heading = rows
        .iter()
        .position(|r| r.contains("For kubectl"))
        .expect("heading");
    assert!(
        rows[heading + 1].contains(&kubectl_tip),
        "the kubectl tip right under the heading:\n{screen}"
    );
    assert!(screen.contains("More for you"), "{screen}");
    tmux.keys(&pane, &["q"]);
}

/// Issue 11.8: a tool started next door while someone reads reorders For
/// you, but the cursor stays on the item they are on.
#[test]
fn a_tool_started_next_door_never_moves_the_cursor() {
    if !tmux_or_skip("a_tool_started_next_door_never_moves_the_cursor") {
        return;
    }
    let home = Home::new();
    home.ok(
        "bob",
        &[
            "add",
            "tip",
            "kubectl get events shows why",
            "-t",
            "kubectl",
        ],
    );
    for n in 1..=5 {
        home.ok(
            "bob",
            &[
                "add",
                "tip",
                &format!("Floor tip number {n}"),
                "-t",
                "floor",
            ],
        );
    }
    let kubectl = fake_kubectl(home.path());
    // The work pane is a shell, so kubectl starts only when asked.
    let tmux = Tmux::start(100, 30, "env PS1='work> ' sh");
    let pane = tmux.ok(&[
        "split-window",
        "-h",
        "-t",
        "s",
        "-P",
        "-F",
        "#{pane_id}",
        &home.shell("mia", &[]),
    ]);
    tmux.wait_for(&pane, "Floor tip number 5");
    tmux.keys(&pane, &["Down", "Down", "Down"]);
    // The marker of the selected row, on the item that is read.
    let reading = |screen: &str| {
        screen
            .lines()
            .find_map(|l| l.split_once("> ").map(|(_, rest)| rest.to_string()))
            .unwrap_or_default()
    };
    let before = tmux_support::eventually("the cursor on the fourth row", || {
        let r = reading(&tmux.screen(&pane));
        r.contains("number 2").then_some(r)
    });
    tmux.type_text("s.0", &format!("exec {} 600", quoted(&kubectl)));
    tmux.keys("s.0", &["Enter"]);
    let screen = tmux.wait_for(&pane, "For kubectl");
    assert_eq!(reading(&screen), before, "{screen}");
    tmux.keys(&pane, &["q"]);
}
