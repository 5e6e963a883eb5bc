//! The usual keystroke changes one run of text in one block's HTML and no
//! markup: `<p>올해는 조금</p>` becomes `<p>올해는 조금씩</p>`. Setting the
//! block's `innerHTML` again makes the browser build a new HTML parser, new
//! nodes and their styles (~0.6–1 ms a key at 60 KB); setting that one text
//! node's data costs a few microseconds. This finds such an edit, and only
//! where the HTML parser makes one text node of each run of text between
//! tags (no element that treats text specially, no run it would split; that
//! it joined none is checked against the DOM's count), so a preview changed
//! this way has the DOM a fresh render would have (tested against Chromium in
//! `tests/browser.rs`).

/// One text run of a block's HTML that changed, and nothing else did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRunEdit {
    /// Which text node of the block (in document order, counting the runs of
    /// text between tags in its HTML; the HTML parser makes one node of each).
    pub index: usize,
    /// How many runs of text the block's HTML has. The parser makes fewer
    /// nodes where it ignores an end tag and joins the runs either side (a
    /// link inside a link's text: `<a>a <a>b</a> c</a>d` has `" c"` and `"d"`
    /// in one node), and then the nodes after it are not the runs: the DOM is
    /// changed only when its text nodes number exactly this.
    pub runs: usize,
    /// The run's text before the edit (the node's data, checked before the change).
    pub old: String,
    /// Its text after.
    pub new: String,
}

/// Elements the HTML parser treats specially: text is moved out of tables,
/// the newline after `<pre>` is dropped, raw text elements are not parsed as
/// markup, foreign content has its own rules. A block holding any of them is
/// rendered again whole.
const SPECIAL: [&str; 18] = [
    "pre",
    "textarea",
    "listing",
    "table",
    "select",
    "svg",
    "math",
    "template",
    "script",
    "style",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "frameset",
];

/// Blink splits a text node longer than 65,536 UTF-16 units in two; a run's
/// UTF-8 length bounds its UTF-16 length, so runs up to this many bytes are
/// one node.
const MAX_RUN_BYTES: usize = 65_000;

/// The text run edit that turns `old` into `new` (both a block's HTML as
/// rendered or sanitized), if that is all that changed; `None` when any
/// markup differs, the change touches a character reference (`&…;` is not
/// the node's text), a run is empty on either side, or the block holds an
/// element the parser treats specially (see [`SPECIAL`]) or a run too long
/// to be one node.
pub(crate) fn text_run_edit(old: &str, new: &str) -> Option<TextRunEdit> {
    if old == new {
        return None;
    }
    let mut prefix = crate::span::common_byte_ends(old.as_bytes(), new.as_bytes()).0;
    while !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    // Both texts are the same before `prefix`: the run holding it starts at the same place.
    let (index, start, runs) = runs_around(new, prefix)?;
    let old_end = run_end(old, prefix);
    let new_end = run_end(new, prefix);
    // The markup after the run must be the same: both ends are followed by identical text.
    if old[old_end..] != new[new_end..] {
        return None;
    }
    let (old_run, new_run) = (&old[start..old_end], &new[start..new_end]);
    if !plain_run(old_run) || !plain_run(new_run) {
        return None;
    }
    Some(TextRunEdit { index, runs, old: old_run.to_string(), new: new_run.to_string() })
}

/// The runs of text between tags in `html`: for the one holding byte `at`,
/// how many non-empty runs come before it and where it starts; and how many
/// there are in all. `None` if `at` is inside a tag or a comment, a tag or
/// comment never ends, a run is too long to be one node, or an element of
/// [`SPECIAL`] is opened.
fn runs_around(html: &str, at: usize) -> Option<(usize, usize, usize)> {
    let b = html.as_bytes();
    let (mut runs, mut start, mut i, mut holding) = (0, 0, 0, None);
    loop {
        let lt = html[i..].find('<').map_or(b.len(), |k| i + k);
        if holding.is_none() && at <= lt {
            holding = Some((runs, start));
        }
        if lt > start {
            if lt - start > MAX_RUN_BYTES {
                return None;
            }
            runs += 1;
        }
        if lt == b.len() {
            return holding.map(|(index, start)| (index, start, runs));
        }
        let name = &b[lt + 1..];
        let name = &name[..name.iter().take_while(|c| c.is_ascii_alphanumeric()).count()];
        if SPECIAL.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name)) {
            return None;
        }
        i = markup_end(html, lt)?;
        if holding.is_none() && at < i {
            return None;
        }
        start = i;
    }
}

/// The byte after the tag or comment starting at `lt` (a `<`); `None` if it
/// never ends. Serializers quote attribute values with `"` (pulldown-cmark's
/// and the browser's both), and a `>` may stand inside one.
fn markup_end(html: &str, lt: usize) -> Option<usize> {
    let rest = &html[lt..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map(|e| lt + 4 + e + 3);
    }
    let mut quoted = false;
    for (k, c) in rest.bytes().enumerate().skip(1) {
        match c {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return Some(lt + k + 1),
            _ => {}
        }
    }
    None
}

/// The end of the run of text holding byte `from`: the next `<`, or the end.
fn run_end(html: &str, from: usize) -> usize {
    html[from..].find('<').map_or(html.len(), |i| from + i)
}

