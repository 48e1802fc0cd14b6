//! Which language to speak, and the message catalogues (`locales/*.yml`,
//! compiled in by rust-i18n; every key has `en` and `nl`).
//!
//! Use `t!("key")` (`crate::t`) for every text a person reads. It speaks the
//! language of the current thread ([`lang`]): the pane, a capture popup and a
//! CLI command each run on one thread and call [`set`] once they know the
//! person. Tests call [`set_thread`] so tests running side by side on other
//! threads can never change each other's language. Where a caller already
//! holds a language (nudges), it passes it: `t!("key", locale = lang)`.

use std::cell::Cell;

mod catalogue;
pub use catalogue::Catalogue;

use crate::domain::ValidationError;
use crate::store::StoreError;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The languages leertuin speaks.
pub const LANGS: [&str; 2] = ["en", "nl"];

/// The language to use: the person's profile, else `LEERTUIN_LANG`, else
/// `LC_ALL`/`LC_MESSAGES`/`LANG` (`nl_NL.UTF-8` → `nl`), else English.
pub fn choose(profile: Option<&str>) -> &'static str {
    choose_in(profile, None)
}

/// As [`choose`], with the `lang` of config.toml after `LEERTUIN_LANG` and
/// before the system locale.
pub fn choose_in(profile: Option<&str>, config: Option<&str>) -> &'static str {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let candidates = [
        profile.map(str::to_string),
        env("LEERTUIN_LANG"),
        config.map(str::to_string),
        env("LC_ALL"),
        env("LC_MESSAGES"),
        env("LANG"),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|v| supported(&v))
        .unwrap_or("en")
}

/// `nl`, `nl_NL.UTF-8`, `nl-BE` → `nl`; unknown → `None`.
pub fn supported(value: &str) -> Option<&'static str> {
    let lang = value
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LANGS.into_iter().find(|l| *l == lang)
}

/// A language code as people name it, in the screen's language
/// ("Nederlands", "English"; "Engels" on a Dutch screen): a profile shows
/// this, never the code. A code leertuin does not speak stays as it is.
pub fn lang_name(code: &str) -> String {
    match code {
        "nl" => t!("lang.nl").into_owned(),
        "en" => t!("lang.en").into_owned(),
        other => other.to_string(),
    }
}

/// The code of a language typed as its name, in either language
/// ("Nederlands", "dutch", "Engels") or as its code; anything else as
/// typed, lower-cased, for the store to refuse with its reason.
pub fn lang_code(typed: &str) -> String {
    let typed = typed.trim().to_lowercase();
    // Each language's name on a Dutch and on an English screen.
    let names = |code: &str| -> [String; 2] {
        match code {
            "nl" => [t!("lang.nl", locale = "nl"), t!("lang.nl", locale = "en")],
            _ => [t!("lang.en", locale = "nl"), t!("lang.en", locale = "en")],
        }
        .map(|n| n.to_lowercase())
    };
    let named = LANGS
        .into_iter()
        .find(|code| typed == *code || names(code).contains(&typed));
    named.map_or(typed, str::to_string)
}

/// The language of threads that were not told one: set by [`set`].
static PROCESS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static THREAD: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The language `t!` speaks on this thread now.
pub fn lang() -> &'static str {
    THREAD
        .with(Cell::get)
        .unwrap_or_else(|| LANGS[PROCESS.load(Ordering::Relaxed) % LANGS.len()])
}

/// Sets the language for every following `t!` on this thread, and for
/// threads that were never told one. Unknown languages mean English.
pub fn set(lang: &str) {
    let lang = supported(lang).unwrap_or("en");
    let index = LANGS.iter().position(|l| *l == lang).unwrap_or(0);
    PROCESS.store(index, Ordering::Relaxed);
    rust_i18n::set_locale(lang);
    set_thread(lang);
}

/// Sets the language of this thread only: what tests use, so that tests on
/// other threads keep theirs.
pub fn set_thread(lang: &str) {
    let lang = supported(lang).unwrap_or("en");
    THREAD.with(|t| t.set(Some(lang)));
}

/// The singular text for exactly one, else the plural: Dutch and English
/// both have just these two forms ("1 antwoord", "0/2 antwoorden").
/// rust-i18n has no plural rules of its own, so the catalogue keeps a
/// `.one` and a `.many` key and the caller passes both, already
/// translated: `plural(n, t!("count.answers.one"), t!("count.answers.many", n = n))`.
pub fn plural<N: TryInto<i64>>(
    n: N,
    one: std::borrow::Cow<'_, str>,
    other: std::borrow::Cow<'_, str>,
) -> String {
    if n.try_into().ok() == Some(1) {
        one.into_owned()
    } else {
        other.into_owned()
    }
}

