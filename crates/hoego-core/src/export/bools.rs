//! What a plain YAML scalar means as a boolean, per reader. One rule each:
//! Jekyll reads front matter with Psych (YAML 1.1's `yes/no/on/off` are
//! booleans; its `y/n` are not: Psych 4.0.3 reads `title: N` as `"N"`),
//! gray-matter/Gatsby with js-yaml (YAML 1.2 core schema: only `true/false`). An export writes `true`/`false`, which both read alike.

use crate::dialect::Dialect;

/// A YAML reader a generator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Reader {
    /// Ruby's Psych (Jekyll): YAML 1.1 booleans.
    Psych,
    /// js-yaml (gray-matter, Gatsby): YAML 1.2 core schema booleans.
    JsYaml,
}

impl Reader {
    /// The reader of the generator a post was written for: js-yaml for
    /// Gatsby posts, Psych otherwise (Jekyll; Hugo and plain posts are read
    /// the YAML 1.1 way too, which is what their authors' `draft: yes` meant).
    pub fn for_dialect(d: Dialect) -> Reader {
        match d {
            Dialect::Gatsby => Reader::JsYaml,
            _ => Reader::Psych,
        }
    }

    /// The boolean a plain (unquoted) scalar is to this reader, if any.
    pub fn read_bool(self, plain: &str) -> Option<bool> {
        match (self, plain) {
            (_, "true" | "True" | "TRUE") => Some(true),
            (_, "false" | "False" | "FALSE") => Some(false),
            (Reader::Psych, "yes" | "Yes" | "YES" | "on" | "On" | "ON") => Some(true),
            (Reader::Psych, "no" | "No" | "NO" | "off" | "Off" | "OFF") => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boolean_rules_per_reader() {
        let cases: &[(&str, Option<bool>, Option<bool>)] = &[
            ("true", Some(true), Some(true)),
            ("FALSE", Some(false), Some(false)),
            ("yes", Some(true), None),
            // Psych reads `y` and `n` as strings (`title: N` stays a title).
            ("y", None, None),
            ("N", None, None),
            ("off", Some(false), None),
            ("On", Some(true), None),
            ("yEs", None, None),
            ("1", None, None),
            ("", None, None),
        ];
        for (raw, psych, js) in cases {
            assert_eq!(Reader::Psych.read_bool(raw), *psych, "psych {raw}");
            assert_eq!(Reader::JsYaml.read_bool(raw), *js, "js-yaml {raw}");
        }
    }
}
