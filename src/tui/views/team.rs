//! The Team tab: what the team learned per week, who answered most, open
//! questions by backing, and per tag who wants to learn it and who can
//! help (with suggested pairs). The same facts as `leertuin team` and
//! `leertuin insights --team`: built by `domain::team` and `domain::insights`.
//!
//! One scrolling column of sections, so it reads the same at 40 columns as
//! beside the detail at 80; the selected row's detail explains it in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::chart::WeekChart;
use super::{fit, fit_line, row_window};
use crate::domain::insights::WeekCount;
use crate::domain::team::{Pair, TagRow, Team, TeamWishes, WishTopic};
use crate::domain::{BackingKind, ItemId, Question};
use crate::i18n::plural;
use crate::tui::theme::{SELECTED_MARKER, Theme, UNSELECTED_MARKER};
use crate::tui::wrap::WrapLine;

/// A selectable row: an open question or a tag (indexes into the team).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRow {
    Question(usize),
    Tag(usize),
}

/// What the tab shows, loaded in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamData {
    pub team: Team,
    /// The open questions of `team.open_questions`, in the same order, for
    /// the names behind the counts.
    pub questions: Vec<Question>,
    /// Learned entries per week, without anyone's private entries.
    pub weeks: Vec<WeekCount>,
    /// Wishes by topic and what was given in all (money, minutes);
    /// `None` where the store keeps no wishes (the team server, for now).
    pub wishes: Option<TeamWishes>,
}

#[derive(Debug, Clone)]
pub struct TeamState {
    pub data: Option<TeamData>,
    pub rows: Vec<TeamRow>,
    pub selected: usize,
    /// Scrolled past the last row to the column's end, where the wishes
    /// are: they are text, no row, so the cursor alone never shows them.
    pub at_end: bool,
    /// The key that edits one's profile (see [`super::me::MeState`]).
    pub edit_key: Option<String>,
    pub theme: Theme,
}

impl TeamState {
    pub fn new(theme: Theme) -> Self {
        TeamState {
            data: None,
            rows: Vec::new(),
            selected: 0,
            at_end: false,
            edit_key: Some("e".to_string()),
            theme,
        }
    }

    /// New data; the same question or tag stays selected if still there.
    pub fn set(&mut self, data: TeamData) {
        let keep = self.row_key();
        let questions = (0..data.questions.len()).map(TeamRow::Question);
        let tags = (0..data.team.tags.len()).map(TeamRow::Tag);
        self.rows = questions.chain(tags).collect();
        self.data = Some(data);
        if let Some(pos) =
            keep.and_then(|k| (0..self.rows.len()).find(|&i| self.key_at(i) == Some(k.clone())))
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// A stable name for the selected row: the question's id or the tag.
    fn row_key(&self) -> Option<String> {
        self.key_at(self.selected)
    }

    fn key_at(&self, i: usize) -> Option<String> {
        let data = self.data.as_ref()?;
        match self.rows.get(i)? {
            TeamRow::Question(q) => data.questions.get(*q).map(|q| q.id.to_string()),
            TeamRow::Tag(t) => data.team.tags.get(*t).map(|t| format!("#{}", t.tag)),
        }
    }

    /// The keys worth a hint on the Team tab.
    pub fn hint_actions(&self) -> Vec<crate::tui::action::Action> {
        use crate::tui::action::Action;
        vec![Action::Open, Action::Search, Action::Review]
    }

    /// Down on the last row (or PageDown, End onto it) scrolls on to the
    /// column's end; any move up comes back to the rows.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        let was = self.selected;
        self.selected = super::list::step(self.selected, delta, self.rows.len());
        self.at_end = delta > 0 && self.selected == last && (was == last || delta > 1);
    }

    pub fn selected_question(&self) -> Option<ItemId> {
        let data = self.data.as_ref()?;
        match self.rows.get(self.selected)? {
            TeamRow::Question(q) => data.questions.get(*q).map(|q| q.id),
            TeamRow::Tag(_) => None,
        }
    }

    pub fn selected_tag(&self) -> Option<&TagRow> {
        let data = self.data.as_ref()?;
        match self.rows.get(self.selected)? {
            TeamRow::Tag(t) => data.team.tags.get(*t),
            TeamRow::Question(_) => None,
        }
    }

