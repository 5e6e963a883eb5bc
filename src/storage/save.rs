//! Saving: the write protocol that makes a torn save harmless and another
//! tab's save visible.
//!
//! 1. Read the index. A draft whose indexed revision is not the one this tab
//!    based its edits on was saved by another tab: it is returned as a
//!    conflict and not written.
//! 2. Write each new revision under its own key (`draft/<id>/<rev>`). The
//!    current revision is untouched.
//! 3. Write the index once, naming the new revisions (the commit). If that
//!    fails, the new keys are removed and the old revisions stay current.
//! 4. Delete the revisions the index no longer names, and removed drafts.

use super::{
    all_keys, area, parse_index, parse_rev_key, read_revision, rebuilt_index, remove, rev_key, set, Index, IndexRead,
    Lookup, Pending, SaveError, SaveReport, INDEX_KEY, SCHEMA,
};

/// The index as it is now in storage.
fn current_index(s: &web_sys::Storage) -> Result<Index, SaveError> {
    match super::get(s, INDEX_KEY).map(|raw| parse_index(&raw)) {
        None => Ok(Index::default()),
        Some(IndexRead::Ok(i)) => Ok(i),
        Some(IndexRead::Newer(n)) => Err(SaveError::Newer(n)),
        // Order and revision numbers only: rebuilt from the keys (see load).
        Some(IndexRead::Broken(_)) => Ok(rebuilt_index(&all_keys(s))),
    }
}

/// Save `items`, keep this tab's drafts in `order`, and drop `removed`
/// drafts from storage. Stops writing at the first failure; what was written
/// before it is committed.
pub fn save(items: &[Pending], order: &[String], removed: &[String]) -> SaveReport {
    let mut report = SaveReport::default();
    let s = match area() {
        Ok(s) => s,
        Err(m) => return SaveReport { error: Some(SaveError::Unavailable(m)), ..report },
    };
    let stored = match current_index(&s) {
        Ok(i) => i,
        Err(e) => return SaveReport { error: Some(e), ..report },
    };
    let mut written: Vec<(String, u64)> = Vec::new();
    for p in items {
        let id = &p.draft.id;
        match stored.rev(id) {
            Some(r) if r != p.base => match read_revision(id, r) {
                Some(Ok(theirs)) => report.conflicts.push(theirs),
                _ => report.error = Some(SaveError::Other(format!("{id}: revision {r} is not readable"))),
            },
            _ => match p.draft.to_out(SCHEMA).stringify().map_err(SaveError::Other) {
                Ok(json) => match set(&s, &rev_key(id, p.draft.rev), &json) {
                    Ok(()) => written.push((id.clone(), p.draft.rev)),
                    Err(e) => {
                        report.error = Some(e);
                        break;
                    }
                },
                Err(e) => report.error = Some(e),
            },
        }
    }
    let next = stored.merged(order, &written, removed);
    if next != stored {
        if let Err(e) = next.to_json().map_err(SaveError::Other).and_then(|j| set(&s, INDEX_KEY, &j)) {
            // Not committed: the new revisions are garbage; the old ones stay current.
            written.iter().for_each(|(id, rev)| remove(&s, &rev_key(id, *rev)));
            report.error = Some(e);
            return report;
        }
    }
    collect(&s, &stored, items, &written, order, removed);
    report.saved = written;
    report.committed = true;
    report
}

/// After the commit: delete the revisions just replaced, and every revision
/// of removed drafts.
fn collect(
    s: &web_sys::Storage,
    stored: &Index,
    items: &[Pending],
    written: &[(String, u64)],
    order: &[String],
    removed: &[String],
) {
    let written = Lookup::new(written.iter().map(|(id, rev)| (id.as_str(), *rev)));
    for p in items {
        let id = p.draft.id.as_str();
        let Some(rev) = written.get(id) else { continue };
        for old in [stored.rev(id), Some(p.base)].into_iter().flatten() {
            if old != rev && old > 0 {
                remove(s, &rev_key(id, old));
            }
        }
    }
    if removed.is_empty() {
        return;
    }
    // Never the revisions of a draft this tab still lists.
    let listed = Lookup::set(order.iter().map(String::as_str));
    let gone = Lookup::set(removed.iter().map(String::as_str).filter(|id| !listed.has(id)));
    for key in all_keys(s) {
        if parse_rev_key(&key).is_some_and(|(id, _)| gone.has(id)) {
            remove(s, &key);
        }
    }
}
