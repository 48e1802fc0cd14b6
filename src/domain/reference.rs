//! Know-how brought in from elsewhere (`leertuin knowhow import`): tldr
//! pages, navi cheatsheets, a team's FAQ. An imported example is a tip like
//! any other — lists, search and the pane beside a tool show it — that also
//! says where it came from. It has no author among the colleagues (it is
//! stored under the source's own name, [`Source::handle`]), so nobody is
//! asked to vote on it, and it ranks below a colleague's own tip.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ValidationError;
use super::validate::{self, MAX_ANSWER_CHARS, MAX_CONTEXT_CHARS, MAX_TIP_CHARS};

/// Where imported know-how came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Tldr,
    Navi,
    Faq,
}

/// The prefix of the handles imported know-how is stored under. A colon
/// never occurs in a login name, so no colleague can have one of them.
pub const HANDLE_PREFIX: &str = "knowhow:";

impl Source {
    pub const ALL: [Source; 3] = [Source::Tldr, Source::Navi, Source::Faq];

    pub fn name(self) -> &'static str {
        match self {
            Source::Tldr => "tldr",
            Source::Navi => "navi",
            Source::Faq => "faq",
        }
    }

    pub fn from_name(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.name() == s)
    }

    /// The author handle the source's items are stored under: a person row
    /// the store creates, which belongs to nobody.
    pub fn handle(self) -> String {
        format!("{HANDLE_PREFIX}{}", self.name())
    }

    /// The name shown where a colleague's name would be.
    pub fn shown(self) -> &'static str {
        match self {
            Source::Tldr => "tldr-pages",
            Source::Navi => "navi",
            Source::Faq => "FAQ",
        }
    }

    /// The badge shown where a colleague's tip shows its votes, and in
    /// place of the kind on a search hit: it says the row is no colleague's.
    pub fn badge(self) -> &'static str {
        match self {
            Source::Tldr => "tldr",
            Source::Navi => "navi",
            Source::Faq => "FAQ",
        }
    }

    /// The source of an author handle, if it is one of the sources'.
    pub fn of_handle(handle: &str) -> Option<Source> {
        Source::from_name(handle.strip_prefix(HANDLE_PREFIX)?)
    }
}

/// True for the author handle of imported know-how (no colleague).
pub fn is_source_handle(handle: &str) -> bool {
    Source::of_handle(handle).is_some()
}

/// Where one imported item came from. Together `source`, `lang`, `page` and
/// `example` are its key: a second import of the same page updates the item
/// instead of adding another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub source: Source,
    /// The page's language (`en`, `nl`, …).
    pub lang: String,
    /// The page: `common/tar` for tldr (platform and command), the cheat
    /// file for navi, the FAQ file for a FAQ.
    pub page: String,
    /// The example's place on its page, from 1 (a dropped one's tombstone
    /// is numbered after the page's live examples).
    pub example: u32,
    /// The source's revision: a git commit, or the file's date.
    pub revision: String,
    /// The licence attribution shown with the item.
    pub attribution: String,
}

impl Reference {
    /// The badge shown where a colleague's tip shows its votes.
    pub fn badge(&self) -> &'static str {
        self.source.badge()
    }

    /// Where it came from, in one line: `tldr-pages, CC BY 4.0 · common/tar
    /// (nl, 3a9f0c2e1b7d)`.
    pub fn origin(&self) -> String {
        let mut out = String::new();
        if !self.attribution.is_empty() {
            out.push_str(&self.attribution);
            out.push_str(" · ");
        }
        out.push_str(&self.page);
        out.push_str(" (");
        out.push_str(&self.lang);
        if !self.revision.is_empty() {
            out.push_str(", ");
            out.push_str(&self.revision);
        }
        out.push(')');
        out
    }
}

/// The reference of an imported tip or question; `None` for a colleague's.
pub fn of(item: &super::Item) -> Option<&Reference> {
    match item {
        super::Item::Tip(t) => t.reference.as_deref(),
        super::Item::Question(q) => q.reference.as_deref(),
        _ => None,
    }
}

/// The person's language first: of an imported page that exists in
/// `lang`, the copies in other languages are left out, so a Dutch worker
/// beside `tar` sees tar's Dutch examples, and the English ones only of
/// pages without a Dutch translation. Everything else keeps its place.
pub fn own_language_first(items: Vec<super::Item>, lang: &str) -> Vec<super::Item> {
    use std::collections::HashSet;
    let translated: HashSet<(Source, &str)> = items
        .iter()
        .filter_map(of)
        .filter(|r| r.lang == lang)
        .map(|r| (r.source, r.page.as_str()))
        .collect();
    let keep: Vec<bool> = items
        .iter()
        .map(|i| {
            of(i).is_none_or(|r| {
                r.lang == lang || !translated.contains(&(r.source, r.page.as_str()))
            })
        })
        .collect();
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(i, k)| k.then_some(i))
        .collect()
}

/// The tldr-pages licence, shown with every tldr example.
pub const TLDR_ATTRIBUTION: &str = "tldr-pages, CC BY 4.0";

/// One imported item, as a parser hands it to the store. The text is
/// cleaned and checked by [`RefItem::checked`].
#[derive(Debug, Clone, PartialEq)]
pub struct RefItem {
    pub reference: Reference,
    /// For a tip the whole text (description, then the command); for an
    /// FAQ entry the question (title, then body).
    pub text: String,
    /// For an FAQ entry, the answer; `None` for a tip.
    pub answer: Option<String>,
    pub tags: Vec<String>,
    pub context: Option<String>,
}