    /// The detail of the selected row: who, and who could pair up; or the
    /// backing of a question.
    pub fn detail_lines(&self) -> Option<(String, Vec<WrapLine>)> {
        let data = self.data.as_ref()?;
        match *self.rows.get(self.selected)? {
            TeamRow::Tag(t) => {
                let tag = data.team.tags.get(t)?;
                Some((
                    t!("team.tag-title", tag = tag.tag).into_owned(),
                    tag_lines(&data.team, tag, &self.theme),
                ))
            }
            TeamRow::Question(q) => {
                let q = data.questions.get(q)?;
                Some((
                    if super::ids::shown() {
                        t!("team.backing-title", id = q.id).into_owned()
                    } else {
                        t!("team.backing-title.words").into_owned()
                    },
                    question_lines(q, &self.theme),
                ))
            }
        }
    }
}

/// The display names of `v`, or "nobody yet".
/// "Meeste antwoorden (30 dagen):", the days in words.
fn answered_most() -> String {
    let n = crate::domain::team::ANSWERED_MOST_DAYS;
    plural(
        n,
        t!("team.answered-most.one"),
        t!("team.answered-most.many", n = n),
    )
}

fn at_names(team: &Team, v: &[String]) -> String {
    if v.is_empty() {
        t!("team.nobody-yet").into_owned()
    } else {
        v.iter()
            .map(|h| team.name(h).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn tag_lines(team: &Team, tag: &TagRow, t: &Theme) -> Vec<WrapLine> {
    let pairs = &team.pairs;
    let mut lines = vec![
        WrapLine::new(Span::styled(format!("#{}", tag.tag), t.heading)),
        WrapLine::blank(),
        WrapLine::new(Span::styled(t!("team.wants-it"), t.strong)),
        WrapLine::indented(
            Span::styled(format!("  {}", at_names(team, &tag.wants)), t.text),
            2,
        ),
        WrapLine::blank(),
        WrapLine::new(Span::styled(t!("team.offers-it"), t.strong)),
        WrapLine::indented(
            Span::styled(format!("  {}", at_names(team, &tag.offers)), t.text),
            2,
        ),
        WrapLine::blank(),
    ];
    let pairs: Vec<&Pair> = pairs.iter().filter(|p| p.tag == tag.tag).collect();
    if pairs.is_empty() {
        lines.push(WrapLine::new(Span::styled(t!("team.no-pair"), t.muted)));
    } else {
        lines.push(WrapLine::new(Span::styled(t!("team.pairs"), t.strong)));
        for p in pairs {
            lines.push(WrapLine::indented(
                Span::styled(
                    format!(
                        "  {}",
                        t!(
                            "team.pair",
                            learner = team.name(&p.learner),
                            helper = team.name(&p.helper)
                        )
                    ),
                    t.ok,
                ),
                4,
            ));
        }
    }
    lines
}

fn question_lines(q: &Question, t: &Theme) -> Vec<WrapLine> {
    let names = |kind: BackingKind| -> Vec<String> {
        q.backings
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| match b.minutes {
                Some(m) if b.helped => {
                    format!("{} {}", b.who(), t!("team.minutes-given", n = m))
                }
                Some(m) => format!("{} {}", b.who(), t!("badge.minutes", n = m)),
                None => b.who().to_string(),
            })
            .collect()
    };
    let who = q
        .who()
        .map_or(t!("detail.asked-anonymously").into_owned(), |a| {
            t!("detail.asked-by", name = a).into_owned()
        });
    let tags: Vec<String> = q.tags.iter().map(|t| format!("#{t}")).collect();
    let mut lines = vec![
        WrapLine::new(Span::styled(q.title.clone(), t.heading)),
        WrapLine::new(Span::styled(
            format!("{}· {who} {}", super::ids::head(q.id), tags.join(" ")),
            t.muted,
        )),
        WrapLine::blank(),
        WrapLine::new(Span::styled(
            t!(
                "team.backing",
                me_too = q.count(BackingKind::MeToo),
                help = q.count(BackingKind::CanHelp),
                minutes = q.pledged_minutes(),
                answers = crate::i18n::answers(q.answers.len())
            ),
            t.accent,
        )),
    ];
    for (kind, label) in [
        (BackingKind::MeToo, t!("detail.backers.me-too")),
        (BackingKind::CanHelp, t!("detail.backers.can-help")),
        (BackingKind::Pledge, t!("detail.backers.pledged")),
    ] {
        let n = names(kind);
        if !n.is_empty() {
            lines.push(WrapLine::indented(
                Span::styled(format!("  {label}: {}", n.join(", ")), t.text),
                4,
            ));
        }
    }
    lines.push(WrapLine::blank());
    lines.push(WrapLine::new(Span::styled(t!("team.open-it"), t.muted)));
    lines
}

/// The backing of a question row, in words as the lists count votes and
/// answers, longest first: "3 steunen · 30 min" (backers, minutes
/// pledged), then "3 steunen" for a narrow row.
fn backing_badges(q: &Question) -> Vec<String> {
    let backers = q.backings.len();
    let minutes = q.pledged_minutes();
    let words = plural(
        backers,
        t!("count.backers.one"),
        t!("count.backers.many", n = backers),
    );
    match (backers, minutes) {
        (0, _) => vec![t!("team.no-backing").into_owned()],
        (_, 0) => vec![words],
        (_, m) => vec![format!("{words} · {}", t!("badge.minutes", n = m)), words],
    }
}

/// "#lassen 2 open · 1 rond · 1 klaar · € 300": one topic of the team's
/// wishes, its parts wrapped to `width` whole (never cut): a part that
/// does not fit goes to the next row, indented under the topic.
fn wish_topic_lines(topic: &WishTopic, t: &Theme, width: usize) -> Vec<Line<'static>> {
    const INDENT: usize = 4;
    let (name, parts) = crate::i18n::wish_topic(topic);
    let cols = |s: &str| Span::raw(s).width();
    // Each row: what stands before its parts, and its parts.
    let mut rows: Vec<(String, String)> = Vec::new();
    // A name longer than the column (a tag may have 32 letters) breaks
    // between letters, its rest indented as the parts are.
    let mut head = String::from("  ");
    for c in name.chars() {
        let mut buf = [0u8; 4];
        if cols(&head) + cols(c.encode_utf8(&mut buf)) > width && head.trim() != "" {
            rows.push((
                std::mem::replace(&mut head, " ".repeat(INDENT)),
                String::new(),
            ));
        }
        head.push(c);
    }
    head.push(' ');
    let mut text = String::new();
    for part in parts {
        let sep = if text.is_empty() { "" } else { " · " };
        if cols(&head) + cols(&text) + cols(sep) + cols(&part) <= width {
            text.push_str(sep);
            text.push_str(&part);
        } else {
            rows.push((head, text));
            head = " ".repeat(INDENT);
            text = fit(&part, width.saturating_sub(INDENT));
        }
    }
    rows.push((head, text));
    rows.into_iter()
        .map(|(head, text)| {
            Line::from(vec![
                Span::styled(head, t.text),
                Span::styled(text, t.muted),
            ])
        })
        .collect()
}

/// One line of the column.
enum Entry {
    /// The chart's first row; it takes the next one too.
    Chart,
    ChartRest,
    Text(Line<'static>),
    Row(usize),
}

impl TeamState {
    fn entries(&self, data: &TeamData, width: usize) -> Vec<Entry> {
        let t = &self.theme;
        let heading = |s: &str| Entry::Text(Line::from(Span::styled(s.to_string(), t.heading)));
        // A sentence wraps under its two-space indent: at 40 columns
        // "nobody said yet, press e…" must stay whole.
        let muted = |s: &str| {
            let mut lines = Vec::new();
            let line = Line::from(Span::styled(format!("  {s}"), t.muted));
            let width = u16::try_from(width).unwrap_or(u16::MAX);
            crate::tui::wrap::wrap_into(&line, width, 2, &mut lines);
            lines.into_iter().map(Entry::Text).collect::<Vec<_>>()
        };
        let mut out = vec![Entry::Chart, Entry::ChartRest];
        let top: Vec<String> = data
            .team
            .top_answerers_this_month
            .iter()
            .take(3)
            .map(|a| format!("{} {}", data.team.name(&a.person), a.answers))
            .collect();
        out.push(Entry::Text(Line::from(vec![
            Span::styled(format!("{} ", answered_most()), t.strong),
            Span::styled(
                if top.is_empty() {
                    t!("team.nobody-yet").into_owned()
                } else {
                    top.join(" · ")
                },
                t.text,
            ),
        ])));
        out.push(Entry::Text(Line::default()));
        out.push(heading(&t!("list.questions.backed")));
        if data.questions.is_empty() {
            out.extend(muted(&t!("team.none-open")));
        }
        let mut rows = self.rows.iter().enumerate().peekable();
        while let Some((i, TeamRow::Question(_))) = rows.peek().copied() {
            out.push(Entry::Row(i));
            rows.next();
        }
        out.push(Entry::Text(Line::default()));
        out.push(heading(&t!("team.who-wants-what")));
        if data.team.tags.is_empty() {
            let said = match &self.edit_key {
                Some(key) => t!("team.nobody-said", key = key),
                None => t!("team.nobody-said.plain"),
            };
            out.extend(muted(&said));
        }
        out.extend(rows.map(|(i, _)| Entry::Row(i)));
        out.push(Entry::Text(Line::default()));
        out.push(heading(&t!("team.wishes")));
        match &data.wishes {
            None => out.extend(muted(&t!("wishes.not-on-server"))),
            Some(w) if w.topics.is_empty() => {
                out.extend(muted(&t!("wishes.none.plain")));
            }
            Some(w) => {
                for topic in &w.topics {
                    out.extend(
                        wish_topic_lines(topic, t, width)
                            .into_iter()
                            .map(Entry::Text),
                    );
                }
                out.push(Entry::Text(Line::from(vec![
                    Span::styled(format!("{} ", t!("team.wishes-given")), t.strong),
                    Span::styled(crate::i18n::amount(w.given_cents, w.given_minutes), t.text),
                ])));
            }
        }
        out
    }

    fn render_row(&self, data: &TeamData, i: usize, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let selected = i == self.selected;
        let (id, title, badges) = match self.rows[i] {
            TeamRow::Question(q) => {
                let q = &data.questions[q];
                (q.id.to_string(), q.title.clone(), backing_badges(q))
            }
            TeamRow::Tag(tag) => {
                let r = &data.team.tags[tag];
                (
                    format!("#{}", r.tag),
                    t!(
                        "team.tag-row",
                        wants = plural(
                            r.wants.len(),
                            t!("count.want.one"),
                            t!("count.want.many", n = r.wants.len())
                        ),
                        offers = plural(
                            r.offers.len(),
                            t!("count.can-help.one"),
                            t!("count.can-help.many", n = r.offers.len())
                        )
                    )
                    .into_owned(),
                    Vec::new(),
                )
            }
        };
        let marker = if selected {
            SELECTED_MARKER
        } else {
            UNSELECTED_MARKER
        };
        let width = usize::from(area.width);
        // A tag is what its row is about, no id: shown on a kiosk too.
        let head = match self.rows[i] {
            TeamRow::Tag(_) => format!("{marker}{id} "),
            TeamRow::Question(_) => format!("{marker}{}", super::ids::head(&id)),
        };
        let head_w = head.chars().count();
        // The badge (the backing) matters more than the end of the title:
        // the longest that leaves the title some room.
        let badge = badges
            .into_iter()
            .find(|b| width >= head_w + b.chars().count() + 8)
            .unwrap_or_default();
        let badge_w = badge.chars().count();
        let show_badge = badge_w > 0;
        let title_w = width.saturating_sub(head_w + if show_badge { badge_w + 1 } else { 0 });
        let title = fit(&title, title_w);
        let pad = title_w.saturating_sub(Span::raw(title.as_str()).width());
        let mut spans = vec![Span::styled(head, t.muted), Span::styled(title, t.text)];
        if show_badge {
            spans.push(Span::raw(" ".repeat(pad + 1)));
            spans.push(Span::styled(badge, t.accent));
        }
        let mut line = Line::from(spans);
        if selected {
            buf.set_style(area, t.selected);
            line = line.style(t.selected);
        }
        line.render(area, buf);
    }
}

impl Widget for &TeamState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(format!(" {} ", t!("tab.team")), t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(data) = &self.data else {
            Paragraph::new(Span::styled(t!("list.loading"), t.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        };
        let entries = self.entries(data, usize::from(inner.width));
        let at = entries
            .iter()
            .position(|e| matches!(e, Entry::Row(i) if *i == self.selected))
            .unwrap_or(0);
        let (first, count) = if self.at_end {
            let first = entries.len().saturating_sub(usize::from(inner.height));
            (first, entries.len() - first)
        } else {
            row_window(at, entries.len(), inner.height)
        };
        for (n, entry) in entries.iter().skip(first).take(count).enumerate() {
            let row = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
            match entry {
                Entry::Chart => WeekChart {
                    who: &t!("team.chart"),
                    weeks: &data.weeks,
                    theme: *t,
                }
                .render(Rect { height: 2, ..row }.intersection(inner), buf),
                Entry::ChartRest => {}
                Entry::Text(line) => {
                    // Cut where all can see it is cut.
                    let line = fit_line(line, usize::from(row.width));
                    buf.set_line(row.x, row.y, &line, row.width);
                }
                Entry::Row(i) => self.render_row(data, *i, row, buf),
            }
        }
    }
}