/// `text` as a sentence shown to a person: its first letter a capital.
/// The catalogue's reasons are also the command line's, which says them
/// after "leertuin: " in lower case ("verkeerd bedrag …"); on a screen
/// they stand alone and start as a sentence ("Verkeerd bedrag …"). A
/// text that starts with an id or a number ("w12 is …", "€ 5: …",
/// "--brought …") is left as it is: that is no word to capitalise.
pub fn sentence(text: impl Into<String>) -> String {
    let text = text.into();
    let first_word = text.split(' ').next().unwrap_or("");
    if !first_word.chars().all(char::is_alphabetic) {
        return text;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

/// "3 answers" / "1 antwoord" in the current language.
pub fn answers(n: usize) -> String {
    plural(n, t!("count.answers.one"), t!("count.answers.many", n = n))
}

/// "1 vote" / "3 stemmen" in the current language.
pub fn votes(n: usize) -> String {
    plural(n, t!("count.votes.one"), t!("count.votes.many", n = n))
}

/// "1 minute" / "30 minuten" in the current language.
pub fn minutes(n: i64) -> String {
    plural(n, t!("count.minutes.one"), t!("count.minutes.many", n = n))
}

/// "1 dec 14:05" (Dutch) / "1 Dec 14:05" (English), in local time: a short
/// date with the month named in the current language (chrono names months
/// in English only, without its unstable-locales feature).
pub fn day_month_time(at: crate::domain::Time) -> String {
    use chrono::{Datelike, Timelike};
    let local = at.with_timezone(&chrono::Local);
    format!(
        "{} {} {:02}:{:02}",
        local.day(),
        nth_word(&t!("date.months"), local.month0() as usize),
        local.hour(),
        local.minute()
    )
}

/// "14 okt 2025" (Dutch) / "14 Oct 2025" (English), in local time: a
/// date long enough ago that the hour no longer matters.
pub fn day_month_year(at: crate::domain::Time) -> String {
    use chrono::Datelike;
    let local = at.with_timezone(&chrono::Local);
    format!(
        "{} {} {}",
        local.day(),
        nth_word(&t!("date.months"), local.month0() as usize),
        local.year()
    )
}

/// "31 maart 2027" (Dutch) / "31 March 2027" (English): a calendar day,
/// such as the last day of a grant or a voucher, in words.
pub fn long_date(day: chrono::NaiveDate) -> String {
    long_date_in(day, lang())
}

/// [`long_date`] in the given language.
pub fn long_date_in(day: chrono::NaiveDate, locale: &str) -> String {
    use chrono::Datelike;
    format!("{} {}", day_month_in(day, locale), day.year())
}

/// "31 december": a day within weeks from now, where the year goes
/// without saying (a nudge), in the given language.
pub fn day_month_in(day: chrono::NaiveDate, locale: &str) -> String {
    use chrono::Datelike;
    let months = t!("date.months.long", locale = locale);
    format!("{} {}", day.day(), nth_word(&months, day.month0() as usize))
}

/// "di 14:05" (Dutch) / "Tue 14:05" (English), in local time.
pub fn weekday_time(at: crate::domain::Time) -> String {
    use chrono::{Datelike, Timelike};
    let local = at.with_timezone(&chrono::Local);
    format!(
        "{} {:02}:{:02}",
        nth_word(
            &t!("date.weekdays"),
            local.weekday().num_days_from_monday() as usize
        ),
        local.hour(),
        local.minute()
    )
}

/// Word `n` of a space-separated catalogue list (months, weekdays).
fn nth_word(list: &str, n: usize) -> String {
    list.split_whitespace().nth(n).unwrap_or("").to_string()
}

/// A validation error in the current language: the rules a person broke,
/// said in their words. `Rule` messages name ids and flags and stay as
/// they are.
pub fn invalid(e: &ValidationError) -> String {
    let s = match e {
        ValidationError::Empty(field) => t!("error.empty", field = field_word(field)),
        ValidationError::TooLong { field, len, max } => t!(
            "error.too-long",
            field = field_word(field),
            len = len,
            max = max
        ),
        ValidationError::BadTag(tag) => t!("error.bad-tag", tag = format!("{tag:?}")),
        ValidationError::TooManyTags { count, max } => {
            t!("error.too-many-tags", count = count, max = max)
        }
        ValidationError::BadId(id) => t!("error.bad-id", id = format!("{id:?}")),
        ValidationError::BadMinutes { minutes, max } => {
            t!("error.bad-minutes", minutes = minutes, max = max)
        }
        ValidationError::NotKind { id, kind } => {
            t!("error.not-kind", id = id, kind = kind_word(*kind))
        }
        ValidationError::OwnTip(id) => t!("error.own-tip", id = id),
        ValidationError::OwnQuestion(id) => t!("error.own-question", id = id),
        ValidationError::ImportedTip(id) => t!("error.imported-tip", id = id),
        ValidationError::NoAnswer { question, answer } => {
            t!("error.no-answer", id = question, n = answer)
        }
        ValidationError::NoPledge { question, helper } => {
            t!("error.no-pledge", id = question, who = helper)
        }
        ValidationError::NotTheAsker(id) => t!("error.not-the-asker", id = id),
        ValidationError::AskedAnonymously(id) => t!("error.asked-anonymously", id = id),
        ValidationError::AnsweredByOthers(id) => t!("error.answered-by-others", id = id),
        ValidationError::BadLang(lang) => t!("error.bad-lang", lang = format!("{lang:?}")),
        ValidationError::FlagOnlyFor { flag, kind } => {
            t!(
                "error.flag-only-for",
                flag = flag,
                kind = kind_plural(*kind)
            )
        }
        ValidationError::ContextNotLearned => t!("error.context-not-learned"),
        ValidationError::LessonsViaImport => t!("error.lessons-via-import"),
        ValidationError::BadPost(id) => t!("error.bad-post", id = format!("{id:?}")),
        ValidationError::BadCard(card) => t!("error.bad-card", card = format!("{card:?}")),
        ValidationError::PledgeNeedsMinutes => t!("error.pledge-needs-minutes"),
        ValidationError::MinutesOnlyPledge => t!("error.minutes-only-pledge"),
    };
    s.into_owned()
}

/// A store error in the current language, where it is the person's doing
/// or a state they can act on; machine failures keep their own words.
pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::Invalid(v) => invalid(v),
        StoreError::NotFound(id) => t!("error.not-found", id = id).into_owned(),
        StoreError::NotYours(post) => t!("error.not-yours", id = post).into_owned(),
        StoreError::Anonymous(post) => t!("error.anonymous", id = post).into_owned(),
        StoreError::NeedsLogin => t!("error.needs-login").into_owned(),
        StoreError::NewerSchema { found, known } => {
            t!("error.newer-schema", found = found, known = known).into_owned()
        }
        StoreError::Missing(path) => t!("error.missing", path = path.display()).into_owned(),
        StoreError::Empty(path) => t!("error.empty-file", path = path.display()).into_owned(),
        StoreError::Busy => t!("error.busy").into_owned(),
        StoreError::ReadOnly => t!("error.read-only").into_owned(),
        StoreError::Gone(path) => t!("error.gone", path = path.display()).into_owned(),
        StoreError::StaleShm(path) => t!("error.stale-shm", path = path.display()).into_owned(),
        StoreError::DiskFull => t!("error.disk-full").into_owned(),
        StoreError::Corrupt => t!("error.corrupt").into_owned(),
        StoreError::NotYourName { user, login, path } => t!(
            "error.not-your-name",
            user = user,
            login = login,
            path = path.display()
        )
        .into_owned(),
        StoreError::Offline(said) => said.clone(),
        StoreError::NotYourLogin { user, login } => {
            t!("error.not-your-login", user = user, login = login).into_owned()
        }
        StoreError::Backend(reason) => t!("error.backend", reason = reason).into_owned(),
        StoreError::HasContent { rows, table } => {
            t!("error.has-content", rows = rows, table = table).into_owned()
        }
        StoreError::NotAnExport(format) => {
            t!("error.not-an-export", format = format!("{format:?}")).into_owned()
        }
        StoreError::ExportVersion { found, known } => {
            t!("error.export-version", found = found, known = known).into_owned()
        }
        StoreError::NotYourCard(card) => t!("error.not-your-card", card = card).into_owned(),
        StoreError::Wish(w) => wish_error(w),
        StoreError::Rejected { first, more: 0 } => rejected(first),
        StoreError::Rejected { first, more } => {
            t!("import.rejected-more", first = rejected(first), n = more).into_owned()
        }
        other => other.to_string(),
    }
}

