//! Where each image reference sits in a body, to the byte, and rewriting
//! them all in one pass from the original text.
//!
//! Rewriting by text search (`replace("](a.png", …)`, one image after
//! another) went wrong in every way a body allows: a later rewrite caught
//! an earlier one's output, a reference that begins another
//! (`pic.png` of `pic.png.zip`) or one inside code was rewritten, and
//! reference-style images, `<…>` destinations and unquoted `src=` were
//! missed. The parser knows where each image is; text search does not.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::markdown::options::parser;

/// How a destination is written, so that its replacement is written alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A markdown destination (inline or in a definition), raw or in `<…>`.
    Markdown {
        /// Written as `<…>`.
        angle: bool,
    },
    /// An `<img src>` value, quoted with this byte or unquoted.
    Html {
        /// `"`, `'` or none.
        quote: Option<u8>,
    },
}

/// One place in the body that names an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    /// The destination as written: with its `<…>`, without its quotes.
    pub range: Range<usize>,
    /// The reference it names, as [`super::assets::image_refs`] reports it.
    pub reference: String,
    /// How it is written.
    pub form: Form,
}

/// The images of a body.
#[derive(Debug, Default)]
pub(crate) struct BodyImages {
    /// Each image's reference in document order (repeats included).
    pub references: Vec<String>,
    /// Where they are written (a definition used by two images: once), and
    /// where a link names one of them (`[![a](a.png)](a.png)`, a "full size"
    /// link): rewritten with the image, the link follows it to where it is
    /// exported, rather than to a file that is not.
    pub sites: Vec<Site>,
}

/// An image or link whose end has not been seen yet.
struct Open {
    /// Where its text's last event ends: the `]` follows.
    inner_end: usize,
    inline: bool,
    dest: String,
    id: String,
    what: Opened,
}

/// What an [`Open`] is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opened {
    Image,
    /// Its destination is a site only when an image of the body has the same
    /// reference.
    Link,
    /// An autolink or e-mail link: no destination to rewrite.
    Autolink,
}

