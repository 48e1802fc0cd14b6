//! What the screens say (issues 11 and 16, a tester in Dutch at the pane
//! and the kiosk): a language by its name and no meaningless handle on Me,
//! no invitation a kiosk login without its PIN cannot follow, no vote on
//! one's own tip, a done wish that Me really shows, help that says `c`
//! makes a wish on Wishes, Dutch tags on Dutch lessons, and a phone number
//! at the end of a kiosk text that is said to be left out.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::wish::NewWish;
use leertuin::domain::{Draft, Item, ItemId, Kind, NewItem};
use leertuin::drafts::Drafts;
use leertuin::store::{ProfileEdit, SqliteStore, Store};
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::{App, update};
use tempfile::TempDir;
use tui_support::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Types `text` key by key, as a person at the kiosk does.
fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.on_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

/// Mia's profile: a display name that is more than her handle, and `lang`.
fn profile(dir: &TempDir, name: &str, lang: &str) {
    let edit = ProfileEdit {
        name: Some(name.into()),
        lang: Some(lang.into()),
        ..ProfileEdit::default()
    };
    other_process(dir).edit_person(ME, &edit).expect("profile");
}

fn go(app: &mut App, tab: Tab) {
    app.reload();
    update(app, Action::GoTab(tab.index() as u8));
}

/// The screen as one line of words: a sentence the narrow Me column wraps
/// is found whole.
fn words(rows: &[String]) -> String {
    rows.iter()
        .flat_map(|r| r.split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c)))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// 1. The Me tab: the language by its name, no handle at the kiosk.

#[test]
fn me_names_the_language_in_words_and_the_kiosk_shows_no_handle() {
    let (dir, mut app) = kiosk_in("nl");
    profile(&dir, "Mia de Boer", "nl");
    go(&mut app, Tab::Me);
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Mia de Boer · Nederlands");
    let all = text(&rows);
    assert!(!all.contains("@mia") && !all.contains("· nl"), "{all}");

    // In an English pane the same profile reads in English; the pane's
    // handle is a login name, shown beside a name that differs.
    let (dir, mut app) = demo_app_in("en");
    profile(&dir, "Mia de Boer", "en");
    go(&mut app, Tab::Me);
    assert_shows(&screen(&app, 80, 24), "Mia de Boer @mia · English");
}

#[test]
fn the_profile_form_shows_the_language_by_name_and_takes_a_name_back() {
    let (dir, mut app) = demo_app_in("nl");
    profile(&dir, "Mia de Boer", "nl");
    go(&mut app, Tab::Me);
    update(&mut app, Action::EditProfile);
    let Some(Overlay::Profile(form)) = &app.overlay else {
        panic!("no profile form: {}", said(&app));
    };
    assert_eq!(form.texts()[3], "Nederlands");
    let rows = screen(&app, 80, 24);
    assert!(
        rows.iter()
            .any(|r| r.contains("Taal:") && r.contains("Nederlands")),
        "{}",
        text(&rows)
    );
    // A name, typed in either language, is stored as its code.
    for (typed, code) in [("Engels", "en"), ("english", "en"), ("Nederlands", "nl")] {
        let mut texts = form.texts();
        texts[3] = typed.into();
        let edit = form.clone().with_texts(&texts).edit();
        assert_eq!(edit.lang.as_deref(), Some(code), "{typed}");
    }
    // Saved unchanged, the language stays Dutch.
    update(&mut app, Action::Save);
    let me = other_process(&dir).person(ME).unwrap().unwrap();
    assert_eq!(me.lang.as_deref(), Some("nl"), "{}", said(&app));
}

// 2. A kiosk login without its PIN is invited only to what it may do.

/// A Dutch kiosk pane on a database with no tips and nothing learned
/// (only the bundled lessons), logged in by typed name: `public`.
fn empty_kiosk(public: bool) -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    let mut app = App::new(Box::new(store), "ans", KeyMap::default(), Theme::mono());
    app.lang = Some("nl");
    app.around.drafts = Some(Drafts::at(dir.path().join("drafts")));
    app.typing_asks = true;
    app.public = public;
    app.start();
    app.follow_language();
    app.reload();
    (dir, app)
}

#[test]
fn without_the_pin_empty_tips_and_learned_invite_to_no_writing() {
    for (tab, invite, plain) in [
        (Tab::Tips, "Deel wat je weet", "Nog geen tips."),
        (
            Tab::Learned,
            "Vertel wat je vandaag hebt geleerd",
            "Nog niets geleerd.",
        ),
    ] {
        let (_dir, mut app) = empty_kiosk(true);
        go(&mut app, tab);
        let all = text(&screen(&app, 80, 24));
        assert!(all.contains(plain), "{tab:?}:\n{all}");
        assert!(!all.contains(invite), "{tab:?}:\n{all}");
        // With the PIN the invitation stands: sharing is what it may do.
        let (_dir, mut app) = empty_kiosk(false);
        go(&mut app, tab);
        let all = words(&screen(&app, 80, 24));
        assert!(all.contains(invite), "{tab:?}:\n{all}");
    }
}

