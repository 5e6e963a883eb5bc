//! localStorage adapter (through gloo-storage). Everything lives under the
//! `hoego/v1/` prefix: one key per draft plus an index, each value carrying a
//! schema version. A value that fails to load is reported as broken with its
//! raw text and is never overwritten.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// Key prefix; bump `v1` only with a migration.
pub const PREFIX: &str = "hoego/v1/";
/// The index key.
pub const INDEX_KEY: &str = "hoego/v1/index";
/// Preferences key.
pub const PREFS_KEY: &str = "hoego/v1/prefs";
/// Current schema version of stored values.
pub const SCHEMA: u32 = 1;

/// The storage key of a draft.
pub fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft/{id}")
}

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDraft {
    /// Schema version ([`SCHEMA`]).
    pub schema: u32,
    /// Id (also in the key).
    pub id: String,
    /// The imported file's name, if any.
    pub name: Option<String>,
    /// The whole post text, exactly.
    pub text: String,
    /// Creation time, ms since epoch.
    pub created: f64,
    /// Last change, ms since epoch.
    pub updated: f64,
}

/// The index: draft ids in library order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredIndex {
    /// Schema version.
    pub schema: u32,
    /// Draft ids.
    pub ids: Vec<String>,
}

/// User preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prefs {
    /// Schema version.
    pub schema: u32,
    /// `ko` or `en`.
    pub lang: String,
    /// `light` or `dark`.
    pub theme: String,
}

/// A stored value that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// Its storage key.
    pub key: String,
    /// Its raw text.
    pub raw: String,
    /// Why it failed.
    pub reason: String,
}

/// What loading found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Loaded {
    /// Drafts that loaded, in index order.
    pub drafts: Vec<StoredDraft>,
    /// Values that did not.
    pub broken: Vec<Broken>,
}

fn raw_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Parse one stored draft value.
pub fn parse_draft(key: &str, raw: &str) -> Result<StoredDraft, Broken> {
    let broken = |reason: String| Broken { key: key.into(), raw: raw.into(), reason };
    let d: StoredDraft = serde_json::from_str(raw).map_err(|e| broken(e.to_string()))?;
    if d.schema != SCHEMA {
        return Err(broken(format!("schema {} is not {SCHEMA}", d.schema)));
    }
    Ok(d)
}

/// Load every draft. Drafts present in storage but missing from the index
/// (a crash between two writes) are recovered too.
pub fn load_all() -> Loaded {
    let mut out = Loaded::default();
    let mut ids: Vec<String> = match raw_get(INDEX_KEY) {
        None => Vec::new(),
        Some(raw) => match serde_json::from_str::<StoredIndex>(&raw) {
            Ok(i) => i.ids,
            Err(e) => {
                out.broken.push(Broken { key: INDEX_KEY.into(), raw, reason: e.to_string() });
                Vec::new()
            }
        },
    };
    let storage = LocalStorage::raw();
    let len = storage.length().unwrap_or(0);
    for i in 0..len {
        if let Ok(Some(k)) = storage.key(i) {
            if let Some(id) = k.strip_prefix(&format!("{PREFIX}draft/")) {
                if !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
        }
    }
    for id in ids {
        let key = draft_key(&id);
        let Some(raw) = raw_get(&key) else { continue };
        match parse_draft(&key, &raw) {
            Ok(d) => out.drafts.push(d),
            Err(b) => out.broken.push(b),
        }
    }
    out
}

/// Why a save failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// QuotaExceededError: storage is full.
    Quota,
    /// Anything else.
    Other(String),
}

fn set_raw(key: &str, value: &str) -> Result<(), SaveError> {
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            SaveError::Quota
        } else {
            SaveError::Other(format!("{e:?}"))
        }
    })
}

/// Save one draft, then the index. When the draft write fails, the previous
/// stored copy is untouched (localStorage writes are atomic per key).
pub fn save_draft(d: &StoredDraft, index: &[String]) -> Result<(), SaveError> {
    let json = serde_json::to_string(d).map_err(|e| SaveError::Other(e.to_string()))?;
    set_raw(&draft_key(&d.id), &json)?;
    save_index(index)
}

/// Save the index.
pub fn save_index(ids: &[String]) -> Result<(), SaveError> {
    let json = serde_json::to_string(&StoredIndex { schema: SCHEMA, ids: ids.to_vec() })
        .map_err(|e| SaveError::Other(e.to_string()))?;
    set_raw(INDEX_KEY, &json)
}

/// Remove a draft's key.
pub fn remove_draft(id: &str) {
    LocalStorage::delete(draft_key(id));
}

/// Load preferences.
pub fn load_prefs() -> Option<Prefs> {
    raw_get(PREFS_KEY).and_then(|r| serde_json::from_str::<Prefs>(&r).ok()).filter(|p| p.schema == SCHEMA)
}

/// Save preferences (best effort: they are not user data).
pub fn save_prefs(p: &Prefs) {
    if let Ok(json) = serde_json::to_string(p) {
        let _ = set_raw(PREFS_KEY, &json);
    }
}
