//! Writing a whole YAML mapping from values, for converting TOML front matter
//! (there is no source text to preserve in that case).

use super::quote::{scalar, Style};
use crate::value::Value;

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.clone(),
        Value::String(s) => scalar(s, Style::Plain, false),
        Value::List(_) | Value::Map(_) => unreachable!("not a scalar"),
    }
}

fn emit_value(out: &mut String, v: &Value, indent: usize, le: &str) {
    let pad = " ".repeat(indent);
    match v {
        Value::List(items) if items.is_empty() => out.push_str(" []"),
        Value::Map(m) if m.is_empty() => out.push_str(" {}"),
        Value::List(items) => {
            for i in items {
                out.push_str(le);
                out.push_str(&pad);
                out.push_str("  -");
                match i {
                    Value::List(_) | Value::Map(_) => emit_value(out, i, indent + 4, le),
                    s => {
                        out.push(' ');
                        out.push_str(&scalar_text(s));
                    }
                }
            }
        }
        Value::Map(m) => {
            for (k, v) in m {
                out.push_str(le);
                out.push_str(&pad);
                out.push_str("  ");
                out.push_str(&scalar(k, Style::Plain, true));
                out.push(':');
                emit_value(out, v, indent + 2, le);
            }
        }
        s => {
            out.push(' ');
            out.push_str(&scalar_text(s));
        }
    }
}

/// `key: value` lines for `fields`, in order.
pub fn emit_mapping(fields: &[(String, Value)], le: &str) -> String {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(&scalar(k, Style::Plain, true));
        out.push(':');
        emit_value(&mut out, v, 0, le);
        out.push_str(le);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::scan::parse_entries;

    #[test]
    fn emitted_yaml_reads_back() {
        let fields = vec![
            ("title".to_string(), Value::String("a: b".into())),
            ("n".to_string(), Value::Int(3)),
            ("tags".to_string(), Value::List(vec![Value::String("x".into()), Value::String("2023".into())])),
            ("m".to_string(), Value::Map(vec![("k".into(), Value::Bool(true)), ("l".into(), Value::List(vec![]))])),
        ];
        let text = emit_mapping(&fields, "\n");
        let entries = parse_entries(&text, 0..text.len(), 1).unwrap();
        let back: Vec<(String, Value)> = entries.into_iter().map(|e| (e.key, e.value)).collect();
        assert_eq!(back, fields);
    }
}