#[test]
fn without_the_pin_the_question_form_offers_no_other_kind() {
    let (_dir, mut app) = kiosk_in("nl");
    app.public = true;
    go(&mut app, Tab::Questions);
    typed(&mut app, "Waar");
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("typing asks: {:?}", app.overlay);
    };
    assert_eq!(form.kind, Kind::Question);
    let rows = screen(&app, 80, 24);
    let all = text(&rows);
    assert!(
        !all.contains("Soort:") && !all.contains("Tab soort"),
        "{all}"
    );
    // Tab (switch kind) leaves it a question.
    update(&mut app, Action::SwitchKind);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form stays: {}", said(&app));
    };
    assert_eq!(form.kind, Kind::Question);
    // Ctrl-N on Ik opens a question too, without the choice of a kind.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    go(&mut app, Tab::Me);
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    let all = text(&screen(&app, 80, 24));
    assert!(
        all.contains("Vraag stellen") && !all.contains("Soort:"),
        "{all}"
    );
    // With the PIN neither: at the kiosk a form keeps its kind (Tab
    // turned a question into a public "learned" note), and Tab says how
    // to leave, whole at 40 columns.
    let (_dir, mut app) = kiosk_in("nl");
    go(&mut app, Tab::Questions);
    typed(&mut app, "Waar is de lift?");
    let all = text(&screen(&app, 80, 24));
    assert!(
        !all.contains("Soort:") && !all.contains("Tab soort"),
        "{all}"
    );
    app.on_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form stays: {:?}", app.overlay);
    };
    assert_eq!(form.kind, Kind::Question);
    assert_eq!(form.text.text(), "Waar is de lift?");
    let all = words(&screen(&app, 40, 20));
    assert!(
        all.contains(
            "Tab wisselt hier niets: je tekst blijft wat de titel zegt. \
             Bewaar met Enter of sluit met Esc; daarna wisselt Tab van tabblad."
        ),
        "{all}"
    );
}

// 3. No vote offered on one's own tip.

fn add(store: &SqliteStore, kind: Kind, who: &str, text: &str) -> ItemId {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(kind, who, &draft).expect("valid"))
        .expect("added")
}

/// The cursor of the Tips tab on `id`.
fn on_tip(app: &mut App, id: ItemId) {
    go(app, Tab::Tips);
    update(app, Action::Top);
    for _ in 0..50 {
        if app.target_item().map(|i| i.id()) == Some(id) {
            return;
        }
        update(app, Action::Down);
    }
    panic!("{id} not on Tips");
}

fn help_texts(app: &App) -> Vec<String> {
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("help is not open")
    };
    h.rows.iter().map(|(_, what)| what.clone()).collect()
}

#[test]
fn ones_own_tip_offers_no_vote_and_v_says_it_is_ones_own() {
    let (dir, mut app) = demo_app_in("nl");
    let own = add(
        &other_process(&dir),
        Kind::Tip,
        ME,
        "Zet de koffie voor tienen.",
    );
    let theirs = add(
        &other_process(&dir),
        Kind::Tip,
        "bram",
        "Smeer de ketting elke week.",
    );
    let vote = Action::Vote.label();
    // A colleague's tip: the vote is offered, in hints and help.
    on_tip(&mut app, theirs);
    assert!(
        app.hints().iter().any(|(_, l)| *l == vote),
        "{:?}",
        app.hints()
    );
    update(&mut app, Action::Help);
    assert!(help_texts(&app).contains(&Action::Vote.describe()));
    update(&mut app, Action::Cancel);
    // One's own: neither on the list, nor opened, nor in help.
    on_tip(&mut app, own);
    assert!(
        !app.hints().iter().any(|(_, l)| *l == vote),
        "{:?}",
        app.hints()
    );
    update(&mut app, Action::Help);
    assert!(!help_texts(&app).contains(&Action::Vote.describe()));
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Open);
    assert!(
        !app.hints().iter().any(|(_, l)| *l == vote),
        "{:?}",
        app.hints()
    );
    // Pressed anyway: said plainly, nothing asked, nothing stored.
    update(&mut app, Action::Vote);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(
        said(&app),
        "Dit is je eigen tip: stemmen doe je op tips van collega's."
    );
    let Item::Tip(t) = other_process(&dir).get(own, ME).unwrap() else {
        panic!("a tip")
    };
    assert!(t.votes.is_empty());
}

#[test]
fn at_the_kiosk_plus_on_ones_own_tip_says_so_too() {
    let (dir, mut app) = kiosk_in("nl");
    let own = add(
        &other_process(&dir),
        Kind::Tip,
        ME,
        "Zet de koffie voor tienen.",
    );
    on_tip(&mut app, own);
    assert!(
        !app.hints().iter().any(|(k, _)| k == "+"),
        "{:?}",
        app.hints()
    );
    app.on_key(KeyEvent::new(KeyCode::Char('+'), KeyModifiers::NONE));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert!(
        said(&app).starts_with("Dit is je eigen tip"),
        "{}",
        said(&app)
    );
}

