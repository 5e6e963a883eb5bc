//! Migrations to the current layout, one step per version: v0 → v1 → v2.
//!
//! - **v0**, before versioning: `hoego/index` = `["id", …]` and
//!   `hoego/draft/<id>` = `{"id","name","text","created","updated"}`, no
//!   `schema` field (fixture: `tests/fixtures/storage/v0.json`).
//! - **v1**: `hoego/v1/index` = `{"schema":1,"ids":[…]}` and
//!   `hoego/v1/draft/<id>` = the same record with `"schema":1`.
//! - **v2**: one key per revision and an index of revisions (see the parent
//!   module); a migrated draft becomes revision 1.
//!
//! Each legacy record is read into the v1 shape (v0 → v1 adds the schema),
//! then written as v2 (v1 → v2 adds the revision). The legacy keys are
//! deleted only after the v2 index that names the drafts is written, so a
//! crash or a full storage mid-way leaves them to be migrated again on the
//! next load. A legacy value that does not parse is never deleted: it is
//! reported for the recovery view. Running the migration twice is harmless:
//! a legacy draft the v2 index already holds with the same text is only
//! deleted; with another text (a tab still running the old version saved it
//! after the migration) it is kept as a separate draft, `<id>-v1`.

use super::json::{parse_str_array, In};
use super::{get, read_revision, remove, rev_key, set, Broken, Index, IndexEntry, Lookup, StoredDraft, SCHEMA};

/// A draft in the v1 shape.
struct V1 {
    id: String,
    name: Option<String>,
    text: String,
    created: f64,
    updated: f64,
}

fn fields(o: &In) -> Result<V1, String> {
    Ok(V1 {
        id: o.str("id")?,
        name: o.opt_str("name")?,
        text: o.str("text")?,
        created: o.num("created")?,
        updated: o.num("updated")?,
    })
}

/// v0 → v1: the record had no `schema` yet.
fn v0_to_v1(o: &In) -> Result<V1, String> {
    if o.has("schema") {
        return Err("a `schema` field in a pre-versioning key".into());
    }
    fields(o)
}

fn read_v1(o: &In) -> Result<V1, String> {
    match o.schema()? {
        1 => fields(o),
        n => Err(format!("schema {n} is not 1")),
    }
}

/// v1 → v2: the first revision.
fn v1_to_v2(v: V1) -> StoredDraft {
    StoredDraft { id: v.id, rev: 1, name: v.name, text: v.text, created: v.created, updated: v.updated, target: None }
}

/// Where a legacy layout kept things and how to read them.
struct Legacy {
    version: u32,
    index: &'static str,
    drafts: &'static str,
    ids: fn(&str) -> Result<Vec<String>, String>,
    read: fn(&In) -> Result<V1, String>,
}

const LEGACY: [Legacy; 2] = [
    Legacy { version: 0, index: "hoego/index", drafts: "hoego/draft/", ids: parse_str_array, read: v0_to_v1 },
    Legacy {
        version: 1,
        index: "hoego/v1/index",
        drafts: "hoego/v1/draft/",
        ids: |raw| In::parse(raw)?.str_list("ids"),
        read: read_v1,
    },
];

/// What a migration did.
#[derive(Default)]
pub(super) struct Migrated {
    /// Drafts moved to the current layout.
    pub moved: usize,
    /// Drafts read but not written (storage full): loaded unsaved, their
    /// legacy keys kept as the last good copy.
    pub unsaved: Vec<StoredDraft>,
    /// Legacy values that do not parse.
    pub broken: Vec<Broken>,
}

/// Migrate every legacy layout present into `index` (and storage).
pub(super) fn run(s: &web_sys::Storage, keys: &[String], index: &mut Index) -> Migrated {
    let mut out = Migrated::default();
    for legacy in &LEGACY {
        migrate(s, keys, legacy, index, &mut out);
    }
    out
}

/// Legacy draft ids: the legacy index's order, then keys it does not name.
fn legacy_ids(s: &web_sys::Storage, keys: &[String], l: &Legacy, out: &mut Migrated) -> Vec<String> {
    let mut ids = match get(s, l.index).map(|raw| ((l.ids)(&raw), raw)) {
        None => Vec::new(),
        Some((Ok(ids), _)) => ids,
        Some((Err(reason), raw)) => {
            out.broken.push(Broken::unreadable(l.index, &raw, reason));
            Vec::new()
        }
    };
    let listed = Lookup::set(ids.iter().map(String::as_str));
    // Keys are unique, so only the index can repeat one.
    let unlisted: Vec<String> =
        keys.iter().filter_map(|k| k.strip_prefix(l.drafts)).filter(|id| !listed.has(id)).map(String::from).collect();
    ids.extend(unlisted);
    ids
}

/// Does v2 hold this text under this id?
fn holds(index: &Index, id: &str, text: &str) -> Option<bool> {
    let rev = index.rev(id)?;
    Some(read_revision(id, rev).and_then(Result::ok).is_some_and(|cur| cur.text == text))
}

/// Where a legacy draft goes: `Ok(Some(d))` to write, `Ok(None)` if v2
/// already has its text, `Err(())` if no free id was found (it stays put).
fn target(d: StoredDraft, index: &Index, version: u32) -> Result<Option<StoredDraft>, ()> {
    let ids = std::iter::once(d.id.clone()).chain((1..100).map(|n| {
        if n == 1 {
            format!("{}-v{version}", d.id)
        } else {
            format!("{}-v{version}-{n}", d.id)
        }
    }));
    for id in ids {
        match holds(index, &id, &d.text) {
            None => return Ok(Some(StoredDraft { id, ..d })),
            Some(true) => return Ok(None),
            Some(false) => {}
        }
    }
    Err(())
}

fn migrate(s: &web_sys::Storage, keys: &[String], l: &Legacy, index: &mut Index, out: &mut Migrated) {
    let ids = legacy_ids(s, keys, l, out);
    let mut done = Vec::new();
    let mut full = false;
    for id in ids {
        let key = format!("{}{id}", l.drafts);
        let Some(raw) = get(s, &key) else { continue };
        let d = match In::parse(&raw).and_then(|o| (l.read)(&o)) {
            Ok(v1) => v1_to_v2(v1),
            Err(reason) => {
                out.broken.push(Broken::unreadable(&key, &raw, reason));
                continue;
            }
        };
        let Ok(write) = target(d, index, l.version) else { continue };
        if let Some(d) = write {
            let json = d.to_out(SCHEMA).stringify();
            if full || json.map_err(super::SaveError::Other).and_then(|j| set(s, &rev_key(&d.id, d.rev), &j)).is_err() {
                // Keep going through the rest only to load them, unsaved.
                full = true;
                out.unsaved.push(StoredDraft { rev: 0, ..d });
                continue;
            }
            index.0.push(IndexEntry { id: d.id, rev: d.rev });
        }
        done.push(key);
    }
    if done.is_empty() {
        return;
    }
    if let Err(e) = index.to_json().map_err(super::SaveError::Other).and_then(|j| set(s, super::INDEX_KEY, &j)) {
        // Not committed: the legacy keys stay. The revisions just written load
        // as drafts no index names, and the next load migrates them again.
        web_sys::console::warn_1(&format!("hoego: migration not committed: {}", e.message()).into());
        return;
    }
    out.moved += done.len();
    done.iter().for_each(|k| remove(s, k));
    // Its order is no longer needed once no legacy draft remains to be moved.
    if !full && out.broken.iter().all(|b| b.key != l.index) {
        remove(s, l.index);
    }
}