/// A kind in the plural, for "only applies to questions".
fn kind_plural(kind: crate::domain::Kind) -> String {
    use crate::domain::Kind;
    let s = match kind {
        Kind::Lesson => t!("kinds.lesson"),
        Kind::Question => t!("kinds.question"),
        Kind::Tip => t!("kinds.tip"),
        Kind::Learned => t!("kinds.learned"),
    };
    s.into_owned()
}

/// A file error in the current language where it is a common one (not
/// there, no access); others keep the system's words, which our own
/// messages (already translated) are among.
pub fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => t!("error.io.not-found").into_owned(),
        std::io::ErrorKind::PermissionDenied => t!("error.io.denied").into_owned(),
        _ => e.to_string(),
    }
}

/// A broken lesson file as `file:line: reason`, in the current language;
/// the file name and the parser's words in it are cleaned for the terminal.
pub fn lesson_error(e: &crate::domain::lesson::LessonError) -> String {
    use crate::domain::lesson::Fault;
    let reason = match &e.reason {
        Fault::Said(s) => s.clone(),
        Fault::Invalid(v) => invalid(v),
        Fault::NoOpening => t!("lesson.no-opening").into_owned(),
        Fault::NeverClosed => t!("lesson.never-closed").into_owned(),
        Fault::FrontMatter(m) => t!("lesson.front-matter", detail = m).into_owned(),
        Fault::Minutes(m) => t!("lesson.minutes", minutes = m).into_owned(),
        Fault::Lang(l) => t!("lesson.lang", lang = format!("{l:?}")).into_owned(),
        Fault::NoText => t!("lesson.no-text").into_owned(),
        Fault::NoName => t!("lesson.no-name").into_owned(),
        Fault::NoAnswer => t!("lesson.no-answer").into_owned(),
        Fault::AnswerFirst => t!("lesson.answer-first").into_owned(),
        Fault::EmptyCard => t!("lesson.empty-card").into_owned(),
        Fault::NotACard => t!("lesson.not-a-card").into_owned(),
    };
    use crate::domain::text::one_line;
    format!("{}:{}: {}", one_line(&e.file), e.line, one_line(&reason))
}

