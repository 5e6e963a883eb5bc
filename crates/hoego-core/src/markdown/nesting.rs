//! The nesting cap: no rendered element is nested more than [`MAX_NESTING`]
//! deep, so no sanitizer or browser ever parses a deeper tree.
//!
//! Why: HTML parsers (ammonia's html5ever, the browser's under DOMPurify) do
//! work proportional to the depth of open elements on many tags, so 40 KB of
//! `- - - … a` or `<ul><li>` × 20,000 took them tens of seconds. Browsers cap
//! the DOM depth their parser builds (Chromium at 512) and markdown-it caps
//! nesting at 100 by default; we cap at 100, counting markdown containers
//! and raw HTML elements together. Beyond the cap:
//!
//! - a markdown element (list, item, quote, emphasis, link…) is *flattened*:
//!   its start and end are dropped and its content stays where it is (a line
//!   break marks where a dropped block ended);
//! - a raw HTML start tag is *escaped*: shown as text (`&lt;ul&gt;`), never
//!   parsed. End tags pass (closing nothing that exists is harmless).
//!
//! The count restarts at every top-level block, so each block renders the
//! same alone (the app's incremental preview) as inside the whole document
//! (`hoego render`). Raw HTML left open across blocks is counted separately,
//! only to tell the whole-document sanitizer where it may cut
//! ([`super::render`]).

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::html_depth::OpenElements;
use super::html_tags::{tags, Tag as HtmlTag};

/// Deepest nesting of rendered elements (markdown and raw HTML together).
pub const MAX_NESTING: usize = 100;

/// Called at the start of each top-level block after the first, with how
/// many raw HTML elements earlier blocks left open; returns `true` when the
/// caller cut the document there (those elements are then closed).
pub(crate) trait Boundary {
    /// See the trait.
    fn at_block_start(&mut self, open_before: usize) -> bool;
}

/// No cuts: rendering without sanitizing.
pub(crate) struct NoCuts;

impl Boundary for NoCuts {
    fn at_block_start(&mut self, _: usize) -> bool {
        false
    }
}

/// Tags that are structural parts of their parent (an item of its list, a
/// cell of its row): kept or dropped with the parent.
fn follows_parent(t: &Tag<'_>) -> bool {
    matches!(t, Tag::Item | Tag::TableHead | Tag::TableRow | Tag::TableCell)
}

/// Block ends that separate text: a dropped one leaves a line break.
fn ends_block(t: &TagEnd) -> bool {
    !matches!(
        t,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// What became of an open markdown element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Rendered: counts toward the cap.
    Kept,
    /// Past the cap: start and end dropped.
    Dropped,
    /// Rendered, but makes no element (an HTML block's wrapper).
    NoElement,
}

/// The adaptor (see the module docs).
pub(crate) struct CapNesting<'a, I, B> {
    inner: I,
    /// Per open markdown element: what became of it.
    md: Vec<Level>,
    /// How many of them were kept.
    kept: usize,
    /// Kept images open: raw HTML inside is alt text, never parsed.
    in_image: usize,
    /// Raw HTML open in the current top-level block.
    html: OpenElements,
    /// Raw HTML open in the document since the last cut.
    carried: OpenElements,
    boundary: B,
    started: bool,
    out: VecDeque<Event<'a>>,
    /// An event read ahead while collecting an HTML block's lines.
    pending: Option<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>, B: Boundary> CapNesting<'a, I, B> {
    /// Cap `inner`, reporting block starts to `boundary`.
    pub fn new(inner: I, boundary: B) -> Self {
        CapNesting {
            inner,
            md: Vec::new(),
            kept: 0,
            in_image: 0,
            html: OpenElements::default(),
            carried: OpenElements::default(),
            boundary,
            started: false,
            out: VecDeque::new(),
            pending: None,
        }
    }

    fn start(&mut self, t: Tag<'a>) -> Option<Event<'a>> {
        let level = if matches!(t, Tag::HtmlBlock) {
            Level::NoElement
        } else if follows_parent(&t) {
            match self.md.last() {
                Some(Level::Dropped) => Level::Dropped,
                _ => Level::Kept,
            }
        } else if self.kept + self.html.depth() < MAX_NESTING {
            Level::Kept
        } else {
            Level::Dropped
        };
        self.md.push(level);
        match level {
            Level::Dropped => return None,
            Level::Kept => self.kept += 1,
            Level::NoElement => {}
        }
        self.in_image += usize::from(matches!(t, Tag::Image { .. }));
        Some(Event::Start(t))
    }

    fn end(&mut self, t: TagEnd) -> Option<Event<'a>> {
        match self.md.pop() {
            Some(Level::Dropped) => return ends_block(&t).then_some(Event::SoftBreak),
            Some(Level::Kept) => self.kept -= 1,
            Some(Level::NoElement) | None => {}
        }
        self.in_image -= usize::from(t == TagEnd::Image);
        Some(Event::End(t))
    }

    /// Raw HTML: tags past the cap become text; the rest stays raw.
    fn raw(&mut self, html: CowStr<'a>, inline: bool) {
        if self.in_image > 0 {
            // The HTML writer escapes raw HTML in alt text: nothing is parsed.
            self.out.push_back(if inline { Event::InlineHtml(html) } else { Event::Html(html) });
            return;
        }
        let limit = MAX_NESTING.saturating_sub(self.kept);
        let mut escaped = Vec::new();
        for (range, tag) in tags(&html) {
            let keep = match &tag {
                HtmlTag::Start { name, self_closing } => self.html.start(name, *self_closing, limit),
                HtmlTag::End { name } => {
                    self.html.end(name);
                    true
                }
            };
            if keep {
                self.carried.apply(&tag);
            } else {
                escaped.push(range);
            }
        }
        let raw = |s: CowStr<'a>| if inline { Event::InlineHtml(s) } else { Event::Html(s) };
        if escaped.is_empty() {
            self.out.push_back(raw(html));
            return;
        }
        let mut at = 0;
        for r in escaped {
            if r.start > at {
                self.out.push_back(raw(html[at..r.start].to_string().into()));
            }
            self.out.push_back(Event::Text(html[r.clone()].to_string().into()));
            at = r.end;
        }
        if at < html.len() {
            self.out.push_back(raw(html[at..].to_string().into()));
        }
    }

    /// An HTML block arrives line by line; a tag may span lines, so its
    /// consecutive lines are read as one.
    fn html_block(&mut self, first: CowStr<'a>) {
        let mut text = first;
        loop {
            match self.inner.next() {
                Some(Event::Html(more)) => {
                    let mut s = text.into_string();
                    s.push_str(&more);
                    text = s.into();
                }
                other => {
                    self.pending = other;
                    break;
                }
            }
        }
        self.raw(text, false);
    }

    fn next_inner(&mut self) -> Option<Event<'a>> {
        let e = self.pending.take().or_else(|| self.inner.next())?;
        if self.md.is_empty() {
            // A new top-level block: its raw HTML counts from zero.
            self.html = OpenElements::default();
            if self.started && self.boundary.at_block_start(self.carried.depth()) {
                self.carried = OpenElements::default();
            }
            self.started = true;
        }
        Some(e)
    }
}

