//! Minimal edits of YAML front matter: rewrite only the bytes of the entry
//! being changed, keeping its key text, spacing, quote style, list style and
//! trailing comment where the new value allows.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::quote::{double_quoted, flow_list, needs_escape, plain_ok, scalar, style_of, Style};
use super::scan::{blank_end, lines, YamlEntry};
use crate::date::PostDate;
use crate::field::FieldValue;
use crate::split::LineEnding;

/// Length of the value token at the start of `s` (before any ` # comment`).
fn token_len(s: &str) -> usize {
    let b = s.as_bytes();
    match b.first() {
        Some(b'"') => {
            let mut i = 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            s.len()
        }
        Some(b'\'') => {
            let mut i = 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            s.len()
        }
        Some(b'[') | Some(b'{') => {
            let mut depth = 0i32;
            let mut quote: Option<u8> = None;
            for (i, &c) in b.iter().enumerate() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"') | (None, b'\'') => quote = Some(c),
                    (None, b'[') | (None, b'{') => depth += 1,
                    (None, b']') | (None, b'}') => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
            }
            s.len()
        }
        _ => {
            let end = [" #", "\t#"].iter().filter_map(|p| s.find(p)).min().unwrap_or(s.len());
            s[..end].trim_end_matches([' ', '\t']).len()
        }
    }
}

/// Format a date like the old text was written (`T` or space form).
fn date_like(d: &PostDate, old: &str) -> String {
    if old.contains('T') || old.is_empty() || d.time.is_none() {
        d.to_iso()
    } else {
        d.to_jekyll()
    }
}

/// The first item line of a block list inside `text[range]`, if the entry's
/// continuation is one: (prefix up to and including `- `, item text).
fn block_list_prefix(text: &str, entry: &YamlEntry) -> Option<(String, Style)> {
    let first_next = text[entry.first_line_end..].find('\n')? + entry.first_line_end + 1;
    for (s, e, _) in lines(text, first_next..entry.range.end) {
        let line = &text[s..e];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed == "-" || trimmed.starts_with("- ") {
            let indent = line.len() - trimmed.len();
            let item = trimmed[1..].trim_start();
            return Some((format!("{}- ", &line[..indent]), style_of(item)));
        }
        return None;
    }
    None
}

/// Render `v` inline in `style` (the old value's style; `old` its text).
fn inline(v: &FieldValue, style: Style, old: &str) -> String {
    match v {
        FieldValue::Str(s) => scalar(s, style, false),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Date(d) => {
            let s = date_like(d, old.trim_matches(['"', '\'']));
            match style {
                Style::Plain => s,
                Style::Single => format!("'{s}'"),
                Style::Double => format!("\"{s}\""),
            }
        }
        FieldValue::Text(t) => match style {
            Style::Plain => t.clone(),
            Style::Single => format!("'{t}'"),
            Style::Double => format!("\"{t}\""),
        },
        FieldValue::StrictList(items) => {
            let st = old.strip_prefix('[').map_or(style, |inner| style_of(inner.trim_start()));
            flow_list(items, st)
        }
        FieldValue::List(items) => {
            if let Some(inner) = old.strip_prefix('[') {
                let inner = inner.trim_start();
                flow_list(items, style_of(inner))
            } else if items.len() == 1 && !old.is_empty() {
                // A single tag written as a scalar stays a scalar.
                scalar(&items[0], style, false)
            } else {
                flow_list(items, Style::Plain)
            }
        }
    }
}

