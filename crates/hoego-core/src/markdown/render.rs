//! Rendering a body to HTML through event adaptors.

use std::cell::RefCell;
use std::rc::Rc;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Tag, TagEnd, TextMergeStream};

use super::liquid_code::highlight_as_fences;
use super::nesting::{Boundary, CapNesting, NoCuts, MAX_NESTING};
use super::options::parser;
use super::sanitize::Sanitizer;

/// A heading's id in the preview: [`HEADING_ID_PREFIX`], then its text
/// lowercased, spaces to `-`, Hangul and other letters kept (GitHub/Jekyll
/// style), punctuation dropped. Empty for a heading with no such character.
pub fn anchor_id(text: &str) -> String {
    let mut s = String::from(HEADING_ID_PREFIX);
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    if s.len() == HEADING_ID_PREFIX.len() {
        s.clear();
    }
    s
}

/// What every heading id begins with, as GitHub's do: an id from a post's text
/// must not take the app's own ids (`x-target`, `conflict-title`), and ids that
/// name `document` properties (`links`, `title`, `body`) are dropped by the
/// sanitizer, which left such headings out of the outline's reach.
pub const HEADING_ID_PREFIX: &str = "user-content-";

/// Adaptor: give headings an `id` from their text, so the outline can jump.
struct HeadingIds<'a, I: Iterator<Item = Event<'a>>> {
    inner: I,
    buffered: std::vec::IntoIter<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;
    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.buffered.next() {
            return Some(e);
        }
        match self.inner.next()? {
            Event::Start(Tag::Heading { level, id: None, classes, attrs }) => {
                let mut events = Vec::new();
                let mut text = String::new();
                for e in self.inner.by_ref() {
                    let end = matches!(e, Event::End(TagEnd::Heading(_)));
                    // The text the outline shows (`stats::analyze`), so its jump finds this id:
                    // a line break is a space (a setext heading of two lines), an attribute line nothing.
                    match &e {
                        Event::Text(t) | Event::Code(t) if !is_ial(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        _ => {}
                    }
                    events.push(e);
                    if end {
                        break;
                    }
                }
                let id = anchor_id(&text);
                let start = Event::Start(Tag::Heading {
                    level,
                    id: (!id.is_empty()).then(|| CowStr::from(id)),
                    classes,
                    attrs,
                });
                self.buffered = events.into_iter();
                Some(start)
            }
            other => Some(other),
        }
    }
}

/// What footnote labels are prefixed with where they become ids (`id="…"`,
/// `href="#…"`), as heading ids are: `[^x-target]` took the export panel's id.
const FOOTNOTE_ID_PREFIX: &str = "user-content-fn-";

/// Adaptor: footnote labels prefixed (see [`FOOTNOTE_ID_PREFIX`]); the
/// numbers shown are counted by label, so they do not change.
fn prefix_footnotes(e: Event<'_>) -> Event<'_> {
    let prefixed = |l: &str| CowStr::from(format!("{FOOTNOTE_ID_PREFIX}{l}"));
    match e {
        Event::FootnoteReference(l) => Event::FootnoteReference(prefixed(&l)),
        Event::Start(Tag::FootnoteDefinition(l)) => Event::Start(Tag::FootnoteDefinition(prefixed(&l))),
        other => other,
    }
}

/// Adaptor: an image URL's `\` written as `/`. Posts written on Windows have
/// `![](\assets\a.jpg)`; the HTML writer would escape each `\` as `%5C`, a
/// path no browser or imported image has, where kramdown passes it through and
/// browsers read it as `/` (the export reads it so too: `export::image_ref`).
fn slash_image_urls(e: Event<'_>) -> Event<'_> {
    match e {
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if dest_url.contains('\\') => {
            let dest_url = CowStr::from(dest_url.replace('\\', "/"));
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    }
}

/// Adaptor: drop kramdown attribute lines (`{: .class}`, `{:.align-center}`)
/// that stand alone or end a paragraph: the generators consume them, so the
/// preview must not show them as text.
fn strip_kramdown_ial<'a>(e: Event<'a>) -> Option<Event<'a>> {
    match &e {
        Event::Text(t) if is_ial(t) => None,
        _ => Some(e),
    }
}

/// Is `t` a kramdown inline attribute list such as `{: .captionC}`?
pub fn is_ial(t: &str) -> bool {
    let t = t.trim();
    t.starts_with("{:") && t.ends_with('}') && !t[2..t.len() - 1].contains(['{', '}'])
}

/// Level as a number.
pub fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// Render without sanitizing. Only for sanitizers that need the raw HTML and
/// for tests; never show this output.
pub fn render_unsanitized(body: &str) -> String {
    let body = &*highlight_as_fences(body);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    push_html(&mut out, parser(body));
    out
}

/// Our adaptors, in order: merged text, the nesting cap, heading ids,
/// kramdown attribute lines dropped, footnote ids prefixed, image URLs'
/// backslashes read as slashes.
fn adapt<'a>(events: impl Iterator<Item = Event<'a>>, cuts: impl Boundary) -> impl Iterator<Item = Event<'a>> {
    let capped = CapNesting::new(TextMergeStream::new(events), cuts);
    HeadingIds { inner: capped, buffered: Vec::new().into_iter() }
        .filter_map(strip_kramdown_ial)
        .map(prefix_footnotes)
        .map(slash_image_urls)
}

/// Run our adaptors over `events` and append the HTML to `out`.
pub(crate) fn push_html<'a>(out: &mut String, events: impl Iterator<Item = Event<'a>>) {
    html::push_html(out, adapt(events, NoCuts));
}

