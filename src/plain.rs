//! What went wrong, in a worker's words, for the pane and the kiosk alike:
//! short B1 sentences that say what to do, with no id, no file path, no OS
//! or server detail and no command (a shop-floor worker can run none). The
//! command line keeps the full reason ([`crate::i18n::store_error`]); an
//! admin finds it with `leertuin doctor` and `leertuin sync`.

use crate::domain::ValidationError;
use crate::store::StoreError;

/// `e` for a worker in the pane or at a kiosk: what happened, then what
/// to do.
pub fn store_error(e: &StoreError) -> String {
    let s = match e {
        StoreError::Invalid(v) => return invalid(v),
        // Said in plain words already, and the worker's to fix.
        StoreError::NeedsLogin | StoreError::NotAllowed(_) => {
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

/// A refused input in words: the rules about a post say what the post is
/// ("deze vraag"), never its id; the rest ("the tag … may hold …") name
/// no post and are said as everywhere.
fn invalid(v: &ValidationError) -> String {
    let s = match v {
        ValidationError::OwnTip(_) => t!("plain.own-tip"),
        ValidationError::OwnQuestion(_) => t!("plain.own-question"),
        ValidationError::ImportedTip(_) => t!("plain.imported-tip"),
        ValidationError::NoAnswer { .. } | ValidationError::NoPledge { .. } => {
            t!("plain.choice-gone")
        }
        ValidationError::NotTheAsker(_) => t!("plain.not-the-asker"),
        ValidationError::AskedAnonymously(_) => t!("plain.anonymous"),
        ValidationError::AnsweredByOthers(_) => t!("plain.answered-by-others"),
        ValidationError::NotKind { .. }
        | ValidationError::BadId(_)
        | ValidationError::BadPost(_)
        | ValidationError::BadCard(_) => t!("plain.not-found"),
        other => return crate::i18n::invalid(other),
    };
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind};

    #[test]
    fn refusals_about_a_post_name_no_id() {
        for lang in ["nl", "en"] {
            crate::i18n::set_thread(lang);
            let q = ItemId::new(Kind::Question, 80);
            let t = ItemId::new(Kind::Tip, 7);
            for v in [
                ValidationError::NoAnswer {
                    question: q,
                    answer: 1,
                },
                ValidationError::OwnTip(t),
                ValidationError::OwnQuestion(q),
                ValidationError::ImportedTip(t),
                ValidationError::NotTheAsker(q),
                ValidationError::AskedAnonymously(q),
                ValidationError::AnsweredByOthers(q),
                ValidationError::NotKind {
                    id: q,
                    kind: Kind::Tip,
                },
                ValidationError::NoPledge {
                    question: q,
                    helper: "badge-eb8721358c55".into(),
                },
            ] {
                let s = store_error(&StoreError::Invalid(v));
                assert!(
                    !s.contains("q80") && !s.contains("t7") && !s.contains("badge-"),
                    "{s}"
                );
                assert!(s.chars().count() <= 120, "{s}");
            }
        }
    }

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
