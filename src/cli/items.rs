//! Commands on items: add, list, show, search, answer, back, vote, and
//! changing one's own: edit, delete, withdraw.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::{TITLE_CHARS, detail, summary_line, summary_line_showing};
use super::{CliError, CliResult, Context, JsonFlag, print_json, sync, text_arg};
use crate::domain::validate;
use crate::domain::{BackingKind, Done, Draft, Item, ItemId, Kind, NewItem, Post, Write};
use crate::search::{excerpt, stored};
use crate::store::ListQuery;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AddKind {
    Tip,
    Question,
    Learned,
}

impl From<AddKind> for Kind {
    fn from(k: AddKind) -> Kind {
        match k {
            AddKind::Tip => Kind::Tip,
            AddKind::Question => Kind::Question,
            AddKind::Learned => Kind::Learned,
        }
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin add tip \"kubectl get pods -o wide shows the node\" -t kubectl --context kubectl\n  leertuin add question \"How do I read a core dump?\" --anonymous\n  leertuin add learned \"The press needs 10 minutes to warm up\" --private\n  echo \"text\" | leertuin add tip -"
)]
pub struct AddArgs {
    /// What to add.
    pub kind: AddKind,
    /// The text (a question's first line is its title); `-` reads standard input.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// A tag (repeatable, or comma-separated): letters (accents too), digits, - and _.
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The tool this is about, e.g. kubectl.
    #[arg(long, value_name = "CTX")]
    pub context: Option<String>,
    /// Ask a question without storing who asked.
    #[arg(long)]
    pub anonymous: bool,
    /// Keep a learned entry visible to you only.
    #[arg(long)]
    pub private: bool,
}

