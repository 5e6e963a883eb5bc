//! localStorage adapter. The layout (schema 2, under `hoego/v2/`):
//!
//! - `hoego/v2/draft/<id>/<rev>`: one value per saved revision of a draft,
//!   `{"schema":2,"id","rev","name","text","created","updated"}`, and
//!   `"target":{"unit","goal"}` when the draft has a length target (an
//!   optional field: see [`target`]).
//! - `hoego/v2/templates`: the user's templates (see [`templates`]).
//! - `hoego/v2/index`: `{"schema":2,"drafts":[{"id","rev"},…]}`, the library
//!   order and, for each draft, which revision is current. **The index is the
//!   commit point**: a save writes the new revision under a new key, then
//!   switches the index to it, then deletes the revision it replaced. A tab
//!   that dies between the first two steps leaves the index on the previous
//!   revision, which is still there and loads.
//! - `hoego/v1/prefs`: language and theme (unchanged since schema 1).
//! - `hoego/v2/open`, in `sessionStorage`: the draft this tab has open (see [`open`]).
//!
//! Older layouts (v0 before versioning, v1) are migrated on load by
//! [`migrate`]. A value that does not load is reported as [`Broken`] with its
//! raw text and is never overwritten or deleted; a value or index written by
//! a newer Hoego is shown read-only and makes storage read-only
//! ([`Access::Newer`]). Each draft's revision lets a save see that another
//! tab saved first ([`save`] returns it as a conflict instead of writing).
//!
//! Values are JSON through the browser's `JSON` (see [`json`]).

pub mod images;
mod json;
mod load;
mod migrate;
pub mod open;
mod save;
pub mod target;
mod templates;

use hoego_core::target::LengthTarget;
pub(crate) use json::{array, In, Out};
pub use load::load_all;
pub use save::save;
pub use templates::{
    load_templates, merge as merge_templates, parse_templates, update_templates, UserTemplate, TEMPLATES_KEY,
};
use wasm_bindgen::JsValue;

/// Key prefix of the current layout; bump only with a migration.
pub const PREFIX: &str = "hoego/v2/";
/// The index key.
pub const INDEX_KEY: &str = "hoego/v2/index";
/// Preferences key (its shape has not changed since schema 1).
pub const PREFS_KEY: &str = "hoego/v1/prefs";
/// Current schema version of stored drafts and index.
pub const SCHEMA: u32 = 2;
/// Schema version of the preferences value.
const PREFS_SCHEMA: u32 = 1;
/// A revision above the index younger than this may be another tab's save
/// in flight: garbage collection on load leaves it alone.
const IN_FLIGHT_MS: f64 = 60_000.0;

/// The storage key of one revision of a draft.
pub fn rev_key(id: &str, rev: u64) -> String {
    format!("{PREFIX}draft/{id}/{rev}")
}

/// The id and revision a draft key names.
fn parse_rev_key(key: &str) -> Option<(&str, u64)> {
    let (id, rev) = key.strip_prefix(PREFIX)?.strip_prefix("draft/")?.rsplit_once('/')?;
    Some((id, rev.parse().ok()?))
}

/// A read-only map keyed by id, sorted once for binary search. (Collecting
/// into a `BTreeMap` sorts with the stable sort, whose code alone costs the
/// wasm ~10 KB of gzip; this uses the unstable sort the app already has.)
/// Values are `u64` only, so the sort is instantiated once.
pub(crate) struct Lookup<'a>(Vec<(&'a str, u64)>);

/// Sort (id, number) pairs: the one sort instantiation storage code uses.
fn sort_pairs(v: &mut [(&str, u64)]) {
    v.sort_unstable();
}