/// What a lesson or wish brought (work, life, connection, meaning), in plain words;
/// other words (from an older version) as they are.
pub fn brought_word(name: &str) -> String {
    let s = match name {
        "work" => t!("brought.work"),
        "life" => t!("brought.life"),
        "connection" => t!("brought.connection"),
        "meaning" => t!("brought.meaning"),
        "unsorted" => t!("brought.unsorted"),
        other => return other.to_string(),
    };
    s.into_owned()
}

/// A kind as a word of the current language ("tip", "vraag").
pub fn kind_word(kind: crate::domain::Kind) -> String {
    use crate::domain::Kind;
    let s = match kind {
        Kind::Lesson => t!("kind.lesson"),
        Kind::Question => t!("kind.question"),
        Kind::Tip => t!("kind.tip"),
        Kind::Learned => t!("kind.learned"),
    };
    s.into_owned()
}

/// The name of a field in the error messages ("question title").
fn field_word(field: &str) -> String {
    let s = match field {
        "answer" => t!("field.answer"),
        "context" => t!("field.context"),
        "learned" => t!("field.learned"),
        "lesson title" => t!("field.lesson-title"),
        "name" => t!("field.name"),
        "reflection" => t!("field.reflection"),
        "tip" => t!("field.tip"),
        "title" => t!("field.title"),
        "user name" => t!("field.user-name"),
        "question title" => t!("field.question-title"),
        "question body" => t!("field.question-body"),
        "wish" => t!("field.wish"),
        "why" => t!("field.why"),
        "source" => t!("field.source"),
        "note" => t!("field.note"),
        other => return other.to_string(),
    };
    s.into_owned()
}

/// An item `import` or `import --merge` refuses, in the current language:
/// `t3: tags ["Sql"] are untidy`. The file's own words in it are cleaned
/// for the terminal.
pub fn rejected(r: &crate::domain::import_check::Rejected) -> String {
    use crate::domain::text::one_line;
    format!(
        "{}: {}",
        one_line(&rejected_what(&r.item)),
        one_line(&rejected_reason(&r.reason))
    )
}

