//! The pane follows the work (DESIGN.md idea 4): from the commands running
//! in the other panes of its tmux window, which tools a person is using, and
//! which items are about them. Pure functions over text and items, so the
//! ranking is tested with a made-up pane list; asking tmux is
//! [`crate::tui::panes`]'s job.

use crate::domain::Item;

/// One pane of the window, as `tmux list-panes -F` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pane {
    pub id: String,
    pub active: bool,
    pub command: String,
}

/// The `-F` format [`parse_panes`] reads: id, active flag, command.
pub const LIST_PANES_FORMAT: &str = "#{pane_id} #{pane_active} #{pane_current_command}";

/// Reads the output of `tmux list-panes -F LIST_PANES_FORMAT`; lines that do
/// not fit the format are skipped.
pub fn parse_panes(output: &str) -> Vec<Pane> {
    output
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let id = parts.next()?.trim();
            let active = match parts.next()? {
                "1" => true,
                "0" => false,
                _ => return None,
            };
            let command = parts.next()?.trim();
            (id.starts_with('%') && !command.is_empty()).then(|| Pane {
                id: id.to_string(),
                active,
                command: command.to_string(),
            })
        })
        .collect()
}

/// Commands that say nothing about the work: shells, and leertuin itself.
const NOT_TOOLS: [&str; 10] = [
    "bash", "zsh", "fish", "sh", "dash", "ksh", "tcsh", "csh", "login", "leertuin",
];

/// False for commands that say nothing about the work: shells, leertuin.
pub fn is_tool(command: &str) -> bool {
    let name = command.trim_start_matches('-').to_lowercase();
    !name.is_empty() && !NOT_TOOLS.contains(&name.as_str())
}

/// The tools in use in the panes other than `own` (the pane leertuin runs
/// in), the active pane's first, each once, lower-cased.
pub fn tools(panes: &[Pane], own: Option<&str>) -> Vec<String> {
    let mut others: Vec<&Pane> = panes
        .iter()
        .filter(|p| Some(p.id.as_str()) != own)
        .collect();
    // Stable: panes keep tmux's order after the active one.
    others.sort_by_key(|p| !p.active);
    let mut out: Vec<String> = Vec::new();
    for p in others {
        // A login shell shows as "-bash".
        let name = p.command.trim_start_matches('-').to_lowercase();
        if !is_tool(&name) || out.contains(&name) {
            continue;
        }
        out.push(name);
    }
    out
}

