//! Sample content: a small living team for `leertuin demo`, and large
//! synthetic corpora for `leertuin demo --fill N` (the benchmark corpus).

use chrono::Duration;
use fastrand::Rng;

use crate::domain::{BackingKind, Draft, ItemId, Kind, NewItem, Time, now};
use crate::store::{ProfileEdit, Result, Store, Writer};

const FIRST_NAMES: [&str; 50] = [
    "Anouk", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen", "Kees",
    "Lotte", "Mohamed", "Noor", "Olga", "Pieter", "Quinten", "Rosa", "Sanne", "Thijs", "Umar",
    "Vera", "Wouter", "Xander", "Yara", "Zeynep", "Ahmed", "Bas", "Chloe", "Dirk", "Emma", "Finn",
    "Greet", "Hugo", "Iris", "Jasper", "Kim", "Lars", "Maud", "Nina", "Omar", "Priya", "Ruben",
    "Sofie", "Tom", "Ulla", "Vincent", "Willem", "Yusuf", "Zoë",
];

const WORDS: [&str; 50] = [
    "kubectl",
    "psql",
    "vim",
    "git",
    "tmux",
    "bash",
    "sql",
    "docker",
    "ssh",
    "python",
    "rust",
    "excel",
    "printer",
    "forklift",
    "safety",
    "quality",
    "planning",
    "lean",
    "welding",
    "cnc",
    "plc",
    "logistics",
    "inventory",
    "feedback",
    "asking",
    "pairing",
    "writing",
    "english",
    "dutch",
    "life",
    "hobby",
    "health",
    "cooking",
    "finance",
    "networking",
    "linux",
    "yaml",
    "ansible",
    "grafana",
    "alerts",
    "oncall",
    "incident",
    "testing",
    "review",
    "design",
    "ux",
    "statistics",
    "lathe",
    "maintenance",
    "hydraulics",
];

/// Dutch tags: a Dutch team tags in Dutch (tags are ASCII by DESIGN.md).
const DUTCH_WORDS: [&str; 12] = [
    "veiligheid",
    "heftruck",
    "kwaliteit",
    "lassen",
    "onderhoud",
    "draaibank",
    "logistiek",
    "voorraad",
    "storing",
    "ploegendienst",
    "etiketten",
    "koffie",
];

const SUFFIXES: [&str; 4] = ["", "-basics", "-tips", "-advanced"];

const TIP_STARTS: [&str; 14] = [
    "When {w} hangs, first check",
    "A quick way to do {w} work:",
    "Before you touch {w}, always",
    "Handy for {w}: use",
    "If {w} gives an error about permissions, try",
    "Small {w} trick that saves me time every day:",
    "Ask the night shift about {w}, they know",
    "Write down the {w} settings before you change",
    "Als {w} vastloopt, kijk eerst naar",
    "Snelle manier voor {w} — gebruik",
    "Vóór je aan {w} begint, altijd",
    "Handig bij {w}: één keer",
    "Tip van de ploegleider over {w}:",
    "Geeft {w} een foutmelding over rechten? Probeer",
];

const QUESTION_STARTS: [&str; 10] = [
    "How do I get started with {w}?",
    "Why does {w} fail after the update?",
    "Who can explain the {w} checklist to me?",
    "What is the safest way to restart {w}?",
    "Is there a good course for {w}?",
    "How do you remember all the {w} shortcuts?",
    "Hoe begin ik met {w}?",
    "Waarom werkt {w} niet meer na de update?",
    "Wie kan mij de {w} checklist uitleggen?",
    "Is er een goede cursus voor {w}? 🙏",
];

const LEARNED_STARTS: [&str; 9] = [
    "Today I learned how {w} handles",
    "I finally understood why {w} needs",
    "Learned from a colleague: {w} can",
    "After the incident I learned that {w}",
    "Practised {w} for ten minutes and found out",
    "Geleerd vandaag: bij {w} moet je eerst",
    "Eindelijk begrepen waarom {w} — na drie keer proberen —",
    "Van een collega geleerd: {w} kan",
    "Na de storing leerde ik dat {w}",
];

/// Filler in both languages; about a third has accents, em dashes or an
/// emoji, as real tips do, so every benchmark meets non-ASCII text.
const FILLER: [&str; 32] = [
    "the log file in the shared folder",
    "the second screen on the left",
    "a restart of the service",
    "the settings from last week",
    "what the manual says on page two",
    "the label on the machine",
    "the checklist at the start of the shift",
    "a short note in the team channel",
    "the small print in the error message",
    "which user runs the job",
    "the time zone of the server",
    "the version number first",
    "whether the cable is really plugged in",
    "the backup before the change",
    "the colleague who set it up",
    "how long it took last time",
    "the café on the second floor — ask there",
    "the naïve fix first, it works 👍",
    "the rôle of the shift lead",
    "het logbestand in de gedeelde map",
    "het tweede scherm links",
    "een herstart van de dienst",
    "de instellingen van vorige week",
    "wat de handleiding op pagina twee zegt",
    "het etiket op de machine",
    "de checklist aan het begin van de ploeg",
    "een kort bericht in het teamkanaal",
    "de kleine lettertjes in de foutmelding — één regel",
    "welke gebruiker de taak draait",
    "de coördinator van de nachtdienst",
    "de ideeën van vorige week ☕",
    "de reünie van het oude team, privé",
];