/// Every image reference of `body`: markdown images (inline and by
/// reference) and `<img src>` in HTML. Code is never looked into, nor is a
/// `{% highlight %}` block (Jekyll prints it as code; the same offsets hold).
pub(crate) fn body_images(body: &str) -> BodyImages {
    let body = &*crate::markdown::highlight_as_fences(body);
    let mut out = BodyImages::default();
    let mut open: Vec<Open> = Vec::new();
    // Reference images' definitions, looked up once the events are read.
    let mut by_label: Vec<(String, String, bool)> = Vec::new();
    let mut links: Vec<Site> = Vec::new();
    let mut in_html_block = false;
    let mut events = parser(body).into_offset_iter();
    for (event, range) in events.by_ref() {
        // An image's or link's own end event spans all of it: only its contents count.
        if let (Some(top), false) = (open.last_mut(), matches!(event, Event::End(TagEnd::Image | TagEnd::Link))) {
            top.inner_end = top.inner_end.max(range.end);
        }
        match event {
            Event::Start(Tag::Image { link_type, dest_url, id, .. }) => {
                out.references.push(dest_url.to_string());
                let inline = link_type == LinkType::Inline;
                let (dest, id) = (dest_url.to_string(), id.to_string());
                open.push(Open { inner_end: range.start + 2, inline, dest, id, what: Opened::Image });
            }
            Event::Start(Tag::Link { link_type, dest_url, id, .. }) => {
                // Autolinks and e-mail links have no destination to rewrite; an
                // unknown reference ("broken link") has no definition.
                // Still pushed (an autolink), so that its end pops it and not the
                // image around it (`![see <https://x.y>](a.png)`).
                let (inline, what) = match link_type {
                    LinkType::Inline => (true, Opened::Link),
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => (false, Opened::Link),
                    _ => (false, Opened::Autolink),
                };
                let (dest, id) = (dest_url.to_string(), id.to_string());
                open.push(Open { inner_end: range.start + 1, inline, dest, id, what });
            }
            Event::End(TagEnd::Image | TagEnd::Link) => {
                let Some(img) = open.pop() else { continue };
                if let Some(parent) = open.last_mut() {
                    parent.inner_end = parent.inner_end.max(range.end);
                }
                let link = match img.what {
                    Opened::Autolink => continue,
                    what => what == Opened::Link,
                };
                if !img.inline {
                    by_label.push((img.id, img.dest, link));
                } else if let Some(site) = inline_site(body, &img, range.end) {
                    if link {
                        links.push(site)
                    } else {
                        out.sites.push(site)
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                img_sites(body, range, &mut out);
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Html(_) if in_html_block => {}
            Event::Html(_) | Event::InlineHtml(_) => img_sites(body, range, &mut out),
            _ => {}
        }
    }
    definition_sites(body, events.reference_definitions(), &by_label, &mut out, &mut links);
    // Only links to an image of this body (`a.png` and `./a.png` are one file):
    // other links are not the export's. A link takes the image's reference, which
    // is what the export's links map is keyed by.
    let mut images: HashMap<&str, &str> = HashMap::new();
    for r in &out.references {
        images.entry(same_file(r)).or_insert(r.as_str());
    }
    let linked: Vec<Site> = links
        .into_iter()
        .filter_map(|mut l| {
            l.reference = images.get(same_file(&l.reference))?.to_string();
            Some(l)
        })
        .collect();
    out.sites.extend(linked);
    out
}

/// A relative reference without its leading `./`s: the file it names.
fn same_file(reference: &str) -> &str {
    let mut r = reference;
    while let Some(rest) = r.strip_prefix("./") {
        r = rest;
    }
    r
}

/// The destination of an inline image `![alt](dest "title")`.
fn inline_site(body: &str, img: &Open, end: usize) -> Option<Site> {
    let close = img.inner_end + body.get(img.inner_end..end)?.find(']')?;
    if body.as_bytes().get(close + 1) != Some(&b'(') {
        return None;
    }
    let (range, angle) = markdown_dest(body, close + 2, end, &img.dest)?;
    Some(Site { range, reference: img.dest.clone(), form: Form::Markdown { angle } })
}

/// The destinations of the definitions reference images and links use (each
/// once: a definition an image uses is the image's site).
fn definition_sites(
    body: &str,
    defs: &pulldown_cmark::RefDefs<'_>,
    by_label: &[(String, String, bool)],
    out: &mut BodyImages,
    links: &mut Vec<Site>,
) {
    let mut seen = std::collections::HashSet::new();
    // Images first: a definition an image uses is the image's site. (Two
    // passes, not a sort: a stable sort's code is ~3 KB of wasm.)
    let images = by_label.iter().filter(|(_, _, link)| !link);
    let links_last = by_label.iter().filter(|(_, _, link)| *link);
    for (label, dest, link) in images.chain(links_last) {
        let Some(def) = defs.get(label) else { continue };
        if !seen.insert(def.span.start) {
            continue;
        }
        // `[label]:` (a label has no unescaped `]`), then the destination.
        let span = def.span.clone();
        let Some(colon) = label_end(body, span.start, span.end) else { continue };
        if let Some((range, angle)) = markdown_dest(body, colon + 1, span.end, dest) {
            let site = Site { range, reference: dest.clone(), form: Form::Markdown { angle } };
            if *link {
                links.push(site)
            } else {
                out.sites.push(site)
            }
        }
    }
}

/// The `:` after a definition's `[label]` that starts at `start`.
fn label_end(body: &str, start: usize, end: usize) -> Option<usize> {
    let b = body.as_bytes();
    let mut i = start + 1;
    while i < end {
        match b[i] {
            b'\\' => i += 2,
            b']' => return (b.get(i + 1) == Some(&b':')).then_some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A markdown link destination starting at `from` (after optional
/// whitespace), before `end`: its range and whether it is in `<…>`. Checked
/// against what the parser read (`dest`) when it has no escapes or entities
/// to decode, so that a layout this scan does not know is left alone rather
/// than rewritten in the wrong place.
fn markdown_dest(body: &str, from: usize, end: usize, dest: &str) -> Option<(Range<usize>, bool)> {
    let b = body.as_bytes();
    let mut i = from;
    // Spaces and a line break, after which a block quote's `>` markers too.
    let mut new_line = false;
    while i < end && (b[i].is_ascii_whitespace() || (new_line && b[i] == b'>')) {
        new_line |= b[i] == b'\n';
        i += 1;
    }
    let start = i;
    let angle = b.get(i) == Some(&b'<');
    let mut depth = 0usize;
    if angle {
        i += 1;
    }
    while i < end {
        match b[i] {
            b'\\' => i += 1,
            b'>' if angle => break,
            b'\n' | b'<' if angle => return None,
            c if !angle && (c.is_ascii_whitespace() || c.is_ascii_control()) => break,
            b'(' if !angle => depth += 1,
            b')' if !angle && depth == 0 => break,
            b')' if !angle => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    let range = if angle { start..(i + 1).min(end) } else { start..i.min(end) };
    let text = body.get(range.clone())?;
    let inner = if angle { text.strip_prefix('<')?.strip_suffix('>')? } else { text };
    (inner.contains(['\\', '&']) || inner == dest).then_some((range, angle))
}

/// `src` values of the `<img>` tags in `body[range]` (raw HTML).
fn img_sites(body: &str, range: Range<usize>, out: &mut BodyImages) {
    let html = &body[range.clone()];
    let b = html.as_bytes();
    let mut at = 0;
    while let Some(i) = find_img(b, at) {
        let (src, end) = img_src(b, i + 4);
        if let Some((r, quote)) = src {
            // The name the browser loads: `a&amp;b.png` (how an export writes `a&b.png`) is `a&b.png`.
            let reference = attr_text(&html[r.clone()]);
            out.references.push(reference.clone());
            let range = range.start + r.start..range.start + r.end;
            out.sites.push(Site { range, reference, form: Form::Html { quote } });
        }
        at = end.max(i + 4);
    }
}

/// An attribute value as the browser reads it: `&amp;`, `&quot;`, `&#39;`
/// (what [`write_link`] writes), `&lt;`, `&gt;`, `&apos;` and numeric
/// references decoded; any other `&` is kept as written.
fn attr_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        // The longest reference read here (`&#x10FFFF;`) is short: looking
        // further for its `;` made `&&&…` quadratic.
        let name = rest.bytes().take(10).position(|b| b == b';').map_or("", |i| &rest[..i]);
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|n| {
                let (digits, radix) = n.strip_prefix(['x', 'X']).map_or((n, 10), |h| (h, 16));
                let ok = !digits.is_empty() && digits.len() <= 6 && digits.chars().all(|c| c.is_digit(radix));
                ok.then(|| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32)).flatten()
            }),
        };
        match c.filter(|&c| c != '\0') {
            Some(c) => {
                out.push(c);
                rest = &rest[name.len() + 1..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The next `<img` (any case) that is the whole tag name, from `at`.
fn find_img(b: &[u8], at: usize) -> Option<usize> {
    (at..b.len().saturating_sub(3)).find(|&i| {
        b[i] == b'<'
            && b[i + 1..i + 4].eq_ignore_ascii_case(b"img")
            && b.get(i + 4).is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
    })
}

/// An attribute value's range and quote (`None`: unquoted).
type Value = (Range<usize>, Option<u8>);

/// The `src` value of the tag whose attributes start at `at` (its range and
/// quote), and where the tag ends. Attributes are read one by one, so
/// `data-src` is not `src` and a `>` inside quotes does not end the tag.
fn img_src(b: &[u8], mut at: usize) -> (Option<Value>, usize) {
    let mut src = None;
    loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() || b[at] == b'>' {
            return (src, at);
        }
        let name_start = at;
        while at < b.len() && !(b[at].is_ascii_whitespace() || matches!(b[at], b'=' | b'>' | b'/')) {
            at += 1;
        }
        let is_src = b[name_start..at].eq_ignore_ascii_case(b"src");
        let mut j = at;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            continue;
        }
        let (value, quote, next) = attr_value(b, j + 1);
        if is_src && src.is_none() {
            src = Some((value, quote));
        }
        at = next;
    }
}

/// An attribute value after `=`: its range, its quote, and where it ends.
fn attr_value(b: &[u8], mut at: usize) -> (Range<usize>, Option<u8>, usize) {
    while at < b.len() && b[at].is_ascii_whitespace() {
        at += 1;
    }
    match b.get(at) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = b[at + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| at + 1 + p);
            (at + 1..end, Some(q), (end + 1).min(b.len()))
        }
        _ => {
            let mut end = at;
            while end < b.len() && !(b[end].is_ascii_whitespace() || b[end] == b'>') {
                end += 1;
            }
            // `<img src=a.png/>`: the `/` closes the tag (as written), it is not the file's.
            let value_end = if b.get(end) == Some(&b'>') && end > at && b[end - 1] == b'/' { end - 1 } else { end };
            (at..value_end, None, end)
        }
    }
}

/// `body` with each site whose reference `links` maps rewritten to its
/// link, in one pass by position (a site's replacement is never looked at
/// again), written in the site's own form.
pub(crate) fn rewrite_sites(body: &str, sites: &[Site], links: &HashMap<String, String>) -> String {
    let mut todo: Vec<(&Site, &String)> =
        sites.iter().filter_map(|s| links.get(&s.reference).map(|l| (s, l))).collect();
    todo.sort_unstable_by_key(|(s, _)| s.range.start);
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (site, link) in todo {
        // Sites never overlap; one that did would be left as written.
        if site.range.start < last {
            continue;
        }
        out.push_str(&body[last..site.range.start]);
        write_link(&mut out, link, site.form);
        last = site.range.end;
    }
    out.push_str(&body[last..]);
    out
}

/// `link` written as a destination of `form`.
fn write_link(out: &mut String, link: &str, form: Form) {
    match form {
        Form::Markdown { angle } => {
            // A raw destination ends at a space, and at a `)` it does not balance
            // (`a).png`): such a link needs `<…>`.
            let special = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')');
            if angle || link.contains(special) {
                out.push('<');
                out.push_str(&link.replace('<', "\\<").replace('>', "\\>"));
                out.push('>');
            } else {
                out.push_str(link);
            }
        }
        Form::Html { quote: Some(q) } => {
            // `&` first: in an attribute `a&copy.png` reads as `a©.png`.
            let entity = if q == b'"' { "&quot;" } else { "&#39;" };
            out.push_str(&link.replace('&', "&amp;").replace(char::from(q), entity));
        }
        Form::Html { quote: None } => {
            if link.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')) {
                out.push('"');
                out.push_str(&link.replace('&', "&amp;").replace('"', "&quot;"));
                out.push('"');
            } else {
                out.push_str(&link.replace('&', "&amp;"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_table() {
        // (body, each site as (its text, the reference)) in body order.
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("![a](x/a.png) ![b](./a.png \"t\")", &[("x/a.png", "x/a.png"), ("./a.png", "./a.png")]),
            ("![a *b* `]`](p(1).png)", &[("p(1).png", "p(1).png")]),
            ("![s](</assets/sp ace.png>)", &[("</assets/sp ace.png>", "/assets/sp ace.png")]),
            ("![g][g] ![G] ![g][]\n\n[g]: /assets/ref.png\n", &[("/assets/ref.png", "/assets/ref.png")]),
            ("> ![q][k]\n>\n> [k]:\n>   <q.png> 'title'\n", &[("<q.png>", "q.png")]),
            ("![o ![i](in.png)](out.png)", &[("in.png", "in.png"), ("out.png", "out.png")]),
            (
                "<img src=/assets/unq.png> <IMG SRC='b.png'/>",
                &[("/assets/unq.png", "/assets/unq.png"), ("b.png", "b.png")],
            ),
            ("<img alt=\"a>b\" data-src=\"no.png\" src = \"c.png\">", &[("c.png", "c.png")]),
            ("<div>\n<img\n  src=\"d.png\">\n</div>\n", &[("d.png", "d.png")]),
            ("<img src=e.png/> <imgx src=f.png>", &[("e.png", "e.png")]),
            // Character references are read as the browser reads them; an unknown one stays.
            (
                "<img src=\"a&amp;b.png\"> <img src='&#x41;&#66;.png'> <img src=c&copy;&d.png>",
                &[("a&amp;b.png", "a&b.png"), ("&#x41;&#66;.png", "AB.png"), ("c&copy;&d.png", "c&copy;&d.png")],
            ),
            ("`![x](pic.png)` [d](pic.png.zip)\n\n```\n<img src=\"pic.png\">\n```\n", &[]),
            // A link to an image of the body goes with it; other links are not sites.
            (
                "[![a](./a.png)](./a.png) [full](<./a.png>) [post](./b.md)",
                &[("./a.png", "./a.png"), ("./a.png", "./a.png"), ("<./a.png>", "./a.png")],
            ),
            ("![r][i] [big][i] [t][l]\n\n[i]: r.png\n[l]: r.png\n", &[("r.png", "r.png"), ("r.png", "r.png")]),
            ("[x](only-linked.png) <a href=\"r.png\">", &[]),
            // The same file spelled with and without `./`.
            (
                "![a](a.png) [원본](./a.png)\n\n[1]: <./a.png>\n\n[x][1]",
                &[("a.png", "a.png"), ("./a.png", "a.png"), ("<./a.png>", "a.png")],
            ),
            // An autolink or e-mail link inside an image's text ends itself, not the image.
            ("![see <https://x.y> here](shot.png)", &[("shot.png", "shot.png")]),
            ("[![a <a@b.co>](a.png)](a.png)", &[("a.png", "a.png"), ("a.png", "a.png")]),
        ];
        for (body, want) in cases {
            let found = body_images(body);
            let mut sites = found.sites.clone();
            sites.sort_by_key(|s| s.range.start);
            let got: Vec<(&str, &str)> = sites.iter().map(|s| (&body[s.range.clone()], s.reference.as_str())).collect();
            assert_eq!(got, *want, "{body:?}");
        }
    }

    #[test]
    fn attribute_text_decodes_references_as_a_browser_does() {
        let table = [
            ("a&amp;b.png", "a&b.png"),
            ("&amp;한.png", "&한.png"),
            ("&#x41;&#66;.png", "AB.png"),
            ("a&b.png", "a&b.png"),
            ("&copy;.png", "&copy;.png"),
            ("&#0;x", "&#0;x"),
            ("&&&;", "&&&;"),
            ("&verylongname;", "&verylongname;"),
        ];
        for (raw, want) in table {
            assert_eq!(attr_text(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn rewrites_keep_each_form_valid() {
        let links: HashMap<String, String> = [
            ("a.png", "/x y/a.png"),
            ("b.png", "/n/b\"q.png"),
            ("c.png", "/n/c d.png"),
            ("p.png", "/n/a).png"),
            ("e.png", "/n/a&copy.png"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
        let cases: &[(&str, &str)] = &[
            ("![a](a.png) ![a](<a.png>)", "![a](</x y/a.png>) ![a](</x y/a.png>)"),
            ("<img src=\"b.png\"> <img src='b.png'>", "<img src=\"/n/b&quot;q.png\"> <img src='/n/b\"q.png'>"),
            ("<img src=c.png>", "<img src=\"/n/c d.png\">"),
            ("![x](other.png)", "![x](other.png)"),
            // An unbalanced `)` would end a raw destination; `&` would start a character reference.
            ("![p](p.png)", "![p](</n/a).png>)"),
            ("<img src=\"e.png\"> <img src=e.png>", "<img src=\"/n/a&amp;copy.png\"> <img src=/n/a&amp;copy.png>"),
        ];
        for (body, want) in cases {
            assert_eq!(rewrite_sites(body, &body_images(body).sites, &links), *want, "{body:?}");
        }
    }
}
