//! localStorage adapter (through gloo-storage). Everything lives under the
//! `hoego/v1/` prefix: one key per draft plus an index, each value carrying a
//! schema version. A value that fails to load is reported as broken with its
//! raw text and is never overwritten.
//!
//! Values are JSON written and read by the browser's own `JSON` object, not
//! serde_json: that keeps ~20 KB of gzip out of the first load (see
//! BENCHMARKS.md), and the three record shapes here (draft, index, prefs) are
//! simple enough to map by hand with the small `Out` / `In` helpers below
//! (tested in `tests/browser.rs`).

use gloo_storage::{LocalStorage, Storage};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

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
#[derive(Debug, Clone, PartialEq)]
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

/// User preferences.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefs {
    /// Schema version.
    pub schema: u32,
    /// `ko` or `en`.
    pub lang: String,
    /// `light` or `dark`.
    pub theme: String,
}

/// A JSON object under construction, fields in the order they are set.
struct Out(Object);

impl Out {
    fn new(schema: u32) -> Out {
        let o = Out(Object::new());
        o.set("schema", schema.into())
    }

    fn set(self, key: &str, v: JsValue) -> Out {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &key.into(), &v);
        self
    }

    fn stringify(self) -> Result<String, SaveError> {
        JSON::stringify(&self.0).map(String::from).map_err(|e| SaveError::Other(format!("{e:?}")))
    }
}

/// A parsed JSON object whose fields are read with their expected types.
struct In(JsValue);

impl In {
    fn parse(raw: &str) -> Result<In, String> {
        let v = JSON::parse(raw).map_err(|e| {
            Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "not JSON".into())
        })?;
        if !v.is_object() || Array::is_array(&v) {
            return Err("expected a JSON object".into());
        }
        Ok(In(v))
    }

    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn str(&self, key: &str) -> Result<String, String> {
        self.get(key).as_string().ok_or_else(|| format!("field `{key}`: expected a string"))
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>, String> {
        let v = self.get(key);
        if v.is_null() || v.is_undefined() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| format!("field `{key}`: expected a string or null"))
    }

    fn num(&self, key: &str) -> Result<f64, String> {
        self.get(key).as_f64().ok_or_else(|| format!("field `{key}`: expected a number"))
    }

    fn schema(&self) -> Result<u32, String> {
        let n = self.num("schema")?;
        if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
            return Err("field `schema`: expected a whole number".into());
        }
        Ok(n as u32)
    }

    fn str_list(&self, key: &str) -> Result<Vec<String>, String> {
        let v = self.get(key);
        if !Array::is_array(&v) {
            return Err(format!("field `{key}`: expected a list"));
        }
        Array::from(&v)
            .iter()
            .map(|x| x.as_string().ok_or_else(|| format!("field `{key}`: expected strings")))
            .collect()
    }
}

impl StoredDraft {
    fn to_json(&self) -> Result<String, SaveError> {
        Out::new(self.schema)
            .set("id", self.id.as_str().into())
            .set("name", self.name.as_deref().map_or(JsValue::NULL, JsValue::from))
            .set("text", self.text.as_str().into())
            .set("created", self.created.into())
            .set("updated", self.updated.into())
            .stringify()
    }

    fn from_json(raw: &str) -> Result<StoredDraft, String> {
        let o = In::parse(raw)?;
        Ok(StoredDraft {
            schema: o.schema()?,
            id: o.str("id")?,
            name: o.opt_str("name")?,
            text: o.str("text")?,
            created: o.num("created")?,
            updated: o.num("updated")?,
        })
    }
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
    let d = StoredDraft::from_json(raw).map_err(broken)?;
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
        Some(raw) => match In::parse(&raw).and_then(|o| o.str_list("ids")) {
            Ok(ids) => ids,
            Err(reason) => {
                out.broken.push(Broken { key: INDEX_KEY.into(), raw, reason });
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
    let json = d.to_json()?;
    set_raw(&draft_key(&d.id), &json)?;
    save_index(index)
}

/// Save the index.
pub fn save_index(ids: &[String]) -> Result<(), SaveError> {
    let list: Array = ids.iter().map(|id| JsValue::from(id.as_str())).collect();
    let json = Out::new(SCHEMA).set("ids", list.into()).stringify()?;
    set_raw(INDEX_KEY, &json)
}

/// Remove a draft's key.
pub fn remove_draft(id: &str) {
    LocalStorage::delete(draft_key(id));
}

/// Load preferences.
pub fn load_prefs() -> Option<Prefs> {
    let o = In::parse(&raw_get(PREFS_KEY)?).ok()?;
    let p = Prefs { schema: o.schema().ok()?, lang: o.str("lang").ok()?, theme: o.str("theme").ok()? };
    (p.schema == SCHEMA).then_some(p)
}

/// Save preferences (best effort: they are not user data).
pub fn save_prefs(p: &Prefs) {
    let json = Out::new(p.schema).set("lang", p.lang.as_str().into()).set("theme", p.theme.as_str().into()).stringify();
    if let Ok(json) = json {
        let _ = set_raw(PREFS_KEY, &json);
    }
}
