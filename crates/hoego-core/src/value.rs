//! A neutral front matter value (YAML or TOML), keeping map key order so
//! `hoego show`'s `fields` reads in the author's order.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A front matter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float, as written (`1.50`, `.inf`): nothing in Hoego computes with
    /// it, and keeping the text avoids float parsing in the browser build.
    Float(String),
    /// A string (dates stay strings: see [`crate::date`]).
    String(String),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping, in source order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value as text if it is a scalar (numbers and booleans as written
    /// by YAML; `None` for null, lists and maps).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Look up a key in a map value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Read as a boolean the way Jekyll (Psych, YAML 1.1) does: `true/false`,
    /// `yes/no`, `on/off` in the spellings YAML 1.1 lists, but not `y/n`,
    /// which Psych reads as strings (the one rule lives in [`crate::export::Reader`]).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) => crate::export::Reader::Psych.read_bool(s),
            _ => None,
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(float_value(f)),
            Value::String(v) => s.serialize_str(v),
            Value::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Value::Map(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// The number a YAML float's text stands for (`.inf`, `-.Inf`, `.nan` included).
fn float_value(t: &str) -> f64 {
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let v = match rest {
        ".inf" | ".Inf" | ".INF" => f64::INFINITY,
        ".nan" | ".NaN" | ".NAN" => f64::NAN,
        _ => rest.parse().unwrap_or(f64::NAN),
    };
    if neg {
        -v
    } else {
        v
    }
}

/// Convert a toml_edit item.
#[cfg(feature = "toml")]
pub(crate) fn from_toml(item: &toml_edit::Item) -> Value {
    match item {
        toml_edit::Item::None => Value::Null,
        toml_edit::Item::Value(v) => from_toml_value(v),
        toml_edit::Item::Table(t) => Value::Map(t.iter().map(|(k, v)| (k.to_string(), from_toml(v))).collect()),
        toml_edit::Item::ArrayOfTables(a) => Value::List(
            a.iter().map(|t| Value::Map(t.iter().map(|(k, v)| (k.to_string(), from_toml(v))).collect())).collect(),
        ),
    }
}

#[cfg(feature = "toml")]
fn from_toml_value(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::Int(*i.value()),
        T::Float(f) => Value::Float(f.value().to_string()),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(a) => Value::List(a.iter().map(from_toml_value).collect()),
        T::InlineTable(t) => Value::Map(t.iter().map(|(k, v)| (k.to_string(), from_toml_value(v))).collect()),
    }
}