impl<'a> Lookup<'a> {
    /// Build from (id, value) pairs.
    pub(crate) fn new(items: impl IntoIterator<Item = (&'a str, u64)>) -> Lookup<'a> {
        let mut v: Vec<_> = items.into_iter().collect();
        sort_pairs(&mut v);
        Lookup(v)
    }

    /// A set of ids.
    pub(crate) fn set(ids: impl IntoIterator<Item = &'a str>) -> Lookup<'a> {
        Lookup::new(ids.into_iter().map(|id| (id, 0)))
    }

    /// The value for `id`.
    pub(crate) fn get(&self, id: &str) -> Option<u64> {
        self.0.binary_search_by(|e| e.0.cmp(id)).ok().map(|i| self.0[i].1)
    }

    /// Is `id` there?
    pub(crate) fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

/// One saved revision of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    /// Id (also in the key).
    pub id: String,
    /// Revision: 1 for the first save, +1 for each save after it.
    pub rev: u64,
    /// The imported file's name, if any.
    pub name: Option<String>,
    /// The whole post text, exactly.
    pub text: String,
    /// Creation time, ms since epoch.
    pub created: f64,
    /// Last change, ms since epoch.
    pub updated: f64,
    /// The draft's length target (metadata: never in the text).
    pub target: Option<LengthTarget>,
}

impl StoredDraft {
    pub(crate) fn to_out(&self, schema: u32) -> Out {
        let out = Out::new(schema)
            .set("id", self.id.as_str().into())
            .set("rev", (self.rev as f64).into())
            .opt_str("name", self.name.as_deref())
            .set("text", self.text.as_str().into())
            .set("created", self.created.into())
            .set("updated", self.updated.into());
        target::write(out, self.target.as_ref())
    }

    pub(crate) fn from_in(o: &In) -> Result<StoredDraft, String> {
        Ok(StoredDraft {
            id: o.str("id")?,
            rev: o.whole("rev")?,
            name: o.opt_str("name")?,
            text: o.str("text")?,
            created: o.num("created")?,
            updated: o.num("updated")?,
            target: target::read(o),
        })
    }
}

/// What is wrong with a stored value.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// It does not parse as the expected shape.
    Unreadable(String),
    /// A newer Hoego wrote it (this schema): shown read-only, never changed.
    Newer(u32),
}

/// A stored value that could not be loaded as a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// Its storage key.
    pub key: String,
    /// Its raw text.
    pub raw: String,
    /// Why it did not load.
    pub problem: Problem,
    /// The post text inside it, when one could still be read (newer schemas).
    pub text: Option<String>,
}

impl Broken {
    fn unreadable(key: &str, raw: &str, reason: String) -> Broken {
        Broken { key: key.into(), raw: raw.into(), problem: Problem::Unreadable(reason), text: None }
    }
}

/// Whether this tab may write.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    /// localStorage works.
    Writable,
    /// The browser refuses localStorage (some private modes): the browser's message.
    Unavailable(String),
    /// A newer Hoego owns this storage (its schema): nothing is written.
    Newer(u32),
}

impl Access {
    /// May drafts be saved?
    pub fn writable(&self) -> bool {
        matches!(self, Access::Writable)
    }
}

/// What loading found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Drafts that loaded, in index order.
    pub drafts: Vec<StoredDraft>,
    /// Values that did not.
    pub broken: Vec<Broken>,
    /// Whether saving is possible.
    pub access: Access,
    /// Nothing of Hoego's was stored: a first visit.
    pub first_run: bool,
    /// Drafts moved from an older layout on this load.
    pub migrated: usize,
    /// The user's templates.
    pub templates: Vec<UserTemplate>,
    /// The draft this tab had open before a reload ([`open::remembered`]):
    /// opened again if it loaded.
    pub open: Option<String>,
}

impl Default for Loaded {
    fn default() -> Loaded {
        Loaded {
            drafts: Vec::new(),
            broken: Vec::new(),
            access: Access::Writable,
            first_run: false,
            migrated: 0,
            templates: Vec::new(),
            open: None,
        }
    }
}

/// One index entry: a draft and its current revision.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// Draft id.
    pub id: String,
    /// Its current revision.
    pub rev: u64,
}

/// The index: library order and current revisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index(pub Vec<IndexEntry>);

impl Index {
    /// The current revision of a draft, if indexed.
    pub fn rev(&self, id: &str) -> Option<u64> {
        self.0.iter().find(|e| e.id == id).map(|e| e.rev)
    }

