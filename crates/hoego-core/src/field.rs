//! Typed values for editing a front matter key, and how the CLI's
//! `KEY=VALUE` text maps onto them.

use crate::date::PostDate;
use crate::error::EditError;

/// A new value for a front matter key.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    List(Vec<String>),
    /// A date.
    Date(PostDate),
    /// A list that must be written as a YAML list even where the old value
    /// was a single scalar (export profiles need real lists).
    StrictList(Vec<String>),
    /// Scalar text written verbatim (plain, or in the old value's quotes);
    /// the caller guarantees it reads back as intended (checked on commit).
    Text(String),
}

/// Keys whose values are lists of strings.
pub const LIST_KEYS: &[&str] = &["tags", "categories"];
/// Keys whose values are booleans.
pub const BOOL_KEYS: &[&str] = &["draft", "published", "toc", "comments"];
/// Keys whose values are dates.
pub const DATE_KEYS: &[&str] = &["date", "lastmod"];

impl FieldValue {
    /// Interpret CLI text for `key`: lists as `a, b` or `[a, b]`, booleans,
    /// ISO 8601 dates; anything else is a string.
    pub fn from_text(key: &str, text: &str) -> Result<FieldValue, EditError> {
        if LIST_KEYS.contains(&key) {
            return Ok(FieldValue::List(parse_list(text)));
        }
        if BOOL_KEYS.contains(&key) {
            // The one boolean rule (Jekyll's YAML 1.1 spellings); written back as `true`/`false`.
            return match crate::export::Reader::Psych.read_bool(text.trim()) {
                Some(b) => Ok(FieldValue::Bool(b)),
                None => Err(EditError::BadValue { key: key.into(), expected: "true or false", got: text.into() }),
            };
        }
        if DATE_KEYS.contains(&key) {
            return PostDate::parse(text).map(FieldValue::Date).ok_or_else(|| EditError::BadValue {
                key: key.into(),
                expected: "an ISO 8601 date such as 2024-12-31T21:00:00+09:00",
                got: text.into(),
            });
        }
        Ok(FieldValue::Str(text.to_string()))
    }
}

/// `a, b`, `[a, b]`, `["a", 'b']` → items, trimmed, empty ones dropped.
pub fn parse_list(text: &str) -> Vec<String> {
    let t = text.trim();
    let t = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')).unwrap_or(t);
    t.split(',')
        .map(|s| {
            let s = s.trim();
            let unq = s
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .or_else(|| s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')));
            unq.unwrap_or(s).to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_text_table() {
        let cases: &[(&str, &str, Option<FieldValue>)] = &[
            ("tags", "a, b", Some(FieldValue::List(vec!["a".into(), "b".into()]))),
            ("tags", "[a, 'b c']", Some(FieldValue::List(vec!["a".into(), "b c".into()]))),
            ("tags", "", Some(FieldValue::List(vec![]))),
            ("draft", "yes", Some(FieldValue::Bool(true))),
            ("draft", "maybe", None),
            ("title", "x: y", Some(FieldValue::Str("x: y".into()))),
            ("date", "2024-01-01", Some(FieldValue::Date(PostDate::parse("2024-01-01").unwrap()))),
            ("date", "soon", None),
        ];
        for (k, v, want) in cases {
            assert_eq!(FieldValue::from_text(k, v).ok(), *want, "{k}={v}");
        }
    }
}