// 4. A wish done without budget shows on Me, as the message promises.

#[test]
fn a_wish_done_without_budget_shows_on_me_as_the_message_says() {
    let (dir, mut app) = demo_app_in("nl");
    let w = other_process(&dir);
    let id = w
        .wish_store()
        .unwrap()
        .add_wish(&NewWish {
            owner: ME.into(),
            text: "Leren breien".into(),
            why: None,
            cost_cents: None,
            minutes: None,
            tags: vec!["leven".into()],
            private: false,
        })
        .expect("wish");
    go(&mut app, Tab::Wishes);
    while app.wishes.selected_wish().map(|w| w.id) != Some(id) {
        let before = app.wishes.selected;
        update(&mut app, Action::Down);
        assert_ne!(before, app.wishes.selected, "own wish not listed");
    }
    update(&mut app, Action::Open);
    update(&mut app, Action::MarkDone);
    for c in "Een sjaal voor mijn moeder".chars() {
        update(&mut app, Action::Type(c));
    }
    // Tab twice: life, after work.
    update(&mut app, Action::Brought);
    update(&mut app, Action::Brought);
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    assert!(
        said(&app).contains("Bij Ik zie je wat het bracht"),
        "{}",
        said(&app)
    );
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let all = words(&screen(&app, 80, 60));
    assert!(
        all.contains("Wensen zonder budget brachten: leven 1"),
        "{all}"
    );
    assert!(all.contains("Een sjaal voor mijn moeder"), "{all}");
}

// 5. Help on the Wishes tab says what `c` makes there.

#[test]
fn help_on_the_wishes_tab_says_c_makes_a_wish() {
    for (lang, wish, elsewhere) in [
        (
            "nl",
            "een wens maken",
            "een tip, een vraag of wat je leerde",
        ),
        (
            "en",
            "make a wish",
            "write a tip, question or what you learned",
        ),
    ] {
        let (_dir, mut app) = demo_app_in(lang);
        go(&mut app, Tab::Wishes);
        update(&mut app, Action::Help);
        let help = help_texts(&app).join("\n");
        assert!(help.contains(wish), "{lang}:\n{help}");
        assert!(!help.contains(elsewhere), "{lang}:\n{help}");
        assert!(words(&screen(&app, 80, 24)).contains(wish), "{lang}");
        // On an opened wish too, and at the kiosk (where Ctrl-N makes it).
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Open);
        update(&mut app, Action::Help);
        let help = help_texts(&app).join("\n");
        assert!(help.contains(wish), "{lang}, opened:\n{help}");
        let (_dir, mut app) = kiosk_in(lang);
        go(&mut app, Tab::Wishes);
        update(&mut app, Action::Help);
        let help = help_texts(&app).join("\n");
        assert!(help.contains(wish), "{lang}, kiosk:\n{help}");
        assert!(!help.contains(elsewhere), "{lang}, kiosk:\n{help}");
    }
}

// 6. Dutch lessons carry Dutch tags.

#[test]
fn a_dutch_bundled_lesson_shows_dutch_tags() {
    let (_dir, mut app) = demo_app_in("nl");
    go(&mut app, Tab::Lessons);
    select(
        &mut app,
        Tab::Lessons.index(),
        "Leren van fouten zonder een schuldige te zoeken",
    );
    update(&mut app, Action::Open);
    let all = text(&screen(&app, 80, 24));
    assert!(all.contains("#fouten"), "{all}");
    for english in ["#mistakes", "#learning", "#teamwork"] {
        assert!(!all.contains(english), "{english}:\n{all}");
    }
}

// 9. A phone number at the end of a kiosk text: said, and kept with spaces.

#[test]
fn a_phone_number_at_the_end_is_said_to_be_left_out_and_kept_with_spaces() {
    let (dir, mut app) = kiosk_in("nl");
    typed(&mut app, "Bel de storingsdienst 0612345678");
    app.on_key(key(KeyCode::Enter));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form stays open: {}", said(&app));
    };
    let why = form.error.clone().unwrap_or_default();
    assert!(why.contains("nummer aan het eind"), "{why}");
    assert!(why.contains("met spaties: 06 1234 5678"), "{why}");
    assert_eq!(form.text.text(), "Bel de storingsdienst");
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Schrijf het met spaties: 06");
    // Written with spaces, the number is kept.
    typed(&mut app, " 06 1234 5678");
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    let backup = serde_json::to_string(&other_process(&dir).export().unwrap()).unwrap();
    assert!(
        backup.contains("Bel de storingsdienst 06 1234 5678"),
        "{}",
        said(&app)
    );
    assert!(!backup.contains("0612345678"));
}
