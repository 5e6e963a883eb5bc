//! JSON through the browser's own `JSON` object, not serde_json: that keeps
//! ~20 KB of gzip out of the first load (see BENCHMARKS.md). The few record
//! shapes Hoego stores (draft, index, prefs, backup manifest) are mapped by
//! hand with [`Out`] (build an object) and [`In`] (read typed fields).

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

/// A JSON object under construction, fields in the order they are set.
pub(crate) struct Out(Object);

impl Out {
    /// A fresh object whose first field is `schema`.
    pub(crate) fn new(schema: u32) -> Out {
        Out(Object::new()).set("schema", schema.into())
    }

    /// A fresh object with no fields.
    pub(crate) fn empty() -> Out {
        Out(Object::new())
    }

    /// Set a field.
    pub(crate) fn set(self, key: &str, v: JsValue) -> Out {
        // Defining a data property on a fresh plain object cannot fail.
        let defined = Reflect::set(&self.0, &key.into(), &v).unwrap_or(false);
        debug_assert!(defined, "{key}");
        self
    }

    /// Set an optional string field (`null` when absent).
    pub(crate) fn opt_str(self, key: &str, v: Option<&str>) -> Out {
        self.set(key, v.map_or(JsValue::NULL, JsValue::from))
    }

    /// The object itself (to nest it in a list).
    pub(crate) fn value(self) -> JsValue {
        self.0.into()
    }

    /// Its JSON text.
    pub(crate) fn stringify(self) -> Result<String, String> {
        JSON::stringify(&self.0).map(String::from).map_err(|e| super::js_error(&e))
    }
}

/// A parsed JSON object whose fields are read with their expected types.
pub(crate) struct In(JsValue);

impl In {
    /// Parse JSON text that must hold an object.
    pub(crate) fn parse(raw: &str) -> Result<In, String> {
        let v = JSON::parse(raw).map_err(|e| {
            Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "not JSON".into())
        })?;
        In::object(v)
    }

    fn object(v: JsValue) -> Result<In, String> {
        if !v.is_object() || Array::is_array(&v) {
            return Err("expected a JSON object".into());
        }
        Ok(In(v))
    }

    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// Is the field present (not `undefined`)?
    pub(crate) fn has(&self, key: &str) -> bool {
        !self.get(key).is_undefined()
    }

    /// A string field.
    pub(crate) fn str(&self, key: &str) -> Result<String, String> {
        self.get(key).as_string().ok_or_else(|| format!("field `{key}`: expected a string"))
    }

    /// A string field that may be `null` or missing.
    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<String>, String> {
        let v = self.get(key);
        if v.is_null() || v.is_undefined() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| format!("field `{key}`: expected a string or null"))
    }

    /// A number field.
    pub(crate) fn num(&self, key: &str) -> Result<f64, String> {
        self.get(key).as_f64().ok_or_else(|| format!("field `{key}`: expected a number"))
    }

    /// A whole, non-negative number field (schema versions, revisions).
    pub(crate) fn whole(&self, key: &str) -> Result<u64, String> {
        let n = self.num(key)?;
        // 2^53: beyond it a JSON number is no longer an exact integer.
        if n.fract() != 0.0 || !(0.0..=9_007_199_254_740_992.0).contains(&n) {
            return Err(format!("field `{key}`: expected a whole number"));
        }
        Ok(n as u64)
    }

    /// The `schema` field.
    pub(crate) fn schema(&self) -> Result<u32, String> {
        u32::try_from(self.whole("schema")?).map_err(|_| "field `schema`: too large".into())
    }

    /// An object field that may be `null` or missing.
    pub(crate) fn opt_obj(&self, key: &str) -> Result<Option<In>, String> {
        let v = self.get(key);
        if v.is_null() || v.is_undefined() {
            return Ok(None);
        }
        In::object(v).map(Some).map_err(|e| format!("field `{key}`: {e}"))
    }

    /// A list of strings.
    pub(crate) fn str_list(&self, key: &str) -> Result<Vec<String>, String> {
        list(self.get(key), key)?
            .iter()
            .map(|x| x.as_string().ok_or_else(|| format!("field `{key}`: expected strings")))
            .collect()
    }

    /// A list of objects.
    pub(crate) fn obj_list(&self, key: &str) -> Result<Vec<In>, String> {
        list(self.get(key), key)?.iter().map(In::object).collect()
    }
}

fn list(v: JsValue, key: &str) -> Result<Array, String> {
    if Array::is_array(&v) {
        Ok(Array::from(&v))
    } else {
        Err(format!("field `{key}`: expected a list"))
    }
}

/// Parse JSON text that must hold a list of strings. (Read as the field of
/// a wrapping object, so the one list reader serves both shapes.)
pub(crate) fn parse_str_array(raw: &str) -> Result<Vec<String>, String> {
    In::parse(&format!("{{\"list\":{raw}}}"))?.str_list("list")
}

/// A JSON array of these values.
pub(crate) fn array(items: impl IntoIterator<Item = JsValue>) -> JsValue {
    items.into_iter().collect::<Array>().into()
}