/// The tags and contexts that mean `tool`: its own name, the name without a
/// version (`python3.12` → `python`), and the family of a few well-known
/// editors (`nvim` → `vim`).
pub fn names(tool: &str) -> Vec<String> {
    let tool = tool.to_lowercase();
    let mut out = vec![tool.clone()];
    let mut add = |n: &str| {
        if !n.is_empty() && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    };
    add(tool.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'));
    match tool.as_str() {
        "nvim" | "vi" | "view" | "vim.basic" => add("vim"),
        "psql" => add("postgres"),
        "kubectl" | "k9s" => add("kubernetes"),
        _ => {}
    }
    out
}

/// True when the item is tagged with, or was captured in, one of `names`.
pub fn is_about(item: &Item, names: &[String]) -> bool {
    let context = match item {
        Item::Tip(t) => t.context.as_deref(),
        Item::Question(q) => q.context.as_deref(),
        Item::Lesson(_) | Item::Learned(_) => None,
    };
    item.tags().iter().any(|t| names.contains(t))
        || context.is_some_and(|c| names.iter().any(|n| n.eq_ignore_ascii_case(c)))
}

/// A feed with the items about the tools in use moved to the front.
#[derive(Debug, Clone, PartialEq)]
pub struct Followed {
    pub items: Vec<Item>,
    /// The tools that have items, in the order of `tools`; empty when none do.
    pub tools: Vec<String>,
    /// How many of `items`, from the front, are about those tools.
    pub about: usize,
}

/// Moves the tips, lessons and questions about `tools` to the front of an
/// already ranked feed, keeping the feed's order within both parts. Learned
/// entries stay where they are: they log, they do not help with a tool.
pub fn follow(ranked: Vec<Item>, tools: &[String]) -> Followed {
    let names: Vec<(&String, Vec<String>)> = tools.iter().map(|t| (t, names(t))).collect();
    let mut about = Vec::new();
    let mut rest = Vec::new();
    let mut found: Vec<String> = Vec::new();
    for item in ranked {
        let hit = match item {
            Item::Learned(_) => None,
            _ => names.iter().find(|(_, n)| is_about(&item, n)),
        };
        match hit {
            Some((tool, _)) => {
                if !found.contains(tool) {
                    found.push((*tool).clone());
                }
                about.push(item);
            }
            None => rest.push(item),
        }
    }
    // Keep the order of `tools` (the active pane's first), not of the hits.
    found.sort_by_key(|f| tools.iter().position(|t| t == f));
    let count = about.len();
    about.extend(rest);
    Followed {
        items: about,
        tools: found,
        about: count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind, Learned, Tip, Visibility, now};

    fn tip(num: i64, tags: &[&str], context: Option<&str>) -> Item {
        Item::Tip(Tip {
            id: ItemId::new(Kind::Tip, num),
            author: "bob".into(),
            author_name: "Bob".into(),
            text: format!("tip {num}"),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            context: context.map(String::from),
            created_at: now(),
            edited_at: None,
            deleted_at: None,
            votes: Vec::new(),
            reference: None,
        })
    }

    fn learned(num: i64, tags: &[&str]) -> Item {
        Item::Learned(Learned {
            id: ItemId::new(Kind::Learned, num),
            author: "bob".into(),
            author_name: "Bob".into(),
            text: format!("learned {num}"),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            visibility: Visibility::Team,
            created_at: now(),
            edited_at: None,
            deleted_at: None,
        })
    }

    /// What `tmux list-panes` prints for a window with leertuin in %3, a
    /// shell in %0, kubectl (active) in %1 and psql in %2.
    const WINDOW: &str = "%0 0 bash\n%1 1 kubectl\n%2 0 psql\n%3 0 leertuin\n";

    #[test]
    fn panes_parse_and_junk_is_skipped() {
        let panes = parse_panes("%0 1 zsh\nno pane here\n%4 x vim\n%5 0 my tool\n");
        assert_eq!(
            panes,
            vec![
                Pane {
                    id: "%0".into(),
                    active: true,
                    command: "zsh".into()
                },
                Pane {
                    id: "%5".into(),
                    active: false,
                    command: "my tool".into()
                },
            ]
        );
    }

    #[test]
    fn tools_skip_shells_leertuin_and_the_own_pane_active_first() {
        let panes = parse_panes(WINDOW);
        assert_eq!(tools(&panes, Some("%3")), vec!["kubectl", "psql"]);
        // Our own pane is skipped by id, whatever runs in it.
        assert_eq!(tools(&panes, Some("%1")), vec!["psql"]);
        let login = parse_panes("%0 1 -bash\n%1 0 FISH\n%2 0 sh\n");
        assert!(tools(&login, None).is_empty());
        let twice = parse_panes("%0 0 vim\n%1 0 vim\n");
        assert_eq!(tools(&twice, None), vec!["vim"]);
    }

    #[test]
    fn names_know_versions_and_editor_families() {
        assert_eq!(names("python3.12"), vec!["python3.12", "python"]);
        assert_eq!(names("nvim"), vec!["nvim", "vim"]);
        assert_eq!(names("kubectl"), vec!["kubectl", "kubernetes"]);
        assert_eq!(names("Make"), vec!["make"]);
    }

    #[test]
    fn a_fake_window_ranks_kubectl_items_first_under_their_heading() {
        let tools = tools(&parse_panes(WINDOW), Some("%3"));
        let ranked = vec![
            tip(1, &["sql"], None),
            tip(2, &["printer"], None),
            tip(3, &[], Some("kubectl")),
            learned(4, &["kubectl"]),
            tip(5, &["kubernetes"], None),
            tip(6, &["postgres"], None),
        ];
        let f = follow(ranked, &tools);
        let order: Vec<i64> = f.items.iter().map(|i| i.id().num).collect();
        // kubectl's items first (context, then the family tag), then psql's
        // via "postgres"; the rest keeps its order; learned entries stay put.
        assert_eq!(order, vec![3, 5, 6, 1, 2, 4]);
        assert_eq!(f.about, 3);
        assert_eq!(f.tools, vec!["kubectl", "psql"]);
    }

    #[test]
    fn no_tools_or_no_matches_leave_the_feed_alone() {
        let ranked = vec![tip(1, &["sql"], None), tip(2, &[], None)];
        let f = follow(ranked.clone(), &[]);
        assert_eq!((f.items, f.about, f.tools.len()), (ranked.clone(), 0, 0));
        let f = follow(ranked.clone(), &["htop".to_string()]);
        assert_eq!((f.items, f.about, f.tools.len()), (ranked, 0, 0));
    }
}
