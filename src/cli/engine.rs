//! Commands of the learning engine: review cards, accepted answers,
//! given pledges, the team's potential and visible outcomes.

use clap::{Args, ValueEnum};

use super::{CliError, CliResult, Context, JsonFlag, print_json};
use crate::domain::insights;
use crate::domain::srs::{DEFAULT_RETENTION, Rating};
use crate::domain::team::{Team, TeamWishes};
use crate::domain::{Done, ItemId, Write, now, shown};

#[derive(Debug, Args)]
pub struct RememberArgs {
    /// The tip to keep reviewing, e.g. t7.
    pub tip: String,
}

pub fn remember(ctx: &Context, a: RememberArgs) -> CliResult {
    let id: ItemId = a.tip.parse()?;
    let write = Write::Remember {
        tip: id,
        person: ctx.user.clone(),
    };
    match super::sync::write(ctx, &write)? {
        Some(Done::Changed(true)) => println!("{}", t!("engine.remembered", id = id)),
        Some(_) => println!("{}", t!("engine.remembered-already", id = id)),
        None => {}
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RatingArg {
    Again,
    Hard,
    Good,
    Easy,
    /// Two-button mode: same as again.
    Forgot,
    /// Two-button mode: same as good.
    Knew,
}

impl From<RatingArg> for Rating {
    fn from(r: RatingArg) -> Rating {
        match r {
            RatingArg::Again => Rating::Again,
            RatingArg::Hard => Rating::Hard,
            RatingArg::Good => Rating::Good,
            RatingArg::Easy => Rating::Easy,
            RatingArg::Forgot => Rating::from_knew_it(false),
            RatingArg::Knew => Rating::from_knew_it(true),
        }
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without options: the review session in the pane.\nScripts:\n  leertuin review --due --json\n  leertuin review --rate l3#1 good"
)]
pub struct ReviewArgs {
    /// List the cards due now instead of starting a session.
    #[arg(long)]
    pub due: bool,
    /// Rate one card without a session: CARD RATING (again|hard|good|easy|forgot|knew).
    #[arg(long, num_args = 2, value_names = ["CARD", "RATING"], conflicts_with = "due")]
    pub rate: Option<Vec<String>>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// Desired retention: `retention = 0.9` in config.toml, else FSRS's usual 0.9.
pub fn retention(ctx: &Context) -> f64 {
    ctx.config.retention.unwrap_or(DEFAULT_RETENTION)
}

pub fn review(ctx: &Context, a: ReviewArgs) -> CliResult {
    if let Some(rate) = a.rate {
        let [card, rating] = rate.as_slice() else {
            return Err(CliError::usage(t!("engine.rate-args")));
        };
        let rating: Rating = RatingArg::from_str(rating, true)
            .map_err(|_| CliError::usage(t!("engine.bad-rating", rating = format!("{rating:?}"))))?
            .into();
        let next = ctx
            .open()?
            .review(&ctx.user, card, rating, retention(ctx))?;
        if a.json.json {
            return print_json(&next);
        }
        let when = next.due.format("%Y-%m-%d %H:%M UTC").to_string();
        println!(
            "{}",
            t!(
                "engine.rated",
                card = card,
                rating = rating.name(),
                when = when
            )
        );
        return Ok(());
    }
    if !a.due {
        return super::open_review(ctx);
    }
    let due = ctx.read()?.due_cards(&ctx.user, now(), 100)?;
    if a.json.json {
        return print_json(&due);
    }
    if due.is_empty() {
        println!("{}", t!("engine.nothing-due"));
    }
    for c in &due {
        println!("{:<8} {}", c.card, c.prompt);
    }
    Ok(())
}

/// A plain review session on standard input and output: show the prompt,
/// Enter reveals, then a rating key. Works in any terminal, popup or pipe.
pub fn session(ctx: &Context) -> CliResult {
    use std::io::{BufRead, Write};
    let store = ctx.open()?;
    let due = store.due_cards(&ctx.user, now(), 50)?;
    if due.is_empty() {
        println!("{}", t!("engine.nothing-due"));
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = std::io::stdout();
    let io = |e: std::io::Error| CliError::failure(e.to_string());
    for (i, card) in due.iter().enumerate() {
        write!(
            out,
            "\n[{}/{}] {}\n{}",
            i + 1,
            due.len(),
            card.prompt,
            t!("engine.session.card")
        )
        .map_err(io)?;
        out.flush().map_err(io)?;
        if lines.next().is_none() {
            return Ok(());
        }
        write!(out, "→ {}\n{}", card.answer, t!("engine.session.rate")).map_err(io)?;
        out.flush().map_err(io)?;
        let rating = loop {
            let Some(line) = lines.next() else {
                return Ok(());
            };
            let answer = line.map_err(io)?;
            match answer.trim() {
                "q" => return Ok(()),
                "y" => break Rating::from_knew_it(true),
                "n" => break Rating::from_knew_it(false),
                other => match other.parse().ok().and_then(Rating::from_number) {
                    Some(r) => break r,
                    None => {
                        write!(out, "{}", t!("engine.session.again")).map_err(io)?;
                        out.flush().map_err(io)?;
                    }
                },
            }
        };
        let next = store.review(&ctx.user, &card.card, rating, retention(ctx))?;
        let when = next.due.format("%Y-%m-%d").to_string();
        writeln!(out, "{}", t!("engine.session.next", when = when)).map_err(io)?;
    }
    println!(
        "\n{}",
        t!(
            "engine.session.done",
            cards = crate::i18n::plural(
                due.len(),
                t!("count.cards.one"),
                t!("count.cards.many", n = due.len())
            )
        )
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// Your question, e.g. q42.
    pub question: String,
    /// The answer's number (as `show` lists it).
    pub answer: i64,
}

pub fn accept(ctx: &Context, a: AcceptArgs) -> CliResult {
    let id: ItemId = a.question.parse()?;
    let write = Write::Accept {
        question: id,
        answer: a.answer,
        person: ctx.user.clone(),
    };
    if super::sync::write(ctx, &write)?.is_some() {
        println!("{}", t!("engine.accepted", n = a.answer, id = id));
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct HelpedArgs {
    /// Your question, e.g. q42.
    pub question: String,
    /// The colleague who gave the pledged time.
    pub person: String,
}

pub fn helped(ctx: &Context, a: HelpedArgs) -> CliResult {
    let id: ItemId = a.question.parse()?;
    let person = a.person.trim_start_matches('@');
    let write = Write::Helped {
        question: id,
        helper: person.to_string(),
        person: ctx.user.clone(),
    };
    if super::sync::write(ctx, &write)?.is_some() {
        println!("{}", t!("engine.helped", person = person, id = id));
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// At most this many open questions.
    #[arg(short = 'n', long, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn team(ctx: &Context, a: TeamArgs) -> CliResult {
    let store = ctx.read()?;
    let month_ago = now() - chrono::Duration::days(crate::domain::team::ANSWERED_MOST_DAYS);
    let team = Team::build(
        &store.persons()?,
        &store.open_questions(a.limit)?,
        store.answer_counts(month_ago)?,
    );
    let wishes = crate::tui::engine::team_wishes(&*store)?;
    if a.json.json {
        return print_json(&TeamJson {
            team: &team,
            wishes: wishes.as_ref(),
        });
    }
    println!("{}", t!("engine.team.tags"));
    for row in &team.tags {
        let people = t!(
            "engine.team.tag-row",
            wants = list(&team, &row.wants),
            offers = list(&team, &row.offers)
        );
        println!("  #{:<16} {people}", row.tag);
    }
    println!("\n{}", t!("engine.team.pairs"));
    for p in team.pairs.iter().take(15) {
        let pair = t!(
            "engine.team.pair",
            learner = team.name(&p.learner),
            tag = p.tag,
            helper = team.name(&p.helper)
        );
        println!("  {pair}");
    }
    println!("\n{}", t!("engine.team.questions"));
    for q in &team.open_questions {
        let backing = t!(
            "engine.team.question",
            me_too = q.me_too,
            can_help = q.can_help.len(),
            minutes = q.minutes_pledged,
            answers = crate::i18n::answers(q.answers)
        );
        println!("  {:<6} {}  {backing}", q.id.to_string(), q.title);
    }
    println!("\n{}", t!("engine.team.answerers"));
    for a in team.top_answerers_this_month.iter().take(5) {
        println!("  {} {}", team.name(&a.person), a.answers);
    }
    print_team_wishes(wishes.as_ref());
    Ok(())
}

/// `team --json`: the team's facts, and its wishes where the store keeps
/// them (`"wishes"` left out where it keeps none).
#[derive(serde::Serialize)]
struct TeamJson<'a> {
    #[serde(flatten)]
    team: &'a Team,
    #[serde(skip_serializing_if = "Option::is_none")]
    wishes: Option<&'a TeamWishes>,
}

/// The end of `leertuin team`, as of the Team tab: the team's wishes by
/// topic (open, funded, done, what was given) and what was given in all.
fn print_team_wishes(wishes: Option<&TeamWishes>) {
    println!("\n{}", t!("engine.team.wishes"));
    let Some(w) = wishes else {
        return println!("  {}", t!("wish.not-here"));
    };
    if w.topics.is_empty() {
        return println!("  {}", t!("wishes.none.plain"));
    }
    for topic in &w.topics {
        let (name, parts) = crate::i18n::wish_topic(topic);
        println!("  {name:<17} {}", parts.join(" · "));
    }
    println!(
        "{} {}",
        t!("team.wishes-given"),
        crate::i18n::amount(w.given_cents, w.given_minutes)
    );
}

/// Display names, comma-separated (names may hold spaces).
fn list(team: &Team, handles: &[String]) -> String {
    if handles.is_empty() {
        "-".to_string()
    } else {
        handles
            .iter()
            .map(|h| team.name(h))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// The whole team (without anyone's private entries) instead of you.
    #[arg(long)]
    pub team: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn insights(ctx: &Context, a: InsightsArgs) -> CliResult {
    let at = now();
    let person = (!a.team).then_some(ctx.user.as_str());
    let store = ctx.read()?;
    let view = crate::tui::engine::insights_of(&*store, person, at)?;
    if a.json.json {
        return print_json(&view);
    }
    let counts: Vec<usize> = view.learned_per_week.iter().map(|w| w.learned).collect();
    let who = match person {
        None => t!("engine.insights.team").into_owned(),
        Some(p) => store
            .person(p)?
            .map_or_else(|| p.to_string(), |me| shown(&me.name, p).to_string()),
    };
    let title = t!(
        "engine.insights.title",
        who = who,
        weeks = counts.len(),
        chart = sparkline(&counts),
        entries = {
            let n = counts.iter().sum::<usize>();
            crate::i18n::plural(n, t!("count.entries.one"), t!("count.entries.many", n = n))
        }
    );
    println!("{title}");
    // Labels padded to one column, whatever their length in the language.
    let line = |key: &str, value: String| println!("{:<21}{value}", t!(key));
    line("engine.insights.lessons", view.lessons_done.to_string());
    let reviews = t!(
        "engine.insights.reviews",
        cards = view.cards,
        reviews = view.cards_reviewed
    );
    line("engine.insights.cards", reviews.into_owned());
    if let Some(r) = view.predicted_recall {
        line("engine.insights.recall", format!("{:.0}%", r * 100.0));
    }
    line("engine.insights.asked", view.questions_asked.to_string());
    line("engine.insights.answered", view.answers_given.to_string());
    if let Some(h) = view.median_hours_to_first_answer {
        // A decimal comma in Dutch: "2,5 uur".
        let mut h = format!("{h:.1}");
        if crate::i18n::lang() == "nl" {
            h = h.replace('.', ",");
        }
        let hours = t!("engine.insights.hours", h = h);
        line("engine.insights.first-answer", hours.into_owned());
    }
    let groups = |groups: &[insights::ReflectionGroup]| {
        let (unsaid, said): (Vec<_>, Vec<_>) =
            groups.iter().partition(|g| g.brought == insights::UNSAID);
        for g in said {
            println!(
                "{}",
                t!(
                    "engine.insights.brought",
                    what = crate::i18n::brought_word(&g.brought),
                    n = g.count
                )
            );
            for t in &g.texts {
                println!("  “{t}”");
            }
        }
        // What nobody said a lesson brought is no group of its own, as on
        // Me: "leverde niet gezegd op: 1" read as a riddle (issue 11). Its
        // reflections still show, under a plain line so none reads as the
        // group's above; a count of only that says nothing (the team view
        // has no texts) and is left out.
        let texts: Vec<&String> = unsaid.iter().flat_map(|g| &g.texts).collect();
        if !texts.is_empty() {
            println!("{}", t!("engine.insights.reflections"));
            for t in texts {
                println!("  “{t}”");
            }
        }
    };
    groups(&view.reflections);
    // What wishes done with budget brought, under its own heading.
    if !view.with_budget.is_empty() {
        println!("{}", t!("engine.insights.with-budget"));
        groups(&view.with_budget);
    }
    if !view.without_budget.is_empty() {
        println!("{}", t!("engine.insights.without-budget"));
        groups(&view.without_budget);
    }
    Ok(())
}

/// A one-line bar chart of counts: ▁▂▃▄▅▆▇█, blank-free so zero still shows.
pub fn sparkline(counts: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&c| BARS[c * (BARS.len() - 1) / max])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn sparkline_scales_to_the_biggest_week() {
        assert_eq!(sparkline(&[0, 1, 2, 4]), "▁▂▄█");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
    }
}
