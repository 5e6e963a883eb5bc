//! Finding top-level `key: value` entries and parsing their values.

use std::ops::Range;

use crate::error::{pos_at, ParseError, Pos};
use crate::value::Value;

/// One top-level entry: the key, its bytes in the head text, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlEntry {
    /// The key, unquoted.
    pub key: String,
    /// Bytes of the whole entry, from the key to the end of its last line
    /// (line ending included). Trailing blank lines and column-0 comments are
    /// not part of it: they stay where they are when the entry changes.
    pub range: Range<usize>,
    /// Offset just past the `:` after the key.
    pub colon_end: usize,
    /// Offset of the end of the key's own line (before its line ending).
    pub first_line_end: usize,
    /// 1-based line of the key in the file.
    pub line: usize,
    /// The parsed value.
    pub value: Value,
}

impl YamlEntry {
    /// The text after the colon on the key's own line, trimmed (`text` is the
    /// string the entry's ranges point into).
    pub fn inline<'a>(&self, text: &'a str) -> &'a str {
        text[self.colon_end..self.first_line_end].trim()
    }

    /// Where the entry's text ends with the blank lines after it, which its
    /// value may hold if it may be a block scalar (`|+` keeps empty lines; a
    /// line of more spaces than the block's indent is text); `range.end` for
    /// any other entry. What the "other keys" box shows and replaces.
    pub fn text_end(&self, text: &str) -> usize {
        match self.may_be_block(text) {
            true => blank_end(text, self.range.end),
            false => self.range.end,
        }
    }

    /// May the value be a block scalar (see [`may_be_block`])?
    pub(crate) fn may_be_block(&self, text: &str) -> bool {
        may_be_block(&text[self.range.clone()])
    }

    /// Does the value continue on following lines (block list, block scalar, map)?
    pub fn is_multiline(&self, text: &str) -> bool {
        let rest = &text[self.first_line_end..self.range.end];
        rest.trim_start_matches(['\r', '\n']).chars().any(|c| !c.is_whitespace())
    }
}

/// Lines of `text[range]` as (start, end-without-ending, end-with-ending).
pub(crate) fn lines(text: &str, range: Range<usize>) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let nl = text[at..range.end].find('\n').map(|i| at + i);
        let (end, next) = match nl {
            Some(i) => (if i > at && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i }, i + 1),
            None => (range.end, range.end),
        };
        out.push((at, end, next));
        at = next;
    }
    out
}

