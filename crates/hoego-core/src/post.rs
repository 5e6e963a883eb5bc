//! The post model: the exact source split into a head (BOM, delimiters, front
//! matter) and a body, the parsed front matter, and the typed view.
//!
//! Head and body are kept as separate strings so that editing a key costs
//! time proportional to the front matter only, whatever the body's size.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::error::{pos_at, EditError, ParseError, Pos, Warning, WarningCode};
use crate::field::FieldValue;
use crate::split::{split, FrontMatterKind, LineEnding};
#[cfg(feature = "toml")]
use crate::value::from_toml;
use crate::value::Value;
use crate::view::{field_title, PostView};
use crate::yaml::{self, YamlEntry};

/// Parsed front matter.
#[derive(Debug, Clone)]
enum FrontMatter {
    Yaml(Vec<YamlEntry>),
    #[cfg(feature = "toml")]
    Toml(Box<toml_edit::DocumentMut>),
    None,
}

/// A post: exact source text plus what we understood of it.
#[derive(Debug, Clone)]
pub struct Post {
    head: String,
    body: String,
    kind: FrontMatterKind,
    /// Range of the front matter text inside `head`.
    content: Range<usize>,
    line_ending: LineEnding,
    fm: FrontMatter,
    fields: Vec<(String, Value)>,
    view: PostView,
    warnings: Vec<Warning>,
}

/// The text of a level-1 ATX heading line (`# Title`, after at most three
/// spaces): without its closing `#`s, which count only after a space (`# C#`
/// is `C#`, `# Title #` is `Title`).
pub(crate) fn h1_text(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    let h = t.strip_prefix("# ").filter(|_| line.len() - t.len() <= 3)?.trim();
    let open = h.trim_end_matches('#');
    Some(match open.is_empty() || open.ends_with([' ', '\t']) {
        true => open.trim(),
        false => h,
    })
}

/// The first level-1 ATX heading outside fenced code (and not indented as code),
/// `{% highlight %}` blocks being code too.
fn first_h1(body: &str) -> Option<String> {
    let body = crate::markdown::highlight_as_fences(body);
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() > 3 || t.starts_with('\t') {
            continue;
        }
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
        } else if t.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(h) = h1_text(line).filter(|h| !h.is_empty()) {
            return Some(h.to_string());
        }
    }
    None
}

/// Fields from entries in source order, a duplicated key where first written
/// with its last value (Jekyll's reading), each repeat warned about. Keys are
/// looked up by hash: 100,000 keys each compared with every earlier one took
/// minutes.
fn resolve_duplicates(entries: &[YamlEntry], warnings: &mut Vec<Warning>) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = Vec::with_capacity(entries.len());
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    for e in entries {
        match index.get(e.key.as_str()) {
            Some(&i) => {
                warnings.push(Warning::new(
                    WarningCode::DuplicateKey,
                    format!(
                        "`{}` is set more than once; Jekyll uses the last value, Gatsby (js-yaml) refuses the file",
                        e.key
                    ),
                    Some(e.line),
                ));
                fields[i].1 = e.value.clone();
            }
            None => {
                index.insert(&e.key, fields.len());
                fields.push((e.key.clone(), e.value.clone()));
            }
        }
    }
    fields
}

impl Post {
    /// Parse a post. Pure: no I/O. On error the caller still has `source`.
    pub fn parse(source: &str) -> Result<Post, ParseError> {
        if let Some(i) = source.find('\0') {
            return Err(ParseError::Binary { pos: pos_at(source, i) });
        }
        let s = split(source)?;
        let head = source[..s.body.start].to_string();
        let body = source[s.body.clone()].to_string();
        let mut post = Post {
            head,
            body,
            kind: s.kind,
            content: s.content.clone(),
            line_ending: s.line_ending,
            fm: FrontMatter::None,
            fields: Vec::new(),
            view: PostView::default(),
            warnings: Vec::new(),
        };
        post.reparse_head()?;
        Ok(post)
    }

