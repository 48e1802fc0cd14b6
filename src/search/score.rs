//! Scoring one query against docs: every word must match within one field
//! (title, a tag, the author or the body start); a word's best field
//! counts, weighed.

use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::docs::{Docs, Strings};
use super::letters::{self, ASCII, LIVE, Mask, REFERENCE};
use super::place;
use super::synonyms::Synonyms;
use super::typos::{self, Vocabulary};

/// What a one-letter word scores where it is found (a matched character
/// scores about this much in nucleo).
const ONE_LETTER_SCORE: u32 = 16;

/// Characters of a body where a word's letters may stand apart ("ctrlr"
/// in "ctrl-r"); past them a word is found only whole, or letters spread
/// over a long text would match nearly anything.
const BODY_FUZZY: usize = 300;

/// Weights (halves) of a word found in the title, a tag, the author, the
/// body.
const TITLE: u32 = 4;
const TAG: u32 = 3;
const AUTHOR: u32 = 2;
const BODY: u32 = 2;

/// One word of a query, ready for the matcher.
pub struct Needle {
    pub(super) text: Utf32String,
    /// The same, case and accents folded, for finding it whole.
    word: String,
    /// Words of the index one typo away, when this word is none itself.
    alts: Vec<String>,
    pub mask: Mask,
    folded: u32,
    /// The query's last word, the one that may still grow as one types.
    last: bool,
    /// Its place in the query, for "adjacent and in order".
    order: usize,
}

impl Needle {
    /// Letters spread thinly over a long text are a match only on paper:
    /// a word must score at least three quarters of what each of its
    /// letters scores found whole (a typo or two still pass). This keeps
    /// hits meaningful, and typing narrows much faster with it.
    fn min_score(&self) -> u32 {
        (self.text.len() as u32) * ONE_LETTER_SCORE * 3 / 4
    }

    /// A one-letter word matches exactly where its letter is: the mask
    /// answers without the matcher.
    fn by_mask(&self) -> bool {
        self.text.len() == 1 && self.mask != 0
    }

    /// What the word finds in one field: `NOTHING`, `THIN` (its letters
    /// are there in order, but spread too thin to count) or its score.
    ///
    /// The greedy matcher is several times faster than the optimal one,
    /// but takes the first letters it meets: in "the server, a restart" it
    /// spells "res" out of "seRvEr, a reStart" and scores it too low. So a
    /// low greedy score is asked again as a plain substring (cheap), which
    /// finds the word written out in full further on.
    pub(super) fn score(&self, matcher: &mut Matcher, haystack: Utf32Str<'_>) -> u32 {
        matcher.config.normalize = true;
        let needle = self.text.slice(..);
        let Some(greedy) = matcher.fuzzy_match_greedy(haystack, needle) else {
            return NOTHING;
        };
        let score = match u32::from(greedy) {
            low if low < self.min_score() => matcher
                .substring_match(haystack, needle)
                .map_or(low, u32::from),
            score => score,
        };
        if score >= self.min_score() {
            score
        } else {
            THIN
        }
    }
}

impl Needle {
    /// The word found whole in `haystack` (letters in a row): its score,
    /// or `NOTHING`.
    fn substring(&self, matcher: &mut Matcher, haystack: Utf32Str<'_>) -> u32 {
        matcher.config.normalize = true;
        matcher
            .substring_match(haystack, self.text.slice(..))
            .map_or(NOTHING, |s| u32::from(s).max(self.min_score()))
    }

    /// The word as typed (folded) and its stand-ins.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.word.as_str()).chain(self.alts.iter().map(String::as_str))
    }
}

/// A word's letters are nowhere in a field in order.
pub const NOTHING: u32 = 0;
/// A word's letters are in a field in order but too spread out to be a
/// hit. Such docs are kept for narrowing: if "kub" is thin in a doc,
/// "kubectl" may still be a real match there, and every doc where
/// "kubectl" has its letters in order has them for "kub" too. (Real scores
/// are at least 12, so 1 is free.)
pub const THIN: u32 = 1;