fn rejected_what(w: &crate::domain::import_check::What) -> String {
    use crate::domain::import_check::What;
    let s = match w {
        What::Item(id) => return id.to_string(),
        What::Person(h) => t!("import.what.person", who = format!("{h:?}")),
        What::Done { lesson, person } => {
            t!(
                "import.what.done",
                lesson = lesson,
                who = format!("{person:?}")
            )
        }
        What::Card { card, person } => {
            t!("import.what.card", card = card, who = format!("{person:?}"))
        }
        What::Review { card, person } => {
            t!(
                "import.what.review",
                card = card,
                who = format!("{person:?}")
            )
        }
        What::Pin(p) => t!("import.what.pin", who = format!("{p:?}")),
    };
    s.into_owned()
}

fn rejected_reason(r: &crate::domain::import_check::Reason) -> String {
    use crate::domain::import_check::Reason;
    let q = |s: &str| format!("{s:?}");
    let s = match r {
        Reason::Invalid(e) => return invalid(e),
        Reason::Untidy(text) => t!("import.untidy", text = q(text)),
        Reason::Dirty(field) => t!("import.dirty", field = field),
        Reason::Twice => t!("import.twice"),
        Reason::SlugTwice(slug) => t!("import.slug-twice", slug = q(slug)),
        Reason::UnknownPerson(h) => t!("import.unknown-person", who = q(h)),
        Reason::WrongList(kind) => t!("import.wrong-list", kind = kind_plural(*kind)),
        Reason::Lang(lang) => t!("import.lang", lang = q(lang)),
        Reason::Minutes(m) => t!("import.minutes", minutes = m),
        Reason::BodyTooLong(max) => t!("import.body-too-long", max = max),
        Reason::BodyUntidy => t!("import.body-untidy"),
        Reason::EmptyCard => t!("import.empty-card"),
        Reason::UntidyTags(tags) => t!("import.untidy-tags", tags = format!("{tags:?}")),
        Reason::UntidyContext(c) => t!(
            "import.untidy-context",
            context = c.as_deref().map_or_else(String::new, |c| format!("{c:?}"))
        ),
        Reason::Tombstone => t!("import.tombstone"),
        Reason::NotInFile(id) => t!("import.not-in-file", id = id),
        Reason::CardShape(card) => t!("import.card-shape", card = q(card)),
        Reason::NotFinite => t!("import.not-finite"),
        Reason::Rating(n) => t!("import.rating", n = n),
        Reason::NotArgon => t!("import.not-argon"),
        Reason::AnswerTwice(n) => t!("import.answer-twice", n = n),
        Reason::BacksTwice { person, kind } => {
            t!("import.backs-twice", who = q(person), kind = kind.name())
        }
        Reason::PledgeWithoutMinutes => t!("import.pledge-without-minutes"),
        Reason::MinutesNotPledge => t!("import.minutes-not-pledge"),
        Reason::Answer(n, inner) => {
            return format!(
                "{}: {}",
                t!("import.what.answer", n = n),
                rejected_reason(inner)
            );
        }
    };
    s.into_owned()
}

/// Hours for people: "1 hour", "1.5 hours", "8 hours" ("1 uur", "8 uur").
pub fn hours(minutes: i64, nl: bool) -> String {
    hours_in(minutes, if nl { "nl" } else { "en" })
}

/// [`hours`] in the given language (a nudge speaks its person's).
fn hours_in(minutes: i64, locale: &str) -> String {
    if minutes.abs() == 60 {
        return t!("budget.one-hour", locale = locale).into_owned();
    }
    let n = crate::domain::money::show_hours(minutes, locale == "nl");
    t!("budget.hours", locale = locale, n = n).into_owned()
}

/// Money and hours as much as there is: `€100 and 2 hours`, `€100`,
/// `2 hours`, `€0` (`€ 100 en 2 uur` in Dutch).
pub fn amount(cents: i64, minutes: i64) -> String {
    amount_in(cents, minutes, lang())
}

/// [`amount`] in the given language (a nudge speaks its person's).
pub fn amount_in(cents: i64, minutes: i64, locale: &str) -> String {
    use crate::domain::money::show;
    let (c, m) = (cents.abs(), minutes.abs());
    let money = show(c, locale == "nl");
    let hours = hours_in(m, locale);
    match (c > 0, m > 0) {
        (true, true) => t!("budget.and", locale = locale, a = money, b = hours).into_owned(),
        (false, true) => hours,
        _ => money,
    }
}

