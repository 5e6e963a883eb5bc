//! Writing YAML scalars: plain when that reads back as the same string in both
//! YAML 1.1 (Jekyll's Psych) and 1.2 (js-yaml), quoted otherwise.

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `value`
    Plain,
    /// `'value'`
    Single,
    /// `"value"`
    Double,
}

/// Would this plain scalar be read as something other than this string
/// (bool, null, number, date) by YAML 1.1 or 1.2 resolvers?
fn reads_as_non_string(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~" | ".inf" | "-.inf" | "+.inf" | ".nan"
    ) {
        return true;
    }
    let t = s.trim_start_matches(['+', '-']);
    let numeric = !t.is_empty()
        && (t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.' || b == b'e' || b == b'E' || b == b'+' || b == b'-')
            && t.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.'))
        || t.starts_with("0x")
        || t.starts_with("0o")
        || t.starts_with("0b");
    if numeric {
        return true;
    }
    // Timestamps: 2022-01-01..., and sexagesimal numbers like 1:30 (YAML 1.1).
    let b = s.as_bytes();
    if b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
        return true;
    }
    s.contains(':') && s.split(':').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A char no scalar may hold as it is: a control, the BOM, the line and
/// paragraph separators (YAML 1.1, Jekyll's Psych, reads U+2028 and U+2029 as
/// line breaks: in a value it then reports the post's front matter broken), and
/// the non-characters U+FFFE and U+FFFF (both parsers refuse them). Escaped in
/// double quotes; elsewhere the value is double-quoted instead.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
}

/// Can `s` be written as a plain scalar (in block context, or in a flow
/// list when `in_flow`) and read back as the same string?
pub fn plain_ok(s: &str, in_flow: bool) -> bool {
    if s.is_empty() || s != s.trim() || reads_as_non_string(s) {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // `-x` and `?x`/`:x` are allowed by the spec, but old parsers differ: quote.
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if s.chars().any(needs_escape) {
        return false;
    }
    // Flow lists are where parsers disagree most: stay plain only for
    // unremarkable words (no flow indicators, no dash starting a word).
    if in_flow
        && (s.contains([',', '[', ']', '{', '}', ':', '#', '\'', '"', '&', '*', '!', '|', '>', '%', '@', '`', '?'])
            || s.contains(" -")
            || s.ends_with('-'))
    {
        return false;
    }
    true
}

/// `"..."` with YAML escapes.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `'...'`, or `None` when single quotes cannot hold it (line breaks, controls).
pub fn single_quoted(s: &str) -> Option<String> {
    if s.chars().any(needs_escape) {
        return None;
    }
    Some(format!("'{}'", s.replace('\'', "''")))
}

/// Write `s` in `preferred` style when that reads back as `s`, else the
/// nearest style that does (plain falls back to double quotes).
pub fn scalar(s: &str, preferred: Style, in_flow: bool) -> String {
    match preferred {
        Style::Plain if plain_ok(s, in_flow) => s.to_string(),
        Style::Single => single_quoted(s).unwrap_or_else(|| double_quoted(s)),
        _ => double_quoted(s),
    }
}

/// The style of an inline value as written (by its first character).
pub fn style_of(inline: &str) -> Style {
    match inline.as_bytes().first() {
        Some(b'\'') => Style::Single,
        Some(b'"') => Style::Double,
        _ => Style::Plain,
    }
}

/// `[a, b]` with items in `item_style` where possible.
pub fn flow_list(items: &[String], item_style: Style) -> String {
    let parts: Vec<String> = items.iter().map(|i| scalar(i, item_style, true)).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_table() {
        let cases: &[(&str, &str)] = &[
            ("hello", "hello"),
            ("2023년 회고", "2023년 회고"),
            ("", "\"\""),
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("null", "\"null\""),
            ("123", "\"123\""),
            ("1.5", "\"1.5\""),
            ("2022-01-01", "\"2022-01-01\""),
            ("12:30", "\"12:30\""),
            ("a: b", "\"a: b\""),
            ("a #b", "\"a #b\""),
            ("#tag", "\"#tag\""),
            ("- item", "\"- item\""),
            ("@me", "\"@me\""),
            ("say \"hi\"", "say \"hi\""),
            ("line\nbreak", "\"line\\nbreak\""),
            (" padded", "\" padded\""),
            ("ends:", "\"ends:\""),
            ("Python - 회고", "Python - 회고"),
            // Psych reads U+2028 and U+2029 as line breaks; both parsers refuse U+FFFF.
            ("a\u{2028}b", "\"a\\u2028b\""),
            ("a\u{2029}", "\"a\\u2029\""),
            ("a\u{ffff}", "\"a\\uFFFF\""),
        ];
        for (input, want) in cases {
            assert_eq!(scalar(input, Style::Plain, false), *want, "{input:?}");
        }
        assert_eq!(scalar("it's", Style::Single, false), "'it''s'");
        assert_eq!(flow_list(&["a".into(), "b, c".into()], Style::Plain), "[a, \"b, c\"]");
    }
}