fn tag(rng: &mut Rng) -> String {
    let w = if rng.u8(..5) == 0 {
        DUTCH_WORDS[rng.usize(..DUTCH_WORDS.len())]
    } else {
        WORDS[rng.usize(..WORDS.len())]
    };
    let s = SUFFIXES[rng.usize(..SUFFIXES.len())];
    format!("{w}{s}")
}

fn sentence(
    rng: &mut Rng,
    starts: &[&str],
    word: &str,
    min_chars: usize,
    max_chars: usize,
) -> String {
    // Most real tips are short, a few are long: lengths lean to the short end.
    let spread = rng.f64() * rng.f64();
    let target = min_chars + ((max_chars - min_chars) as f64 * spread) as usize;
    let mut s = starts[rng.usize(..starts.len())].replace("{w}", word);
    while s.chars().count() < target {
        s.push(' ');
        s.push_str(FILLER[rng.usize(..FILLER.len())]);
        s.push(match rng.u8(..8) {
            0 | 1 => '.',
            2 => ';',
            _ => ',',
        });
    }
    s.trim_end_matches([',', ';']).to_string()
}

fn handle(i: usize) -> String {
    FIRST_NAMES[i % FIRST_NAMES.len()].to_lowercase()
}

/// Adds `n` synthetic items (tips, questions with answers and backings,
/// learned entries) by ~50 people over ~200 tags, spread over the last 90
/// days, in large transactions. Deterministic for a given `seed`.
pub fn fill(store: &dyn Store, n: usize, seed: u64) -> Result<()> {
    const BATCH: usize = 5_000;
    let start = now() - Duration::days(90);
    let span_ms = Duration::days(90).num_milliseconds();
    store.batch(&|w| {
        let mut rng = Rng::with_seed(seed);
        for (i, name) in FIRST_NAMES.iter().enumerate() {
            let wants: Vec<String> = (0..rng.usize(1..4)).map(|_| tag(&mut rng)).collect();
            let offers: Vec<String> = (0..rng.usize(0..3)).map(|_| tag(&mut rng)).collect();
            w.edit_person(
                &handle(i),
                &ProfileEdit {
                    name: Some(name.to_string()),
                    wants: Some(wants),
                    offers: Some(offers),
                    lang: Some(if i % 3 == 0 { "en" } else { "nl" }.into()),
                },
            )?;
        }
        Ok(())
    })?;
    let mut done = 0;
    while done < n {
        let count = BATCH.min(n - done);
        let first = done;
        store.batch(&|w| {
            let mut rng = Rng::with_seed(seed ^ (first as u64).wrapping_mul(0x9E37_79B9));
            for i in first..first + count {
                let at = start + Duration::milliseconds(span_ms * i as i64 / n.max(1) as i64);
                w.backdate(at);
                fill_one(w, &mut rng)?;
            }
            Ok(())
        })?;
        done += count;
    }
    Ok(())
}