impl RefItem {
    /// For tests: example `place` of the English tldr page `common/frob`,
    /// saying `text`, without tags or context.
    #[cfg(test)]
    pub fn frob(place: u32, text: &str) -> RefItem {
        RefItem {
            reference: Reference {
                source: Source::Tldr,
                lang: "en".into(),
                page: "common/frob".into(),
                example: place,
                revision: "r".into(),
                attribution: "a".into(),
            },
            text: text.into(),
            answer: None,
            tags: vec![],
            context: None,
        }
    }

    /// The item with its text cleaned as every tip's is (no control
    /// characters or escape sequences), within the limits of DESIGN.md.
    pub fn checked(mut self) -> Result<RefItem, ValidationError> {
        match &self.answer {
            None => self.text = validate::text("tip", &self.text, MAX_TIP_CHARS)?,
            Some(answer) => {
                let (title, body) = validate::question_text(&self.text)?;
                self.text = if body.is_empty() {
                    title
                } else {
                    format!("{title}\n{body}")
                };
                self.answer = Some(validate::text("answer", answer, MAX_ANSWER_CHARS)?);
            }
        }
        self.tags = validate::tags(&self.tags)?;
        self.context =
            validate::optional_line("context", self.context.as_deref(), MAX_CONTEXT_CHARS)?
                .map(|c| c.to_lowercase());
        Ok(self)
    }
}

/// Which items one import speaks for: those of `source` whose language is
/// one of `langs` and whose page is one of `pages` (an entry ending in `/`
/// is a folder: every page in it). Items of that scope the import did not
/// bring were removed from the source, and are removed here too — except
/// those on the `(lang, page)`s in `keep`: pages that failed to parse.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scope {
    pub source: Option<Source>,
    pub langs: Vec<String>,
    pub pages: Vec<String>,
    pub keep: Vec<(String, String)>,
}

impl Scope {
    pub fn covers(&self, r: &Reference) -> bool {
        let page_in =
            |p: &String| *p == r.page || (p.ends_with('/') && r.page.starts_with(p.as_str()));
        Some(r.source) == self.source
            && self.langs.contains(&r.lang)
            && self.pages.iter().any(page_in)
            && !self.keep.iter().any(|(l, p)| *l == r.lang && *p == r.page)
    }
}

/// What one import changed, per language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// [`Counts`] per language, in language order.
pub type RefReport = BTreeMap<String, Counts>;

/// Commands whose name is no valid tag, mapped to one that reads the same.
/// Other names are lower-cased, and characters a tag can't hold become `-`
/// (see [`tag_for`]).
pub const TAG_MAP: &[(&str, &str)] = &[
    ("c++", "cpp"),
    ("g++", "gpp"),
    ("clang++", "clangpp"),
    ("!", "bang"),
    ("[", "test"),
    ("[[", "test"),
    (".", "source"),
    (":", "true"),
    ("*.py", "python"),
];

/// The tag a command's examples get: the map above, else the name
/// lower-cased with each run of other characters (`.`, `+`, `@`…) made one
/// `-`, trimmed of `-` at the ends and cut to 32 characters; `None` for a
/// name with nothing left.
pub fn tag_for(command: &str) -> Option<String> {
    let lower = command.trim().to_lowercase();
    if let Some((_, tag)) = TAG_MAP.iter().find(|(name, _)| *name == lower) {
        return Some((*tag).to_string());
    }
    let mut out = String::new();
    for c in lower.chars() {
        let keep = (c.is_alphabetic() && !c.is_uppercase()) || c.is_ascii_digit() || c == '_';
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let tag: String = out.trim_matches('-').chars().take(32).collect();
    let tag = tag.trim_end_matches('-').to_string();
    (!tag.is_empty()).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;

    #[test]
    fn every_command_gets_a_valid_tag() {
        for (name, want) in [
            ("c++", "cpp"),
            ("!", "bang"),
            ("*.py", "python"),
            ("Rscript", "rscript"),
            ("7z", "7z"),
            ("git-commit", "git-commit"),
            ("docker.io", "docker-io"),
            ("x@y++z", "x-y-z"),
            ("löwe", "löwe"),
        ] {
            let tag = tag_for(name).unwrap();
            assert_eq!(tag, want, "{name}");
            assert!(validate::tag(&tag).is_ok(), "{name} → {tag}");
        }
        assert_eq!(tag_for("+++"), None);
        let long = tag_for(&"a.".repeat(40)).unwrap();
        assert!(validate::tag(&long).is_ok(), "{long}");
    }

    #[test]
    fn source_handles_are_no_login_names() {
        assert_eq!(Source::Tldr.handle(), "knowhow:tldr");
        assert_eq!(Source::of_handle("knowhow:navi"), Some(Source::Navi));
        assert_eq!(Source::of_handle("navi"), None);
        assert!(!is_source_handle("knowhow:other"));
    }

    #[test]
    fn a_scope_speaks_for_its_languages_and_pages() {
        let r = |lang: &str, page: &str| Reference {
            source: Source::Tldr,
            lang: lang.into(),
            page: page.into(),
            example: 1,
            revision: String::new(),
            attribution: String::new(),
        };
        let scope = Scope {
            source: Some(Source::Tldr),
            langs: vec!["nl".into()],
            pages: vec!["common/".into(), "a.cheat".into()],
            keep: vec![("nl".into(), "common/broken".into())],
        };
        assert!(scope.covers(&r("nl", "common/tar")));
        assert!(!scope.covers(&r("en", "common/tar")));
        assert!(!scope.covers(&r("nl", "linux/apt")));
        assert!(!scope.covers(&r("nl", "common/broken")));
        assert!(scope.covers(&r("nl", "a.cheat")));
        assert!(!scope.covers(&r("nl", "a.cheat2")));
    }
}