/// The words of a query: plain fuzzy words with no special syntax, so
/// what a longer query finds is among what a shorter one kept for
/// narrowing (see `Scored::narrow`), unless a word has typo stand-ins
/// (`has_typos`) or a synonym. Accents fold both ways: "café" finds
/// "cafe" too.
pub fn needles(query: &str, vocabulary: &Vocabulary, synonyms: &Synonyms) -> Vec<Needle> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            // Folded one character at a time as nucleo folds the text:
            // `to_lowercase` makes a word-final Σ into ς, which no text
            // ever holds after folding.
            let lower: String = w.chars().map(typos::fold).collect();
            let mask = letters::mask(&lower);
            // The team's synonyms first: they are meant, typos guessed.
            let mut alts = synonyms.of(&lower);
            if lower.chars().all(char::is_alphanumeric) {
                for alt in vocabulary.candidates(&lower) {
                    if !alts.contains(&alt) {
                        alts.push(alt);
                    }
                }
            }
            Needle {
                mask,
                folded: letters::fold(mask),
                last: i == last,
                order: i,
                text: Utf32String::from(lower.as_str()),
                word: lower,
                alts,
            }
        })
        .collect()
}

/// True when some word may match through a typo stand-in: such a query
/// is no narrowing of the one before.
pub fn has_typos(needles: &[Needle]) -> bool {
    needles.iter().any(|n| !n.alts.is_empty())
}

/// Each word's score in each distinct tag or name, worked out the first
/// time a doc asks: a team has far fewer tags and names than items.
struct Memo {
    /// `scores[word][string]`: `UNKNOWN`, or what `Needle::score` said.
    scores: Vec<Vec<u32>>,
}

const UNKNOWN: u32 = u32::MAX;

impl Memo {
    fn new(words: usize, strings: &Strings) -> Memo {
        Memo {
            scores: vec![vec![UNKNOWN; strings.len()]; words],
        }
    }

