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
    /// The other-fields box set a key the typed form edits (it would be
    /// dropped: the form's value is the one kept).
    #[error("`{0}` is set in the form above, not here")]
    FormKey(String),
    /// The other-fields box set one key twice (Jekyll reads the last,
    /// Gatsby refuses the post).
    #[error("`{0}` is set more than once")]
    RepeatedKey(String),
    /// The TOML document rejected the edit.
    #[error("TOML edit failed: {0}")]
    Toml(String),
}

/// Declares [`WarningCode`], its [`WarningCode::as_str`] and [`WarningCode::ALL`]
/// from one list, so a code and its kebab-case name are written once.
macro_rules! warning_codes {
    ($($(#[$doc:meta])* $var:ident => $code:literal,)*) => {
        /// Every warning Hoego can give, one variant per stable machine-readable code
        /// (the kebab-case name is what `hoego show`/`export` print in JSON and what
        /// scripts match on: add variants, never rename them).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum WarningCode {
            $($(#[$doc])* $var,)*
        }

        impl WarningCode {
            /// Every code, in declaration order (for tables of what each one means,
            /// like the app's Korean headlines).
            pub const ALL: &'static [WarningCode] = &[$(WarningCode::$var),*];

            /// The stable kebab-case code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WarningCode::$var => $code,)*
                }
            }
        }
    };
}

warning_codes! {
    /// A front matter key is set more than once.
    DuplicateKey => "duplicate-key",
    /// `date` is not a date a generator can read.
    BadDate => "bad-date",
    /// Export kept the last of duplicated keys.
    DuplicateKeyMerged => "duplicate-key-merged",
    /// Export gave a floating date the export offset.
    DateOffsetAdded => "date-offset-added",
    /// Export took the date from the file name.
    DateFromFilename => "date-from-filename",
    /// Export used "now" as the date.
    DateNow => "date-now",
    /// TOML front matter converted to YAML.
    TomlConverted => "toml-converted",
    /// A post without front matter: the `# heading` on its first line became
    /// `title` and left the body (a theme prints `title` above the body).
    TitleFromHeading => "title-from-heading",
    /// A list key rewritten as a real list of strings.
    ListNormalized => "list-normalized",
    /// A YAML 1.1 boolean (`yes`, `y`, `on`…) written as `true`/`false`.
    BoolNormalized => "bool-normalized",
    /// A string the target's YAML reader would read as a boolean, quoted.
    BoolQuoted => "bool-quoted",
    /// A singular taxonomy key (`tag`, `category`) merged into its plural.
    TaxonomyRenamed => "taxonomy-renamed",
    /// A field renamed to the target generator's name (`lastmod`, `published`, `image` map).
    FieldMapped => "field-mapped",
    /// A key the target needs was added (`layout`, `template`, `slug`, `category`).
    FieldAdded => "field-added",
    /// An edit the export planned could not be applied; the key was left as it was.
    EditFailed => "edit-failed",
    /// A front matter entry changed (the diff, entry by entry).
    FrontMatterChanged => "front-matter-changed",
    /// A relative image was not exported (Jekyll).
    ImageRelative => "image-relative",
    /// An absolute image was not exported (Gatsby).
    ImageAbsolute => "image-absolute",
    /// An image reference outside the blog root (or `--assets`): not read.
    ImageOutside => "image-outside",
    /// A referenced file that is not an image (extension or content): not read.
    ImageNotImage => "image-not-image",
    /// kramdown attribute lists removed.
    KramdownRemoved => "kramdown-removed",
    /// Liquid left as text (Gatsby).
    LiquidLeft => "liquid-left",
    /// Liquid wrapped in `{% raw %}` (Jekyll).
    LiquidProtected => "liquid-protected",
    /// `{% endraw %}` in the body: cannot protect.
    LiquidEndraw => "liquid-endraw",
    /// `{{ site.X }}` resolved from the site configuration.
    SiteVariable => "site-variable",
    /// `{% post_url %}` to a post outside the export.
    PostUrlOutside => "post-url-outside",
    /// `{% post_url %}` to a post in the export, relinked to its new place.
    PostUrlRelinked => "post-url-relinked",
    /// Two posts map to one output path; this one was renamed.
    PathCollision => "path-collision",
    /// The kept slug was not a safe file name (a path is cut to its last part); it was remade from its text.
    SlugUnsafe => "slug-unsafe",
    /// The slug was cut to a length every file system accepts.
    SlugShortened => "slug-shortened",
    /// The slug is a name Windows reserves (`con`, `nul`…); it was suffixed.
    SlugReserved => "slug-reserved",
    /// A date without a time, today where the post is written, is still to come
    /// at midnight UTC: Jekyll with no `timezone` leaves the post out until then.
    DateOnlyLater => "date-only-later",
    /// The post's date falls on another day in UTC, where a Jekyll site with
    /// no `timezone` dates its URL and Gatsby shows its date.
    DateUtcDay => "date-utc-day",
    /// A draft exported for a Gatsby starter that publishes every post.
    DraftPublished => "draft-published",
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A non-fatal finding, shown to the user next to the post.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `duplicate-key`, `bad-date`.
    pub code: WarningCode,
    /// Human-readable explanation.
    pub message: String,
    /// 1-based line in the file, when there is one.
    pub line: Option<usize>,
}

impl Warning {
    /// Shorthand constructor.
    pub fn new(code: WarningCode, message: impl Into<String>, line: Option<usize>) -> Self {
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

/// `s` in double quotes, with quotes, backslashes and control characters
/// escaped (`"a\"b\n"`): how messages show a key or a value written by the
/// user. Not `{:?}`: the browser build formats no `Debug` (see
/// `scripts/lib.sh`, `-Zfmt-debug=none`), so text a user reads never uses it.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        // As `{:?}` writes these. Not `char::escape_debug`, whose Unicode tables
        // cost the browser build ~3 KB: control characters and the invisible
        // ones a pasted key or value most often hides (zero-width, BOM, line and
        // paragraph separators, soft hyphen) are escaped, every other is shown.
        match c {
            '"' | '\\' | '\n' | '\r' | '\t' => out.extend(c.escape_default()),
            '\0' => out.push_str("\\0"),
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
                out.extend(c.escape_unicode())
            }
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `["a", "b"]`: a list of [`quoted`] texts.
pub fn quoted_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_reads_as_debug_formatting_did() {
        for s in [
            "key",
            "it's \"x\"",
            "a\\b\n\t\r",
            "회고 🎉",
            "\u{feff}bom",
            "\u{200b}",
            "\u{0}\u{7f}\u{85}",
            "\u{ad}\u{202e}",
        ] {
            assert_eq!(quoted(s), format!("{s:?}"), "{s}");
        }
        let items = ["a".to_string(), "b'c".to_string()];
        assert_eq!(quoted_list(&items), format!("{items:?}"));
    }

    #[test]
    fn warning_codes_serialize_as_their_stable_names() {
        // serde's kebab-case of the variant and the listed name must agree for every
        // code, and no two codes may share a name.
        let mut seen = std::collections::HashSet::new();
        for &code in WarningCode::ALL {
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{}\"", code.as_str()));
            assert!(seen.insert(code.as_str()), "{code} twice");
        }
    }
}