impl<'a, I: Iterator<Item = Event<'a>>, B: Boundary> Iterator for CapNesting<'a, I, B> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.out.pop_front() {
                return Some(e);
            }
            let mapped = match self.next_inner()? {
                Event::Start(t) => self.start(t),
                Event::End(t) => self.end(t),
                Event::Html(h) => {
                    self.html_block(h);
                    None
                }
                Event::InlineHtml(h) => {
                    self.raw(h, true);
                    None
                }
                other => Some(other),
            };
            if mapped.is_some() {
                return mapped;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_unsanitized;

    fn depth_of(html: &str) -> usize {
        // Deepest element nesting in well-formed output (our renderer's and escaped raw HTML).
        let mut open = OpenElements::default();
        let mut max = 0;
        for (_, t) in tags(html) {
            open.apply(&t);
            max = max.max(open.depth());
        }
        max
    }

    #[test]
    fn deep_inputs_are_capped_and_keep_their_text() {
        let n = 5_000;
        let cases = [
            format!("{}a\n", "- ".repeat(n)),
            format!("{}a\n", "> - ".repeat(n)),
            format!("{}a\n", "> ".repeat(n)),
            format!("{}a\n", "1. ".repeat(n)),
            format!("{}a\n", "<ul><li>".repeat(n)),
            format!("{}a{}\n", "*".repeat(n), "*".repeat(n)),
            format!("x {}a\n", "<b>".repeat(n)),
        ];
        for body in &cases {
            let html = render_unsanitized(body);
            let d = depth_of(&html);
            assert!(d <= MAX_NESTING + 2, "{}…: depth {d}", &body[..12]);
            assert!(html.contains('a'), "{}…: text kept", &body[..12]);
        }
    }

    #[test]
    fn shallow_input_is_untouched() {
        // Nesting below the cap renders exactly as pulldown-cmark alone does.
        let body = format!("{}deep\n\n<div><ul><li>x<li>y</ul></div>\n\n*a **b** [c](d)*\n", "- ".repeat(40));
        let mut plain = String::new();
        pulldown_cmark::html::push_html(&mut plain, crate::markdown::options::parser(&body));
        assert_eq!(render_unsanitized(&body), plain);
    }

    #[test]
    fn past_the_cap_html_is_escaped_and_markdown_flattened() {
        let body = format!("{}<i>deep</i>\n", "<div>".repeat(MAX_NESTING + 3));
        let html = render_unsanitized(&body);
        assert_eq!(html.matches("<div>").count(), MAX_NESTING);
        assert_eq!(html.matches("&lt;div&gt;").count(), 3);
        assert!(html.contains("&lt;i&gt;deep</i>"), "{}", &html[html.len() - 60..]);
        let list = render_unsanitized(&format!("{}a\n", "- ".repeat(MAX_NESTING + 10)));
        assert_eq!(list.matches("<ul>").count(), list.matches("</ul>").count());
        assert!(list.matches("<ul>").count() <= MAX_NESTING / 2 + 1);
    }

    #[test]
    fn each_top_level_block_counts_from_zero() {
        // Unclosed raw HTML in one block does not make the next one escape.
        let body = format!("{}\n\n{}\n", "<div>".repeat(MAX_NESTING), "<div>".repeat(MAX_NESTING));
        assert!(!render_unsanitized(&body).contains("&lt;"));
    }
}
