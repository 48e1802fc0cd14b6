//! Lesson markdown → styled lines, with pulldown-cmark. Headings, lists,
//! emphasis, code and quotes are drawn; links are shown as their text with
//! the address after it, since a terminal pane can't follow them. Wrapping
//! to the width happens later ([`super::wrap`]), so one rendering serves any
//! pane size.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::domain::text::sanitize;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap::WrapLine;

struct Renderer<'t> {
    theme: &'t Theme,
    out: Vec<WrapLine>,
    spans: Vec<Span<'static>>,
    /// Inline styles in effect (emphasis inside a heading, …).
    styles: Vec<Style>,
    /// One entry per open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Prefix of the current line ("• ", "2. ", "│ ") and its width.
    prefix: String,
    indent: u16,
    in_code_block: bool,
    quote_depth: usize,
    /// The address of the link being read, shown after its text.
    link: Option<String>,
}

/// Renders markdown into logical lines (not yet wrapped).
pub fn render(markdown: &str, theme: &Theme) -> Vec<WrapLine> {
    let mut r = Renderer {
        theme,
        out: Vec::new(),
        spans: Vec::new(),
        styles: vec![theme.text],
        lists: Vec::new(),
        prefix: String::new(),
        indent: 0,
        in_code_block: false,
        quote_depth: 0,
        link: None,
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        r.event(event);
    }
    r.flush();
    while r.out.last().is_some_and(|l| l.line.spans.is_empty()) {
        r.out.pop();
    }
    r.out
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, s: Style) {
        let top = self.style().patch(s);
        self.styles.push(top);
    }

    fn pop_style(&mut self) {
        if self.styles.len() > 1 {
            self.styles.pop();
        }
    }

    fn text(&mut self, text: &str) {
        if self.spans.is_empty() && !self.prefix.is_empty() {
            let p = std::mem::take(&mut self.prefix);
            self.spans.push(Span::styled(p, self.theme.muted));
        }
        self.spans
            .push(Span::styled(text.to_string(), self.style()));
    }

    /// Ends the current line, if it has anything in it.
    fn flush(&mut self) {
        if self.spans.is_empty() {
            return;
        }
        let quote = "│ ".repeat(self.quote_depth);
        let mut spans = std::mem::take(&mut self.spans);
        if !quote.is_empty() {
            spans.insert(0, Span::styled(quote, self.theme.muted));
        }
        let indent = self.indent + 2 * self.quote_depth as u16;
        self.out.push(WrapLine::indented(Line::from(spans), indent));
        // Continuation lines of an item line up under its text, without a bullet.
        self.prefix = " ".repeat(usize::from(self.indent));
    }

    /// A blank line between blocks, never two in a row and never first.
    fn gap(&mut self) {
        self.flush();
        if self.out.last().is_some_and(|l| !l.line.spans.is_empty()) {
            self.out.push(WrapLine::blank());
        }
    }

    fn event(&mut self, event: Event) {
        // Stored text is clean, but markdown entities (`&#x202E;`, `&#27;`)
        // decode to characters it could never hold: clean them again.
        let clean = |t: &str| CowStr::from(sanitize(t));
        let event = match event {
            Event::Text(t) => Event::Text(clean(&t)),
            Event::Code(t) => Event::Code(clean(&t)),
            Event::Html(t) => Event::Html(clean(&t)),
            Event::InlineHtml(t) => Event::InlineHtml(clean(&t)),
            other => other,
        };
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_code_block => {
                for line in t.lines() {
                    self.spans
                        .push(Span::styled(format!("  {line}"), self.theme.code));
                    self.flush();
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::Code(t) => {
                self.push_style(self.theme.code);
                self.text(&t);
                self.pop_style();
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.gap();
                self.spans.push(Span::styled("────────", self.theme.muted));
                self.flush();
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            // A paragraph inside a list item continues on the bullet's line.
            Tag::Paragraph if self.prefix.trim().is_empty() => self.gap(),
            Tag::Heading { .. } => {
                self.gap();
                self.push_style(self.theme.heading);
            }
            Tag::BlockQuote(_) => {
                self.gap();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(kind) => {
                self.gap();
                self.in_code_block = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.spans
                        .push(Span::styled(format!("  [{lang}]"), self.theme.muted));
                    self.flush();
                }
            }
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.gap();
                } else {
                    self.flush();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                let pad = "  ".repeat(depth);
                self.indent = (pad.chars().count() + marker.chars().count()) as u16;
                self.prefix = format!("{pad}{marker}");
            }
            Tag::Emphasis => self.push_style(self.theme.emphasis),
            Tag::Strong => self.push_style(self.theme.strong),
            Tag::Strikethrough => self.push_style(self.theme.muted),
            Tag::Link { dest_url, .. } => {
                self.push_style(self.theme.link);
                self.link = Some(sanitize(&dest_url));
            }
            Tag::Image { dest_url, .. } => {
                self.text("[image: ");
                self.link = Some(sanitize(&dest_url));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => {
                self.pop_style();
                self.flush();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.flush();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.indent = 0;
                    self.prefix.clear();
                }
            }
            TagEnd::Item => {
                self.flush();
                self.prefix.clear();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.pop_style(),
            TagEnd::Link => {
                self.pop_style();
                self.link_address();
            }
            TagEnd::Image => {
                self.link_address();
                self.text("]");
            }
            _ => {}
        }
    }

    /// Shows a link's address after its text, unless the text already is it.
    fn link_address(&mut self) {
        let Some(url) = self.link.take() else { return };
        let shown = self.spans.last().is_some_and(|s| s.content == url);
        if !url.is_empty() && !shown {
            self.push_style(self.theme.muted);
            self.text(&format!(" ({url})"));
            self.pop_style();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> Vec<String> {
        render(md, &Theme::mono())
            .iter()
            .map(|l| l.line.to_string())
            .collect()
    }

    #[test]
    fn entities_cannot_bring_back_what_cleaning_removed() {
        let shown =
            plain("abc&#x202E;fed &#27;[31mred `x&#155;y` [l](http://a&#x202E;b)").join(" ");
        assert!(
            !shown.contains('\u{202E}') && !shown.contains('\u{1b}'),
            "{shown:?}"
        );
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(shown.contains("abcfed"), "{shown:?}");
    }

    #[test]
    fn blocks_are_separated_and_marked() {
        let md = "# Title\n\nSome *soft* text\nhere.\n\n- one\n- two\n\n1. first\n2. second\n\n```sh\nls -l\n```\n";
        assert_eq!(
            plain(md),
            vec![
                "Title",
                "",
                "Some soft text here.",
                "",
                "• one",
                "• two",
                "",
                "1. first",
                "2. second",
                "",
                "  [sh]",
                "  ls -l",
            ]
        );
    }

    #[test]
    fn links_show_their_address_and_styles_apply() {
        let md = "See [the docs](https://example.org) and <https://x.org>, **now**.";
        assert_eq!(
            plain(md),
            vec!["See the docs (https://example.org) and https://x.org, now."]
        );
        let lines = render("**bold**", &Theme::mono());
        assert_eq!(
            lines[0].line.spans[0].style,
            Theme::mono().text.patch(Theme::mono().strong)
        );
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let lines = render("- a long item\n  - nested", &Theme::mono());
        assert_eq!(lines[0].indent, 2);
        assert_eq!(lines[1].line.to_string(), "  • nested");
        assert_eq!(lines[1].indent, 4);
    }
}
