//! The keys `leertuin tmux` binds, pressed in a real tmux by a person at a
//! terminal (a client attached to the work server): the pane key opens one
//! learning pane and then toggles between it and the work; the capture
//! popup speaks the profile's language, shows every field at 80×24 and
//! says in the status line what became of the text; and a process whose
//! name is shell code is only ever data.

mod tmux_support;

use tmux_support::{Home, Tmux, eventually, tmux_or_skip};

/// The work server running `work`, with the configuration `leertuin
/// [global] tmux` prints loaded, and a client attached to it at `w`×`h`.
fn work_and_client(
    home: &Home,
    work: &str,
    extra_env: &[(&str, &str)],
    global: &[&str],
    w: u16,
    h: u16,
) -> (Tmux, Tmux) {
    let mut env = home.env("ann");
    env.extend(
        extra_env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let server = Tmux::start_with_env(w, h, work, &env);
    let conf = home.path().join("leertuin.tmux.conf");
    let args = [global, &["tmux"]].concat();
    std::fs::write(&conf, home.ok("ann", &args)).expect("conf");
    server.ok(&["source-file", &conf.display().to_string()]);
    let client = Tmux::start(
        w,
        h,
        &format!("exec env -u TMUX tmux -L {} attach -t s", server.socket()),
    );
    client.wait_for("s", "[s] 0:");
    (server, client)
}

/// Pane id, active flag and @leertuin mark of each pane of the window.
fn panes(server: &Tmux) -> Vec<(String, bool, bool)> {
    server
        .ok(&[
            "list-panes",
            "-t",
            "s",
            "-F",
            "#{pane_id} #{pane_active} #{@leertuin}",
        ])
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].to_string(),
                f.get(1) == Some(&"1"),
                f.get(2) == Some(&"1"),
            )
        })
        .collect()
}

fn active(server: &Tmux) -> String {
    server.ok(&["display-message", "-p", "-t", "s", "#{pane_id}"])
}

#[test]
fn the_pane_key_opens_one_pane_and_then_toggles_between_it_and_the_work() {
    if !tmux_or_skip("the_pane_key_opens_one_pane_and_then_toggles_between_it_and_the_work") {
        return;
    }
    let home = Home::new();
    let (server, client) = work_and_client(&home, "sleep 600", &[], &[], 100, 30);
    let work = active(&server);
    client.keys("s", &["C-b", "g"]);
    let pane = eventually("the learning pane", || {
        panes(&server)
            .into_iter()
            .find(|(_, _, mark)| *mark)
            .map(|(id, ..)| id)
    });
    server.wait_for(&pane, "Enter open");
    assert_eq!(active(&server), pane, "the new pane has the focus");
    // Again: back to the work, no second pane.
    client.keys("s", &["C-b", "g"]);
    eventually("back to the work pane", || {
        (active(&server) == work).then_some(())
    });
    // And again: the same learning pane, focused.
    client.keys("s", &["C-b", "g"]);
    eventually("the learning pane focused", || {
        (active(&server) == pane).then_some(())
    });
    assert_eq!(panes(&server).len(), 2, "{:?}", panes(&server));
}

#[test]
fn db_user_and_theme_given_to_leertuin_tmux_reach_the_pane() {
    if !tmux_or_skip("db_user_and_theme_given_to_leertuin_tmux_reach_the_pane") {
        return;
    }
    let home = Home::new();
    let team = home.path().join("other team.db");
    let team = team.display().to_string();
    home.ok(
        "bram",
        &["--db", &team, "add", "tip", "Only in the other database"],
    );
    // The server's environment points elsewhere (LEERTUIN_DB, LEERTUIN_USER
    // of the sandbox): only the carried flags reach the other database.
    let (server, client) = work_and_client(
        &home,
        "sleep 600",
        &[],
        &["--db", &team, "--user", "bram", "--theme", "mono"],
        100,
        30,
    );
    client.keys("s", &["C-b", "g"]);
    let pane = eventually("the learning pane", || {
        panes(&server)
            .into_iter()
            .find(|(_, _, mark)| *mark)
            .map(|(id, ..)| id)
    });
    server.wait_for(&pane, "Only in the other database");
    let conf = std::fs::read_to_string(home.path().join("leertuin.tmux.conf")).expect("conf");
    assert!(conf.contains("--user bram --theme mono"), "{conf}");
}

#[test]
fn the_popup_speaks_dutch_shows_every_field_at_80x24_and_confirms_in_the_status_line() {
    if !tmux_or_skip(
        "the_popup_speaks_dutch_shows_every_field_at_80x24_and_confirms_in_the_status_line",
    ) {
        return;
    }
    let home = Home::new();
    home.ok("ann", &["me", "--lang", "nl"]);
    let (_server, client) = work_and_client(&home, "sleep 600", &[], &[], 80, 24);
    client.keys("s", &["C-b", "C-l"]);
    client.wait_for("s", "Tip delen");
    client.keys("s", &["Tab"]);
    client.wait_for("s", "Vraag stellen");
    let screen = client.wait_for("s", "anoniem");
    for field in ["Soort:", "Tekst:", "Onderwerpen:", "Enter opslaan"] {
        assert!(screen.contains(field), "{field}:\n{screen}");
    }
    client.type_text("s", "Wie kan de nieuwe printer uitleggen?");
    client.keys("s", &["Enter"]);
    client.wait_for("s", "opgeslagen als q");
    let out = home.ok("ann", &["list", "questions", "--json"]);
    let questions: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(questions.len(), 1, "{questions:?}");
    assert_eq!(
        questions[0]["title"],
        "Wie kan de nieuwe printer uitleggen?"
    );
}

/// Issue 12.11: a process named like shell code, next to the popup. The
/// name reaches the tip as text and never a shell as code, whatever tmux
/// does with formats in the popup's command.
#[test]
fn a_process_named_like_shell_code_is_only_data_to_the_popup() {
    if !tmux_or_skip("a_process_named_like_shell_code_is_only_data_to_the_popup") {
        return;
    }
    let home = Home::new();
    let marker = home.path().join("pwned");
    let name = "k'$(touch${IFS}$PWN)'";
    let (server, client) = work_and_client(
        &home,
        "exec bash -c 'exec -a \"$NAME\" sleep 600'",
        &[("NAME", name), ("PWN", &marker.display().to_string())],
        &[],
        100,
        30,
    );
    let shown = server.ok(&[
        "display-message",
        "-p",
        "-t",
        "s",
        "#{pane_current_command}",
    ]);
    assert_eq!(shown, name, "tmux sees the process by that name");
    let keys = server.ok(&["list-keys", "-T", "prefix", "C-l"]);
    assert!(
        !keys.contains("pane_current_command"),
        "no pane state in the popup's shell command: {keys}"
    );
    client.keys("s", &["C-b", "C-l"]);
    client.wait_for("s", "Share a tip");
    client.type_text("s", "kill -0 tells whether a process is there");
    client.keys("s", &["Enter"]);
    let tip = eventually("the tip stored", || {
        // No database until the first save: reads don't make one.
        if !home.db().exists() {
            return None;
        }
        let out = home.ok("ann", &["list", "tips", "--json"]);
        let tips: Vec<serde_json::Value> = serde_json::from_str(&out).ok()?;
        tips.into_iter().next()
    });
    // Kept as text (contexts are lower-cased like tags).
    assert_eq!(tip["context"], name.to_lowercase());
    assert!(!marker.exists(), "the process name ran as shell code");
}