fn fill_one(w: &dyn Writer, rng: &mut Rng) -> Result<()> {
    let author = handle(rng.usize(..FIRST_NAMES.len()));
    let tags: Vec<String> = (0..rng.usize(1..4)).map(|_| tag(rng)).collect();
    let word = tags[0].split('-').next().unwrap_or("work").to_string();
    let roll = rng.u8(..100);
    let (kind, draft) = if roll < 35 {
        let context = (rng.u8(..3) == 0).then(|| word.clone());
        (
            Kind::Tip,
            Draft {
                text: sentence(rng, &TIP_STARTS, &word, 40, 400),
                tags,
                context,
                ..Draft::default()
            },
        )
    } else if roll < 60 {
        let title = QUESTION_STARTS[rng.usize(..QUESTION_STARTS.len())].replace("{w}", &word);
        let body = if rng.bool() {
            sentence(rng, &["I tried", "Ik heb al geprobeerd"], &word, 40, 600)
        } else {
            String::new()
        };
        (
            Kind::Question,
            Draft {
                text: format!("{title}\n{body}"),
                tags,
                anonymous: rng.u8(..10) == 0,
                ..Draft::default()
            },
        )
    } else {
        (
            Kind::Learned,
            Draft {
                text: sentence(rng, &LEARNED_STARTS, &word, 30, 250),
                tags,
                private: rng.u8(..5) == 0,
                ..Draft::default()
            },
        )
    };
    let item = NewItem::from_draft(kind, &author, &draft)?;
    let id = w.add(&item)?;
    let colleague = |rng: &mut Rng| handle(rng.usize(..FIRST_NAMES.len()));
    match kind {
        Kind::Question => {
            for _ in 0..rng.usize(0..3) {
                let body = sentence(rng, &["Have a look at", "Kijk eens naar"], &word, 30, 300);
                w.answer(id, &colleague(rng), &body)?;
            }
            for _ in 0..rng.usize(0..4) {
                let backing = [
                    BackingKind::MeToo,
                    BackingKind::CanHelp,
                    BackingKind::Pledge,
                ][rng.usize(..3)];
                let minutes = (backing == BackingKind::Pledge).then(|| rng.i64(5..=60));
                // Backing is for colleagues' questions, as votes are.
                let backer = colleague(rng);
                if backer != author {
                    w.back(id, &backer, backing, minutes)?;
                }
            }
        }
        Kind::Tip => {
            for _ in 0..rng.usize(0..4) {
                let voter = colleague(rng);
                if voter != author {
                    w.vote(id, &voter)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// A small, hand-written team for `leertuin demo`: colleagues with wishes,
/// open questions with answers and backings, tips tied to tools, and
/// learned entries, so a newcomer sees a living team at once.
pub fn sample_team(store: &dyn Store, me: &str) -> Result<()> {
    store.batch(&|w| {
        let people: [(&str, &str, &[&str], &[&str]); 6] = [
            ("anouk", "Anouk de Vries", &["kubectl", "feedback"], &["sql", "psql"]),
            ("bram", "Bram Jansen", &["sql"], &["kubectl", "tmux"]),
            ("fatima", "Fatima El Amrani", &["tmux", "life"], &["asking", "feedback"]),
            ("pieter", "Pieter Bakker", &["git"], &["vim", "git"]),
            ("noor", "Noor Visser", &["vim", "cooking"], &["safety", "planning"]),
            (me, me, &["tmux", "sql"], &["asking"]),
        ];
        for (handle, name, wants, offers) in people {
            w.edit_person(
                handle,
                &ProfileEdit {
                    name: Some(name.into()),
                    wants: Some(wants.iter().map(|s| s.to_string()).collect()),
                    offers: Some(offers.iter().map(|s| s.to_string()).collect()),
                    lang: None,
                },
            )?;
        }
        let ago = |days: i64, hours: i64| -> Time { now() - Duration::days(days) - Duration::hours(hours) };
        let add = |at: Time, kind: Kind, who: &str, draft: Draft| -> Result<ItemId> {
            w.backdate(at);
            w.add(&NewItem::from_draft(kind, who, &draft)?)
        };
        let tip = |text: &str, tags: &[&str], context: Option<&str>| Draft {
            text: text.into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            context: context.map(str::to_string),
            ..Draft::default()
        };

        let t1 = add(ago(6, 2), Kind::Tip, "bram", tip("kubectl get pods -o wide shows on which node each pod runs: handy when one node is slow.", &["kubectl"], Some("kubectl")))?;
        let t2 = add(ago(4, 5), Kind::Tip, "anouk", tip("In psql, \\x turns on expanded display: long rows become readable.", &["psql", "sql"], Some("psql")))?;
        add(ago(3, 1), Kind::Tip, "pieter", tip("Use ctrl-r to search shell history: type a bit of an old command and press ctrl-r again to go further back.", &["bash", "shell"], None))?;
        add(ago(2, 3), Kind::Tip, "pieter", tip("In vim, ci\" changes the text inside the quotes, wherever the cursor is on the line.", &["vim"], Some("vim")))?;
        add(ago(1, 4), Kind::Tip, "bram", tip("tmux: prefix then z zooms the current pane to full size; press it again to go back.", &["tmux"], Some("tmux")))?;
        add(ago(0, 6), Kind::Tip, "noor", tip("Before a changeover, photograph the machine settings: putting them back takes one minute instead of ten.", &["safety", "planning"], None))?;
        w.backdate(ago(0, 5));
        w.vote(t1, "anouk")?;
        w.vote(t1, "pieter")?;
        w.vote(t2, "bram")?;

        let question = |text: &str, tags: &[&str], anonymous: bool| Draft {
            text: text.into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            anonymous,
            ..Draft::default()
        };
        let q1 = add(ago(5, 0), Kind::Question, "fatima", question("How do I keep a tmux session running when I log out?\nI lose my work every time the VPN drops.", &["tmux"], false))?;
        w.backdate(ago(4, 20));
        w.answer(q1, "bram", "Start work inside `tmux new -s work`. When the connection drops, log in again and run `tmux attach -t work`: everything is still there.")?;
        // Not when the demo's user is the asker: backing is for colleagues.
        if me != "fatima" {
            w.back(q1, me, BackingKind::MeToo, None)?;
        }
        w.back(q1, "bram", BackingKind::CanHelp, None)?;
        let q2 = add(ago(2, 0), Kind::Question, "anouk", question("What is a good way to learn SQL joins?\nI can read a SELECT but joins still confuse me.", &["sql"], false))?;
        w.backdate(ago(1, 22));
        w.back(q2, "bram", BackingKind::MeToo, None)?;
        w.back(q2, "noor", BackingKind::CanHelp, None)?;
        w.back(q2, "pieter", BackingKind::Pledge, Some(30))?;
        add(ago(1, 2), Kind::Question, "x", question("Is it normal to feel lost in the first month?\nEverybody seems to know everything already.", &["asking", "life"], true))?;
        add(ago(0, 3), Kind::Question, "noor", question("Who can show me how the new label printer works?", &["printer"], false))?;

        let learned = |text: &str, tags: &[&str], private: bool| Draft {
            text: text.into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            private,
            ..Draft::default()
        };
        add(ago(9, 0), Kind::Learned, "fatima", learned("Asking early saves the whole team time: nobody minded my question.", &["asking"], false))?;
        add(ago(6, 0), Kind::Learned, "anouk", learned("A pod in CrashLoopBackOff shows its last error with kubectl logs --previous.", &["kubectl"], false))?;
        add(ago(3, 0), Kind::Learned, "noor", learned("Geleerd: de snijmachine heeft twee noodstoppen, ook één aan de achterkant.", &["safety"], false))?;
        add(ago(1, 0), Kind::Learned, "bram", learned("Bread dough needs less water on humid days.", &["cooking", "life"], false))?;
        add(ago(0, 2), Kind::Learned, me, learned("I learned that leertuin keeps my private notes to myself.", &["basics"], true))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ListQuery, SqliteStore};

    #[test]
    fn fill_adds_exactly_n_items_of_every_kind() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        fill(&store, 300, 7).unwrap();
        let backup = store.export().unwrap();
        let total = backup.tips.len() + backup.questions.len() + backup.learned.len();
        assert_eq!(total, 300);
        assert!(backup.tips.len() > 50 && backup.questions.len() > 40 && backup.learned.len() > 60);
        assert_eq!(backup.persons.len(), FIRST_NAMES.len());
        assert!(backup.questions.iter().any(|q| !q.answers.is_empty()));
        let tags: std::collections::HashSet<&String> =
            backup.tips.iter().flat_map(|t| &t.tags).collect();
        assert!(tags.len() > 100, "only {} tags", tags.len());
    }

    /// The benchmark corpus is text as people write it: both languages,
    /// accents, em dashes and emoji in a good share of items, short and
    /// long tips; so every benchmark meets non-ASCII text.
    #[test]
    fn fill_writes_mixed_real_looking_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        fill(&store, 600, 7).unwrap();
        let texts: Vec<String> = store
            .search_docs("anouk")
            .unwrap()
            .into_iter()
            .filter(|d| d.id.kind != Kind::Lesson)
            .map(|d| format!("{}\n{}", d.title, d.body))
            .collect();
        let share = |f: &dyn Fn(&str) -> bool| {
            texts.iter().filter(|t| f(t)).count() as f64 / texts.len() as f64
        };
        let non_ascii = share(&|t| !t.is_ascii());
        assert!(non_ascii > 0.3, "only {non_ascii:.2} non-ASCII");
        assert!(share(&|t| t.contains('—')) > 0.05);
        assert!(share(&|t| t.chars().any(|c| c as u32 >= 0x1F300)) > 0.02);
        for accent in ['é', 'ë', 'ï', 'ö', 'ü'] {
            assert!(texts.iter().any(|t| t.contains(accent)), "{accent}");
        }
        let dutch = share(&|t| t.contains(" de ") || t.contains(" het "));
        let english = share(&|t| t.contains(" the "));
        assert!(
            dutch > 0.2 && english > 0.2,
            "nl {dutch:.2} en {english:.2}"
        );
        let lens: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
        let short = lens.iter().filter(|&&l| l < 120).count();
        let long = lens.iter().filter(|&&l| l > 250).count();
        assert!(
            short > lens.len() / 3 && long > 10,
            "{short} short, {long} long"
        );
    }

    #[test]
    fn sample_team_has_every_kind() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        sample_team(&store, "me").unwrap();
        for kind in [Kind::Tip, Kind::Question, Kind::Learned] {
            let q = ListQuery {
                kind: Some(kind),
                limit: 50,
                ..ListQuery::default()
            };
            assert!(store.list(&q, "me").unwrap().len() >= 4, "{kind}");
        }
    }
}
