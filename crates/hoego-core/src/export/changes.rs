//! The change list of an export: which front matter entries it added,
//! changed or removed, key by key, and the warning line for each.
//!
//! An export touches a few keys of a front matter that may have 100,000, so
//! the entries both posts share at the start and at the end (same key, same
//! text, in the same order) are set aside first; only the keys of the entries
//! between are looked up and compared. That gives the same list as comparing
//! every key (a test holds the two equal) at the cost of one walk over the
//! entries, without hashing or copying each one.

use std::collections::{HashMap, HashSet};

use super::FieldChange;
use crate::error::{Warning, WarningCode};
use crate::post::Post;
use crate::yaml::scan::YamlEntry;

/// What `export` changed in the front matter, from `before` (the post as it
/// came) to `after` (as exported): each changed key once, in `before`'s key
/// order, then the keys only `after` has, in its order.
pub(super) fn changes(before: &Post, after: &Post) -> Vec<FieldChange> {
    let (b, a) = (before.yaml_entries(), after.yaml_entries());
    let same = |x: &YamlEntry, y: &YamlEntry| x.key == y.key && entry_text(before, x) == entry_text(after, y);
    let head = b.iter().zip(a).take_while(|(x, y)| same(x, y)).count();
    let tail = b[head..].iter().rev().zip(a[head..].iter().rev()).take_while(|(x, y)| same(x, y)).count();
    // A key with no entry between the shared ends has the same entries, in
    // the same order, on both sides: it did not change.
    let touched: HashSet<&str> =
        b[head..b.len() - tail].iter().chain(&a[head..a.len() - tail]).map(|e| e.key.as_str()).collect();
    if touched.is_empty() {
        return Vec::new();
    }
    let keep = |k: &str| touched.contains(k);
    diff(&entry_texts(before, keep), &entry_texts(after, keep))
}

/// An entry's text without its line ending.
fn entry_text<'p>(post: &'p Post, e: &YamlEntry) -> &'p str {
    post.head()[e.range.clone()].trim_end_matches(['\r', '\n'])
}

/// Entry texts by key (every occurrence, joined by `\n`), in first-occurrence
/// order, for the keys `keep` accepts.
fn entry_texts(post: &Post, keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // Keys by hash, not by scanning `out`: 100,000 keys made that quadratic.
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for e in post.yaml_entries().iter().filter(|e| keep(&e.key)) {
        let text = entry_text(post, e);
        match slot.get(e.key.as_str()) {
            Some(&i) => {
                out[i].1.push('\n');
                out[i].1.push_str(text);
            }
            None => {
                slot.insert(&e.key, out.len());
                out.push((e.key.clone(), text.to_string()));
            }
        }
    }
    out
}

fn diff(before: &[(String, String)], after: &[(String, String)]) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let after_by_key: HashMap<&str, &str> = after.iter().map(|(k, a)| (k.as_str(), a.as_str())).collect();
    let before_keys: HashSet<&str> = before.iter().map(|(k, _)| k.as_str()).collect();
    for (k, b) in before {
        match after_by_key.get(k.as_str()) {
            Some(a) if a == b => {}
            Some(a) => {
                changes.push(FieldChange { key: k.clone(), before: Some(b.clone()), after: Some(a.to_string()) })
            }
            None => changes.push(FieldChange { key: k.clone(), before: Some(b.clone()), after: None }),
        }
    }
    for (k, a) in after {
        if !before_keys.contains(k.as_str()) {
            changes.push(FieldChange { key: k.clone(), before: None, after: Some(a.clone()) });
        }
    }
    changes
}

/// One front matter change as a warning line.
pub(super) fn change_warning(c: &FieldChange) -> Option<Warning> {
    let msg = match (&c.before, &c.after) {
        (Some(b), Some(a)) => {
            format!("front matter `{}` changed: `{}` → `{}`", c.key, b.replace('\n', "⏎"), a.replace('\n', "⏎"))
        }
        (None, Some(a)) => format!("front matter `{}` added: `{}`", c.key, a.replace('\n', "⏎")),
        (Some(b), None) => format!("front matter `{}` removed: `{}`", c.key, b.replace('\n', "⏎")),
        (None, None) => return None,
    };
    Some(Warning::new(WarningCode::FrontMatterChanged, msg, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: every key of both posts compared.
    fn every_key(before: &Post, after: &Post) -> Vec<FieldChange> {
        diff(&entry_texts(before, |_| true), &entry_texts(after, |_| true))
    }

    fn post(entries: &[String]) -> Post {
        Post::parse(&format!("---\n{}---\nbody\n", entries.concat())).expect("test front matter parses")
    }

    #[test]
    fn table() {
        // (before's entries, after's entries, changed keys in order)
        let cases: &[(&str, &str, &[&str])] = &[
            ("a: 1\nb: 2\n", "a: 1\nb: 2\n", &[]),
            ("a: 1\nb: 2\n", "a: 1\nb: 3\n", &["b"]),
            ("a: 1\nb: 2\n", "b: 2\n", &["a"]),
            ("a: 1\n", "a: 1\nc: 3\n", &["c"]),
            // A duplicate far from the edit still counts: `a` has both entries.
            ("a: 1\nx: 0\nb: 2\na: 9\n", "a: 1\nx: 0\nb: 2\n", &["a"]),
            // Moved entries are not changes: the list is by key.
            ("a: 1\nb: 2\nc: 3\n", "c: 3\nb: 2\na: 1\n", &[]),
            ("t:\n  - x\n  - y\nz: 1\n", "t:\n  - x\nz: 1\n", &["t"]),
        ];
        for (b, a, want) in cases {
            let (pb, pa) = (post(&[b.to_string()]), post(&[a.to_string()]));
            let got = changes(&pb, &pa);
            assert_eq!(got, every_key(&pb, &pa), "{b:?} → {a:?}");
            assert_eq!(got.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), *want, "{b:?} → {a:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any edit of a front matter (entries added, removed, changed or
        /// moved; keys repeated) gives the change list of comparing every key.
        #[test]
        fn same_as_comparing_every_key(
            before in prop::collection::vec((0u8..6, 0u8..3), 0..12),
            edits in prop::collection::vec((0usize..14, 0u8..4, 0u8..6, 0u8..3), 0..4),
        ) {
            let entry = |(k, v): (u8, u8)| format!("k{k}: v{v}\n");
            let b: Vec<String> = before.iter().copied().map(entry).collect();
            let mut a = b.clone();
            for (at, op, k, v) in edits {
                let at = at.min(a.len());
                match op {
                    0 => a.insert(at, entry((k, v))),
                    1 if at < a.len() => { a.remove(at); }
                    2 if at < a.len() => a[at] = entry((k, v)),
                    _ => a.push(entry((k, v))),
                }
            }
            let (b, a) = (post(&b), post(&a));
            prop_assert_eq!(changes(&b, &a), every_key(&b, &a));
        }
    }
}