    fn to_json(&self) -> Result<String, String> {
        let list =
            self.0.iter().map(|e| Out::empty().set("id", e.id.as_str().into()).set("rev", (e.rev as f64).into()));
        Out::new(SCHEMA).set("drafts", array(list.map(Out::value))).stringify()
    }

    /// The index with `written` revisions switched in, `removed` drafts
    /// gone, and this tab's drafts in `order`. Entries this tab does not know
    /// (another tab's new drafts) are kept first, with their revisions.
    fn merged(&self, order: &[String], written: &[(String, u64)], removed: &[String]) -> Index {
        let stored = Lookup::new(self.0.iter().map(|e| (e.id.as_str(), e.rev)));
        let fresh = Lookup::new(written.iter().map(|(id, rev)| (id.as_str(), *rev)));
        let mine = Lookup::set(order.iter().chain(removed).map(String::as_str));
        let theirs = self.0.iter().filter(|e| !mine.has(&e.id)).cloned();
        let ours = order.iter().filter_map(|id| {
            let rev = fresh.get(id).or_else(|| stored.get(id))?;
            Some(IndexEntry { id: id.clone(), rev })
        });
        Index(theirs.chain(ours).collect())
    }
}

/// The index as read.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexRead {
    /// Read.
    Ok(Index),
    /// Written by a newer Hoego.
    Newer(u32),
    /// Damaged.
    Broken(Broken),
}

/// Parse an index value.
pub fn parse_index(raw: &str) -> IndexRead {
    let bad = |reason: String| IndexRead::Broken(Broken::unreadable(INDEX_KEY, raw, reason));
    let o = match In::parse(raw) {
        Ok(o) => o,
        Err(e) => return bad(e),
    };
    match o.schema() {
        Ok(n) if n > SCHEMA => return IndexRead::Newer(n),
        Ok(SCHEMA) => {}
        Ok(n) => return bad(format!("schema {n} is not {SCHEMA}")),
        Err(e) => return bad(e),
    }
    let entries = o.obj_list("drafts").and_then(|list| {
        list.iter()
            .map(|e| Ok(IndexEntry { id: e.str("id")?, rev: e.whole("rev")? }))
            .collect::<Result<Vec<_>, String>>()
    });
    entries.map_or_else(bad, |e| IndexRead::Ok(Index(e)))
}

/// Parse one stored draft value.
pub fn parse_draft(key: &str, raw: &str) -> Result<StoredDraft, Broken> {
    let bad = |reason: String| Broken::unreadable(key, raw, reason);
    let o = In::parse(raw).map_err(bad)?;
    match o.schema().map_err(bad)? {
        SCHEMA => {}
        n if n > SCHEMA => {
            return Err(Broken {
                key: key.into(),
                raw: raw.into(),
                problem: Problem::Newer(n),
                text: o.str("text").ok(),
            })
        }
        n => return Err(bad(format!("schema {n} is not {SCHEMA}"))),
    }
    let d = StoredDraft::from_in(&o).map_err(bad)?;
    if parse_rev_key(key).is_some_and(|(id, rev)| id != d.id || rev != d.rev) {
        return Err(bad(format!("id/revision {}/{} do not match the key", d.id, d.rev)));
    }
    Ok(d)
}

/// The browser's message for a thrown error (`name: message`).
pub fn js_error(e: &JsValue) -> String {
    let field = |k: &str| js_sys::Reflect::get(e, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    match (field("name"), field("message")) {
        // Not `{:?}`: the browser build formats no `Debug` (scripts/lib.sh).
        (n, m) if n.is_empty() && m.is_empty() => match e.as_string() {
            Some(s) => s,
            None => {
                js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "unknown error".into())
            }
        },
        (n, m) => format!("{n}: {m}"),
    }
}

/// localStorage, or why the browser refuses it (some private modes throw
/// on the `localStorage` getter itself).
pub fn area() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(js_error(&e)),
    }
}

fn get(s: &web_sys::Storage, key: &str) -> Option<String> {
    s.get_item(key).ok().flatten()
}