/// Parse the key at the start of a column-0 line. Returns the key and the
/// byte index just past its colon.
pub(crate) fn parse_key(line: &str) -> Option<(String, usize)> {
    let bytes = line.as_bytes();
    let (key, after) = match bytes.first()? {
        b'"' => {
            let mut i = 1;
            let mut key = String::new();
            loop {
                match *bytes.get(i)? {
                    b'\\' => {
                        let c = line[i + 1..].chars().next()?;
                        key.push(match c {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                        i += 1 + c.len_utf8();
                    }
                    b'"' => break (key, i + 1),
                    _ => {
                        let c = line[i..].chars().next()?;
                        key.push(c);
                        i += c.len_utf8();
                    }
                }
            }
        }
        b'\'' => {
            let mut i = 1;
            let mut key = String::new();
            loop {
                match *bytes.get(i)? {
                    b'\'' if bytes.get(i + 1) == Some(&b'\'') => {
                        key.push('\'');
                        i += 2;
                    }
                    b'\'' => break (key, i + 1),
                    _ => {
                        let c = line[i..].chars().next()?;
                        key.push(c);
                        i += c.len_utf8();
                    }
                }
            }
        }
        b'[' | b']' | b'{' | b'}' | b',' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'#' | b' '
        | b'\t' => return None,
        // `- `, `? ` and `: ` are indicators; followed by anything else they begin a
        // plain key (`-: 1`, `-x: 1`), as in every generator's parser.
        b'-' | b'?' | b':' if matches!(bytes.get(1), None | Some(b' ' | b'\t')) => return None,
        // Not `---…` (gray-matter, Gatsby's, ends the front matter at any line
        // starting so) nor `... ` (Psych, Jekyll's, ends the document there).
        _ if line.starts_with("---")
            || (line.starts_with("...") && matches!(bytes.get(3), None | Some(b' ' | b'\t'))) =>
        {
            return None
        }
        _ => {
            // A plain key ends at the first `:` followed by a space, tab or end of line.
            let mut idx = None;
            for (i, _) in line.match_indices(':') {
                match bytes.get(i + 1) {
                    None | Some(b' ') | Some(b'\t') => {
                        idx = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let i = idx?;
            let key = line[..i].trim_end_matches([' ', '\t']);
            // A `#` after a space or tab starts a comment: the `: ` after it is in it.
            if key.contains(" #") || key.contains("\t#") {
                return None;
            }
            return Some((key.to_string(), i + 1));
        }
    };
    // After a quoted key: optional spaces, then `:`.
    let rest = &line[after..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let colon = after + (rest.len() - trimmed.len());
    if trimmed.starts_with(':') && matches!(trimmed.as_bytes().get(1), None | Some(b' ') | Some(b'\t')) {
        Some((key, colon + 1))
    } else {
        None
    }
}

/// Scan and parse the top-level entries of `text[content]`.
///
/// Errors carry positions in `text` coordinates; `line_base` is the 1-based
/// line number of `text`'s first line in the original file.
pub fn parse_entries(text: &str, content: Range<usize>, line_base: usize) -> Result<Vec<YamlEntry>, ParseError> {
    let to_pos = |offset: usize| {
        let p = pos_at(text, offset);
        Pos { line: p.line + line_base - 1, col: p.col }
    };
    let mut entries: Vec<YamlEntry> = Vec::new();
    // key, start, colon_end, first_line_end, line
    let mut current: Option<(String, usize, usize, usize, usize)> = None;
    let mut current_end = 0;
    // `next`: where the next entry starts. The blank lines before it can be a
    // block scalar's (`|+` keeps empty ones; a line of more spaces than the block's
    // indent is text): read them too where the entry may be one.
    let finish = |cur: Option<(String, usize, usize, usize, usize)>,
                  end: usize,
                  next: usize,
                  entries: &mut Vec<YamlEntry>|
     -> Result<(), ParseError> {
        if let Some((key, start, colon_end, first_line_end, line)) = cur {
            let read = if may_be_block(&text[start..end]) { next } else { end };
            let value = parse_value(&text[start..read], colon_end - start, line)
                .map_err(|(message, p)| ParseError::Yaml { message, pos: p })?;
            entries.push(YamlEntry { key, range: start..end, colon_end, first_line_end, line, value });
        }
        Ok(())
    };
    // Line numbers are counted once, line by line (a position search per key
    // made 100,000 keys quadratic).
    let first_line = to_pos(content.start).line;
    for (n, (start, end, next)) in lines(text, content.clone()).into_iter().enumerate() {
        let line = &text[start..end];
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() == line.len()) {
            continue; // trivia: blank line or column-0 comment
        }
        if line.starts_with('\t') {
            // YAML forbids tabs for indentation; parsers report this far from the line.
            return Err(ParseError::Yaml {
                message: "a tab is used for indentation (YAML allows only spaces)".into(),
                pos: to_pos(start),
            });
        }
        let continuation = line.starts_with(' ') || line == "-" || line.starts_with("- ") || line.starts_with("-\t");
        if continuation {
            if current.is_none() {
                if trimmed.starts_with('#') {
                    continue;
                }
                return Err(ParseError::NotAKey { found: shorten(line), pos: to_pos(start) });
            }
            current_end = next;
            continue;
        }
        let Some((key, colon)) = parse_key(line) else {
            return Err(ParseError::NotAKey { found: shorten(line), pos: to_pos(start) });
        };
        finish(current.take(), current_end, start, &mut entries)?;
        current = Some((key, start, start + colon, end, first_line + n));
        current_end = next;
    }
    finish(current.take(), current_end, content.end, &mut entries)?;
    Ok(entries)
}

/// [`parse_entries`] of `text[content]`, which is `old_text` edited, given
/// `old`, the entries of `old_text`: the same entries, but only the lines
/// between the edit's ends are read. An entry is found line by line (a key
/// line starts one; indented lines continue it; values are parsed entry by
/// entry), so the entries wholly before the edit are the old ones, and those
/// after it are the old ones moved. An export sets a few keys of a front
/// matter that may have 100,000: reading it all again was half the export.
pub fn parse_entries_after_edit(
    old_text: &str,
    mut old: Vec<YamlEntry>,
    text: &str,
    content: Range<usize>,
    line_base: usize,
) -> Result<Vec<YamlEntry>, ParseError> {
    let (ob, nb) = (old_text.as_bytes(), text.as_bytes());
    let (p, s) = crate::span::common_ends(ob, nb);
    // Which old entries stay as they were (`first`), and where reading starts.
    let at = old.partition_point(|e| e.range.start <= p);
    let (first, start) = match at.checked_sub(1) {
        None => (0, content.start),
        // The edit starts after entry k, with a line that starts an entry (a key
        // appended to a front matter with a list of 100,000 tags): k ends as it did.
        // (Unless k may be a block scalar: the blank lines the edit changed may be its.)
        Some(k)
            if p >= old[k].range.end
                && starts_entry(nb, p, content.end)
                && !may_be_block(&old_text[old[k].range.clone()]) =>
        {
            (k + 1, p)
        }
        // Entry k's key line is untouched, so k still starts there.
        Some(k) if p >= old[k].first_line_end => (k, old[k].range.start),
        // The key line itself is edited: it may now continue the entry before.
        Some(k) => (k.saturating_sub(1), old[k.saturating_sub(1)].range.start),
    };
    // The first entry whose line, and the line ending before it, the edit left alone.
    let old_tail = ob.len() - s;
    let j = old.partition_point(|e| e.range.start <= old_tail);
    let moved = |i: usize| (i + nb.len()).checked_sub(ob.len());
    let end = match old.get(j) {
        Some(e) => moved(e.range.start),
        None => Some(content.end),
    };
    let fits = |e: &YamlEntry| moved(e.range.end).is_some_and(|x| x <= content.end);
    let usable = start >= content.start && p >= start && old[j..].iter().all(fits);
    let Some(end) = end.filter(|&e| usable && e >= start && e <= content.end) else {
        return parse_entries(text, content, line_base);
    };
    let fresh = parse_entries(text, start..end, line_base)?;
    let old_end = old.get(j).map_or(old_text.len(), |e| e.range.start);
    let newlines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
    let (added, removed) = (newlines(&nb[start..end]), newlines(&ob[start..old_end]));
    let mut tail = old.split_off(j);
    old.truncate(first);
    for e in &mut tail {
        let shift = |i: &mut usize| *i = *i + nb.len() - ob.len();
        shift(&mut e.range.start);
        shift(&mut e.range.end);
        shift(&mut e.colon_end);
        shift(&mut e.first_line_end);
        e.line = e.line + added - removed;
    }
    old.extend(fresh);
    old.extend(tail);
    Ok(old)
}

/// May `entry` hold a block scalar (`|`, `>`), whose value the blank lines
/// after the entry can be part of? A line whose last token (before a comment)
/// is `|` or `>` with indicators (`|+`, `>2-`) after a space, a `:` or a `-`.
/// Erring on yes: a yes only reads those lines too (and takes an edit's
/// re-read off its fast path); a `>` inside a tag or a URL is no.
fn may_be_block(entry: &str) -> bool {
    entry.lines().any(|line| {
        // A comment after a space or a tab; a space or a tab before the header.
        let head = without_comment(line).trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
        let before = head.strip_suffix(['|', '>']);
        before.is_some_and(|b| b.is_empty() || b.ends_with([' ', '\t', ':', '-']))
    })
}

/// Where the blank lines (nothing but whitespace) from `at`, a line's start, end.
pub(crate) fn blank_end(text: &str, mut at: usize) -> usize {
    while let Some(nl) = text[at..].find('\n') {
        if !text[at..at + nl].trim().is_empty() {
            break;
        }
        at += nl + 1;
    }
    at
}

/// Does a line that starts an entry begin at `p` (before `end`)? Judged by its
/// first byte, leaving out every byte that may begin trivia or a continuation.
fn starts_entry(text: &[u8], p: usize, end: usize) -> bool {
    let line_start = p.checked_sub(1).is_some_and(|i| text[i] == b'\n');
    line_start && p < end && !matches!(text[p], b' ' | b'\t' | b'-' | b'#' | b'\r' | b'\n')
}

fn shorten(line: &str) -> String {
    let s: String = line.chars().take(40).collect();
    if s.len() < line.len() {
        format!("{s}…")
    } else {
        s
    }
}

/// Parse one entry's text (`key: value` plus continuation lines) and return
/// its value. On error: message and position (file coordinates).
fn parse_value(entry: &str, colon_end: usize, line: usize) -> Result<Value, (String, Pos)> {
    super::parse::parse_entry_value(entry, colon_end).map_err(|e| {
        let p = pos_at(entry, e.at);
        (e.message, Pos { line: line + p.line - 1, col: p.col })
    })
}

/// An inline value without the comment after it (a `#` after a space or a
/// tab starts one), trimmed.
pub(crate) fn without_comment(raw: &str) -> &str {
    let b = raw.as_bytes();
    let end = (1..b.len()).find(|&i| b[i] == b'#' && matches!(b[i - 1], b' ' | b'\t')).unwrap_or(b.len());
    raw[..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let cases: &[(&str, Option<(&str, usize)>)] = &[
            ("title: x", Some(("title", 6))),
            ("cover : './c.png'", Some(("cover", 7))),
            ("tags:", Some(("tags", 5))),
            ("url: http://x.y/z", Some(("url", 4))),
            ("\"a b\": 1", Some(("a b", 6))),
            ("'it''s': 1", Some(("it's", 8))),
            ("a:b", None),
            ("- item", None),
            ("[a]: 1", None),
            ("just text", None),
        ];
        for (line, want) in cases {
            let got = parse_key(line);
            assert_eq!(got.as_ref().map(|(k, i)| (k.as_str(), *i)), *want, "{line}");
        }
    }

    #[test]
    fn entries_and_ranges() {
        let text = "title: 'a'  # c\n# note\ntags:\n  - x\n\n  - y\n\ndate: 2020-01-01\n";
        let e = parse_entries(text, 0..text.len(), 2).unwrap();
        let keys: Vec<_> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["title", "tags", "date"]);
        assert_eq!(&text[e[1].range.clone()], "tags:\n  - x\n\n  - y\n");
        assert_eq!(e[1].value, Value::List(vec![Value::String("x".into()), Value::String("y".into())]));
        assert_eq!(e[2].line, 9);
        assert_eq!(e[0].value, Value::String("a".into()));
    }

    #[test]
    fn errors_have_file_positions() {
        let text = "title: ok\ntags: [a, b\n";
        match parse_entries(text, 0..text.len(), 2) {
            Err(ParseError::Yaml { pos, .. }) => assert!(pos.line >= 3, "{pos:?}"),
            other => panic!("{other:?}"),
        }
        let text = "title: ok\nnot a key\n";
        match parse_entries(text, 0..text.len(), 2) {
            Err(ParseError::NotAKey { pos, .. }) => assert_eq!(pos.line, 3),
            other => panic!("{other:?}"),
        }
        let text = "title: ok\n\tx: 1\n";
        assert!(parse_entries(text, 0..text.len(), 1).is_err());
    }

    /// Lines a front matter is made of here: keys (some repeated), continuation
    /// lines, block scalars (one that keeps its trailing blank lines), trivia
    /// (a line of spaces, which a block reads as text), and lines that make it fail.
    const LINES: [&str; 14] = [
        "a: 1",
        "b: x",
        "a: 2",
        "  - item",
        "c:",
        "  nested: v",
        "",
        "# note",
        "d: |",
        "   text",
        "e: |+",
        "     ",
        "- seq",
        "bad line",
    ];

    fn text_of(lines: &[usize], crlf: bool) -> String {
        let le = if crlf { "\r\n" } else { "\n" };
        let body: String = lines.iter().map(|&i| format!("{}{le}", LINES[i])).collect();
        format!("---{le}{body}---{le}")
    }

    fn content_of(text: &str) -> Range<usize> {
        let start = text.find('\n').map_or(0, |i| i + 1);
        start..text.len() - text.rsplit('-').next().map_or(0, |t| t.len()) - 3
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Re-reading only the edited lines finds what reading all of them finds
        /// (entries, positions, values, and the same error).
        #[test]
        fn after_an_edit_same_as_reading_all(
            lines in proptest::collection::vec(0usize..13, 0..14),
            at in 0usize..15,
            cut in 0usize..4,
            put in proptest::collection::vec(0usize..14, 0..4),
            crlf in proptest::bool::ANY,
        ) {
            let old_text = text_of(&lines, crlf);
            let Ok(old) = parse_entries(&old_text, content_of(&old_text), 1) else { return Ok(()) };
            let at = at.min(lines.len());
            let mut edited = lines.clone();
            edited.splice(at..(at + cut).min(lines.len()), put);
            let text = text_of(&edited, crlf);
            let content = content_of(&text);
            proptest::prop_assert_eq!(
                parse_entries_after_edit(&old_text, old, &text, content.clone(), 1),
                parse_entries(&text, content, 1)
            );
        }
    }

    #[test]
    fn content_of_is_between_the_delimiters() {
        let t = text_of(&[0, 1], false);
        assert_eq!(&t[content_of(&t)], "a: 1\nb: x\n");
        let t = text_of(&[], true);
        assert_eq!(&t[content_of(&t)], "");
    }
}
