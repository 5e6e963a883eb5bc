//! Long text runs cut by empty comments before ammonia reads them.
//!
//! html5ever's serializer (0.40, which ammonia writes its output with) looks
//! for the next `<`, `>` (or `"`) from each `&` and each U+0080–U+00BF
//! character it escapes, over the rest of the text node: a text node of `n`
//! bytes with `k` of them costs `n·k`. One block is one text node however long
//! (a 2 MB code fence of `a && b` lines took 22 s in `hoego render`, a Korean
//! paragraph of `·` 25 s at 4 MB). An empty comment ends a text node in the
//! parser and ammonia strips comments, so `a&<!---->b&` is written exactly as
//! `a&b&` is, in nodes of a bounded size.
//!
//! A comment is a comment only where the tokenizer is in its data state: not
//! inside a tag, and not in the raw text of `<script>`, `<style>`,
//! `<textarea>`, `<title>` and their kind (there it would be text, and show).
//! A fragment with any of those elements, or with `<!` or `<?` markup of its
//! own, is left as it is. The cut goes before `&`, whitespace or a non-ASCII
//! character and never in a run's first bytes: a character reference never
//! spans one of them (so `&amp;` and `&#65;` read the same), and the newline a
//! `<pre>` drops stays the first thing after it.

use std::borrow::Cow;

/// Bytes of text between cuts.
const RUN: usize = 2 << 10;

/// Tags whose content the tokenizer does not read as markup (raw text,
/// RCDATA, plaintext), and foreign or template content: a fragment with one
/// is not cut.
const NOT_DATA: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "svg",
    "math",
];

/// `html` with an empty comment in every [`RUN`] bytes of each text run
/// longer than that, where it is safe (see the module docs); else as it is.
pub(crate) fn split_long_text(html: &str) -> Cow<'_, str> {
    if html.len() <= RUN || !has_long_run(html) || !only_data(html) {
        return Cow::Borrowed(html);
    }
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / RUN * 7 + 7);
    let (mut i, mut copied, mut run_start) = (0, 0, 0);
    while i < b.len() {
        if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') {
            i = tag_end(b, i);
            run_start = i;
            continue;
        }
        if i - run_start >= RUN && cuttable(b[i]) {
            out.push_str(&html[copied..i]);
            out.push_str("<!---->");
            copied = i;
            run_start = i;
        }
        i += 1;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether some stretch between two `<` is longer than [`RUN`] (a quick
/// look before the real scan).
fn has_long_run(html: &str) -> bool {
    html.split('<').any(|s| s.len() > RUN)
}

/// Whether every `<` of `html` starts a tag or is text, outside the elements
/// of [`NOT_DATA`].
fn only_data(html: &str) -> bool {
    let b = html.as_bytes();
    b.windows(2).all(|w| w[0] != b'<' || (w[1] != b'!' && w[1] != b'?'))
        && html.match_indices('<').all(|(i, _)| {
            let name = html[i + 1..].trim_start_matches('/').as_bytes();
            !NOT_DATA.iter().any(|t| {
                name.len() >= t.len()
                    && name[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                    && !name.get(t.len()).is_some_and(u8::is_ascii_alphanumeric)
            })
        })
}

/// The index just past the tag that starts at `start` (its `>` outside a
/// quoted attribute value), or the end.
fn tag_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if b[..i].trim_ascii_end().ends_with(b"=") => quote = Some(b[i]),
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// A byte a cut may go before: no character reference spans it, and it
/// starts a character.
fn cuttable(c: u8) -> bool {
    c == b'&' || c.is_ascii_whitespace() || c >= 0xC0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_cut_only_where_a_comment_is_markup() {
        let long = "a&b ".repeat(RUN);
        let cases: Vec<(String, bool)> = vec![
            (format!("<p>{long}</p>"), true),
            (format!("<pre><code>{long}</code></pre>"), true),
            (format!("<p title=\"x>y\">{long}</p>"), true),
            (format!("<textarea>{long}</textarea>"), false),
            (format!("<TITLE >{long}</title>"), false),
            (format!("<p>{long}</p><!-- c -->"), false),
            (format!("<svg><text>{long}</text></svg>"), false),
            (format!("<p>{}</p>", "a".repeat(3 * RUN)), false),
            ("<p>short & sweet</p>".to_string(), false),
        ];
        for (html, cut) in cases {
            let out = split_long_text(&html);
            assert_eq!(out.contains("<!---->"), cut, "{}", &html[..40]);
            assert_eq!(out.replace("<!---->", ""), html);
        }
    }

    #[test]
    fn cuts_never_split_a_reference_or_open_a_run() {
        let html = format!("<pre>\n{}</pre>", "&amp;&#65;&#x41;x·가 ".repeat(RUN));
        let out = split_long_text(&html);
        assert!(out.starts_with("<pre>\n"));
        for piece in out.split("<!---->").skip(1) {
            let c = piece.as_bytes()[0];
            assert!(c == b'&' || c == b' ' || c >= 0xC0, "{}", &piece[..8]);
        }
    }

    /// What ammonia writes is the same with the cuts as without them.
    #[cfg(feature = "ammonia")]
    #[test]
    fn ammonia_writes_the_same_text() {
        let b = ammonia::Builder::default();
        for unit in ["a && b\n", "서울·부산 ", "&amp;&#12;&nbsp; ", "x\u{a0}y<b>z</b> "] {
            let html = format!("<pre><code>{}</code></pre><p>{}</p>", unit.repeat(1000), unit.repeat(900));
            assert_eq!(b.clean(&split_long_text(&html)).to_string(), b.clean(&html).to_string(), "{unit}");
        }
    }
}