    fn score(
        &mut self,
        word: usize,
        needle: &Needle,
        strings: &Strings,
        n: u32,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> u32 {
        let slot = &mut self.scores[word][n as usize];
        if *slot == UNKNOWN {
            let mask = strings.masks[n as usize];
            *slot = if mask & needle.mask == needle.mask {
                let field = Field::new(strings.get(n), mask & ASCII != 0);
                needle.score(matcher, field.haystack(buf))
            } else {
                NOTHING
            };
        }
        *slot
    }
}

/// A doc's title or body, as the matcher will read it.
enum Field<'a> {
    Ascii(&'a [u8]),
    Text(&'a str),
    /// Text outside ASCII, decoded once per doc (`Decoded`): decoding it
    /// again for every word of the query and every field made such text
    /// several times slower to search than ASCII.
    Chars(&'a [char]),
}

impl<'a> Field<'a> {
    fn new(text: &'a str, ascii: bool) -> Field<'a> {
        if ascii {
            Field::Ascii(text.as_bytes())
        } else {
            Field::Text(text)
        }
    }

    fn len(&self) -> usize {
        match self {
            Field::Ascii(bytes) => bytes.len(),
            Field::Text(text) => text.len(),
            Field::Chars(chars) => chars.len(),
        }
    }

    /// The first `chars` characters.
    fn head(&self, chars: usize) -> Field<'a> {
        match self {
            Field::Ascii(bytes) => Field::Ascii(&bytes[..bytes.len().min(chars)]),
            Field::Text(text) => Field::Text(
                text.char_indices()
                    .nth(chars)
                    .map_or(text, |(at, _)| &text[..at]),
            ),
            Field::Chars(all) => Field::Chars(&all[..all.len().min(chars)]),
        }
    }

    fn haystack<'b>(&'b self, buf: &'b mut Vec<char>) -> Utf32Str<'b> {
        match self {
            Field::Ascii(bytes) => Utf32Str::Ascii(bytes),
            Field::Text(text) => Utf32Str::new(text, buf),
            Field::Chars(chars) => Utf32Str::Unicode(chars),
        }
    }
}

/// The title and body of the doc being scored, decoded to characters
/// once when they are not ASCII. Plain characters, not nucleo's grapheme
/// split (`Utf32Str::new`), which cost more than the matching itself; a
/// combining accent is then a letter of its own, which no query word
/// holds after folding, so it only widens a gap.
#[derive(Default)]
struct Decoded {
    title: Vec<char>,
    body: Vec<char>,
}

impl Decoded {
    fn fields<'a>(&'a mut self, docs: &'a Docs, i: usize, ascii: bool) -> (Field<'a>, Field<'a>) {
        if ascii {
            let (title, body) = docs.title_body_bytes(i);
            return (Field::Ascii(title), Field::Ascii(body));
        }
        let (title, body) = docs.title_body(i);
        self.title.clear();
        self.title.extend(title.chars());
        self.body.clear();
        self.body.extend(body.chars());
        (Field::Chars(&self.title), Field::Chars(&self.body))
    }
}

/// The docs of one scan, both in ascending doc order.
#[derive(Default)]
pub struct Scored {
    /// (score, doc) of every doc where each word is a real match.
    pub hits: Vec<(u32, u32)>,
    /// Every doc where each word is a match, except that the last word
    /// may be thin: a superset of the hits of any longer query (the last
    /// word grown, or words added), so typing on only looks at these.
    pub narrow: Vec<u32>,
}

impl Scored {
    pub fn append(&mut self, mut other: Scored) {
        self.hits.append(&mut other.hits);
        self.narrow.append(&mut other.narrow);
    }
}

/// Scores `candidates` (ascending doc numbers). `needles` come rarest
/// first, so most docs are settled by the first word.
pub fn score_docs(docs: &Docs, needles: &[&Needle], candidates: &[u32]) -> Scored {
    let mut config = Config::DEFAULT;
    config.ignore_case = true;
    let mut matcher = Matcher::new(config);
    // A word with typo stand-ins may match without its own letters.
    let needed = needles
        .iter()
        .filter(|n| n.alts.is_empty())
        .fold(LIVE, |m, n| m | n.mask);
    let mut tag_memo = Memo::new(needles.len(), &docs.tags);
    let mut name_memo = Memo::new(needles.len(), &docs.names);
    let mut buf = Vec::new();
    let mut decoded = Decoded::default();
    let mut text = Folded::default();
    let mut out = Scored::default();
    let mut in_query_order: Vec<&Needle> = needles.to_vec();
    in_query_order.sort_by_key(|n| n.order);
    let letters_only = needles.iter().all(|n| n.by_mask());
    'docs: for &i in candidates {
        let i = i as usize;
        let mask = docs.masks[i];
        if mask & needed != needed {
            continue;
        }
        let [title_mask, body_mask] = docs.field_masks[i];
        let ascii = mask & ASCII != 0;
        let mut hit = true;
        text.doc = None;
        // One-letter words are settled by the masks: nothing to decode.
        let (title, body) = if letters_only {
            (Field::Ascii(&[]), Field::Ascii(&[]))
        } else {
            decoded.fields(docs, i, ascii)
        };
        for (w, n) in needles.iter().enumerate() {
            if n.by_mask() {
                continue;
            }
            // The best weighed score, and whether anything was there.
            let (mut best, mut seen) = (0, false);
            let mut found = |score: u32, weight: u32| {
                seen |= score != NOTHING;
                if score > THIN {
                    best = best.max(score * weight / 2);
                }
            };
            if mask & n.mask == n.mask {
                if title_mask & n.folded == n.folded {
                    found(n.score(&mut matcher, title.haystack(&mut buf)), TITLE);
                }
                for &tag in docs.tag_numbers(i) {
                    found(
                        tag_memo.score(w, n, &docs.tags, tag, &mut matcher, &mut buf),
                        TAG,
                    );
                }
                let author = docs.authors[i];
                found(
                    name_memo.score(w, n, &docs.names, author, &mut matcher, &mut buf),
                    AUTHOR,
                );
                if body_mask & n.folded == n.folded {
                    let head = body.head(BODY_FUZZY);
                    let mut score = n.score(&mut matcher, head.haystack(&mut buf));
                    if score <= THIN && head.len() < body.len() {
                        // Past the start, the word itself, not its letters
                        // scattered over a long text.
                        score = score.max(n.substring(&mut matcher, body.haystack(&mut buf)));
                    }
                    found(score, BODY);
                }
            }
            if best == 0 && !n.alts.is_empty() {
                let fields = text.of(docs, i);
                if n.alts
                    .iter()
                    .any(|alt| fields.iter().any(|f| place::starts(f, alt)))
                {
                    (best, seen) = (1, true);
                }
            }
            // Only the last word can still grow into a match; a thin
            // earlier word settles the doc.
            if !seen || (best == 0 && !n.last) {
                continue 'docs;
            }
            hit &= best > 0;
        }
        out.narrow.push(i as u32);
        if hit {
            let rank = if letters_only {
                // One-letter words match nearly everything: the short
                // items first, and no text read.
                colleague(docs, i) << 16 | shortness(docs, i) << 8 | u32::from(docs.votes[i])
            } else {
                rank(&mut text, &in_query_order, docs, i)
            };
            out.hits.push((rank, i as u32));
        }
    }
    out
}

/// Doc `i`'s fields folded (title, body, tags, author), each made once
/// per doc and only when asked: most hits are ranked on their title
/// alone, and folding every body cost more than the matching.
#[derive(Default)]
struct Folded {
    doc: Option<usize>,
    made: [bool; 4],
    fields: [String; 4],
}

/// The fields' numbers in `Folded`, and the order `rank` reads them in:
/// the body, the longest, last.
const TITLE_FIELD: usize = 0;
const BODY_FIELD: usize = 1;

impl Folded {
    fn of(&mut self, docs: &Docs, i: usize) -> &[String; 4] {
        for f in 0..4 {
            self.field(docs, i, f);
        }
        &self.fields
    }