/// What is free, in the part a gift lacks: hours asked of a budget with
/// money only say "0 hours", never "€0".
pub fn free_words(lacking: crate::domain::wish::Lacking, cents: i64, minutes: i64) -> String {
    use crate::domain::wish::Lacking;
    match lacking {
        Lacking::Money => crate::domain::money::show(cents.max(0), lang() == "nl"),
        Lacking::Hours => hours(minutes.max(0), lang() == "nl"),
        Lacking::Both => amount(cents, minutes),
    }
}

/// One topic of the team's wishes in words: its name (`#lassen`) and its
/// parts (`2 open`, `1 rond`, `1 klaar`, `€ 300`), for the Team tab to
/// wrap and `leertuin team` to join.
pub fn wish_topic(topic: &crate::domain::team::WishTopic) -> (String, Vec<String>) {
    let name = match &topic.topic {
        Some(tag) => format!("#{tag}"),
        None => t!("wishes.no-topic").into_owned(),
    };
    let mut parts = Vec::new();
    if topic.open > 0 {
        parts.push(t!("team.wishes-open", n = topic.open).into_owned());
    }
    if topic.funded > 0 {
        parts.push(t!("team.wishes-funded", n = topic.funded).into_owned());
    }
    if topic.done > 0 {
        parts.push(t!("team.wishes-done", n = topic.done).into_owned());
    }
    if topic.given_cents > 0 || topic.given_minutes > 0 {
        parts.push(amount(topic.given_cents, topic.given_minutes));
    }
    (name, parts)
}

/// What a wish has, of what it asks, part by part: `€250 of €350`,
/// `6 of 8 hours`, `3 people gave` (the command line joins them with
/// " · "; the pane wraps them to its width).
pub fn wish_progress(w: &crate::domain::wish::Wish) -> Vec<String> {
    use crate::domain::money;
    let nl = lang() == "nl";
    let mut parts = Vec::new();
    if let Some(cost) = w.cost_cents {
        parts.push(
            t!(
                "wish.of-money",
                given = money::show(w.given_cents, nl),
                cost = money::show(cost, nl)
            )
            .into_owned(),
        );
    }
    if let Some(minutes) = w.minutes {
        let given = money::show_hours(w.given_minutes, nl);
        // "1 of 1 hour", never "1 of 1 hours".
        parts.push(if minutes == 60 {
            t!("wish.of-hours.one", given = given).into_owned()
        } else {
            t!(
                "wish.of-hours.many",
                given = given,
                total = money::show_hours(minutes, nl)
            )
            .into_owned()
        });
    }
    if !w.givers.is_empty() {
        let n = w.givers.len();
        parts.push(plural(
            n,
            t!("wish.givers.one"),
            t!("wish.givers.many", n = n),
        ));
    }
    parts
}

/// A wish's state in the person's words.
pub fn wish_state(s: crate::domain::wish::WishState) -> String {
    use crate::domain::wish::WishState as S;
    match s {
        S::Open => t!("wish.state.open"),
        S::Funded => t!("wish.state.funded"),
        S::Done => t!("wish.state.done"),
        S::Withdrawn => t!("wish.state.withdrawn"),
    }
    .into_owned()
}

/// A voucher try that counted, and what it leaves: "Nog 2 pogingen.",
/// "Nog 1 poging.", or with none left how long to wait.
fn counted(said: std::borrow::Cow<'_, str>, tries: crate::domain::voucher::Tries) -> String {
    let left = match tries.left {
        0 => plural(
            tries.wait_minutes,
            t!("voucher.tries.wait.one"),
            t!("voucher.tries.wait.many", n = tries.wait_minutes),
        ),
        n => plural(
            n,
            t!("voucher.tries.left.one"),
            t!("voucher.tries.left.many", n = n),
        ),
    };
    format!("{said} {left}")
}