/// The key text for a new entry.
fn key_text(key: &str) -> String {
    if plain_ok(key, true) && !key.contains(':') {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// Set `key` to `v` in `head` (whose front matter text is `content`), returning
/// the new head. The last occurrence of a duplicated key is the one edited
/// (it is the one Jekyll reads).
pub fn set(
    head: &str,
    content: Range<usize>,
    entries: &[YamlEntry],
    le: LineEnding,
    key: &str,
    v: &FieldValue,
) -> String {
    let (range, text) = set_splice(head, content, entries, le, key, v);
    format!("{}{}{}", &head[..range.start], text, &head[range.end..])
}

/// The edit [`set`] makes, as the bytes of `head` it replaces and their
/// replacement (so several edits can be applied in one pass).
pub fn set_splice(
    head: &str,
    content: Range<usize>,
    entries: &[YamlEntry],
    le: LineEnding,
    key: &str,
    v: &FieldValue,
) -> (Range<usize>, String) {
    let last = entries.iter().rev().find(|e| e.key == key);
    splice_for(head, content, entries, le, last, key, v)
}

/// [`set_splice`] with the key's last entry already found (`None`: a new key).
pub fn splice_for(
    head: &str,
    content: Range<usize>,
    entries: &[YamlEntry],
    le: LineEnding,
    last: Option<&YamlEntry>,
    key: &str,
    v: &FieldValue,
) -> (Range<usize>, String) {
    let le = le.as_str();
    let Some(e) = last else {
        // New key: appended at the end, lists in the style the file already uses.
        let rendered = match v {
            FieldValue::List(items) | FieldValue::StrictList(items) if !items.is_empty() => {
                let block = entries.iter().find_map(|e| block_list_prefix(head, e));
                match block {
                    Some((prefix, st)) => {
                        let mut s = String::new();
                        for i in items {
                            s.push_str(le);
                            s.push_str(&prefix);
                            s.push_str(&scalar(i, st, false));
                        }
                        format!("{}:{s}{le}", key_text(key))
                    }
                    None => format!("{}: {}{le}", key_text(key), flow_list(items, Style::Plain)),
                }
            }
            _ => format!("{}: {}{le}", key_text(key), inline(v, Style::Plain, "")),
        };
        return (content.end..content.end, rendered);
    };
    let after_colon = &head[e.colon_end..e.first_line_end];
    let lead = after_colon.len() - after_colon.trim_start_matches([' ', '\t']).len();
    let value_start = e.colon_end + lead;
    let tok = token_len(&head[value_start..e.first_line_end]);
    let old = &head[value_start..value_start + tok];
    let multiline = e.is_multiline(head);

    if let (FieldValue::List(items) | FieldValue::StrictList(items), true) = (v, multiline && old.is_empty()) {
        if let Some((prefix, st)) = block_list_prefix(head, e) {
            // Through a pointer, so it is not inlined into this function, which the
            // app's first screen runs: the browser build's split keeps what that
            // screen never runs (no list edit) out of the first download.
            let edit: ItemsEdit = std::hint::black_box(items_edit);
            if let Some(edit) = edit(head, e, (&prefix, st), items, le) {
                return edit;
            }
            if !items.is_empty() {
                // Keep the key line as it is; rewrite the item lines.
                let key_line_end = head[e.first_line_end..].find('\n').map_or(head.len(), |i| e.first_line_end + i + 1);
                let mut s = String::from(&head[e.range.start..key_line_end]);
                for i in items {
                    s.push_str(&prefix);
                    s.push_str(&scalar(i, st, false));
                    s.push_str(le);
                }
                return (e.range.clone(), s);
            }
        }
    }
    if let (FieldValue::Str(text), true) = (v, old.starts_with(['|', '>'])) {
        // A block scalar (`description: |`) stays one, a literal one: a folded `>`
        // block's lines would otherwise become one long quoted line.
        // Through a pointer, as `items_edit` (below), to stay out of the first download.
        let write: LiteralBlock = std::hint::black_box(literal_block);
        if let Some(edit) = write(head, (e, content.end), value_start..value_start + tok, text, le) {
            return edit;
        }
    }
    let style = style_of(old);
    let new_inline = inline(v, style, old);
    if !multiline && !old.is_empty() {
        // Replace only the value token: spacing and trailing comment stay.
        return (value_start..value_start + tok, new_inline);
    }
    // Multi-line or empty value: rewrite the entry from the colon on. A block
    // scalar's header comment stays (after the header, only a comment can be).
    let sep = if lead > 0 { &head[e.colon_end..value_start] } else { " " };
    let comment = if old.starts_with(['|', '>']) { &head[value_start + tok..e.first_line_end] } else { "" };
    let line_end_of_entry = if head[..e.range.end].ends_with('\n') { le } else { "" };
    (e.colon_end..e.range.end, format!("{sep}{new_inline}{comment}{line_end_of_entry}"))
}

/// [`literal_block`]'s type.
type LiteralBlock = fn(&str, (&YamlEntry, usize), Range<usize>, &str, &str) -> Option<(Range<usize>, String)>;

/// `text` written as a literal block scalar in place of entry `e`'s value,
/// whose header (`|`, `|2-`…) is `head[header]`: the edit, from the colon on.
/// The header gets the chomping indicator the text needs (`|-` no line break
/// at the end, `|` one, `|+` more) and an indentation indicator when the first
/// line starts with a space or a tab; the old header's comment is kept; lines
/// are indented like the old block's. Blank lines right after the old entry
/// are read as part of a block (`|+`'s empty lines, a line of more spaces than
/// its indent): they are replaced, and written back empty where neither the old
/// block nor the new one keeps them.
/// One line stays a block too (`|-`): a line break deleted and typed again in
/// the form must not leave the value quoted for good. `None` when a literal
/// block cannot hold `text` (a char that needs escaping, nothing but line
/// breaks, `|+` for the front matter's last entry), or the entry does not end
/// with a line break. `content_end`: where the front matter's text ends.
fn literal_block(
    head: &str,
    (e, content_end): (&YamlEntry, usize),
    header: Range<usize>,
    text: &str,
    le: &str,
) -> Option<(Range<usize>, String)> {
    let body = text.trim_end_matches('\n');
    let first = body.split('\n').find(|l| !l.is_empty())?;
    let escapes = text.chars().any(|c| c != '\n' && c != '\t' && needs_escape(c));
    if escapes || !head[..e.range.end].ends_with('\n') {
        return None;
    }
    let old = &head[header.clone()];
    let first_next = head[e.first_line_end..].find('\n')? + e.first_line_end + 1;
    let said = old.bytes().find(u8::is_ascii_digit).map(|d| usize::from(d - b'0'));
    let width = said
        .or_else(|| {
            let old_lines = lines(head, first_next..e.range.end).into_iter().map(|(s, end, _)| &head[s..end]);
            old_lines.map(|l| l.len() - l.trim_start_matches(' ').len()).find(|&n| n > 0)
        })
        .filter(|n| (1..=9).contains(n))
        .unwrap_or(2);
    let indicator = if first.starts_with([' ', '\t']) { width.to_string() } else { String::new() };
    let trailing = text.len() - body.len();
    let chomp = ["-", "", "+"][trailing.min(2)];
    // A `|+` block last in the front matter: gray-matter (Gatsby) cuts the front
    // matter at its closing `\n---` and so reads one line break fewer than Psych.
    if chomp == "+" && e.text_end(head) >= content_end {
        return None;
    }
    let sep = Some(&head[e.colon_end..header.start]).filter(|s| !s.is_empty()).unwrap_or(" ");
    let mut out = format!("{sep}|{indicator}{chomp}{}", &head[header.end..e.first_line_end]);
    let indent = " ".repeat(width);
    for line in body.split('\n') {
        out.push_str(le);
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
        }
    }
    out.push_str(&le.repeat(trailing.max(1)));
    // The blank lines after the entry are read as the old block's: replaced too.
    // Those no text line of the old block (no more spaces than its indent) are
    // written back empty where neither block keeps them (they part the entries);
    // an old `|+` block's were its text, and go with it.
    let separators = !old.contains('+') && chomp != "+";
    let end = e.text_end(head);
    for (s, l, _) in lines(head, e.range.end..end) {
        let spaces = head[s..l].len() - head[s..l].trim_start_matches(' ').len();
        if separators && spaces <= width {
            out.push_str(le);
        }
    }
    Some((e.colon_end..end, out))
}

/// [`items_edit`]'s type.
type ItemsEdit = fn(&str, &YamlEntry, (&str, Style), &[String], &str) -> Option<(Range<usize>, String)>;

/// A block list whose new items are its old ones with one changed, with items
/// added at the end, or with one taken out (a tag chip typed again, added or
/// removed): only that item's text or those item lines are written, so comments
/// and the other items' lines stay as they are. `None` when the old items
/// cannot be read line by line (an item over several lines, a line that is no
/// item nor comment) or the change is another one (then all items are written).
fn items_edit(
    head: &str,
    e: &YamlEntry,
    (prefix, st): (&str, Style),
    items: &[String],
    le: &str,
) -> Option<(Range<usize>, String)> {
    let new: Vec<String> = items.iter().map(|i| scalar(i, st, false)).collect();
    let first_next = head[e.first_line_end..].find('\n')? + e.first_line_end + 1;
    // Each old item: (its line's range, line break included; its value's range; its
    // value, unquoted). Compared by value, so `"2024"` and `'q'` stay as written.
    let mut old: Vec<(Range<usize>, Range<usize>, String)> = Vec::new();
    for (s, end, full) in lines(head, first_next..e.range.end) {
        let line = &head[s..end];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.trim_end().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let item = line.strip_prefix(prefix)?;
        let at = s + prefix.len();
        let token = &item[..token_len(item)];
        old.push((s..full, at..at + token.len(), unquoted(token)?));
    }
    let text = |i: usize| old[i].2.as_str();
    let differ: Vec<usize> = (0..old.len().min(items.len())).filter(|&i| text(i) != items[i]).collect();
    let last = old.last()?.0.end;
    match (new.len().cmp(&old.len()), differ.as_slice()) {
        // The same items (a tag typed again): nothing to write.
        (std::cmp::Ordering::Equal, []) => Some((last..last, String::new())),
        // One item changed: only its value; its comment stays.
        (std::cmp::Ordering::Equal, [i]) => Some((old[*i].1.clone(), new[*i].clone())),
        (std::cmp::Ordering::Greater, []) => {
            let start = if head[..last].ends_with('\n') { "" } else { le };
            let added: String = new[old.len()..].iter().map(|r| format!("{prefix}{r}{le}")).collect();
            Some((last..last, format!("{start}{added}")))
        }
        // One taken out: the first place the lists differ, the rest matching after it.
        (std::cmp::Ordering::Less, _) if old.len() == new.len() + 1 && !new.is_empty() => {
            let gone = differ.first().copied().unwrap_or(new.len());
            let rest = (gone..new.len()).all(|i| text(i + 1) == items[i]);
            rest.then(|| (old[gone].0.clone(), String::new()))
        }
        _ => None,
    }
}

/// A list item's value as YAML reads it, for the plain and quoted forms a tag
/// takes; `None` for anything else (an escape, a flow collection, an anchor, a
/// block scalar), which the caller then rewrites.
fn unquoted(token: &str) -> Option<String> {
    let inner = |q: char| token.strip_prefix(q)?.strip_suffix(q);
    match token.chars().next() {
        Some('"') => inner('"').filter(|t| !t.contains(['\\', '"'])).map(str::to_string),
        Some('\'') => inner('\'').map(|t| t.replace("''", "'")),
        Some('[' | '{' | '&' | '*' | '!' | '|' | '>') | None => None,
        Some(_) => Some(token.to_string()),
    }
}

/// Apply several [`set_splice`] edits, made against the same `head`, in one
/// pass; `None` if two of them overlap (edits of distinct keys never do).
/// Insertions at the same point keep their order.
pub fn apply_splices(head: &str, splices: &[(Range<usize>, String)]) -> Option<String> {
    let mut order: Vec<usize> = (0..splices.len()).collect();
    order.sort_unstable_by_key(|&i| (splices[i].0.start, i));
    let mut out = String::with_capacity(head.len() + splices.iter().map(|s| s.1.len()).sum::<usize>());
    let mut at = 0;
    for i in order {
        let (r, text) = &splices[i];
        out.push_str(head.get(at..r.start)?);
        out.push_str(text);
        at = r.end;
    }
    out.push_str(&head[at..]);
    Some(out)
}

/// `head` without the bytes of `remove` (entry ranges, in source order),
/// built in one pass (removing them one by one costs O(entries × head)).
fn without(head: &str, remove: impl Iterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(head.len());
    let mut at = 0;
    for r in remove {
        out.push_str(&head[at..r.start]);
        at = r.end;
    }
    out.push_str(&head[at..]);
    out
}

/// Remove every occurrence of every duplicated key but its last (the one
/// Jekyll reads). Returns the new head and the merged keys, in order of
/// their first repeat.
pub fn dedupe_all(head: &str, entries: &[YamlEntry]) -> (String, Vec<String>) {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    let mut repeated: HashSet<&str> = HashSet::new();
    let mut dups: Vec<String> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if last.insert(&e.key, i).is_some() && repeated.insert(&e.key) {
            dups.push(e.key.clone());
        }
    }
    if dups.is_empty() {
        return (head.to_string(), dups);
    }
    let kept = |i: usize, e: &YamlEntry| last.get(e.key.as_str()) == Some(&i);
    let remove = (0..entries.len()).filter(|&i| !kept(i, &entries[i])).map(|i| removal(head, entries, i));
    (without(head, remove), dups)
}

