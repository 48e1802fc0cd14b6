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
