//! Rendering a body to HTML through event adaptors.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Tag, TagEnd, TextMergeStream};

use super::options::parser;
use super::sanitize::Sanitizer;

/// A heading's anchor id: lowercase, spaces to `-`, Hangul and other letters
/// kept (GitHub/Jekyll style), punctuation dropped.
pub fn anchor_id(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    s
}

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
                    if let Event::Text(t) | Event::Code(t) = &e {
                        text.push_str(t);
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
    let mut out = String::with_capacity(body.len() * 3 / 2);
    push_html(&mut out, parser(body));
    out
}

/// Run our adaptors over `events` and append the HTML to `out`.
pub(crate) fn push_html<'a>(out: &mut String, events: impl Iterator<Item = Event<'a>>) {
    let events = HeadingIds { inner: TextMergeStream::new(events), buffered: Vec::new().into_iter() }
        .filter_map(strip_kramdown_ial);
    html::push_html(out, events);
}

/// Render `body` to sanitized HTML. Liquid (`{{ }}`, `{% %}`) is plain text
/// here, so it renders inert.
pub fn render(body: &str, sanitizer: &dyn Sanitizer) -> String {
    sanitizer.sanitize(&render_unsanitized(body))
}