/// Remove every occurrence of `key`.
pub fn unset(head: &str, entries: &[YamlEntry], key: &str) -> String {
    let gone = (0..entries.len()).filter(|&i| entries[i].key == key);
    without(head, gone.map(|i| removal(head, entries, i)))
}

/// The bytes removing entry `i` takes: its own, and the blank lines after it
/// when the entry before may be a block scalar whose text runs up to it: they
/// would join that block (a `|+` keeps them) and change its value.
fn removal(head: &str, entries: &[YamlEntry], i: usize) -> Range<usize> {
    let e = &entries[i];
    let before = i.checked_sub(1).map(|p| &entries[p]);
    let joins = before.is_some_and(|b| b.may_be_block(head) && b.text_end(head) == e.range.start);
    e.range.start..if joins { blank_end(head, e.range.end) } else { e.range.end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::scan::parse_entries;

    fn apply(src: &str, key: &str, v: FieldValue) -> String {
        let entries = parse_entries(src, 0..src.len(), 1).unwrap();
        set(src, 0..src.len(), &entries, LineEnding::detect(src), key, &v)
    }

    #[test]
    fn set_table() {
        use FieldValue::*;
        let s = |x: &str| Str(x.to_string());
        let l = |x: &[&str]| List(x.iter().map(|i| i.to_string()).collect());
        let cases: Vec<(&str, &str, FieldValue, &str)> = vec![
            ("title:  'a'\nx: 1\n", "title", s("it's"), "title:  'it''s'\nx: 1\n"),
            ("title: \"a\" # keep\n", "title", s("b"), "title: \"b\" # keep\n"),
            ("title: a\n", "title", s("2023"), "title: \"2023\"\n"),
            ("title: a\n", "title", s("b: c"), "title: \"b: c\"\n"),
            ("tags: [a, b]\n", "tags", l(&["c", "d e"]), "tags: [c, d e]\n"),
            ("tags: ['a']\n", "tags", l(&["c", "d"]), "tags: ['c', 'd']\n"),
            ("tags: python\n", "tags", l(&["rust"]), "tags: rust\n"),
            ("tags: python\n", "tags", l(&["a", "b"]), "tags: [a, b]\n"),
            ("tags: \n    - a\n    - b\nx: 1\n", "tags", l(&["c"]), "tags: \n    - c\nx: 1\n"),
            ("tags:\n- a\n", "tags", l(&["b", "c"]), "tags:\n- b\n- c\n"),
            ("tags:\n  - a\n", "tags", l(&[]), "tags: []\n"),
            ("a: 1\r\n", "title", s("새 글"), "a: 1\r\ntitle: 새 글\r\n"),
            ("a:\n  - x\n", "tags", l(&["t"]), "a:\n  - x\ntags:\n  - t\n"),
            (
                "date: '2022-06-29 06:00:00'\n",
                "date",
                Date(PostDate::parse("2022-06-30T07:00:00+09:00").unwrap()),
                "date: '2022-06-30 07:00:00 +0900'\n",
            ),
            ("draft: yes\n", "draft", Bool(false), "draft: false\n"),
            ("desc: |\n  line\n  two\nz: 1\n", "desc", s("one"), "desc: |-\n  one\nz: 1\n"),
            ("desc:   | # c\n  a\n", "desc", s("b\n"), "desc:   | # c\n  b\n"),
            ("desc: |\nz: 1\n", "desc", s("a\nb"), "desc: |-\n  a\n  b\nz: 1\n"),
            ("desc: >\n  a\n  b\n", "desc", s("a b\nc\n"), "desc: |\n  a b\n  c\n"),
            ("desc: |\n  a\n", "desc", s(""), "desc: \"\"\n"),
            // A literal block given lines stays a literal block (indent, comment, CRLF kept).
            ("desc: |\n  line\n  two\nz: 1\n", "desc", s("line\n2\n"), "desc: |\n  line\n  2\nz: 1\n"),
            (
                "desc: | # 설명\r\n    a\r\n\r\n    b\r\n",
                "desc",
                s("a\n\nc"),
                "desc: |- # 설명\r\n    a\r\n\r\n    c\r\n",
            ),
            ("desc: |-\n  a\n  b\nz: 1", "desc", s("a\nb"), "desc: |-\n  a\n  b\nz: 1"),
            // Two line breaks at the end: `|+`, the blank line after the block taken in.
            ("desc: |-\n  a\n  b\n\nz: 1\n", "desc", s("a\nb\n\n"), "desc: |+\n  a\n  b\n\nz: 1\n"),
            ("desc: |+\n  a\n\n\n# c\nz: 1\n", "desc", s("a\nb"), "desc: |-\n  a\n  b\n# c\nz: 1\n"),
            // `|+` last in the front matter: gray-matter would read one line break fewer.
            ("t: 1\ndesc: |\n  a\n", "desc", s("a\nb\n\n"), "t: 1\ndesc: \"a\\nb\\n\\n\"\n"),
            // A line of spaces after the block (its text) is replaced, not left to pile up.
            ("desc: |-\n  a\n   \n\nz: 1\n", "desc", s("a\n  "), "desc: |-\n  a\n    \n\nz: 1\n"),
            // Blank lines that part the entries stay.
            ("desc: |\n  a\n\nz: 1\n", "desc", s("a\nb\n"), "desc: |\n  a\n  b\n\nz: 1\n"),
            // A first line that starts with a space or a tab says its indentation.
            ("desc: |\n    a\n    b\n", "desc", s(" a\nb"), "desc: |4-\n     a\n    b\n"),
            ("desc: |2\n   a\n  b\n", "desc", s("a\n\tb\n"), "desc: |\n  a\n  \tb\n"),
            ("desc: |\n  a\n", "desc", s("  \nb\n"), "desc: |2\n    \n  b\n"),
            // Lines of only spaces are text in a block.
            ("desc: |\n  a\n  b\n", "desc", s("a\n  \nb"), "desc: |-\n  a\n    \n  b\n"),
            ("desc: |\n  a\n  b\n", "desc", s("a\n "), "desc: |-\n  a\n   \n"),
            // What no block holds is double-quoted; the header's comment stays.
            ("desc: | # 설명\n  a\n", "desc", s("a\u{2028}b\n"), "desc: \"a\\u2028b\\n\" # 설명\n"),
            ("desc: | # 설명\n  a\n", "desc", s("한 줄"), "desc: |- # 설명\n  한 줄\n"),
            ("desc: |\n  a\n", "desc", s("\n\n"), "desc: \"\\n\\n\"\n"),
            ("desc: >\n  a\n  b\n", "desc", s("a\nb"), "desc: |-\n  a\n  b\n"),
            ("t: a\nt: b\n", "t", s("c"), "t: a\nt: c\n"),
            // A tag added or removed: only its line; comments and the other lines stay.
            (
                "tags:\n  # 태그 주석\n  - 회고   # 첫 태그\n  - \"2024\"\nx: 1\n",
                "tags",
                l(&["회고", "2024", "새태그"]),
                "tags:\n  # 태그 주석\n  - 회고   # 첫 태그\n  - \"2024\"\n  - 새태그\nx: 1\n",
            ),
            (
                "tags:\r\n  # 주석\r\n  - a # 하나\r\n  - b\r\n  - c # 셋\r\n",
                "tags",
                l(&["a", "c"]),
                "tags:\r\n  # 주석\r\n  - a # 하나\r\n  - c # 셋\r\n",
            ),
            ("tags:\n  - a # x\n  - b\n", "tags", l(&["b", "a"]), "tags:\n  - b\n  - a\n"),
            // Quoted items are compared by value: they stay as written around an edit.
            (
                "tags:\n  # keep\n  - a\n  - \"b c\"\n  - 'q'\n",
                "tags",
                l(&["a", "b c", "q", "e"]),
                "tags:\n  # keep\n  - a\n  - \"b c\"\n  - 'q'\n  - e\n",
            ),
            ("tags:\n  # keep\n  - \"2024\"\n  - x\n", "tags", l(&["x"]), "tags:\n  # keep\n  - x\n"),
            ("tags:\n  - a # one\n  - b # two\n", "tags", l(&["a", "b"]), "tags:\n  - a # one\n  - b # two\n"),
            (
                "tags:\r\n  - a # one\r\n  - b # two\r\n",
                "tags",
                l(&["a", "c"]),
                "tags:\r\n  - a # one\r\n  - c # two\r\n",
            ),
            ("tags:\r\n  - a # one\r\n  - b # two\r\n", "tags", l(&["b"]), "tags:\r\n  - b # two\r\n"),
            ("tags:\n  - a\n  - b # last\n", "tags", l(&["a"]), "tags:\n  - a\n"),
            ("tags:\n  - a\n  - b", "tags", l(&["a", "b", "c"]), "tags:\n  - a\n  - b\n  - c\n"),
        ];
        for (src, key, v, want) in cases {
            assert_eq!(apply(src, key, v.clone()), want, "{src:?} {key} {v:?}");
        }
    }

    /// A key removed after a block scalar takes its blank lines along, which
    /// would otherwise join the block (a `|+` keeps them: its value would change).
    #[test]
    fn unset_after_a_block_leaves_its_value() {
        let src = "d: |+\n  a\n\nz: 1\n\n\n# c\n";
        let entries = parse_entries(src, 0..src.len(), 1).unwrap();
        let out = unset(src, &entries, "z");
        assert_eq!(out, "d: |+\n  a\n\n# c\n");
        let back = parse_entries(&out, 0..out.len(), 1).unwrap();
        assert_eq!(back[0].value, entries[0].value);
        let dup = "d: |+\n  a\n\nt: 1\n\nt: 2\n";
        let (merged, _) = dedupe_all(dup, &parse_entries(dup, 0..dup.len(), 1).unwrap());
        assert_eq!(merged, "d: |+\n  a\n\nt: 2\n");
        // A tab before the header or its comment: still a block (review).
        for src in ["d:\t|+\n  a\n\nz: 1\n\n\n# c\n", "d: |+\t# k\n  a\n\nz: 1\n\n\n# c\n"] {
            let entries = parse_entries(src, 0..src.len(), 1).unwrap();
            assert_eq!(entries[0].value, crate::value::Value::String("a\n\n".into()), "{src:?}");
            let out = unset(src, &entries, "z");
            assert_eq!(parse_entries(&out, 0..out.len(), 1).unwrap()[0].value, entries[0].value, "{src:?}");
        }
        // After an entry that is no block, the blank lines stay where they are.
        let plain = "a: x > y\nz: 1\n\nb: 2\n";
        assert_eq!(unset(plain, &parse_entries(plain, 0..plain.len(), 1).unwrap(), "z"), "a: x > y\n\nb: 2\n");
    }

    #[test]
    fn unset_removes_all_occurrences_only() {
        let src = "a: 1\n# c\nb:\n  - x\na: 2\nc: 3\n";
        let entries = parse_entries(src, 0..src.len(), 1).unwrap();
        assert_eq!(unset(src, &entries, "a"), "# c\nb:\n  - x\nc: 3\n");
        assert_eq!(unset(src, &entries, "b"), "a: 1\n# c\na: 2\nc: 3\n");
    }
}