    fn field(&mut self, docs: &Docs, i: usize, f: usize) -> &str {
        if self.doc != Some(i) {
            self.made = [false; 4];
            self.doc = Some(i);
        }
        if !self.made[f] {
            let (title, body) = docs.title_body(i);
            let mut tags = String::new();
            let text = match f {
                TITLE_FIELD => title,
                BODY_FIELD => body,
                2 => {
                    for &tag in docs.tag_numbers(i) {
                        tags.push_str(docs.tags.get(tag));
                        tags.push(' ');
                    }
                    &tags
                }
                _ => docs.names.get(docs.authors[i]),
            };
            let slot = &mut self.fields[f];
            slot.clear();
            if text.is_ascii() {
                slot.push_str(text);
                slot.make_ascii_lowercase();
            } else {
                slot.extend(text.chars().map(typos::fold));
            }
            self.made[f] = true;
        }
        &self.fields[f]
    }
}

/// What a field adds to a word found there: the title says most about an
/// item, then its tags, then who wrote it.
const FIELD_BONUS: [u32; 4] = [6, 5, 0, 2];
/// A word right after the one before it in the query ("update packages"),
/// or at least after it somewhere in the same field.
const ADJACENT: u32 = 10;
const IN_ORDER: u32 = 4;

/// The rank of a hit, in this order of evidence: how each word was found
/// (whole, at a word start, inside a word, through a typo, scattered), and
/// in which field; the words adjacent and in order; then a colleague's
/// post before imported know-how (bit 16); then shorter titles first, as
/// in fzf (the second byte); then more votes (the low byte).
fn rank(text: &mut Folded, by_order: &[&Needle], docs: &Docs, i: usize) -> u32 {
    let mut total = 0;
    // The form each word was found in (itself or a stand-in), for the
    // adjacency of the next.
    let mut forms: Vec<&str> = Vec::with_capacity(by_order.len());
    for n in by_order {
        let mut best = 0;
        let mut form = n.word.as_str();
        for f in [TITLE_FIELD, 2, 3, BODY_FIELD] {
            // The body adds no bonus: a word already whole elsewhere
            // cannot do better there, and its text need not be folded.
            if f == BODY_FIELD && best >= place::WHOLE {
                break;
            }
            let text = text.field(docs, i, f);
            if let Some((points, _)) = place::best(text, &n.word) {
                best = best.max(points + FIELD_BONUS[f]);
            }
            for alt in &n.alts {
                if place::starts(text, alt) && place::TYPO + FIELD_BONUS[f] > best {
                    best = place::TYPO + FIELD_BONUS[f];
                    form = alt;
                }
            }
        }
        if best == 0 {
            best = place::SCATTERED;
        }
        total += best;
        forms.push(form);
    }
    for pair in forms.windows(2) {
        let mut bonus = 0;
        for f in [TITLE_FIELD, BODY_FIELD] {
            let text = text.field(docs, i, f);
            if place::adjacent(text, pair[0], pair[1]) {
                bonus = ADJACENT;
                break;
            } else if place::in_order(text, pair[0], pair[1]) {
                bonus = IN_ORDER;
            }
        }
        total += bonus;
    }
    total.min(0x7fff) << 17
        | colleague(docs, i) << 16
        | shortness(docs, i) << 8
        | u32::from(docs.votes[i])
}

/// 1 for a colleague's own post, 0 for imported know-how: at equal
/// evidence the colleague's comes first, before shortness and votes.
fn colleague(docs: &Docs, i: usize) -> u32 {
    u32::from(docs.masks[i] & REFERENCE == 0)
}

/// 0–255, more for shorter titles: a lesson's long text says nothing
/// against it.
fn shortness(docs: &Docs, i: usize) -> u32 {
    let (title, _) = docs.title_body(i);
    255 - title.chars().count().min(255) as u32
}
