//! Front matter fixes both targets need.

use crate::error::Warning;
use crate::field::FieldValue;
use crate::post::Post;
use crate::value::Value;
use crate::view::list_items;

/// Make `keys` real YAML lists of strings: a scalar becomes a one-item list
/// (Jekyll splits strings on spaces, so do we), null items are dropped, and
/// when `strings_only` non-string items (`2023`) are quoted.
pub(crate) fn normalize_lists(p: &mut Post, keys: &[&str], strings_only: bool, warnings: &mut Vec<Warning>) {
    for key in keys {
        let Some(v) = p.field(key).cloned() else { continue };
        let ok = match &v {
            Value::List(items) => items.iter().all(|i| match i {
                Value::String(s) => !s.trim().is_empty(),
                Value::Null => false,
                _ => !strings_only,
            }),
            _ => false,
        };
        if ok {
            continue;
        }
        let items = list_items(&v);
        warnings.push(Warning::new(
            "list-normalized",
            format!("`{key}` written as a list of strings: {items:?}"),
            None,
        ));
        if p.set(key, &FieldValue::StrictList(items)).is_err() {
            warnings.push(Warning::new("edit-failed", format!("could not rewrite `{key}`"), None));
        }
    }
}

/// Plain `yes/no/on/off` (YAML 1.1 booleans) written as `true/false`, so
/// every YAML reader agrees.
pub(crate) fn normalize_bools(p: &mut Post, warnings: &mut Vec<Warning>) {
    let targets: Vec<(String, bool)> = p
        .yaml_entries()
        .iter()
        .filter_map(|e| {
            let raw = e.inline(p.head()).split(" #").next().unwrap_or("").trim();
            let b = match raw.to_ascii_lowercase().as_str() {
                "yes" | "on" => true,
                "no" | "off" => false,
                _ => return None,
            };
            Some((e.key.clone(), b))
        })
        .collect();
    for (key, b) in &targets {
        warnings.push(Warning::new("bool-normalized", format!("`{key}` written as `{b}`"), None));
    }
    // All at once: one re-read of the front matter, not one per key.
    let edits: Vec<(String, FieldValue)> = targets.into_iter().map(|(k, b)| (k, FieldValue::Bool(b))).collect();
    for (key, _) in p.set_many(&edits) {
        warnings.push(Warning::new("edit-failed", format!("could not rewrite `{key}`"), None));
    }
}