/// A refused wish, budget or voucher request, in the current language.
pub fn wish_error(e: &crate::domain::wish::WishError) -> String {
    use crate::domain::wish::WishError as W;
    let s = match e {
        W::Invalid(v) => return invalid(v),
        W::BadId(id) => t!("wish.error.bad-id", id = format!("{id:?}")),
        W::BadAmount(a) => t!("wish.error.bad-amount", amount = format!("{a:?}")),
        W::Negative(a) => t!("wish.error.negative", amount = a),
        W::Zero(a) => t!("wish.error.zero", amount = a),
        W::TooLarge(a) => t!("wish.error.too-large", amount = a),
        W::BadHours(h) => t!("wish.error.bad-hours", hours = format!("{h:?}")),
        W::BadDate(d) => t!("wish.error.bad-date", date = format!("{d:?}")),
        W::BadYear(y) => t!("wish.error.bad-year", year = y),
        W::NotFound(id) => t!("wish.error.not-found", id = id),
        W::NotYours(id) => t!("wish.error.not-yours", id = id),
        W::NotOpen { wish, state } => {
            // Each state by its own word: a funded wish is not "withdrawn".
            t!("wish.error.not-open", id = wish, state = wish_state(*state))
        }
        W::NothingToGive => t!("wish.error.nothing"),
        W::NoMoneyAsked(id) => t!("wish.error.no-money", id = id),
        W::NoHoursAsked(id) => t!("wish.error.no-hours", id = id),
        W::TooMuch {
            wish,
            cents,
            minutes,
        } => t!(
            "wish.error.too-much",
            id = wish,
            amount = amount(*cents, *minutes)
        ),
        W::Short {
            pot: Some(source),
            cents,
            minutes,
            lacking,
        } => t!(
            "wish.error.short-pot",
            source = source,
            amount = free_words(*lacking, *cents, *minutes)
        ),
        W::Short {
            pot: None,
            cents,
            minutes,
            lacking,
        } => t!(
            "wish.error.short",
            amount = free_words(*lacking, *cents, *minutes)
        ),
        W::BelowGiven {
            wish,
            cents,
            minutes,
        } => t!(
            "wish.error.below-given",
            id = wish,
            amount = amount(*cents, *minutes)
        ),
        W::NotAdmin => t!("wish.error.not-admin"),
        W::NotACode => t!("wish.error.not-a-code"),
        W::SeveralCodes(n) => t!("wish.error.several-codes", n = n),
        W::WrongCode(tries) => return counted(t!("wish.error.wrong-code"), *tries),
        W::VoucherYours => t!("wish.error.voucher-yours"),
        W::VoucherUsed(tries) => return counted(t!("wish.error.voucher-used"), *tries),
        W::VoucherExpired(day, tries) => {
            let said = t!("wish.error.voucher-expired", day = long_date(*day));
            return counted(said, *tries);
        }
        W::TooManyTries { minutes } => plural(
            *minutes,
            t!("wish.error.too-many-tries.one"),
            t!("wish.error.too-many-tries.many", n = minutes),
        )
        .into(),
        W::BadCount(n) => t!("wish.error.bad-count", n = n),
        W::Expired(day) => t!("wish.error.expired", day = long_date(*day)),
    };
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_our_languages() {
        assert_eq!(supported("nl_NL.UTF-8"), Some("nl"));
        assert_eq!(supported("nl-BE"), Some("nl"));
        assert_eq!(supported("en_US"), Some("en"));
        assert_eq!(supported("C.UTF-8"), None);
        assert_eq!(supported("de_DE"), None);
        assert_eq!(choose(Some("nl")), "nl");
    }

    #[test]
    fn a_wish_that_cannot_change_is_named_by_its_own_state() {
        use crate::domain::wish::{WishError, WishId, WishState};
        let said = |state| {
            wish_error(&WishError::NotOpen {
                wish: WishId(2),
                state,
            })
        };
        // Whatever language another test left set: four states, four words.
        let all = [
            said(WishState::Open),
            said(WishState::Funded),
            said(WishState::Done),
            said(WishState::Withdrawn),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    /// Every key of every catalogue file has both languages, so no screen
    /// ever falls back to a raw key or the other language.
    #[test]
    fn every_catalogue_key_has_english_and_dutch() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("locales dir") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("catalogue");
            let doc: serde_json::Value = yaml_to_json(&text);
            let map = doc.as_object().expect("a map of keys");
            for (key, langs) in map {
                if key.starts_with('_') {
                    continue;
                }
                for lang in LANGS {
                    let text = langs.get(lang).and_then(|v| v.as_str()).unwrap_or("");
                    assert!(!text.is_empty(), "{}: {key} has no {lang}", path.display());
                }
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    /// Every key of every catalogue file.
    fn catalogue_keys() -> std::collections::BTreeSet<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("locales dir") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("catalogue");
            let doc = yaml_to_json(&text);
            keys.extend(doc.as_object().expect("a map").keys().cloned());
        }
        keys
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every `t!("key"…)` in the source names a key some catalogue has: a
    /// typo would otherwise show the raw key on screen.
    #[test]
    fn every_key_the_code_uses_is_in_a_catalogue() {
        let keys = catalogue_keys();
        let mut files = Vec::new();
        rust_files(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut files,
        );
        let mut used = 0;
        let mut missing = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("source");
            for (at, _) in text.match_indices("t!(") {
                // `t!(`, not the end of `format!(` or `print!(`.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = text[at + 3..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let key = rest.split('"').next().unwrap_or("");
                let is_key = |c: char| c.is_ascii_alphanumeric() || ".-_".contains(c);
                if key == "key" || key.is_empty() || !key.chars().all(is_key) {
                    continue; // the examples in doc comments, this test
                }
                used += 1;
                if !keys.contains(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys not in locales/*.yml:\n{}",
            missing.join("\n")
        );
        assert!(used > 0);
    }

    #[test]
    fn counts_are_singular_for_one_in_both_languages() {
        set_thread("nl");
        assert_eq!(answers(1), "1 antwoord");
        assert_eq!(answers(2), "2 antwoorden");
        assert_eq!(answers(0), "0 antwoorden");
        assert_eq!(votes(1), "1 stem");
        assert_eq!(minutes(1), "1 minuut");
        set_thread("en");
        assert_eq!(answers(1), "1 answer");
        assert_eq!(answers(3), "3 answers");
        assert_eq!(minutes(30), "30 minutes");
    }

    #[test]
    fn dates_name_months_and_days_in_the_language() {
        use chrono::TimeZone;
        // Noon UTC: the same day in every local time zone a test runs in.
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        set_thread("nl");
        assert!(
            day_month_time(at).starts_with("1 dec "),
            "{}",
            day_month_time(at)
        );
        assert!(weekday_time(at).starts_with("di "), "{}", weekday_time(at));
        let may = chrono::Utc.with_ymd_and_hms(2026, 5, 20, 12, 0, 0).unwrap();
        assert!(day_month_time(may).starts_with("20 mei "));
        set_thread("en");
        assert!(day_month_time(at).starts_with("1 Dec "));
        assert!(weekday_time(at).starts_with("Tue "));
        let october = chrono::Utc
            .with_ymd_and_hms(2025, 10, 14, 12, 0, 0)
            .unwrap();
        assert_eq!(day_month_year(october), "14 Oct 2025");
        set_thread("nl");
        assert_eq!(day_month_year(october), "14 okt 2025");
        for lang in LANGS {
            set_thread(lang);
            assert_eq!(t!("date.months").split_whitespace().count(), 12);
            assert_eq!(t!("date.weekdays").split_whitespace().count(), 7);
        }
    }

    /// Every `.one` key has its `.many` (the form for every other number),
    /// and the other way round.
    #[test]
    fn plural_keys_come_in_pairs() {
        let keys = catalogue_keys();
        for k in &keys {
            if let Some(stem) = k.strip_suffix(".one") {
                assert!(keys.contains(&format!("{stem}.many")), "{k} has no .many");
            }
            if let Some(stem) = k.strip_suffix(".many") {
                assert!(keys.contains(&format!("{stem}.one")), "{k} has no .one");
            }
        }
    }

    #[test]
    fn each_thread_speaks_its_own_language() {
        set_thread("nl");
        assert_eq!(lang(), "nl");
        assert_eq!(crate::t!("app.name"), "leertuin");
        let other = std::thread::spawn(|| {
            set_thread("en");
            lang()
        });
        assert_eq!(other.join().expect("thread"), "en");
        assert_eq!(lang(), "nl");
    }

    fn yaml_to_json(text: &str) -> serde_json::Value {
        // The catalogues are flat: `key:` lines followed by `  en: …` and
        // `  nl: …` lines. A tiny reader keeps serde_yaml out of our deps.
        let mut map = serde_json::Map::new();
        let mut key: Option<String> = None;
        for line in text.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                let k = line.trim_end().trim_end_matches(':');
                key = Some(k.split(':').next().unwrap_or(k).to_string());
                map.entry(key.clone().unwrap_or_default())
                    .or_insert_with(|| serde_json::json!({}));
            } else if let (Some(k), Some((lang, value))) = (&key, line.trim().split_once(':')) {
                let value = value.trim().trim_matches('"').to_string();
                if let Some(obj) = map.get_mut(k).and_then(|v| v.as_object_mut()) {
                    obj.insert(lang.to_string(), serde_json::Value::String(value));
                }
            }
        }
        serde_json::Value::Object(map)
    }
}
