//! What went wrong, in the kiosk's words: short B1 sentences that say what
//! to do, with no file path, no OS or server detail and no command (a
//! shop-floor worker can run none). The pane keeps the full reason
//! ([`crate::i18n::store_error`]); an admin finds it with `leertuin doctor`
//! and `leertuin sync`.

use crate::store::StoreError;

/// `e` for a worker at a kiosk: what happened, then what to do.
pub fn store_error(e: &StoreError) -> String {
    let s = match e {
        // Said in plain words already, and the worker's to fix.
        StoreError::Invalid(_) | StoreError::NeedsLogin | StoreError::NotAllowed(_) => {
            return crate::i18n::store_error(e);
        }
        StoreError::Busy => t!("plain.busy"),
        StoreError::Offline(_) => t!("plain.offline"),
        StoreError::NotFound(_) => t!("plain.not-found"),
        StoreError::NotYours(_) => t!("plain.not-yours"),
        StoreError::Anonymous(_) => t!("plain.anonymous"),
        StoreError::ReadOnly => t!("plain.read-only"),
        StoreError::Gone(_) | StoreError::Missing(_) | StoreError::Empty(_) => t!("plain.gone"),
        StoreError::DiskFull => t!("plain.disk-full"),
        _ => t!("plain.broken"),
    };
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_and_no_os_detail_reach_the_kiosk() {
        crate::i18n::set_thread("nl");
        let offline = StoreError::Offline(
            "kan de teamserver niet bereiken (database leertuin op /tmp/pg/sock als ans): \
             error connecting to server: No such file or directory (os error 2)"
                .into(),
        );
        let gone = StoreError::Gone("/srv/team/leertuin.db".into());
        for e in [offline, gone, StoreError::ReadOnly, StoreError::Corrupt] {
            let s = store_error(&e);
            assert!(!s.contains('/') && !s.contains("error"), "{s}");
            assert!(!s.contains("outbox") && !s.contains("leertuin"), "{s}");
            assert!(s.chars().count() <= 70, "too long for a kiosk line: {s}");
        }
    }
}
