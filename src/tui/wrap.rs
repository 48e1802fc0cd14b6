//! Word wrapping of styled lines to a width, with hanging indents for list
//! items. Our own (rather than `Paragraph::wrap`) because scrolling needs to
//! know how many rows the wrapped text takes.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A logical line and the indent of its continuation rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WrapLine {
    pub line: Line<'static>,
    pub indent: u16,
}

impl WrapLine {
    pub fn new(line: impl Into<Line<'static>>) -> Self {
        WrapLine {
            line: line.into(),
            indent: 0,
        }
    }

    pub fn indented(line: impl Into<Line<'static>>, indent: u16) -> Self {
        WrapLine {
            line: line.into(),
            indent,
        }
    }

    pub fn blank() -> Self {
        WrapLine::default()
    }
}

/// Display width of one char (0 for combining marks, 2 for wide ones).
fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    Span::raw(&*c.encode_utf8(&mut buf)).width()
}

/// Wraps every line to `width` columns.
pub fn wrap_all(lines: &[WrapLine], width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in lines {
        wrap_into(&l.line, width, l.indent, &mut out);
    }
    out
}

/// Appends the rows of one logical line wrapped to `width`.
pub fn wrap_into(line: &Line<'static>, width: u16, indent: u16, out: &mut Vec<Line<'static>>) {
    let width = usize::from(width.max(1));
    // Indents that would leave no room are dropped rather than looping forever.
    let indent = if usize::from(indent) * 2 > width {
        0
    } else {
        usize::from(indent)
    };
    let cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let breaks = break_points(&cells);
    let mut row: Vec<(char, Style)> = Vec::new();
    let mut row_w = 0;
    // Width of the indent the current row starts with.
    let mut row_base = 0;
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        // One token: a run of spaces, or a run of non-spaces (a word).
        let is_space = breaks[i];
        let end = breaks[i..]
            .iter()
            .position(|b| *b != is_space)
            .map_or(cells.len(), |p| i + p);
        let token = &cells[i..end];
        let token_w: usize = token.iter().map(|(c, _)| char_width(*c)).sum();
        if row_w + token_w <= width {
            row.extend_from_slice(token);
            row_w += token_w;
        } else if is_space {
            // Spaces at a break vanish.
            rows.push(break_row(&mut row));
            row_w = push_indent(&mut row, indent);
            row_base = indent;
        } else {
            if row_w > row_base {
                rows.push(break_row(&mut row));
                row_w = push_indent(&mut row, indent);
                row_base = indent;
            }
            // A word longer than a row is cut by characters.
            for &(c, st) in token {
                let w = char_width(c);
                if row_w + w > width && row_w > row_base {
                    rows.push(break_row(&mut row));
                    row_w = push_indent(&mut row, indent);
                    row_base = indent;
                }
                row.push((c, st));
                row_w += w;
            }
        }
        i = end;
    }
    rows.push(row);
    let base = line.style;
    out.extend(rows.into_iter().map(|r| to_line(&r, base)));
}

/// Units an amount is read with: a row never breaks between a number and
/// one of these ("10 uur", "30 min").
const UNITS: [&str; 19] = [
    "u", "uur", "uren", "h", "hour", "hours", "min", "minuut", "minuten", "minute", "minutes",
    "dag", "dagen", "day", "days", "week", "weken", "weeks", "eur",
];

/// Where a row may break: at each space, but for a space that joins an
/// amount to its currency sign ("€ 180") or a number to its unit ("10
/// uur"). Split, "€" at the end of one row and "180" on the next reads as
/// two things (issue 11, the give form at 40 columns).
fn break_points(cells: &[(char, Style)]) -> Vec<bool> {
    let chars: Vec<char> = cells.iter().map(|(c, _)| *c).collect();
    let word_before = |i: usize| -> String {
        let start = chars[..i]
            .iter()
            .rposition(|c| *c == ' ')
            .map_or(0, |p| p + 1);
        chars[start..i].iter().collect()
    };
    let word_after =
        |i: usize| -> String { chars[i + 1..].iter().take_while(|c| **c != ' ').collect() };
    (0..chars.len())
        .map(|i| {
            if chars[i] != ' ' || i == 0 || chars[i - 1] == ' ' {
                return chars[i] == ' ';
            }
            let (before, after) = (word_before(i), word_after(i));
            let sign = matches!(before.as_str(), "€" | "$" | "£")
                && after.starts_with(|c: char| c.is_ascii_digit());
            let unit = before.ends_with(|c: char| c.is_ascii_digit())
                && UNITS.contains(
                    &after
                        .trim_end_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                        .as_str(),
                );
            !(sign || unit)
        })
        .collect()
}

/// Ends a row at a wrap point; the spaces before the break are not drawn.
fn break_row(row: &mut Vec<(char, Style)>) -> Vec<(char, Style)> {
    while row.last().is_some_and(|(c, _)| *c == ' ') {
        row.pop();
    }
    std::mem::take(row)
}

fn push_indent(row: &mut Vec<(char, Style)>, indent: usize) -> usize {
    row.extend(std::iter::repeat_n((' ', Style::new()), indent));
    indent
}

/// Joins cells of one style back into spans.
fn to_line(cells: &[(char, Style)], base: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for &(c, st) in cells {
        if style.is_some_and(|s| s != st) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(st);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    let mut line = Line::from(spans);
    line.style = base;
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn words_wrap_at_spaces() {
        let rows = wrap_all(&[WrapLine::new("one two three four")], 9);
        assert_eq!(texts(&rows), vec!["one two", "three", "four"]);
    }

    #[test]
    fn hanging_indent_and_long_words() {
        let rows = wrap_all(&[WrapLine::indented("• alpha beta", 2)], 7);
        assert_eq!(texts(&rows), vec!["• alpha", "  beta"]);
        let rows = wrap_all(&[WrapLine::new("abcdefghij")], 4);
        assert_eq!(texts(&rows), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn an_amount_stays_with_its_currency_sign_and_its_unit() {
        // Without the glue the first row would end in "€".
        let rows = wrap_all(&[WrapLine::new("nog maar € 100 nodig")], 10);
        assert_eq!(texts(&rows), vec!["nog maar", "€ 100", "nodig"]);
        let rows = wrap_all(&[WrapLine::new("heb je nog 10 uur vrij")], 13);
        assert_eq!(texts(&rows), vec!["heb je nog", "10 uur vrij"]);
        let rows = wrap_all(&[WrapLine::new("nog 10 uur.")], 7);
        assert_eq!(texts(&rows), vec!["nog", "10 uur."]);
        // Other words still break where they always did.
        let rows = wrap_all(&[WrapLine::new("stap 3 van de 4")], 7);
        assert_eq!(texts(&rows), vec!["stap 3", "van de", "4"]);
    }

    #[test]
    fn tiny_widths_do_not_hang() {
        let rows = wrap_all(&[WrapLine::indented("• a b c", 8)], 1);
        assert!(rows.len() >= 4);
        assert!(wrap_all(&[WrapLine::blank()], 0).len() == 1);
        // A wide char in a 1-column row still makes progress.
        assert_eq!(wrap_all(&[WrapLine::new("日本")], 1).len(), 2);
    }
}
