//! The micro-lessons compiled into the binary (`assets/lessons/`).

use include_dir::{Dir, include_dir};

use crate::domain::lesson::{self, LessonFile};

static LESSONS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/lessons");

/// All bundled lessons, in file-name order. They are checked by a test, so a
/// broken one can only be a build of a broken tree; it is skipped, not fatal.
pub fn lessons() -> Vec<LessonFile> {
    let mut files: Vec<_> = LESSONS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|f| {
            let name = f.path().to_string_lossy();
            lesson::parse(&name, f.contents_utf8()?).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_lesson_parses_and_has_cards() {
        let mut count = 0;
        for f in LESSONS.files() {
            let name = f.path().to_string_lossy();
            let text = f.contents_utf8().expect("lesson files are UTF-8");
            let l = lesson::parse(&name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                (2..=4).contains(&l.cards.len()),
                "{name}: {} cards",
                l.cards.len()
            );
            assert!(
                (1..=5).contains(&l.minutes),
                "{name}: {} minutes",
                l.minutes
            );
            count += 1;
        }
        assert!(count >= 12, "only {count} bundled lessons");
        let dutch = lessons().iter().filter(|l| l.lang == "nl").count();
        assert!(dutch >= 6, "only {dutch} Dutch lessons");
    }

    /// A Dutch screen shows a Dutch lesson's tags: none of them may be a
    /// word only English reads (the English lessons' own tags, and the
    /// English words these lessons once carried). Words both languages
    /// use ("feedback", "terminal") may stand in both.
    #[test]
    fn dutch_lessons_carry_dutch_tags() {
        const BOTH: [&str; 3] = ["feedback", "terminal", "tmux"];
        const ENGLISH: [&str; 4] = ["mistakes", "errors", "debugging", "life"];
        let all = lessons();
        let english: Vec<&str> = all
            .iter()
            .filter(|l| l.lang == "en")
            .flat_map(|l| l.tags.iter().map(String::as_str))
            .chain(ENGLISH)
            .filter(|t| !BOTH.contains(t))
            .collect();
        for l in all.iter().filter(|l| l.lang == "nl") {
            for tag in &l.tags {
                assert!(
                    !english.contains(&tag.as_str()),
                    "{}: English tag {tag}",
                    l.title
                );
            }
        }
    }
}