fn all_keys(s: &web_sys::Storage) -> Vec<String> {
    (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Remove a key. Removing cannot hit the quota; a failure leaves garbage
/// that the next load collects, never a wrong value.
fn remove(s: &web_sys::Storage, key: &str) {
    if let Err(e) = s.remove_item(key) {
        web_sys::console::warn_1(&format!("hoego: could not remove {key}: {}", js_error(&e)).into());
    }
}

/// Why a save failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// QuotaExceededError: storage is full.
    Quota,
    /// The browser refuses localStorage.
    Unavailable(String),
    /// A newer Hoego owns the storage (its schema).
    Newer(u32),
    /// Anything else.
    Other(String),
}

impl SaveError {
    /// What went wrong, for the console.
    pub fn message(&self) -> &str {
        match self {
            SaveError::Quota => "storage full",
            SaveError::Unavailable(m) | SaveError::Other(m) => m,
            SaveError::Newer(_) => "storage belongs to a newer Hoego",
        }
    }
}

fn set(s: &web_sys::Storage, key: &str, value: &str) -> Result<(), SaveError> {
    s.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            SaveError::Quota
        } else {
            SaveError::Other(js_error(&e))
        }
    })
}

/// Read one revision of a draft.
pub fn read_revision(id: &str, rev: u64) -> Option<Result<StoredDraft, Broken>> {
    let s = area().ok()?;
    let key = rev_key(id, rev);
    get(&s, &key).map(|raw| parse_draft(&key, &raw))
}

/// Every stored revision, grouped by draft id: ids and revisions ascending.
fn revisions(keys: &[String]) -> Vec<(&str, Vec<u64>)> {
    let mut pairs: Vec<(&str, u64)> = keys.iter().filter_map(|k| parse_rev_key(k)).collect();
    sort_pairs(&mut pairs);
    let mut out: Vec<(&str, Vec<u64>)> = Vec::new();
    for (id, rev) in pairs {
        match out.last_mut() {
            Some((last, revs)) if *last == id => revs.push(rev),
            _ => out.push((id, vec![rev])),
        }
    }
    out
}

/// An index from the keys alone (the stored one is damaged): the newest
/// revision of every draft.
fn rebuilt_index(keys: &[String]) -> Index {
    let entries =
        revisions(keys).into_iter().filter_map(|(id, revs)| Some(IndexEntry { id: id.into(), rev: *revs.last()? }));
    Index(entries.collect())
}

/// A draft to save: its new revision, and the revision it was based on
/// (what the index must still say, or another tab saved in between).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The value to write (its `rev` is the new revision).
    pub draft: StoredDraft,
    /// The revision this tab last read or wrote (0: never stored).
    pub base: u64,
}

/// What a save did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveReport {
    /// Drafts now stored, with their new revisions.
    pub saved: Vec<(String, u64)>,
    /// Another tab's newer revision of drafts this tab wanted to save: not written.
    pub conflicts: Vec<StoredDraft>,
    /// Why the rest was not saved.
    pub error: Option<SaveError>,
    /// The index was written (or needed no change): `saved` and the removals
    /// are in storage.
    pub committed: bool,
}

/// User preferences.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefs {
    /// `ko` or `en`.
    pub lang: String,
    /// `light` or `dark`.
    pub theme: String,
}

/// Load preferences.
pub fn load_prefs() -> Option<Prefs> {
    let o = In::parse(&get(&area().ok()?, PREFS_KEY)?).ok()?;
    (o.schema().ok()? == PREFS_SCHEMA).then_some(Prefs { lang: o.str("lang").ok()?, theme: o.str("theme").ok()? })
}

/// Save preferences. Best effort: they are not user data, and the next
/// change writes them again.
pub fn save_prefs(p: &Prefs) {
    let Ok(s) = area() else { return };
    let json = Out::new(PREFS_SCHEMA).set("lang", p.lang.as_str().into()).set("theme", p.theme.as_str().into());
    if let Err(e) = json.stringify().map_err(SaveError::Other).and_then(|j| set(&s, PREFS_KEY, &j)) {
        web_sys::console::warn_1(&format!("hoego: preferences not saved: {}", e.message()).into());
    }
}