pub fn add(ctx: &Context, a: AddArgs) -> CliResult {
    let draft = Draft {
        text: text_arg(&a.text)?,
        tags: a.tags,
        context: a.context,
        anonymous: a.anonymous,
        private: a.private,
    };
    // Validate before opening the database: bad input never creates a file.
    let kind = a.kind.into();
    NewItem::from_draft(kind, &ctx.user, &draft)?;
    // Busy past the wait, the server away: the text may have come from a
    // pipe and exist nowhere else, so it waits in the outbox.
    let write = Write::Add {
        kind,
        person: ctx.user.clone(),
        draft,
    };
    if let Some(Done::Added(id)) = sync::write(ctx, &write)? {
        println!("{id}");
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListKind {
    #[value(alias = "lesson")]
    Lessons,
    #[value(alias = "question")]
    Questions,
    #[value(alias = "tip")]
    Tips,
    Learned,
}

impl From<ListKind> for Kind {
    fn from(k: ListKind) -> Kind {
        match k {
            ListKind::Lessons => Kind::Lesson,
            ListKind::Questions => Kind::Question,
            ListKind::Tips => Kind::Tip,
            ListKind::Learned => Kind::Learned,
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this kind (default: everything).
    pub kind: Option<ListKind>,
    /// Only items with this tag.
    #[arg(short = 't', long)]
    pub tag: Option<String>,
    /// At most this many items.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    /// `backing`: open questions, most backed first (questions only).
    #[arg(long, value_parser = ["newest", "backing"], default_value = "newest")]
    pub sort: String,
    /// Colleagues' own posts only: leave imported know-how (tldr, navi,
    /// FAQ) out.
    #[arg(long)]
    pub no_knowhow: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn list(ctx: &Context, a: ListArgs) -> CliResult {
    let tag = a.tag.as_deref().map(validate::tag).transpose()?;
    let query = ListQuery {
        kind: a.kind.map(Kind::from),
        tag,
        limit: a.limit,
        no_knowhow: a.no_knowhow,
    };
    let items = if a.sort == "backing" {
        if query.kind != Some(Kind::Question) || query.tag.is_some() {
            return Err(CliError::usage(t!("cli.sort-backing")));
        }
        let open = ctx.read()?.open_questions(a.limit)?;
        open.into_iter().map(Item::Question).collect()
    } else {
        ctx.read()?.list(&query, &ctx.user)?
    };
    if a.json.json {
        return print_json(&items);
    }
    if items.is_empty() {
        eprintln!("{}", empty_list(query.kind, query.tag.as_deref()));
    }
    for item in &items {
        println!("{}", summary_line(item));
    }
    Ok(())
}

/// What an empty list says: which filter matched nothing, or how to start.
fn empty_list(kind: Option<Kind>, tag: Option<&str>) -> String {
    let kind = kind.map(|k| match k {
        Kind::Lesson => t!("tab.lessons"),
        Kind::Question => t!("tab.questions"),
        Kind::Tip => t!("tab.tips"),
        Kind::Learned => t!("tab.learned"),
    });
    match (kind, tag) {
        (None, None) => t!("cli.list.empty").into_owned(),
        (None, Some(tag)) => t!("cli.list.empty-tag", tag = tag).into_owned(),
        (Some(kind), None) => t!("cli.list.empty-kind", kind = kind).into_owned(),
        (Some(kind), Some(tag)) => {
            t!("cli.list.empty-kind-tag", kind = kind, tag = tag).into_owned()
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The item's id, e.g. q42.
    pub id: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn show(ctx: &Context, a: ShowArgs) -> CliResult {
    let id: ItemId = a.id.parse()?;
    let item = ctx.read()?.get(id, &ctx.user)?;
    if a.json.json {
        return print_json(&item);
    }
    print!("{}", detail(&item));
    Ok(())
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for; typos and gaps are fine ("ctrlr histry").
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    /// Colleagues' own posts only: leave imported know-how (tldr, navi,
    /// FAQ) out.
    #[arg(long)]
    pub no_knowhow: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// One search result in `search --json`.
#[derive(Serialize)]
struct JsonHit {
    score: i64,
    item: Item,
}

pub fn search(ctx: &Context, a: SearchArgs) -> CliResult {
    let synonyms = ctx
        .config
        .synonyms()
        .map_err(|e| CliError::usage(format!("config.toml: {e}")))?;
    let store = ctx.read()?;
    let query = a.query.join(" ");
    let stored::Found { index, hits } = stored::search(
        store.as_ref(),
        &ctx.user,
        &query,
        a.limit,
        &synonyms,
        !a.no_knowhow,
    )?;
    let mut found = Vec::with_capacity(hits.len());
    let mut excerpts = Vec::with_capacity(hits.len());
    for hit in hits {
        found.push(JsonHit {
            score: hit.score,
            item: store.get(hit.id, &ctx.user)?,
        });
        // The whole title when it fits the line; cut before the match
        // only when it does not.
        let (shown, _) = excerpt::fit(&hit.excerpt, &hit.excerpt_marks, TITLE_CHARS, |s| {
            s.chars().count()
        });
        excerpts.push(shown);
    }
    if a.json.json {
        return print_json(&found);
    }
    if found.is_empty() {
        eprintln!("{}", t!("cli.search.none"));
    }
    // Matched words in bold, on a terminal only: piped output stays text.
    let bold = std::io::stdout().is_terminal();
    for (hit, excerpt) in found.iter().zip(&excerpts) {
        // Where the words stand, when the title does not show them.
        let line = summary_line_showing(&hit.item, excerpt);
        if bold {
            println!("{}", highlighted(&line, &index.highlights(&line, &query)));
        } else {
            println!("{line}");
        }
    }
    Ok(())
}

/// `line` with the byte ranges `spans` in bold.
fn highlighted(line: &str, spans: &[std::ops::Range<usize>]) -> String {
    use crossterm::style::Stylize;
    let mut out = String::with_capacity(line.len() + spans.len() * 8);
    let mut at = 0;
    for span in spans {
        out.push_str(&line[at..span.start]);
        out.push_str(&line[span.clone()].bold().to_string());
        at = span.end;
    }
    out.push_str(&line[at..]);
    out
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The question's id, e.g. q42.
    pub question: String,
    /// Your answer; `-` reads standard input.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
}

pub fn answer(ctx: &Context, a: AnswerArgs) -> CliResult {
    let id: ItemId = a.question.parse()?;
    let text = text_arg(&a.text)?;
    // Checked before anything is opened or kept.
    validate::text("answer", &text, validate::MAX_ANSWER_CHARS)?;
    let write = Write::Answer {
        question: id,
        person: ctx.user.clone(),
        text,
    };
    if let Some(Done::Answered(n)) = sync::write(ctx, &write)? {
        println!("{}", t!("cli.answered", id = id, n = n));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BackHow {
    /// I want to know this too.
    MeToo,
    /// I can help with this.
    CanHelp,
    /// Your pledge of minutes (only with --withdraw; pledge with --minutes N).
    Pledge,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin back q42 me-too\n  leertuin back q42 can-help\n  leertuin back q42 --minutes 30\n  leertuin back q42 me-too --withdraw\n  leertuin back q42 pledge --withdraw"
)]
pub struct BackArgs {
    /// The question's id, e.g. q42.
    pub question: String,
    /// me-too or can-help (leave out with --minutes); with --withdraw also pledge.
    pub how: Option<BackHow>,
    /// Pledge this many minutes of your time to the question.
    #[arg(long, value_name = "N", conflicts_with = "how")]
    pub minutes: Option<i64>,
    /// Take your backing back.
    #[arg(long, conflicts_with = "minutes")]
    pub withdraw: bool,
}

pub fn back(ctx: &Context, a: BackArgs) -> CliResult {
    let id: ItemId = a.question.parse()?;
    if a.withdraw {
        let kind = match a.how {
            Some(BackHow::MeToo) => BackingKind::MeToo,
            Some(BackHow::CanHelp) => BackingKind::CanHelp,
            Some(BackHow::Pledge) => BackingKind::Pledge,
            None => return Err(CliError::usage(t!("cli.back.how"))),
        };
        let how = kind.name();
        let write = Write::Withdraw {
            question: id,
            person: ctx.user.clone(),
            kind,
        };
        match sync::write(ctx, &write)? {
            Some(Done::Taken(Some(_))) => println!("{}", t!("cli.withdrawn", id = id, how = how)),
            Some(_) => println!("{}", t!("cli.withdrawn-none", id = id, how = how)),
            None => {}
        }
        return Ok(());
    }
    let kind = match (a.how, a.minutes) {
        (Some(BackHow::MeToo), None) => BackingKind::MeToo,
        (Some(BackHow::CanHelp), None) => BackingKind::CanHelp,
        (None, Some(_)) => BackingKind::Pledge,
        _ => return Err(CliError::usage(t!("cli.back.how"))),
    };
    let minutes = a.minutes.map(validate::pledge_minutes).transpose()?;
    let write = Write::Back {
        question: id,
        person: ctx.user.clone(),
        kind,
        minutes,
    };
    if sync::write(ctx, &write)?.is_none() {
        return Ok(());
    }
    match minutes {
        Some(m) => println!(
            "{}",
            t!("cli.pledged", minutes = crate::i18n::minutes(m), id = id)
        ),
        None => println!("{}", t!("cli.backed", id = id, how = kind.name())),
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The tip's id, e.g. t7.
    pub tip: String,
    /// Take your vote back.
    #[arg(long)]
    pub withdraw: bool,
}

pub fn vote(ctx: &Context, a: VoteArgs) -> CliResult {
    let id: ItemId = a.tip.parse()?;
    let person = ctx.user.clone();
    let write = if a.withdraw {
        Write::Unvote { tip: id, person }
    } else {
        Write::Vote { tip: id, person }
    };
    let Some(done) = sync::write(ctx, &write)? else {
        return Ok(());
    };
    let message = match (a.withdraw, done == Done::Changed(true)) {
        (true, true) => t!("cli.unvoted", id = id),
        (true, false) => t!("cli.unvoted-none", id = id),
        (false, true) => t!("cli.voted", id = id),
        (false, false) => t!("cli.voted-already", id = id),
    };
    println!("{message}");
    Ok(())
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  leertuin edit t7 \"kubectl get pods -o wide shows the node and IP\"\n  leertuin edit q42#17 \"Start it inside tmux new -s work\"\n  echo \"new text\" | leertuin edit n12 -"
)]
pub struct EditArgs {
    /// Your tip, question or learned entry (t7, q42, n12), or your answer
    /// as QUESTION#ANSWER (q42#17, the number `show` prints).
    pub id: String,
    /// The new text (a question's first line is its title); `-` reads standard input.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
}

pub fn edit(ctx: &Context, a: EditArgs) -> CliResult {
    let post: Post = a.id.parse()?;
    let text = text_arg(&a.text)?;
    // Checked before the database is opened: bad input never creates a file.
    post.clean_text(&text)?;
    let write = Write::Edit {
        post,
        person: ctx.user.clone(),
        text,
        tags: None,
    };
    if sync::write(ctx, &write)?.is_some() {
        println!("{}", t!("cli.edited", id = post));
    }
    Ok(())
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  leertuin delete t7\n  leertuin delete q42#17")]
pub struct DeleteArgs {
    /// Your tip, question or learned entry (t7, q42, n12), or your answer
    /// as QUESTION#ANSWER (q42#17).
    pub id: String,
}

pub fn delete(ctx: &Context, a: DeleteArgs) -> CliResult {
    let post: Post = a.id.parse()?;
    let write = Write::Delete {
        post,
        person: ctx.user.clone(),
    };
    if sync::write(ctx, &write)?.is_some() {
        println!("{}", t!("cli.deleted", id = post));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::highlighted;

    #[test]
    fn highlighting_wraps_only_the_spans() {
        let line = "t7     Koffie in het café";
        let out = highlighted(line, &[7..13, 21..26]);
        assert!(out.starts_with("t7     \u{1b}[1mKoffie\u{1b}["), "{out:?}");
        assert!(out.contains("\u{1b}[1mcafé\u{1b}["), "{out:?}");
        assert_eq!(highlighted(line, &[]), line);
    }
}