    /// Re-read the head after it changed.
    fn reparse_head(&mut self) -> Result<(), ParseError> {
        self.reread_head(None)
    }

    /// Re-read the head, which was `old` (with the entries `self.fm` holds)
    /// before an edit, if that is known: then only the edited YAML entries
    /// are read again (`parse_entries_after_edit`).
    fn reread_head(&mut self, old: Option<&str>) -> Result<(), ParseError> {
        let mut warnings = Vec::new();
        let first_line = pos_at(&self.head, self.content.start).line;
        let (fm, fields) = match self.kind {
            FrontMatterKind::Yaml => {
                let entries = match (old, std::mem::replace(&mut self.fm, FrontMatter::None)) {
                    (Some(old), FrontMatter::Yaml(entries)) => {
                        yaml::scan::parse_entries_after_edit(old, entries, &self.head, self.content.clone(), 1)?
                    }
                    _ => yaml::parse_entries(&self.head, self.content.clone(), 1)?,
                };
                let fields = resolve_duplicates(&entries, &mut warnings);
                (FrontMatter::Yaml(entries), fields)
            }
            #[cfg(not(feature = "toml"))]
            FrontMatterKind::Toml => {
                return Err(ParseError::Toml {
                    message: "TOML front matter is not supported in this build".into(),
                    pos: Pos { line: first_line, col: 1 },
                })
            }
            #[cfg(feature = "toml")]
            FrontMatterKind::Toml => {
                let text = &self.head[self.content.clone()];
                let doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
                    let at = e.span().map_or(0, |r| r.start);
                    let p = pos_at(text, at);
                    ParseError::Toml {
                        message: e.message().to_string(),
                        pos: Pos { line: p.line + first_line - 1, col: p.col },
                    }
                })?;
                let fields = doc.iter().map(|(k, v)| (k.to_string(), from_toml(v))).collect();
                (FrontMatter::Toml(Box::new(doc)), fields)
            }
            FrontMatterKind::None => (FrontMatter::None, Vec::new()),
        };
        let line_of = |key: &str| match &fm {
            FrontMatter::Yaml(entries) => entries.iter().rev().find(|e| e.key == key).map(|e| e.line),
            _ => None,
        };
        let view = PostView::from_fields(&fields, line_of, || first_h1(&self.body), &mut warnings);
        self.fm = fm;
        self.fields = fields;
        self.view = view;
        self.warnings = warnings;
        Ok(())
    }

    /// The whole post text.
    pub fn to_text(&self) -> String {
        let mut s = String::with_capacity(self.head.len() + self.body.len());
        s.push_str(&self.head);
        s.push_str(&self.body);
        s
    }

    /// BOM, delimiters and front matter.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The front matter text alone (between the delimiter lines).
    pub fn front_matter_text(&self) -> &str {
        &self.head[self.content.clone()]
    }

    /// Everything after the front matter.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// 1-based line of the body's first line in the file.
    pub fn body_first_line(&self) -> usize {
        self.head.bytes().filter(|&b| b == b'\n').count() + 1
    }

    /// Which front matter the post has.
    pub fn kind(&self) -> FrontMatterKind {
        self.kind
    }

    /// The file's line ending.
    pub fn line_ending(&self) -> LineEnding {
        self.line_ending
    }

    /// Every front matter key with its value, in source order (a duplicated
    /// key appears once, where first written, with its last value).
    pub fn fields(&self) -> &[(String, Value)] {
        &self.fields
    }

    /// One field's value.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Top-level YAML entries with their byte ranges in [`Post::head`]
    /// (empty for TOML or no front matter).
    pub fn yaml_entries(&self) -> &[YamlEntry] {
        match &self.fm {
            FrontMatter::Yaml(e) => e,
            _ => &[],
        }
    }

    /// The text after `key:` on the key's own line (last occurrence), trimmed,
    /// comment included: what the author wrote, before any parsing.
    pub fn inline_value(&self, key: &str) -> Option<&str> {
        self.yaml_entries().iter().rev().find(|e| e.key == key).map(|e| e.inline(&self.head))
    }

    /// The typed view.
    pub fn view(&self) -> &PostView {
        &self.view
    }

    /// Warnings found while reading the front matter.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// This post with another body, the old one not copied: what each key
    /// typed in the body makes (the app keeps the old post until the new one
    /// replaces it, so editing it in place would copy the whole of it first).
    pub fn with_body(&self, body: String) -> Post {
        let mut post = Post {
            head: self.head.clone(),
            body,
            kind: self.kind,
            content: self.content.clone(),
            line_ending: self.line_ending,
            fm: self.fm.clone(),
            fields: self.fields.clone(),
            view: self.view.clone(),
            warnings: self.warnings.clone(),
        };
        if post.body != self.body && field_title(&post.fields).is_none() {
            post.view.title = first_h1(&post.body);
        }
        post
    }

    /// Replace the body.
    pub fn set_body(&mut self, body: &str) {
        if self.body != body {
            self.body.clear();
            self.body.push_str(body);
            // Only a post whose fields give no title takes its body's first H1,
            // and finding that scans the whole body: not done per key otherwise.
            if field_title(&self.fields).is_none() {
                self.view.title = first_h1(&self.body);
            }
        }
    }

    /// Commit a new head; if it does not parse, or no longer splits exactly
    /// where we think (a value containing a delimiter line), keep the old one.
    fn commit_head(&mut self, head: String, content_end: usize) -> Result<(), EditError> {
        let splits_same = split(&head).is_ok_and(|s| {
            s.kind == self.kind && s.content == (self.content.start..content_end) && s.body.start == head.len()
        });
        if !splits_same {
            return Err(EditError::BadYaml("the edit would move the end of the front matter".into()));
        }
        let old = std::mem::replace(&mut self.head, head);
        let old_content = self.content.clone();
        self.content.end = content_end;
        if let Err(e) = self.reread_head(Some(&old)) {
            self.head = old;
            self.content = old_content;
            self.reparse_head().ok();
            return Err(EditError::BadYaml(e.to_string()));
        }
        Ok(())
    }

    /// Set one key, rewriting only that key's lines.
    pub fn set(&mut self, key: &str, value: &FieldValue) -> Result<(), EditError> {
        if key.is_empty() || key.contains(['\n', '\r']) {
            return Err(EditError::BadKey(key.into()));
        }
        match &mut self.fm {
            FrontMatter::Yaml(entries) => {
                let head = yaml::edit::set(&self.head, self.content.clone(), entries, self.line_ending, key, value);
                let end = self.content.end + head.len() - self.head.len();
                self.commit_head(head, end)
            }
            #[cfg(feature = "toml")]
            FrontMatter::Toml(doc) => {
                let v: toml_edit::Value = match value {
                    FieldValue::Str(s) | FieldValue::Text(s) => toml_string(s)?,
                    FieldValue::Bool(b) => (*b).into(),
                    FieldValue::List(items) | FieldValue::StrictList(items) => {
                        items.iter().map(String::as_str).collect::<toml_edit::Array>().into()
                    }
                    FieldValue::Date(d) => d
                        .to_iso()
                        .parse::<toml_edit::Datetime>()
                        .map(toml_edit::Value::from)
                        .map_err(|e| EditError::Toml(e.to_string()))?,
                };
                let old_decor = doc.get(key).and_then(|i| i.as_value()).map(|v| v.decor().clone());
                let mut v = v;
                if let Some(d) = old_decor {
                    *v.decor_mut() = d;
                }
                doc.insert(key, toml_edit::Item::Value(v));
                let text = doc.to_string();
                self.replace_content(text)
            }
            FrontMatter::None => {
                let le = self.line_ending.as_str();
                let bom = if self.head.starts_with('\u{feff}') || self.body.starts_with('\u{feff}') {
                    "\u{feff}"
                } else {
                    ""
                };
                if !bom.is_empty() && self.body.starts_with('\u{feff}') {
                    self.body.drain(..3);
                }
                self.head = format!("{bom}---{le}---{le}");
                self.kind = FrontMatterKind::Yaml;
                let start = bom.len() + 3 + le.len();
                self.content = start..start;
                self.fm = FrontMatter::Yaml(Vec::new());
                self.set(key, value)
            }
        }
    }

    /// Set several distinct keys with one re-read of the front matter (one
    /// [`Post::set`] per key re-reads it each time: quadratic for a front
    /// matter of 100,000 keys). Every edit is made as if alone; when together
    /// they do not commit, they are applied one by one. Returns the keys that
    /// could not be set, with why.
    pub fn set_many(&mut self, edits: &[(String, FieldValue)]) -> Vec<(String, EditError)> {
        if let FrontMatter::Yaml(entries) = &self.fm {
            let distinct = edits.iter().map(|(k, _)| k.as_str()).collect::<HashSet<_>>().len() == edits.len();
            let usable = edits.iter().all(|(k, _)| !k.is_empty() && !k.contains(['\n', '\r']));
            if distinct && usable {
                // Each key's last entry, by hash (a search per key is quadratic).
                let last: HashMap<&str, &YamlEntry> = entries.iter().map(|e| (e.key.as_str(), e)).collect();
                let splices: Vec<_> = edits
                    .iter()
                    .map(|(k, v)| {
                        let e = last.get(k.as_str()).copied();
                        yaml::edit::splice_for(&self.head, self.content.clone(), entries, self.line_ending, e, k, v)
                    })
                    .collect();
                if let Some(head) = yaml::edit::apply_splices(&self.head, &splices) {
                    let end = self.content.end + head.len() - self.head.len();
                    if self.commit_head(head, end).is_ok() {
                        return Vec::new();
                    }
                }
            }
        }
        edits.iter().filter_map(|(k, v)| self.set(k, v).err().map(|e| (k.clone(), e))).collect()
    }

    fn replace_content(&mut self, text: String) -> Result<(), EditError> {
        let head = format!("{}{}{}", &self.head[..self.content.start], text, &self.head[self.content.end..]);
        let end = self.content.start + text.len();
        self.commit_head(head, end)
    }

    /// Remove a key (every occurrence).
    pub fn unset(&mut self, key: &str) -> Result<(), EditError> {
        match &mut self.fm {
            FrontMatter::Yaml(entries) => {
                if !entries.iter().any(|e| e.key == key) {
                    return Ok(());
                }
                let head = yaml::edit::unset(&self.head, entries, key);
                let end = self.content.end + head.len() - self.head.len();
                self.commit_head(head, end)
            }
            #[cfg(feature = "toml")]
            FrontMatter::Toml(doc) => {
                if doc.remove(key).is_none() {
                    return Ok(());
                }
                let text = doc.to_string();
                self.replace_content(text)
            }
            FrontMatter::None => Ok(()),
        }
    }

    /// Keep only the last occurrence of each duplicated YAML key (Jekyll's
    /// reading). Returns the keys that were merged.
    pub fn merge_duplicate_keys(&mut self) -> Vec<String> {
        let (head, dups) = yaml::edit::dedupe_all(&self.head, self.yaml_entries());
        if !dups.is_empty() {
            let end = self.content.end + head.len() - self.head.len();
            // Removing whole entries cannot make valid YAML invalid; if it
            // did, the post would stay as it was and still be valid.
            if self.commit_head(head, end).is_err() {
                return Vec::new();
            }
        }
        dups
    }

    /// Replace the whole front matter text (raw mode). Fails, changing
    /// nothing, when the text does not parse.
    pub fn set_front_matter_text(&mut self, text: &str) -> Result<(), EditError> {
        if self.kind == FrontMatterKind::None {
            if text.trim().is_empty() {
                return Ok(());
            }
            let le = self.line_ending.as_str();
            self.head = format!("---{le}---{le}");
            self.kind = FrontMatterKind::Yaml;
            self.content = 3 + le.len()..3 + le.len();
        }
        self.replace_content(text.to_string())
    }

    /// Replace the text of the YAML entries other than `typed_keys` (the
    /// "other fields" box) with `text`, which must be `key: value` entries.
    /// Entries whose text did not change keep their bytes and position.
    pub fn set_other_fields(&mut self, typed_keys: &[&str], text: &str) -> Result<(), EditError> {
        let FrontMatter::Yaml(entries) = &self.fm else {
            return Err(EditError::BadYaml("only YAML front matter has an other-fields box".into()));
        };
        let new = yaml::parse_entries(text, 0..text.len(), 1).map_err(|e| EditError::BadYaml(e.to_string()))?;
        // Refused, not dropped: each entry below is matched to one key of the post.
        if let Some(n) = new.iter().find(|n| typed_keys.contains(&n.key.as_str())) {
            return Err(EditError::FormKey(n.key.clone()));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(n) = new.iter().find(|n| !seen.insert(n.key.as_str())) {
            return Err(EditError::RepeatedKey(n.key.clone()));
        }
        let mut head = self.head.clone();
        let mut end = self.content.end;
        // Work from the end so earlier ranges stay valid.
        // Each entry with the blank lines a block scalar may hold (`YamlEntry::text_end`).
        for e in entries.iter().rev().filter(|e| !typed_keys.contains(&e.key.as_str())) {
            let replacement = new.iter().find(|n| n.key == e.key).map(|n| &text[n.range.start..n.text_end(text)]);
            let range = e.range.start..e.text_end(&self.head);
            let old = &self.head[range.clone()];
            match replacement {
                Some(r) if r == old => {}
                Some(r) => {
                    let mut r = r.to_string();
                    if !r.ends_with('\n') {
                        r.push_str(self.line_ending.as_str());
                    }
                    end = end + r.len() - old.len();
                    head.replace_range(range, &r);
                }
                None => {
                    end -= old.len();
                    head.replace_range(range, "");
                }
            }
        }
        for n in new.iter().filter(|n| !entries.iter().any(|e| e.key == n.key)) {
            let mut r = text[n.range.start..n.text_end(text)].to_string();
            if !r.ends_with('\n') {
                r.push_str(self.line_ending.as_str());
            }
            head.insert_str(end, &r);
            end += r.len();
        }
        self.commit_head(head, end)
    }

    /// The text of the YAML entries other than `typed_keys`, for the
    /// "other fields" box.
    pub fn other_fields_text(&self, typed_keys: &[&str]) -> String {
        self.yaml_entries()
            .iter()
            .filter(|e| !typed_keys.contains(&e.key.as_str()))
            .map(|e| &self.head[e.range.start..e.text_end(&self.head)])
            .collect()
    }
}

/// A TOML string value on one line: toml_edit would pick a multi-line string
/// for text with line breaks, and a `+++` line inside it would end the front
/// matter early. Basic-string escapes keep it on one line.
#[cfg(feature = "toml")]
fn toml_string(s: &str) -> Result<toml_edit::Value, EditError> {
    if !s.contains(['\n', '\r']) {
        return Ok(s.into());
    }
    let mut lit = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => lit.push_str("\\\""),
            '\\' => lit.push_str("\\\\"),
            '\n' => lit.push_str("\\n"),
            '\r' => lit.push_str("\\r"),
            '\t' => lit.push_str("\\t"),
            c if c.is_control() => lit.push_str(&format!("\\u{:04X}", c as u32)),
            c => lit.push(c),
        }
    }
    lit.push('"');
    lit.parse::<toml_edit::Value>().map_err(|e| EditError::Toml(e.to_string()))
}
