//! The import validator: any bytes that parse as a backup are checked
//! without a panic, and what it accepts holds only clean text.
#![no_main]

use std::collections::HashSet;

use leertuin::domain::text::is_clean;
use leertuin::domain::{Backup, import_check};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn all_clean(v: &Value) -> bool {
    match v {
        Value::String(s) => is_clean(s),
        Value::Array(items) => items.iter().all(all_clean),
        Value::Object(map) => map.iter().all(|(k, v)| k == "format" || all_clean(v)),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(backup) = serde_json::from_slice::<Backup>(data) {
        let (ok, rejected) = import_check::check(&backup, &HashSet::new());
        let accepted = serde_json::to_value(&ok).expect("serialises");
        assert!(all_clean(&accepted));
        for r in rejected {
            assert!(is_clean(&r.to_string()));
        }
    }
});
