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
//! A cut goes only where the tokenizer is in its data state, which a small
//! scanner follows: tags with their attributes as the tokenizer reads them
//! (`<a b=c='d>` ends at its `>`), comments skipped, the raw text of
//! `<script>`, `<style>`, `<textarea>`, `<title>` and their kind skipped to
//! their end tag (a comment there would be text, and show). Markup it does not
//! follow (`<![CDATA[`, `<plaintext>`, SVG and MathML, where `<style>` holds
//! markup) leaves the fragment as it is. A cut goes
//! before `&` or a non-ASCII character (no character reference spans one, and
//! neither is a line break: `<pre>`'s first newline and `\r\n` stay whole), and
//! only after text that is not all whitespace since the last cut: a table
//! moves its text out before it only if a run holds more than whitespace, so
//! every piece must (as the whole did).

use std::borrow::Cow;

/// Bytes of text between cuts.
const RUN: usize = 2 << 10;

/// Elements whose content the tokenizer reads as text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// `html` with an empty comment in every [`RUN`] bytes of each text run
/// longer than that, where it is safe (see the module docs); else as it is.
pub(crate) fn split_long_text(html: &str) -> Cow<'_, str> {
    if html.len() <= RUN || !html.split('<').any(|s| s.len() > RUN) {
        return Cow::Borrowed(html);
    }
    match cut_points(html.as_bytes()) {
        Some(cuts) if !cuts.is_empty() => {
            let mut out = String::with_capacity(html.len() + cuts.len() * 7);
            let mut from = 0;
            for at in cuts {
                out.push_str(&html[from..at]);
                out.push_str("<!---->");
                from = at;
            }
            out.push_str(&html[from..]);
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(html),
    }
}

/// Where the cuts go, or `None` for markup the scanner does not follow.
fn cut_points(b: &[u8]) -> Option<Vec<usize>> {
    let mut cuts = Vec::new();
    let (mut i, mut since, mut solid) = (0, 0, false);
    while i < b.len() {
        if b[i] == b'<' {
            let (next, raw) = markup_end(b, i)?;
            i = match raw {
                Some(name) => raw_text_end(b, next, name),
                None => next,
            };
            (since, solid) = (i, false);
            continue;
        }
        if i - since >= RUN && solid && (b[i] == b'&' || b[i] >= 0xC0) {
            cuts.push(i);
            since = i;
        }
        solid |= !b[i].is_ascii_whitespace();
        i += 1;
    }
    Some(cuts)
}

/// The index past the markup at `b[start] == b'<'` (itself, if it is text),
/// and the raw-text element it opens; `None` for markup not followed.
fn markup_end(b: &[u8], start: usize) -> Option<(usize, Option<&'static str>)> {
    let rest = &b[start + 1..];
    match rest.first() {
        Some(c) if c.is_ascii_alphabetic() => {
            let end = tag_end(b, start + 1);
            let name = &rest
                [..rest.iter().position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>').unwrap_or(rest.len())];
            // In SVG and MathML `<style>` and `<title>` hold markup, not raw text: not followed.
            if ["plaintext", "svg", "math"].iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes())) {
                return None;
            }
            Some((end, RAW_TEXT.iter().copied().find(|t| name.eq_ignore_ascii_case(t.as_bytes()))))
        }
        // An end tag reads attributes as a start tag does; `</ x>` is a bogus comment.
        Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => Some((tag_end(b, start + 2), None)),
        Some(b'/') => Some((find(b, start + 2, b">").map_or(b.len(), |e| e + 1), None)),
        Some(b'!') if rest.starts_with(b"!--") => Some((comment_end(b, start + 4), None)),
        Some(b'!') if rest.len() > 7 && rest[1..8].eq_ignore_ascii_case(b"[CDATA[") => None,
        Some(b'!' | b'?') => Some((find(b, start + 2, b">").map_or(b.len(), |e| e + 1), None)),
        _ => Some((start + 1, None)),
    }
}

/// The index past a start tag whose name starts at `i`: attributes read as
/// the tokenizer reads them, so a `>` in a quoted value does not end it.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'/' || b[i] == b'>') {
        i += 1;
    }
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return b.len();
        }
        if b[i] == b'>' {
            return i + 1;
        }
        // An attribute name: its first character may be `=` (`<a ="x>` names `="x`).
        i += 1;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => i = find(b, i + 1, &[q]).map_or(b.len(), |e| e + 1),
            // Unquoted: to whitespace or `>` (quotes and `=` are part of it).
            _ => {
                while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                    i += 1;
                }
            }
        }
    }
}

/// The index past a comment whose text starts at `i` (after `<!--`): `-->`,
/// `--!>`, or the abrupt `<!-->` and `<!--->`.
fn comment_end(b: &[u8], i: usize) -> usize {
    for abrupt in [&b">"[..], b"->"] {
        if b[i.min(b.len())..].starts_with(abrupt) {
            return i + abrupt.len();
        }
    }
    let ends = [find(b, i, b"-->").map(|e| e + 3), find(b, i, b"--!>").map(|e| e + 4)];
    ends.into_iter().flatten().min().unwrap_or(b.len())
}

