//! The mouse in the pane (issue 11.9): a click on a tab's name opens that
//! tab, a click on a row puts the cursor there and a second click opens
//! it, the wheel moves through the list; at 80 and at 40 columns, where
//! what is clicked is found on the screen as drawn.

mod tui_support;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use leertuin::domain::Item;
use leertuin::tui::App;
use leertuin::tui::app::{Screen, Tab};
use ratatui::layout::Rect;
use tui_support::{demo_app, screen};

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click(app: &mut App, area: Rect, x: u16, y: u16) -> bool {
    app.on_mouse(area, mouse(MouseEventKind::Down(MouseButton::Left), x, y))
}

/// Row and column (in cells) where `needle` is drawn.
fn find(rows: &[String], needle: &str) -> (u16, u16) {
    for (y, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(needle) {
            let x = row[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{}", rows.join("\n"));
}

fn selected(app: &App) -> Option<Item> {
    app.list(app.tab).and_then(|l| l.selected_item()).cloned()
}

#[test]
fn a_click_on_a_tab_name_opens_that_tab() {
    for (w, h) in [(80, 24), (40, 24)] {
        let (_dir, mut app) = demo_app();
        let area = Rect::new(0, 0, w, h);
        for tab in [Tab::Questions, Tab::Me, Tab::Tips, Tab::ForYou] {
            let rows = screen(&app, w, h);
            // The tab's name as drawn: full, or short at 40 columns.
            let bar = &rows[0];
            let label = if w >= 80 {
                tab.name()
            } else {
                leertuin::tui::action::short_tab_name(tab.index() as u8)
            };
            let (x, y) = find(&rows[..1], &label);
            assert!(click(&mut app, area, x + 1, y), "{label} at {w}");
            assert_eq!(app.tab, tab, "{label} at {w}×{h}: {bar}");
        }
    }
}

#[test]
fn a_click_on_a_row_selects_it_and_a_second_click_opens_it() {
    for (w, h) in [(80, 24), (40, 24)] {
        let (_dir, mut app) = demo_app();
        let area = Rect::new(0, 0, w, h);
        let list = app.list(Tab::ForYou).expect("for you");
        let third = list.rows[2].item.clone();
        let rows = screen(&app, w, h);
        let (x, y) = find(&rows, &third.id().to_string());
        click(&mut app, area, x, y);
        assert_eq!(selected(&app).map(|i| i.id()), Some(third.id()), "{w}");
        assert!(app.stack.is_empty(), "one click only selects");
        click(&mut app, area, x, y);
        assert!(
            matches!(app.stack.last(), Some(Screen::Detail(d)) if d.id() == Some(third.id())),
            "the second click opens it ({w})"
        );
    }
}

#[test]
fn the_wheel_moves_through_the_list_and_clicks_off_the_list_do_nothing() {
    let (_dir, mut app) = demo_app();
    let area = Rect::new(0, 0, 80, 24);
    let rows_before = app.list(Tab::ForYou).expect("list").rows.clone();
    app.on_mouse(area, mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(app.list(Tab::ForYou).expect("list").selected, 3);
    app.on_mouse(area, mouse(MouseEventKind::ScrollUp, 10, 10));
    assert_eq!(app.list(Tab::ForYou).expect("list").selected, 0);
    // The hint line, the border: nothing happens, nothing is written.
    assert!(!click(&mut app, area, 5, 23));
    assert!(!click(&mut app, area, 0, 1));
    assert_eq!(app.tab, Tab::ForYou);
    assert!(app.stack.is_empty() && app.overlay.is_none());
    assert_eq!(
        app.list(Tab::ForYou).expect("list").rows.len(),
        rows_before.len()
    );
}
