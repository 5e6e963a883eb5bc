//! Cutting raw HTML (what a post writes between `<` and `>`) into tags the
//! way the browser's tokenizer does, and the element classes of the HTML
//! tree-building rules that decide how deep those tags nest. Only what
//! [`super::html_depth`] needs: comments, doctypes and text are skipped.

use std::ops::Range;

/// A start or end tag found in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `<name ...>`; `self_closing` for `<name ... />`.
    Start {
        /// Lowercase tag name.
        name: String,
        /// Written as `<name/>`.
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Lowercase tag name.
        name: String,
    },
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Index of the first byte at or after `i` for which `stop` holds (or the end).
fn until(b: &[u8], mut i: usize, stop: impl Fn(u8) -> bool) -> usize {
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    i
}

/// After a tag name: skip attributes up to the closing `>`. Returns the
/// offset just past it and whether the tag ended with `/>`; `None` when the
/// text ends inside the tag.
fn attributes_end(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    loop {
        i = until(b, i, |c| !is_space(c));
        match *b.get(i)? {
            b'>' => return Some((i + 1, false)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((i + 2, true)),
            b'/' => i += 1,
            _ => {
                // An attribute name (at least one byte: `<a =x>` names it `=x`), then maybe `= value`.
                i = until(b, i + 1, |c| is_space(c) || matches!(c, b'/' | b'>' | b'='));
                let j = until(b, i, |c| !is_space(c));
                if b.get(j) != Some(&b'=') {
                    continue;
                }
                i = until(b, j + 1, |c| !is_space(c));
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => i = until(b, i + 1, |c| c == q) + 1,
                    b'>' => {}
                    _ => i = until(b, i, |c| is_space(c) || c == b'>'),
                }
                if i > b.len() {
                    return None;
                }
            }
        }
    }
}

/// Lowercase tag name starting at `i`, and where it ends.
fn name_at(html: &str, i: usize) -> (String, usize) {
    let end = until(html.as_bytes(), i, |c| is_space(c) || c == b'/' || c == b'>');
    (html[i..end].to_ascii_lowercase(), end)
}

/// The tag (or other markup) starting at the `<` at `at`: its end offset and
/// the tag, `None` for comments, doctypes, processing instructions and a `<`
/// that starts no tag (then the end is just past the `<`).
fn markup_at(html: &str, at: usize) -> (usize, Option<Tag>) {
    let b = html.as_bytes();
    let rest = &html[at..];
    if let Some(body) = rest.strip_prefix("<!--") {
        // `<!-->` and `<!--->` are complete (empty) comments; an unclosed one runs to the end.
        let end = if body.starts_with('>') {
            4 + 1
        } else if body.starts_with("->") {
            4 + 2
        } else {
            body.find("-->").map_or(rest.len(), |e| 4 + e + 3)
        };
        return (at + end, None);
    }
    match b.get(at + 1) {
        Some(b'!' | b'?') => (rest.find('>').map_or(html.len(), |e| at + e + 1), None),
        Some(b'/') if b.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => {
            let (name, after) = name_at(html, at + 2);
            match attributes_end(b, after) {
                Some((end, _)) => (end, Some(Tag::End { name })),
                // An end tag the text stops in the middle of closes nothing (here).
                None => (html.len(), None),
            }
        }
        Some(c) if c.is_ascii_alphabetic() => {
            let (name, after) = name_at(html, at + 1);
            // A start tag the text stops in the middle of may still be completed by
            // what follows (the next block): count it as open.
            let (end, self_closing) = attributes_end(b, after).unwrap_or((html.len(), false));
            (end, Some(Tag::Start { name, self_closing }))
        }
        _ => (at + 1, None),
    }
}

/// Every start and end tag in `html`, with its byte range, in order.
pub(crate) fn tags(html: &str) -> impl Iterator<Item = (Range<usize>, Tag)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let lt = at + html.get(at..)?.find('<')?;
        let (end, tag) = markup_at(html, lt);
        at = end;
        if let Some(t) = tag {
            return Some((lt..end, t));
        }
    })
}

/// Elements that never have content (`<br>`): they never nest.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Formatting elements: the parser re-opens them after a block closes them
/// implicitly ("reconstruct the active formatting elements").
pub(crate) fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
    )
}

/// The HTML standard's "special" category: an end tag for an ordinary
/// element never closes past one of these.
pub(crate) fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    ) || is_integration_point(name)
}

/// MathML text integration points and SVG HTML integration points: special
/// elements (above), and bounds of "has an element in scope" (below).
fn is_integration_point(name: &str) -> bool {
    matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml" | "foreignobject" | "desc" | "title")
}

/// Elements that bound "has an element in scope" for an end tag `name`: the
/// end tag closes nothing past them.
pub(crate) fn bounds_scope(node: &str, end_tag: &str) -> bool {
    let table_part =
        matches!(end_tag, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup");
    if table_part {
        return matches!(node, "html" | "table" | "template");
    }
    matches!(node, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template")
        || is_integration_point(node)
        || (end_tag == "li" && matches!(node, "ol" | "ul"))
        || (end_tag == "p" && node == "button")
}

/// Start tags that close an open `<p>` ("close a p element").
pub(crate) fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "xmp"
            | "li"
            | "dd"
            | "dt"
    )
}

/// Elements whose end tag may be left out ("generate implied end tags").
pub(crate) fn end_is_implied(name: &str) -> bool {
    matches!(name, "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc")
}

/// HTML start tags that leave SVG/MathML content: there `<div/>` opens a
/// `div` like anywhere else, while `<path/>` is complete.
pub(crate) fn leaves_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
            | "font"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str) -> Tag {
        Tag::Start { name: name.into(), self_closing: false }
    }
    fn e(name: &str) -> Tag {
        Tag::End { name: name.into() }
    }

    #[test]
    fn tokenizer_table() {
        let sc = |name: &str| Tag::Start { name: name.into(), self_closing: true };
        let cases: Vec<(&str, Vec<Tag>)> = vec![
            ("<ul><li>a</li></ul>", vec![s("ul"), s("li"), e("li"), e("ul")]),
            ("<DIV Class=x>", vec![s("div")]),
            ("<a title='x > y'>t</a>", vec![s("a"), e("a")]),
            ("<a title=\"<b>\">", vec![s("a")]),
            ("<br/><div/><a href=x/>", vec![sc("br"), sc("div"), s("a")]),
            ("<!-- <div> --><p>", vec![s("p")]),
            ("<!--><b><!---><i>", vec![s("b"), s("i")]),
            ("<!DOCTYPE html><?xml x?><span>", vec![s("span")]),
            ("a < b <3 </ x> <p", vec![s("p")]),
            ("<div\n  class=\"x\"\n>", vec![s("div")]),
            ("<div class=\"unclosed", vec![s("div")]),
            ("</div", vec![]),
            ("<!-- never closed <div>", vec![]),
            ("<a =x b c=>", vec![s("a")]),
        ];
        for (html, want) in cases {
            let got: Vec<Tag> = tags(html).map(|(_, t)| t).collect();
            assert_eq!(got, want, "{html:?}");
        }
    }

    #[test]
    fn ranges_cover_the_tags() {
        let html = "x<b title='>'>y</b>";
        let r: Vec<&str> = tags(html).map(|(r, _)| &html[r]).collect();
        assert_eq!(r, ["<b title='>'>", "</b>"]);
    }
}