/// A run whose HTML is its text exactly: not empty (no node), no character
/// reference, no `>` (the run is not really text), no CR or NUL (the parser
/// rewrites both), short enough to be one node.
fn plain_run(run: &str) -> bool {
    !run.is_empty() && run.len() <= MAX_RUN_BYTES && !run.bytes().any(|c| matches!(c, b'&' | b'>' | b'\r' | b'\0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(index: usize, runs: usize, old: &str, new: &str) -> Option<TextRunEdit> {
        Some(TextRunEdit { index, runs, old: old.into(), new: new.into() })
    }

    #[test]
    fn finds_the_one_run_that_changed() {
        let cases: &[(&str, &str, Option<TextRunEdit>)] = &[
            ("<p>올해는 조금</p>\n", "<p>올해는 조금씩</p>\n", edit(0, 2, "올해는 조금", "올해는 조금씩")),
            ("<p>a <em>b</em> c</p>\n", "<p>a <em>b</em> cd</p>\n", edit(2, 4, " c", " cd")),
            ("<p>a <em>b</em> c</p>\n", "<p>a <em>bx</em> c</p>\n", edit(1, 4, "b", "bx")),
            // Typed at the very start: the first run.
            ("<p>bc</p>", "<p>abc</p>", edit(0, 1, "bc", "abc")),
            // A run at the top level (no tags before it).
            ("ab", "abc", edit(0, 1, "ab", "abc")),
            // Deleting a character.
            ("<ul>\n<li>할 일</li>\n</ul>\n", "<ul>\n<li>할 ㅇ</li>\n</ul>\n", edit(1, 4, "할 일", "할 ㅇ")),
            ("<ul>\n<li>할 일</li>\n</ul>\n", "<ul>\n<li>할</li>\n</ul>\n", edit(1, 4, "할 일", "할")),
            // A `>` inside a quoted attribute value is not the end of the tag.
            (
                "<p><img src=\"a\" alt=\"x>y\"> 사진</p>",
                "<p><img src=\"a\" alt=\"x>y\"> 사진들</p>",
                edit(0, 1, " 사진", " 사진들"),
            ),
            // A comment is markup, not text.
            ("<!-- a -->b", "<!-- a -->bc", edit(0, 1, "b", "bc")),
            // Hangul whose UTF-8 bytes share a prefix (나 and 다): the run starts on a character.
            ("<p>나</p>", "<p>다</p>", edit(0, 1, "나", "다")),
        ];
        for (old, new, want) in cases {
            assert_eq!(&text_run_edit(old, new), want, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn refuses_anything_but_a_plain_text_change() {
        let cases: &[(&str, &str)] = &[
            // Markup changed.
            ("<p>a</p>", "<p>a<em></em></p>"),
            ("<p>a *b</p>", "<p>a <em>b</em></p>"),
            ("<h2 id=\"user-content-a\">a</h2>", "<h2 id=\"user-content-ab\">ab</h2>"),
            ("<p><a href=\"/x\">x</a></p>", "<p><a href=\"/xy\">x</a></p>"),
            ("<input disabled=\"\" type=\"checkbox\"/> a", "<input checked=\"\" disabled=\"\" type=\"checkbox\"/> a"),
            // A character reference in the run (the node's text is not the HTML's).
            ("<p>a &amp; b</p>", "<p>a &amp; bc</p>"),
            ("<p>a</p>", "<p>a&quot;</p>"),
            // A run appears or disappears (no node to change, or one to remove).
            ("<p></p>", "<p>a</p>"),
            ("<p>a</p>", "<p></p>"),
            // Elements the parser treats specially.
            ("<pre><code>a\n</code></pre>", "<pre><code>ab\n</code></pre>"),
            ("<table><tr><td>a</td></tr></table>", "<table><tr><td>ab</td></tr></table>"),
            ("<P>a</P><TEXTAREA>x</TEXTAREA>", "<P>ab</P><TEXTAREA>x</TEXTAREA>"),
            // The parser rewrites CR and NUL.
            ("<p>a</p>", "<p>a\r</p>"),
            ("<p>a</p>", "<p>a\0</p>"),
            // Inside a comment or an unclosed tag.
            ("<!-- a -->", "<!-- ab -->"),
            ("<p>a</p><img alt=\"b", "<p>a</p><img alt=\"bc"),
            // No change.
            ("<p>a</p>", "<p>a</p>"),
        ];
        for (old, new) in cases {
            assert_eq!(text_run_edit(old, new), None, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn counts_runs_of_whitespace_and_skips_long_ones() {
        // `\n` between tags is a text node of its own.
        let old = "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n";
        let new = "<ul>\n<li>a</li>\n<li>bc</li>\n</ul>\n";
        assert_eq!(text_run_edit(old, new), edit(3, 6, "b", "bc"));
        // A run long enough for Blink to split makes the count unknowable.
        let long = "x".repeat(MAX_RUN_BYTES + 1);
        assert_eq!(text_run_edit(&format!("<p>{long}</p><p>a</p>"), &format!("<p>{long}</p><p>ab</p>")), None);
        assert_eq!(text_run_edit(&format!("<p>{long}</p>"), &format!("<p>{long}y</p>")), None);
        // After the edit too: a split there would hide a join the DOM's count is checked for.
        assert_eq!(text_run_edit(&format!("<p>a</p><p>{long}</p>"), &format!("<p>ab</p><p>{long}</p>")), None);
    }
}
