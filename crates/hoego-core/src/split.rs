//! Splitting a post into front matter and body, before any parsing.
//!
//! Kept apart from parsing (as Zola does) so that the byte ranges are exact:
//! serializing an unedited post is just writing the ranges back, and an edit
//! only ever replaces bytes inside [`Split::content`].

use std::ops::Range;

use crate::error::{pos_at, ParseError};

/// Which front matter a post has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterKind {
    /// `---` delimited YAML.
    Yaml,
    /// `+++` delimited TOML (Hugo, Zola).
    Toml,
    /// No front matter at all.
    None,
}

impl FrontMatterKind {
    /// The name used in `hoego show` output.
    pub fn as_str(self) -> &'static str {
        match self {
            FrontMatterKind::Yaml => "yaml",
            FrontMatterKind::Toml => "toml",
            FrontMatterKind::None => "none",
        }
    }
}

/// The line ending a file uses (decided by its first line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
}

impl LineEnding {
    /// Detect from the first line break; files without one count as LF.
    pub fn detect(text: &str) -> Self {
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => LineEnding::CrLf,
            _ => LineEnding::Lf,
        }
    }

    /// The bytes of this line ending.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// Byte ranges of a post's parts. `bom + open + content + close + body` is the
/// whole source, in order, with nothing left over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Which front matter was found.
    pub kind: FrontMatterKind,
    /// Length of a leading UTF-8 BOM (0 or 3).
    pub bom: usize,
    /// The opening delimiter line, with its line ending.
    pub open: Range<usize>,
    /// The front matter text between the delimiter lines.
    pub content: Range<usize>,
    /// The closing delimiter line, with its line ending (if any).
    pub close: Range<usize>,
    /// Everything after the closing line.
    pub body: Range<usize>,
    /// The file's line ending.
    pub line_ending: LineEnding,
}

impl Split {
    /// 1-based line number of the first line of `content`.
    pub fn content_first_line(&self, source: &str) -> usize {
        pos_at(source, self.content.start).line
    }
}

/// One line of `text` starting at `start`: (line without ending, end incl. ending).
fn line_at(text: &str, start: usize) -> (&str, usize) {
    match text[start..].find('\n') {
        Some(i) => {
            let mut line = &text[start..start + i];
            if line.ends_with('\r') {
                line = &line[..line.len() - 1];
            }
            (line, start + i + 1)
        }
        None => (&text[start..], text.len()),
    }
}

/// Is `line` the delimiter, allowing trailing spaces or tabs (`---  `)?
fn is_delim(line: &str, delim: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == delim
}

/// Split `source` into front matter and body.
///
/// A file whose first line is `---` (or `+++`) must close it; an unclosed
/// block is an error with the opening line, never silently treated as body.
pub fn split(source: &str) -> Result<Split, ParseError> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let line_ending = LineEnding::detect(source);
    let (first, after_first) = line_at(source, bom);
    let (kind, delim, closers): (_, &'static str, &[&str]) = if is_delim(first, "---") {
        (FrontMatterKind::Yaml, "---", &["---", "..."])
    } else if is_delim(first, "+++") {
        (FrontMatterKind::Toml, "+++", &["+++"])
    } else {
        return Ok(Split {
            kind: FrontMatterKind::None,
            bom,
            open: bom..bom,
            content: bom..bom,
            close: bom..bom,
            body: bom..source.len(),
            line_ending,
        });
    };
    if after_first == source.len() && !source.ends_with('\n') {
        // `---` alone with nothing after it: an opening with no close.
        return Err(ParseError::Unclosed { delim, pos: pos_at(source, bom) });
    }
    let mut at = after_first;
    while at < source.len() {
        let (line, next) = line_at(source, at);
        // Only a line starting with a delimiter's character can close (most do not:
        // trimming each of 100,000 lines was most of the split).
        let may_close = matches!(line.as_bytes().first(), Some(b'-' | b'.' | b'+'));
        if may_close && closers.iter().any(|c| is_delim(line, c)) {
            return Ok(Split {
                kind,
                bom,
                open: bom..after_first,
                content: after_first..at,
                close: at..next,
                body: next..source.len(),
                line_ending,
            });
        }
        at = next;
    }
    Err(ParseError::Unclosed { delim, pos: pos_at(source, bom) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (input, kind, content, body)
        let cases: &[(&str, FrontMatterKind, &str, &str)] = &[
            ("---\na: 1\n---\nbody", FrontMatterKind::Yaml, "a: 1\n", "body"),
            ("---  \na: 1\n---\t\nbody\n", FrontMatterKind::Yaml, "a: 1\n", "body\n"),
            ("\u{feff}---\r\na: 1\r\n---\r\nx\r\n", FrontMatterKind::Yaml, "a: 1\r\n", "x\r\n"),
            ("---\na: 1\n---", FrontMatterKind::Yaml, "a: 1\n", ""),
            ("---\n---\nbody", FrontMatterKind::Yaml, "", "body"),
            ("---\na: 1\n...\nbody", FrontMatterKind::Yaml, "a: 1\n", "body"),
            ("---\na: 1\n---\n\n---\n\nmore", FrontMatterKind::Yaml, "a: 1\n", "\n---\n\nmore"),
            ("+++\ntitle = \"x\"\n+++\nbody", FrontMatterKind::Toml, "title = \"x\"\n", "body"),
            ("# Title\n\n---\n", FrontMatterKind::None, "", "# Title\n\n---\n"),
            ("", FrontMatterKind::None, "", ""),
            ("----\nx", FrontMatterKind::None, "", "----\nx"),
        ];
        for (input, kind, content, body) in cases {
            let s = split(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(s.kind, *kind, "{input:?}");
            assert_eq!(&input[s.content.clone()], *content, "{input:?}");
            assert_eq!(&input[s.body.clone()], *body, "{input:?}");
            let rebuilt = format!(
                "{}{}{}{}{}",
                &input[..s.bom],
                &input[s.open.clone()],
                &input[s.content.clone()],
                &input[s.close.clone()],
                &input[s.body.clone()]
            );
            assert_eq!(&rebuilt, input);
        }
    }

    #[test]
    fn unclosed_reports_opening_line() {
        for input in ["---\ntitle: x\n\nbody", "---", "\u{feff}+++\na = 1\n"] {
            match split(input) {
                Err(ParseError::Unclosed { pos, .. }) => assert_eq!(pos.line, 1),
                other => panic!("{input:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn line_endings() {
        assert_eq!(LineEnding::detect("a\r\nb\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::detect("a\nb\r\n"), LineEnding::Lf);
        assert_eq!(LineEnding::detect("abc"), LineEnding::Lf);
    }
}
