//! `t` (Ctrl-T on a kiosk) on the Wishes tab: a voucher's code typed into
//! a form, put into one's own budget, and the new balance said. The store
//! does what `leertuin voucher redeem` does: once per code, and wrong codes
//! count against the person (the same rate limit). The code shows as it is
//! typed, so a typo can be seen, but it is never kept: no draft holds it
//! (see `App::unsaved`), and it goes to the store as its hash only.

use super::app::{App, Overlay};
use super::views::prompt::{PromptState, Purpose};
use super::wishes::{refusal, refuse, reload};
use crate::domain::now;
use crate::domain::voucher::{hash, read};
use crate::i18n::amount;
use crate::store::StoreError;

/// Opens the form.
pub fn open(app: &mut App) {
    if app.store.wish_store().is_none() {
        return app.say(crate::t!("wishes.not-on-server"));
    }
    app.overlay = Some(Overlay::Prompt(PromptState::new(
        Purpose::Voucher,
        app.theme,
    )));
}

/// Enter in the form: true when it is done with (redeemed); a wrong code
/// keeps the form open with the reason, so the typo can be mended.
pub fn redeem(app: &mut App, typed: &str) -> bool {
    if typed.is_empty() {
        return refuse(app, crate::t!("voucher.type-code").into_owned());
    }
    // Not a code, or two pasted at once: said before the store is asked,
    // so it is no try against the rate limit.
    let code = match read(typed) {
        Ok(code) => code,
        Err(e) => return refuse(app, refusal(&e)),
    };
    let Some(store) = app.store.wish_store() else {
        return refuse(app, crate::t!("wishes.not-on-server").into_owned());
    };
    let today = now().date_naive();
    match store.redeem_voucher(&app.user, &hash(&code), today) {
        Ok(entry) => {
            reload(app);
            let free = app
                .wishes
                .data
                .as_ref()
                .and_then(|d| d.free)
                .unwrap_or_default();
            app.say(crate::t!(
                "voucher.in-budget",
                amount = amount(entry.cents, entry.minutes),
                source = entry.source,
                free = amount(free.cents, free.minutes)
            ));
            true
        }
        Err(StoreError::Wish(e)) => refuse(app, refusal(&e)),
        Err(e) => {
            app.report(&e);
            false
        }
    }
}
