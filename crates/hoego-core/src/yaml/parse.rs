//! A YAML value parser sized for front matter.
//!
//! [`super::scan`] already cuts the front matter into top-level entries; this
//! reads one entry's value: plain, single- and double-quoted scalars (multi-line
//! folding included), literal and folded block scalars with their indicators,
//! block and flow sequences and mappings, comments. Plain scalars resolve as the
//! YAML 1.2 core schema does in yaml-rust2 (null, bools, ints incl. `0x`/`0o`,
//! floats); a duplicate key in a nested mapping is an error, as there.
//!
//! Why not a full YAML library: the browser build pays for every byte, and a
//! general parser (yaml-rust2 with its hash maps and float parsing) cost ~43 KB
//! of the 300 KB first-load budget. Front matter never needs anchors, aliases,
//! tags or complex keys, so those are reported as errors (the post then opens
//! in raw mode, nothing is lost). `tests/yaml_diff.rs` checks this parser
//! against yaml-rust2 on fixtures, tables and generated documents.

use std::collections::HashSet;

use crate::value::Value;

/// A parse failure: what went wrong and the byte offset in the entry text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YamlError {
    pub message: String,
    pub at: usize,
}

type Res<T> = Result<T, YamlError>;

/// Parse the value of the mapping entry `src` (which starts with its key at
/// column 0); `value_start` is the offset just past the key's colon.
pub(crate) fn parse_entry_value(src: &str, value_start: usize) -> Res<Value> {
    // Lines are LF or CRLF here (as in `scan`); YAML would also break lines at
    // a lone CR, so rather than read such a value differently, refuse it.
    if let Some(at) = src.match_indices('\r').map(|(i, _)| i).find(|&i| src.as_bytes().get(i + 1) != Some(&b'\n')) {
        return Err(YamlError { message: "a lone carriage return (CR) inside front matter".into(), at });
    }
    let mut p = Parser { s: src, b: src.as_bytes(), i: value_start, depth: 0 };
    let v = p.node_after_indicator(0, Ctx::MapValue)?;
    // Only blank lines and comments may follow the value.
    p.skip_inline_space();
    p.skip_comment();
    match p.next_content_line() {
        None => Ok(v),
        Some((_, c)) => Err(p.err_at(c, "unexpected content after the value (check the indentation)")),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// After `key:`; a block sequence may sit at the key's own indentation.
    MapValue,
    /// After `- `; a compact mapping or nested sequence may follow on the same line.
    SeqEntry,
}

/// Nesting deeper than this is refused instead of overflowing the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

impl<'a> Parser<'a> {
    fn err_at(&self, at: usize, message: &str) -> YamlError {
        YamlError { message: message.to_string(), at }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// Is the byte at `i` blank, a line break or the end?
    fn blank_or_end(&self, i: usize) -> bool {
        self.at(i).is_none_or(|b| is_blank(b) || is_break(b))
    }

    fn skip_inline_space(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.i += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some(b'#') {
            while self.peek().is_some_and(|b| !is_break(b)) {
                self.i += 1;
            }
        }
    }

    fn at_eol(&self) -> bool {
        self.peek().is_none_or(is_break)
    }

    fn line_start(&self, i: usize) -> usize {
        self.s[..i].rfind('\n').map_or(0, |n| n + 1)
    }

    fn line_end(&self, i: usize) -> usize {
        let e = self.s[i..].find('\n').map_or(self.s.len(), |n| i + n);
        if e > i && self.b[e - 1] == b'\r' {
            e - 1
        } else {
            e
        }
    }

    fn next_line(&self, i: usize) -> Option<usize> {
        self.s[i..].find('\n').map(|n| i + n + 1).filter(|&n| n < self.s.len())
    }

    /// From the current position (at a line end), the next line with content
    /// other than a comment: (indent, content offset). Does not move.
    fn next_content_line(&self) -> Option<(usize, usize)> {
        let mut ls = self.next_line(self.i)?;
        loop {
            let mut c = ls;
            while self.at(c).is_some_and(is_blank) {
                c += 1;
            }
            match self.at(c) {
                Some(b) if !is_break(b) && b != b'#' => {
                    let indent = self.b[ls..c].iter().take_while(|&&b| b == b' ').count();
                    return Some((indent, c));
                }
                _ => ls = self.next_line(c)?,
            }
        }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err_at(self.i, "nesting is too deep"));
        }
        Ok(())
    }

    /// The node after `key:` or `- `; `parent` is the owner's indentation.
    fn node_after_indicator(&mut self, parent: usize, ctx: Ctx) -> Res<Value> {
        self.enter()?;
        let v = self.node_after_indicator_inner(parent, ctx);
        self.depth -= 1;
        v
    }

    fn node_after_indicator_inner(&mut self, parent: usize, ctx: Ctx) -> Res<Value> {
        let quoted_min = if ctx == Ctx::SeqEntry { parent } else { parent + 1 };
        self.skip_inline_space();
        self.skip_comment();
        if self.at_eol() {
            let Some((indent, c)) = self.next_content_line() else { return Ok(Value::Null) };
            let seq_here = self.b[c] == b'-' && self.blank_or_end(c + 1);
            if seq_here && indent == parent && ctx == Ctx::MapValue && self.line_start(c) + indent == c {
                self.i = c;
                return self.block_seq(indent);
            }
            if indent <= parent || self.line_start(c) + indent != c {
                // Dedented (or indented by a tab): the value is empty.
                if self.line_start(c) + indent != c && indent > parent {
                    return Err(self.err_at(c, "a tab is used for indentation (YAML allows only spaces)"));
                }
                return Ok(Value::Null);
            }
            self.i = c;
            if seq_here {
                return self.block_seq(indent);
            }
            if self.map_key_here().is_some() {
                return self.block_map(indent);
            }
            let v = self.flow_or_scalar(parent, quoted_min)?;
            return self.end_of_node_line(v);
        }
        let c = self.i;
        let col = c - self.line_start(c);
        match self.b[c] {
            b'-' if self.blank_or_end(c + 1) => {
                if ctx == Ctx::SeqEntry {
                    return self.block_seq(col);
                }
                Err(self.err_at(c, "block sequence entries are not allowed in this context"))
            }
            b'|' | b'>' => self.block_scalar(parent),
            _ => {
                if ctx == Ctx::SeqEntry && self.map_key_here().is_some() {
                    return self.block_map(col);
                }
                let v = self.flow_or_scalar(parent, quoted_min)?;
                self.end_of_node_line(v)
            }
        }
    }

    /// Skip spaces and a comment (which needs a space before it); is the line done?
    fn only_comment_left(&mut self) -> Res<bool> {
        let before = self.i;
        self.skip_inline_space();
        if self.peek() == Some(b'#') && self.i == before {
            return Err(self.err_at(self.i, "a comment must be separated from the value by a space"));
        }
        self.skip_comment();
        Ok(self.at_eol())
    }

    /// After an inline node: only spaces and a comment may remain on the line.
    fn end_of_node_line(&mut self, v: Value) -> Res<Value> {
        if !self.only_comment_left()? {
            if self.peek() == Some(b':') {
                return Err(self.err_at(self.i, "mapping values are not allowed in this context"));
            }
            return Err(self.err_at(self.i, "unexpected text after the value"));
        }
        Ok(v)
    }

    /// If a `key:` starts at the current position, the key and its colon's end.
    fn map_key_here(&self) -> Option<(String, usize)> {
        let end = self.line_end(self.i);
        let line = &self.s[self.i..end];
        let (key, after) = super::scan::parse_key(line)?;
        // parse_key stops plain keys at the first `: `; a flow or quoted value
        // on the line is not a key.
        Some((key, self.i + after))
    }

    fn block_map(&mut self, indent: usize) -> Res<Value> {
        let mut pairs = Pairs::default();
        loop {
            let key_at = self.i;
            // `? ` is the complex key indicator; `?a: 1` and `'?': 1` are plain keys.
            if self.b[key_at] == b'?' && self.blank_or_end(key_at + 1) {
                return Err(self.err_at(key_at, "complex mapping keys are not supported"));
            }
            let Some((key, after)) = self.map_key_here() else {
                return Err(self.err_at(self.i, "expected a `key: value` line"));
            };
            // A plain key resolves like a value (`~: x` has the key `null`).
            let key = if matches!(self.b[key_at], b'"' | b'\'') { key } else { key_text(&resolve_plain(key)) };
            self.i = after;
            let v = self.node_after_indicator(indent, Ctx::MapValue)?;
            pairs.insert(key, v).map_err(|m| self.err_at(key_at, &m))?;
            self.skip_inline_space();
            self.skip_comment();
            let Some((next_indent, c)) = self.next_content_line() else { break };
            if next_indent < indent || self.line_start(c) + next_indent != c {
                break;
            }
            if next_indent > indent {
                return Err(self.err_at(c, "mapping values are not allowed in this context (check the indentation)"));
            }
            if self.b[c] == b'-' && self.blank_or_end(c + 1) {
                // A sequence at the mapping's own indentation ends it (the
                // owner decides whether that is allowed).
                break;
            }
            self.i = c;
        }
        Ok(pairs.into_value())
    }

    fn block_seq(&mut self, indent: usize) -> Res<Value> {
        let mut items = Vec::new();
        loop {
            // At a `-`.
            self.i += 1;
            items.push(self.node_after_indicator(indent, Ctx::SeqEntry)?);
            self.skip_inline_space();
            self.skip_comment();
            let Some((next_indent, c)) = self.next_content_line() else { break };
            if next_indent < indent || self.line_start(c) + next_indent != c {
                break;
            }
            let dash = self.b[c] == b'-' && self.blank_or_end(c + 1);
            if next_indent > indent {
                return Err(self.err_at(c, "unexpected indentation inside a sequence"));
            }
            if !dash {
                break;
            }
            self.i = c;
        }
        Ok(Value::List(items))
    }

    /// A flow collection, a quoted scalar or a plain scalar in block context.
    /// A quoted value's continuation lines start at `quoted_min` or later
    /// (a sequence entry's may sit under its dash, a mapping value's not).
    fn flow_or_scalar(&mut self, parent: usize, quoted_min: usize) -> Res<Value> {
        let c = self.i;
        match self.b[c] {
            b'[' | b'{' => self.flow_node(parent),
            b'"' => self.double_quoted(quoted_min).map(Value::String),
            b'\'' => self.single_quoted(quoted_min).map(Value::String),
            b'|' | b'>' => self.block_scalar(parent),
            b'&' | b'*' | b'!' => Err(self.err_at(c, "YAML anchors, aliases and tags are not supported here")),
            b'@' | b'`' | b'%' | b',' | b']' | b'}' | b'#' => {
                Err(self.err_at(c, "found a character that cannot start a plain value"))
            }
            b'?' | b':' | b'-' if self.blank_or_end(c + 1) => {
                Err(self.err_at(c, "found an indicator that cannot start a plain value"))
            }
            _ => Ok(resolve_plain(self.plain(parent, false)?)),
        }
    }

    /// A plain scalar, folded over continuation lines indented more than `parent`.
    fn plain(&mut self, parent: usize, flow: bool) -> Res<String> {
        let mut out = String::new();
        let mut pending_breaks = 0usize;
        loop {
            // One line's worth.
            let start = self.i;
            let mut end = self.i;
            while let Some(b) = self.peek() {
                if is_break(b) {
                    break;
                }
                if b == b':' && (self.blank_or_end(self.i + 1) || (flow && self.flow_indicator(self.i + 1))) {
                    break;
                }
                if flow && matches!(b, b',' | b'[' | b']' | b'{' | b'}') {
                    break;
                }
                if b == b'#' && self.i > start && is_blank(self.b[self.i - 1]) {
                    break;
                }
                self.i += 1;
                if !is_blank(b) {
                    end = self.i;
                }
            }
            if end > start {
                if !out.is_empty() {
                    if pending_breaks == 0 {
                        out.push(' ');
                    }
                    for _ in 0..pending_breaks {
                        out.push('\n');
                    }
                }
                out.push_str(&self.s[start..end]);
            }
            // Stop unless the line ended and the next content continues the scalar.
            if !self.at_eol() {
                self.i = end.max(start);
                return Ok(out);
            }
            let line_end = self.i;
            let mut probe = self.i;
            let mut breaks = 0;
            let next = loop {
                let Some(ls) = self.next_line(probe) else { break None };
                breaks += 1;
                let mut c = ls;
                while self.at(c).is_some_and(is_blank) {
                    c += 1;
                }
                match self.at(c) {
                    None => break None,
                    Some(b) if is_break(b) => probe = c,
                    Some(b'#') => break None,
                    Some(_) => break Some((ls, c)),
                }
            };
            let Some((ls, c)) = next else {
                self.i = line_end;
                return Ok(out);
            };
            let indent = self.b[ls..c].iter().take_while(|&&b| b == b' ').count();
            if flow && indent <= parent && !matches!(self.b[c], b',' | b']' | b'}') {
                return Err(self.err_at(c, "invalid indentation in a flow collection"));
            }
            let continues = if flow { true } else { indent > parent && !self.doc_marker(ls) };
            if !continues {
                self.i = line_end;
                return Ok(out);
            }
            if flow && matches!(self.b[c], b',' | b']' | b'}' | b':') {
                self.i = c;
                return Ok(out);
            }
            pending_breaks = breaks - 1;
            self.i = c;
        }
    }

    fn doc_marker(&self, ls: usize) -> bool {
        (self.s[ls..].starts_with("---") || self.s[ls..].starts_with("...")) && self.blank_or_end(ls + 3)
    }

    fn flow_indicator(&self, i: usize) -> bool {
        matches!(self.at(i), Some(b',' | b'[' | b']' | b'{' | b'}'))
    }

    /// Skip spaces, line breaks and comments inside a flow collection. A line
    /// that goes on with the collection must be indented past `parent`; only
    /// a closing bracket or a comma after the first entry may sit lower. Psych
    /// and yaml-rust2 read more, but js-yaml (Gatsby) refuses an entry below
    /// its parent unless a comma ends the line before, and a post this parser
    /// reads must build in both (that case too is refused, as yaml-rust2 does).
    fn skip_flow_space(&mut self, parent: usize, lenient_close: bool) -> Res<()> {
        let mut crossed = false;
        loop {
            match self.peek() {
                Some(b) if is_break(b) => {
                    crossed = true;
                    self.i += 1
                }
                Some(b) if is_blank(b) => self.i += 1,
                Some(b'#') if self.i == 0 || is_blank(self.b[self.i - 1]) || is_break(self.b[self.i - 1]) => {
                    self.skip_comment()
                }
                Some(b) if crossed && self.i - self.line_start(self.i) <= parent => {
                    if lenient_close && matches!(b, b']' | b'}' | b',') {
                        return Ok(());
                    }
                    return Err(self.err_at(self.i, "invalid indentation in a flow collection"));
                }
                _ => return Ok(()),
            }
        }
    }

    fn flow_node(&mut self, parent: usize) -> Res<Value> {
        self.enter()?;
        let v = self.flow_node_inner(parent);
        self.depth -= 1;
        v
    }

    fn flow_node_inner(&mut self, parent: usize) -> Res<Value> {
        let open = self.i;
        let is_map = self.b[open] == b'{';
        let close = if is_map { b'}' } else { b']' };
        self.i += 1;
        let mut items = Vec::new();
        let mut pairs = Pairs::default();
        loop {
            let lenient = !items.is_empty() || !pairs.is_empty();
            self.skip_flow_space(parent, lenient)?;
            match self.peek() {
                None => return Err(self.err_at(open, "this flow collection is never closed")),
                Some(b) if b == close => {
                    self.i += 1;
                    break;
                }
                _ => {}
            }
            let entry_at = self.i;
            let first = self.flow_item(parent)?;
            self.skip_flow_space(parent, true)?;
            let value = if self.peek() == Some(b':') {
                self.i += 1;
                self.skip_flow_space(parent, false)?;
                if matches!(self.peek(), Some(b',')) || self.peek() == Some(close) {
                    Some(Value::Null)
                } else {
                    Some(self.flow_item(parent)?)
                }
            } else {
                None
            };
            if is_map {
                let key = key_text(&first);
                pairs.insert(key, value.unwrap_or(Value::Null)).map_err(|m| self.err_at(entry_at, &m))?;
            } else if let Some(v) = value {
                // `[a: b]` is a sequence holding a one-pair mapping.
                items.push(Value::Map(vec![(key_text(&first), v)]));
            } else {
                items.push(first);
            }
            self.skip_flow_space(parent, true)?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b) if b == close => {}
                None => return Err(self.err_at(open, "this flow collection is never closed")),
                Some(_) => return Err(self.err_at(self.i, "expected `,` or the end of the flow collection")),
            }
        }
        Ok(if is_map { pairs.into_value() } else { Value::List(items) })
    }

    fn flow_item(&mut self, parent: usize) -> Res<Value> {
        let c = self.i;
        let quoted_min = parent + 1;
        let Some(first) = self.peek() else { return Err(self.err_at(c, "this flow collection is never closed")) };
        match first {
            b'[' | b'{' => self.flow_node(parent),
            b'"' => self.double_quoted(quoted_min).map(Value::String),
            b'\'' => self.single_quoted(quoted_min).map(Value::String),
            b'&' | b'*' | b'!' => Err(self.err_at(c, "YAML anchors, aliases and tags are not supported here")),
            b'@' | b'`' | b'%' | b'|' | b'>' | b'#' | b',' | b']' | b'}' => {
                Err(self.err_at(c, "found a character that cannot start a plain value"))
            }
            b'?' | b'-' if self.blank_or_end(c + 1) || self.flow_indicator(c + 1) => {
                Err(self.err_at(c, "found an indicator that cannot start a plain value"))
            }
            _ => Ok(resolve_plain(self.plain(parent, true)?)),
        }
    }

    /// Fold the line breaks of a quoted scalar: trailing blanks of the line
    /// go, one break becomes a space, each further (empty) line a `\n`.
    fn fold_quoted_break(&mut self, out: &mut String, open: usize, min_col: usize) -> Res<()> {
        let trimmed = out.trim_end_matches([' ', '\t']).len();
        out.truncate(trimmed);
        let mut breaks = 0usize;
        loop {
            match self.peek() {
                Some(b'\r') => self.i += 1,
                Some(b'\n') => {
                    breaks += 1;
                    self.i += 1;
                }
                Some(b) if is_blank(b) => self.i += 1,
                None => return Err(self.err_at(open, "this quoted value is never closed")),
                Some(_) => break,
            }
        }
        if self.i - self.line_start(self.i) < min_col {
            return Err(self.err_at(self.i, "invalid indentation in a quoted value"));
        }
        if self.doc_marker(self.line_start(self.i)) && self.line_start(self.i) == self.i {
            return Err(self.err_at(self.i, "a document marker inside a quoted value"));
        }
        if breaks == 1 {
            out.push(' ');
        } else {
            out.extend(std::iter::repeat_n('\n', breaks.saturating_sub(1)));
        }
        Ok(())
    }

    /// Move one char from the input to `out`.
    fn take_char(&mut self, out: &mut String) {
        let ch = self.s[self.i..].chars().next().unwrap_or(' ');
        out.push(ch);
        self.i += ch.len_utf8();
    }

    fn single_quoted(&mut self, min_col: usize) -> Res<String> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err_at(open, "this quoted value is never closed")),
                Some(b'\'') if self.at(self.i + 1) == Some(b'\'') => {
                    out.push('\'');
                    self.i += 2;
                }
                Some(b'\'') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b) if is_break(b) => self.fold_quoted_break(&mut out, open, min_col)?,
                Some(_) => self.take_char(&mut out),
            }
        }
    }

    fn double_quoted(&mut self, min_col: usize) -> Res<String> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err_at(open, "this quoted value is never closed")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc_at = self.i;
                    self.i += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.err_at(open, "this quoted value is never closed"));
                    };
                    if is_break(e) {
                        // An escaped line break joins the lines without a space.
                        while self.peek().is_some_and(|b| is_break(b) || is_blank(b)) {
                            self.i += 1;
                        }
                        continue;
                    }
                    self.i += 1;
                    let simple = match e {
                        b'0' => Some('\0'),
                        b'a' => Some('\x07'),
                        b'b' => Some('\x08'),
                        b't' | b'\t' => Some('\t'),
                        b'n' => Some('\n'),
                        b'v' => Some('\x0b'),
                        b'f' => Some('\x0c'),
                        b'r' => Some('\r'),
                        b'e' => Some('\x1b'),
                        b' ' => Some(' '),
                        b'"' => Some('"'),
                        b'/' => Some('/'),
                        b'\\' => Some('\\'),
                        b'N' => Some('\u{85}'),
                        b'_' => Some('\u{a0}'),
                        b'L' => Some('\u{2028}'),
                        b'P' => Some('\u{2029}'),
                        _ => None,
                    };
                    if let Some(ch) = simple {
                        out.push(ch);
                        continue;
                    }
                    let len = match e {
                        b'x' => 2,
                        b'u' => 4,
                        b'U' => 8,
                        _ => return Err(self.err_at(esc_at, "unknown escape in a double-quoted value")),
                    };
                    let hex = self.s.get(self.i..self.i + len).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    let ch = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
                    let Some(ch) = ch else {
                        return Err(self.err_at(esc_at, "invalid escape in a double-quoted value"));
                    };
                    out.push(ch);
                    self.i += len;
                }
                Some(b) if is_break(b) => self.fold_quoted_break(&mut out, open, min_col)?,
                Some(_) => self.take_char(&mut out),
            }
        }
    }

    /// `|` or `>` with optional indentation and chomping indicators.
    fn block_scalar(&mut self, parent: usize) -> Res<Value> {
        let literal = self.b[self.i] == b'|';
        self.i += 1;
        let mut chomp = 0i8; // -1 strip, 0 clip, 1 keep
        let mut explicit = None;
        for _ in 0..2 {
            match self.peek() {
                Some(b'-') if chomp == 0 => chomp = -1,
                Some(b'+') if chomp == 0 => chomp = 1,
                Some(d @ b'1'..=b'9') if explicit.is_none() => explicit = Some(usize::from(d - b'0')),
                _ => break,
            }
            self.i += 1;
        }
        if !self.only_comment_left()? {
            return Err(self.err_at(self.i, "unexpected text after a block scalar indicator"));
        }
        // Collect the lines: (indent, text after the block's indentation).
        let mut indent = explicit.map(|e| parent + e);
        let mut lines: Vec<&str> = Vec::new();
        let mut lead_spaces = 0;
        let mut end = self.i;
        let mut probe = self.i;
        while let Some(ls) = self.next_line(probe) {
            let le = self.line_end(ls);
            let line = &self.s[ls..le];
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            let blank = line[spaces..].bytes().all(is_blank);
            let n = match indent {
                Some(n) => n,
                // Only spaces make a leading empty line: after more spaces than
                // the parent's, a tab is the first text line's (`|\n  \t` is
                // "\t\n" to yaml-rust2 and js-yaml, and a tab is text in YAML 1.2).
                None if blank && (spaces <= parent || line.len() == spaces) => {
                    lead_spaces = lead_spaces.max(spaces);
                    lines.push("");
                    probe = ls;
                    continue;
                }
                None => {
                    if spaces <= parent {
                        break;
                    }
                    if lead_spaces > spaces {
                        return Err(self.err_at(ls, "a leading empty line is indented more than the first text line"));
                    }
                    indent = Some(spaces);
                    spaces
                }
            };
            // (At the indentation, a tab starts text, as above.)
            if blank && (spaces < n || (spaces == n && line.len() == n)) {
                lines.push("");
            } else if spaces >= n {
                lines.push(&line[n..]);
            } else {
                break;
            }
            end = le;
            probe = ls;
        }
        // Blank lines after the last content line are part of the scalar
        // only for keep chomping; either way the parser resumes after the
        // last content line.
        self.i = end;
        let trailing = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let content = &lines[..lines.len() - trailing];
        let mut out = String::new();
        if literal {
            for l in content {
                out.push_str(l);
                out.push('\n');
            }
        } else {
            let mut prev_normal = false;
            let mut empties = 0;
            for l in content {
                if l.is_empty() {
                    empties += 1;
                    continue;
                }
                let normal = !l.starts_with([' ', '\t']);
                if !out.is_empty() {
                    if prev_normal && normal && empties == 0 {
                        out.push(' ');
                    } else if prev_normal && normal {
                        out.extend(std::iter::repeat_n('\n', empties));
                    } else {
                        out.extend(std::iter::repeat_n('\n', empties + 1));
                    }
                } else {
                    out.extend(std::iter::repeat_n('\n', empties));
                }
                empties = 0;
                out.push_str(l);
                prev_normal = normal;
            }
            if !content.is_empty() {
                out.push('\n');
            }
        }
        match chomp {
            -1 => {
                let t = out.trim_end_matches('\n').len();
                out.truncate(t);
            }
            1 => out.extend(std::iter::repeat_n('\n', trailing)),
            _ => {}
        }
        Ok(Value::String(out))
    }
}