/// [`push_html`], also telling whether every event was plain (see
/// [`super::plain`]): no raw HTML, no URL with a scheme but http(s) or mailto.
pub(crate) fn push_html_plain<'a>(out: &mut String, events: impl Iterator<Item = Event<'a>>) -> bool {
    let mut plain = true;
    html::push_html(out, adapt(events, NoCuts).inspect(|e| plain &= super::plain::is_plain(e)));
    plain
}

/// Unsanitized HTML is handed to the sanitizer in pieces of about this size,
/// cut between top-level blocks: the sanitizer's tree (ammonia's DOM is tens
/// of times the HTML's size) stays small whatever the post's size.
const CHUNK: usize = 64 << 10;

/// The HTML written so far and not yet sanitized, shared between the HTML
/// writer (which appends) and [`Cuts`] (which takes it at a cut).
#[derive(Clone)]
struct Shared(Rc<RefCell<String>>);

impl std::fmt::Write for Shared {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// Cuts the document for the sanitizer where no raw HTML element is left
/// open (so sanitizing the pieces equals sanitizing the whole), or where
/// more than [`MAX_NESTING`] are (so the sanitizer never parses deeper: it
/// closes them at the cut, as the app's per-block preview does).
struct Cuts<'s> {
    html: Shared,
    sanitizer: &'s dyn Sanitizer,
    sink: &'s mut dyn FnMut(&str),
}

impl Boundary for Cuts<'_> {
    fn at_block_start(&mut self, open_before: usize) -> bool {
        let len = self.html.0.borrow().len();
        if open_before > MAX_NESTING || (open_before == 0 && len >= CHUNK) {
            let piece = std::mem::take(&mut *self.html.0.borrow_mut());
            (self.sink)(&self.sanitizer.sanitize(&piece));
            return true;
        }
        false
    }
}

/// Render `body` to sanitized HTML, handed to `sink` in pieces as they are
/// ready (the CLI streams them; memory stays proportional to one piece).
/// Liquid (`{{ }}`, `{% %}`) is plain text here, so it renders inert; only
/// `{% highlight %}` blocks are read as Jekyll renders them, as code.
pub fn render_to(body: &str, sanitizer: &dyn Sanitizer, sink: &mut dyn FnMut(&str)) {
    let body = &*highlight_as_fences(body);
    let html = Shared(Rc::new(RefCell::new(String::new())));
    let cuts = Cuts { html: html.clone(), sanitizer, sink: &mut *sink };
    html::write_html_fmt(html.clone(), adapt(parser(body), cuts)).expect("Shared::write_str never fails");
    let rest = std::mem::take(&mut *html.0.borrow_mut());
    if !rest.is_empty() {
        sink(&sanitizer.sanitize(&rest));
    }
}

/// Render `body` to sanitized HTML (see [`render_to`]).
pub fn render(body: &str, sanitizer: &dyn Sanitizer) -> String {
    let mut out = String::with_capacity(body.len() * 3 / 2);
    render_to(body, sanitizer, &mut |piece| out.push_str(piece));
    out
}

#[cfg(all(test, feature = "graphemes"))]
mod tests {
    use super::*;

    /// A footnote's label is an id in the HTML: prefixed, it cannot take one of the app's.
    #[test]
    fn footnote_ids_are_prefixed() {
        let html = render_unsanitized("a[^x-target] b[^2]\n\n[^x-target]: n\n\n[^2]: m\n");
        assert!(html.contains(r##"<a href="#user-content-fn-x-target">1</a>"##), "{html}");
        assert!(html.contains(r#"id="user-content-fn-x-target""#), "{html}");
        assert!(html.contains(r##"<a href="#user-content-fn-2">2</a>"##), "{html}");
        assert!(!html.contains(r#"id="x-target""#), "{html}");
    }

    /// An image URL written with backslashes (on Windows) is shown with slashes,
    /// as the old site's browser read it, not as `%5C`; links and text keep theirs.
    #[test]
    fn image_urls_backslashes_are_slashes() {
        let cases = [
            ("![c](\\assets\\img\\c.jpg)\n", "<img src=\"/assets/img/c.jpg\" alt=\"c\" />"),
            ("![c][r]\n\n[r]: img\\c.jpg\n", "<img src=\"img/c.jpg\" alt=\"c\" />"),
            ("[l](a\\b.html) a\\b\n", "<a href=\"a%5Cb.html\">l</a> a\\b"),
        ];
        for (body, want) in cases {
            let html = render_unsanitized(body);
            assert!(html.contains(want), "{body:?}: {html}");
        }
    }

    /// Every heading's id in the preview is the one the outline computes from
    /// the heading text it lists: the outline's jump looks the heading up by it.
    #[test]
    fn preview_ids_are_the_outline_texts_ids() {
        let bodies = [
            "## 올해의 목표\n",
            "a\nb\n===\n",
            "a  \nb\n---\n",
            "## `code` and *em* [link](/x)\n",
            "## Title {: .x}\n",
            "## {: #custom}\n\n## after\n",
            "## &amp; 마치며 &lt;3\n",
            "## a &amp; {: .x}\n",
            "## {: .x} &amp; b\n",
        ];
        for body in bodies {
            let html = render_unsanitized(body);
            let ids: Vec<&str> = html.split(" id=\"").skip(1).filter_map(|r| r.split('"').next()).collect();
            let (_, headings) = crate::stats::analyze(body);
            let want: Vec<String> = headings.iter().map(|h| anchor_id(&h.text)).filter(|id| !id.is_empty()).collect();
            assert_eq!(ids, want, "{body:?}");
        }
    }
}
