//! A team's FAQ: a CSV file with a question and an answer column (found by
//! their header: `question`/`vraag`, `answer`/`antwoord`; else the first
//! two columns), or markdown with a `## Question` heading per entry and
//! the answer below it. Each entry becomes an answered question.

use std::path::Path;

use super::{Fault, PageError};
use crate::domain::reference::{RefItem, Reference, Source};

/// Entries without an answer, by line: each a fault of that entry only.
pub type Faults = Vec<(usize, Fault)>;

/// A FAQ file's items, each with the line its entry starts on, and the
/// faults of single entries.
pub type Items = (Vec<(usize, RefItem)>, Vec<PageError>);

/// One question and its answer, with the line the entry starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub question: String,
    pub answer: String,
}

/// Entries of a markdown FAQ: each `## ` heading is a question, the text
/// up to the next heading its answer. A heading without an answer is a
/// fault of that entry only.
pub fn parse_markdown(text: &str) -> (Vec<Entry>, Faults) {
    let mut entries = Vec::new();
    let mut faults = Vec::new();
    let mut current: Option<Entry> = None;
    let mut finish = |e: Option<Entry>, entries: &mut Vec<Entry>| {
        if let Some(mut e) = e {
            e.answer = e.answer.trim().to_string();
            if e.answer.is_empty() {
                faults.push((e.line, Fault::NoAnswer));
            } else {
                entries.push(e);
            }
        }
    };
    for (i, line) in text.lines().enumerate() {
        if let Some(q) = line.strip_prefix("## ") {
            finish(current.take(), &mut entries);
            current = Some(Entry {
                line: i + 1,
                question: q.trim().to_string(),
                answer: String::new(),
            });
        } else if line.starts_with("# ") && current.is_none() {
            // The FAQ's own title.
        } else if let Some(e) = &mut current {
            e.answer.push_str(line);
            e.answer.push('\n');
        }
    }
    finish(current.take(), &mut entries);
    (entries, faults)
}

/// Entries of a CSV FAQ. The header row names the columns; rows without an
/// answer are faults of their line.
pub fn parse_csv(text: &str) -> Result<(Vec<Entry>, Faults), (usize, Fault)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| (1, Fault::BadCsv(e.to_string())))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (q, a) = match (
        find(&["question", "vraag", "q"]),
        find(&["answer", "antwoord", "a"]),
    ) {
        (Some(q), Some(a)) => (q, a),
        (None, None) if header.len() >= 2 => (0, 1),
        _ => return Err((1, Fault::NoColumns)),
    };
    let mut entries = Vec::new();
    let mut faults = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            (line, Fault::BadCsv(e.to_string()))
        })?;
        let line = row.position().map_or(1, |p| p.line() as usize);
        let question = row.get(q).unwrap_or("").trim();
        let answer = row.get(a).unwrap_or("").trim();
        if question.is_empty() && answer.is_empty() {
            continue;
        }
        if answer.is_empty() {
            faults.push((line, Fault::NoAnswer));
            continue;
        }
        entries.push(Entry {
            line,
            question: question.to_string(),
            answer: answer.to_string(),
        });
    }
    Ok((entries, faults))
}

/// The FAQ at `path` as answered questions, keyed by the file's name and
/// the entry's place in it; faults of single entries beside them.
pub fn items(
    path: &Path,
    text: &str,
    page: &str,
    lang: &str,
    revision: &str,
) -> Result<Items, PageError> {
    let at = |line: usize, fault: Fault| PageError {
        path: path.to_path_buf(),
        line,
        fault,
    };
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (entries, faults) = if is_csv {
        parse_csv(text).map_err(|(l, f)| at(l, f))?
    } else {
        parse_markdown(text)
    };
    if entries.is_empty() && faults.is_empty() {
        return Err(at(1, Fault::NoQuestions));
    }
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            (
                e.line,
                RefItem {
                    reference: Reference {
                        source: Source::Faq,
                        lang: lang.to_string(),
                        page: page.to_string(),
                        example: i as u32 + 1,
                        revision: revision.to_string(),
                        attribution: String::new(),
                    },
                    text: e.question,
                    answer: Some(e.answer),
                    tags: Vec::new(),
                    context: None,
                },
            )
        })
        .collect();
    Ok((items, faults.into_iter().map(|(l, f)| at(l, f)).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_headings_are_questions() {
        let (entries, faults) = parse_markdown(
            "# Our FAQ\n\n## Where is the coffee?\n\nIn the kitchen,\nleft.\n\n## Who has the key?\n\n## How do I log in?\nWith your badge.\n",
        );
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].question, "Where is the coffee?");
        assert_eq!(entries[0].answer, "In the kitchen,\nleft.");
        assert_eq!(faults, vec![(8, Fault::NoAnswer)]);
    }

    #[test]
    fn csv_columns_are_found_by_name() {
        let (entries, faults) = parse_csv(
            "id,antwoord,vraag\n1,Met je pas.,Hoe log ik in?\n2,,Wie heeft de sleutel?\n3,\"Twee\nregels\",Meer?\n",
        )
        .unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].question, "Hoe log ik in?");
        assert_eq!(entries[1].answer, "Twee\nregels");
        assert_eq!(faults, vec![(3, Fault::NoAnswer)]);
        assert_eq!(
            parse_csv("x\nonly one\n").unwrap_err(),
            (1, Fault::NoColumns)
        );
    }
}
