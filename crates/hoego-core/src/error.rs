//! Error types. Every error keeps the position (1-based line and column in the
//! whole file) so the CLI can print `FILE:LINE:COL: message` and the app can
//! point at the offending line instead of dropping the draft.

use thiserror::Error;

/// A position in the original file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
}

/// Why a post could not be read. The source text is never consumed: callers
/// keep it and can show it raw.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParseError {
    /// A `---` or `+++` opening line without a matching closing line.
    #[error("front matter opened with `{delim}` is never closed")]
    Unclosed {
        /// The opening delimiter.
        delim: &'static str,
        /// Where it was opened.
        pos: Pos,
    },
    /// The YAML front matter is not valid YAML.
    #[error("invalid YAML front matter: {message}")]
    Yaml {
        /// The parser's message.
        message: String,
        /// Where the problem is.
        pos: Pos,
    },
    /// The TOML front matter is not valid TOML.
    #[error("invalid TOML front matter: {message}")]
    Toml {
        /// The parser's message.
        message: String,
        /// Where the problem is.
        pos: Pos,
    },
    /// A front matter line that is not `key: value`, a list item or a comment.
    #[error("expected `key: value` in front matter, found `{found}`")]
    NotAKey {
        /// The offending line, shortened.
        found: String,
        /// Where it is.
        pos: Pos,
    },
    /// The input looks binary (NUL bytes).
    #[error("this looks like a binary file, not a text post")]
    Binary {
        /// Where the first NUL byte is.
        pos: Pos,
    },
}

impl ParseError {
    /// `LINE:COL: message`, as the app shows it (the CLI prefixes the file name).
    pub fn located(&self) -> String {
        let p = self.pos();
        format!("{}:{}: {self}", p.line, p.col)
    }

    /// Where the error is in the file.
    pub fn pos(&self) -> Pos {
        match self {
            ParseError::Unclosed { pos, .. }
            | ParseError::Yaml { pos, .. }
            | ParseError::Toml { pos, .. }
            | ParseError::NotAKey { pos, .. }
            | ParseError::Binary { pos } => *pos,
        }
    }
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    /// The value given for a typed key does not have that type.
    #[error("`{key}` expects {expected}, got `{got}`")]
    BadValue {
        /// The key being set.
        key: String,
        /// What it expects ("a date", "true or false").
        expected: &'static str,
        /// The value given.
        got: String,
    },
    /// A key that cannot be written (empty, or with a line break).
    #[error("`{0}` is not a usable front matter key")]
    BadKey(String),
    /// Extra YAML supplied as raw text did not parse.
    #[error("not valid YAML: {0}")]
    BadYaml(String),
    /// The TOML document rejected the edit.
    #[error("TOML edit failed: {0}")]
    Toml(String),
}

/// A non-fatal finding, shown to the user next to the post.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `duplicate-key`, `bad-date`.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// 1-based line in the file, when there is one.
    pub line: Option<usize>,
}

impl Warning {
    /// Shorthand constructor.
    pub fn new(code: &'static str, message: impl Into<String>, line: Option<usize>) -> Self {
        Warning { code, message: message.into(), line }
    }
}

/// Convert a byte offset into a 1-based line/column position.
pub fn pos_at(source: &str, offset: usize) -> Pos {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    Pos { line, col }
}

/// The largest char boundary at or below `i` (str::floor_char_boundary is unstable).
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