/// The index of the end tag of the raw-text element `name` whose content
/// starts at `i` (`</name` then whitespace, `/` or `>`), or the end.
fn raw_text_end(b: &[u8], mut i: usize, name: &str) -> usize {
    while let Some(at) = find(b, i, b"</") {
        let after = &b[at + 2..];
        let closes = after.len() >= name.len()
            && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && after.get(name.len()).is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>');
        if closes {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// The first index at or after `from` where `needle` starts.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
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
            (format!("<p>intro</p><!--more--><p>{long}</p>"), true),
            (format!("<iframe src=\"x\"></iframe><p>{long}</p>"), true),
            (format!("<textarea>{long}</textarea>"), false),
            (format!("<TITLE >{long}</title>"), false),
            (format!("<script>{long}</script >"), false),
            (format!("<svg><![CDATA[x]]></svg><p>{long}</p>"), false),
            (format!("<math></math><p>{long}</p>"), false),
            (format!("<p></p title=\">\"><p>{long}</p>"), true),
            (format!("<plaintext>{long}"), false),
            (format!("<div ='x>T<b title='q>{long}'>z</b></div>"), false),
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
    fn cuts_go_before_a_reference_or_a_non_ascii_character_after_text() {
        let html = format!("<pre>\n{}</pre>", "&amp;&#65;&#x41;x·가 \r\n".repeat(RUN));
        let out = split_long_text(&html);
        assert!(out.starts_with("<pre>\n") && out.matches("<!---->").count() > 10);
        for piece in out.split("<!---->").skip(1) {
            let c = piece.as_bytes()[0];
            assert!(c == b'&' || c >= 0xC0, "{}", &piece[..8]);
        }
        // Whitespace alone before a cut: none (a table would keep it, and move the rest).
        let spaces = format!("<table>x{}&y</table>", " ".repeat(3 * RUN));
        assert_eq!(split_long_text(&spaces).matches("<!---->").count(), 1);
        let blank = format!("<table>{}&y</table>", " ".repeat(3 * RUN));
        assert!(!split_long_text(&blank).contains("<!---->"));
    }

    /// What ammonia writes is the same with the cuts as without them, in the
    /// shapes the review found (tables, a quote after `=`, CRLF) too.
    #[cfg(feature = "ammonia")]
    #[test]
    fn ammonia_writes_the_same_text() {
        let b = ammonia::Builder::default();
        let units = ["a && b\n", "서울·부산 ", "&amp;&#12;&nbsp; ", "x\u{a0}y<b>z</b> ", "a\r\n& "];
        let mut cases: Vec<String> = units
            .iter()
            .map(|u| format!("<pre><code>{}</code></pre><p>{}</p>", u.repeat(1000), u.repeat(900)))
            .collect();
        cases.push(format!("<table>x{}&amp;y{}</table>", " ".repeat(5000), "&·".repeat(3000)));
        cases.push(format!("<div =\"x>T<b title=\"q>{}\">z</b></div>", "w&".repeat(3000)));
        cases.push(format!("<div a=b='x>T<b title='q>{}'>z</b></div>", "w&".repeat(3000)));
        cases.push(format!("<p>i</p><!-- more --><p>{}</p><!-->{}", "a&".repeat(3000), "b&".repeat(3000)));
        cases.push(format!("<svg><title>{}</title></svg><style>{}</style>", "t&".repeat(3000), "s&".repeat(3000)));
        cases.push(format!("<style>{}</style><p></p x=\">\">{}</p>", "s&".repeat(3000), "p&".repeat(3000)));
        for html in cases {
            let split = split_long_text(&html);
            assert_eq!(b.clean(&split).to_string(), b.clean(&html).to_string(), "{}", &html[..60]);
        }
    }

    #[cfg(feature = "ammonia")]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Markup noise with long runs of text in it: ammonia writes the same with the cuts.
        #[test]
        fn cuts_never_change_what_ammonia_writes(
            tokens in proptest::collection::vec(proptest::sample::select(NOISE), 1..24)
        ) {
            let html: String = tokens.iter().map(|t| match *t {
                "LONG&" => "a&".repeat(1500),
                "LONG·" => "· 가".repeat(600),
                "LONG " => " ".repeat(2500),
                t => t.to_string(),
            }).collect();
            let b = ammonia::Builder::default();
            proptest::prop_assert_eq!(b.clean(&split_long_text(&html)).to_string(), b.clean(&html).to_string());
        }
    }

    #[cfg(feature = "ammonia")]
    const NOISE: &[&str] = &[
        "LONG&",
        "LONG·",
        "LONG ",
        "LONG&",
        "<p>",
        "</p>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<!--",
        "-->",
        "<!-->",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "<textarea>",
        "<a title=\"",
        "\">",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "&",
        "&amp;",
        "&#65;",
        "&#",
        "·",
        "a",
        "<b",
        ">",
        "</",
        "<div ='",
        "<pre>",
        "\n",
        "<svg>",
        "<![CDATA[",
        "]]>",
        "<?x>",
        "<!x>",
        "\u{a0}",
        "</ x>",
        "<select>",
        "<option>",
        "<colgroup>",
        "<frameset>",
        "<noscript>",
        "</noscript>",
    ];
}