/// The text of a scalar used as a mapping key (collections become `null`,
/// as yaml-rust2 keys do through `Value::as_text`).
fn key_text(v: &Value) -> String {
    v.as_text().unwrap_or_else(|| "null".into())
}

/// A mapping being read: its pairs in order, and a set of its keys so a
/// duplicate is found without comparing each key with every earlier one.
#[derive(Default)]
struct Pairs {
    pairs: Vec<(String, Value)>,
    keys: HashSet<String>,
}

impl Pairs {
    fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Add a pair, refusing a key that is already there.
    fn insert(&mut self, key: String, v: Value) -> Result<(), String> {
        if !self.keys.insert(key.clone()) {
            return Err(format!("{}: duplicated key in mapping", crate::error::quoted(&key)));
        }
        self.pairs.push((key, v));
        Ok(())
    }

    fn into_value(self) -> Value {
        Value::Map(self.pairs)
    }
}

/// Resolve a plain scalar by the YAML 1.2 core schema, as yaml-rust2 does.
/// Floats keep their text: nothing here needs their value, and parsing f64
/// would pull ~12 KB of tables into the browser build.
pub(crate) fn resolve_plain(v: String) -> Value {
    let int = if let Some(n) = v.strip_prefix("0x") {
        i64::from_str_radix(n, 16).ok()
    } else if let Some(n) = v.strip_prefix("0o") {
        i64::from_str_radix(n, 8).ok()
    } else if let Some(n) = v.strip_prefix('+') {
        n.parse::<i64>().ok()
    } else {
        None
    };
    if let Some(i) = int {
        return Value::Int(i);
    }
    match v.as_str() {
        "" | "~" | "null" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match v.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) if is_float(&v) => Value::Float(v),
            Err(_) => Value::String(v),
        },
    }
}

/// Does `v` read as a float in the core schema (what Rust's `f64` parser
/// accepts once a digit is required, plus `.inf` and `.nan`)?
pub(crate) fn is_float(v: &str) -> bool {
    if matches!(
        v,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        return true;
    }
    let b = v.strip_prefix(['+', '-']).unwrap_or(v).as_bytes();
    let digits = |i: &mut usize| {
        let s = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - s
    };
    let mut i = 0;
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
