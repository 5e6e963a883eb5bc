//! Live preview: sanitized HTML patched block by block (see
//! `hoego_core::markdown::blocks`), with a header card for title, date, tags.

use std::cell::RefCell;
use std::rc::Rc;

use hoego_core::markdown::blocks::BlockCache;
use hoego_core::markdown::{Budgeted, Limits, Omitted};
use hoego_core::templates::Lang;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::LARGE_POST;
use crate::frames::Deferred;
use crate::i18n::{grouped, t, Key};
use crate::sanitize::DomPurify;

thread_local! {
    static SANITIZER: DomPurify = DomPurify::default();
}

/// Scroll the preview to the same fraction as the editor.
pub fn follow(frac: f64) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(el) = doc.get_element_by_id("preview-scroll") else { return };
    let max = (el.scroll_height() - el.client_height()).max(0) as f64;
    el.set_scroll_top((frac * max).round() as i32);
}

/// Props.
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// Which draft (a new id starts a fresh cache).
    pub draft_id: AttrValue,
    /// Markdown body.
    pub body: AttrValue,
    /// Header card title.
    pub title: AttrValue,
    /// Header card date (ISO).
    pub date: AttrValue,
    /// Header card tags.
    pub tags: Vec<String>,
    /// Accessible name of the scrolling preview ("미리보기" / "Preview").
    pub label: AttrValue,
    /// UI language (the note under a preview cut short).
    pub lang: Lang,
    /// The post's path as imported (`blog/_posts/a.md`), which its image
    /// references are read from (`./a.png` is the image beside it).
    pub source: Option<AttrValue>,
    /// The imported images' [`crate::images::Shelf::generation`]: when it
    /// moves, `<img>`s drawn before (a reload's stored images read after the
    /// first frame, an image imported later) are pointed at them.
    pub images: u32,
}

/// Changed markdown rendered in the first slice of a change. A larger change
/// (an import, a paste) is rendered slice by slice, each sized to take about
/// [`SLICE_MS`] (a slice re-reads the block list, so fewer, larger slices
/// waste less), and the browser gets the main thread back after
/// [`TASK_MS`]: no task grows with the post (the issue's limit: 200 ms at a
/// time). A keystroke is a single small slice.
const SLICE_BYTES: usize = 2 << 10;
/// The most a slice may take on, however fast the last ones were.
const MAX_SLICE_BYTES: usize = 128 << 10;
/// Time one slice should take.
const SLICE_MS: f64 = 30.0;
/// Slices rendered in one go before yielding to the browser.
const TASK_MS: f64 = 50.0;
/// The same for the first slices of a change, which run in the task that made
/// it (an import, a draft opening): that task has its own work, and the frame
/// after it lays out the new editor, so the preview takes little of it.
const FIRST_TASK_MS: f64 = 10.0;

/// How much one block may be in the preview. Past it the block is not drawn
/// (a note says so; the post and its export keep it). Elements: the browser's
/// style and layout cost ~5 µs a paragraph and ~20 µs a list item, more when
/// nested: 4,000 list items 100 deep froze the tab for 230–300 ms (a new-user
/// trial), 32,000 (one 256 KB line of `<ul><li>`) 0.7–1.2 s. Bytes: one block
/// cannot be sliced, and 256 KB of markdown renders in ~90 ms here (1 MB of
/// `- - - …` took ~300 ms). Real posts' largest blocks (tables, long lists,
/// code) are a few KB and a few hundred elements.
const LIMITS: Limits = Limits { elements: 2_000, bytes: 256 << 10 };

/// Blank lines the preview draws up to: past the `MAX_BREAKS`th, the rest of
/// the body is not drawn and a note under the preview says how much is left.
/// The preview is one DOM node per block (and the block's own nodes), and the
/// browser's garbage collector walks all of them: 1 MB of `<div>` blocks
/// (150,000 of them) made collections of 110–230 ms in the middle of the
/// preview's slices, and 17 s of slicing to draw them. A blank line ends a
/// block everywhere but in fenced code and HTML, so this counts blocks closely
/// enough; a 1 MB retrospective of prose has ~28,000.
const MAX_BREAKS: usize = 40_000;

/// Where the preview of `body` stops: just after its [`MAX_BREAKS`]th blank
/// line (a line start), or `None` when it has no more than that.
pub(crate) fn preview_end(body: &str) -> Option<usize> {
    // Each blank line takes two bytes at least: a shorter body cannot have enough.
    if body.len() < 2 * MAX_BREAKS {
        return None;
    }
    let b = body.as_bytes();
    let mut breaks = 0;
    // `match_indices(char)` finds newlines with memchr: one pass, no per-byte loop.
    for (i, _) in body.match_indices('\n') {
        let blank = match b.get(i + 1) {
            Some(b'\n') => Some(i + 2),
            Some(b'\r') if b.get(i + 2) == Some(&b'\n') => Some(i + 3),
            _ => None,
        };
        if let Some(end) = blank {
            breaks += 1;
            if breaks == MAX_BREAKS {
                return (end < body.len()).then_some(end);
            }
        }
    }
    None
}

/// Where the preview of one draft stops, kept across edits: counted afresh,
/// an end moves whenever a blank line is added or removed before it, and
/// everything after the edit would be drawn again (37,000 blocks for one
/// Enter in a post of 50,000 paragraphs).
#[derive(Default)]
struct Cut {
    draft: String,
    body: AttrValue,
    end: Option<usize>,
}

impl Cut {
    /// Where the preview of `body` (of `draft`) stops: the last end, moved by
    /// the edit, when the edit is small and wholly before or after it; else
    /// [`preview_end`].
    fn update(&mut self, draft: &str, body: &AttrValue) -> Option<usize> {
        let kept = self.end.filter(|_| self.draft == draft).and_then(|end| follow_end(&self.body, end, body));
        let end = kept.or_else(|| preview_end(body));
        *self = Cut { draft: draft.to_string(), body: body.clone(), end };
        end
    }
}

/// Where `end`, a line start in `old`, is in `new` (`old` edited once), if the
/// edit is wholly before it or after it and adds at most 64 KB (a paste of
/// many blank lines is counted afresh, or it would grow the preview past
/// [`MAX_BREAKS`]). `None` also when nothing would be left out.
fn follow_end(old: &str, end: usize, new: &str) -> Option<usize> {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let (p, s) = hoego_core::span::common_ends(o, n);
    let moved = if p >= end {
        end
    } else {
        // The edit ends before the byte ending the line above the cut.
        let before = o.len() - s < end && n.len() - s - p <= 64 << 10;
        if !before {
            return None;
        }
        end + n.len() - o.len()
    };
    (moved < n.len()).then_some(moved)
}

/// The note under a preview cut at [`MAX_BREAKS`] blank lines, `rest` bytes before the end.
fn rest_note(lang: Lang, rest: usize) -> String {
    t(lang, Key::PreviewRest).replace("{n}", &grouped(MAX_BREAKS)).replace("{kb}", &grouped(rest.div_ceil(1024)))
}

/// The note shown instead of a block over [`LIMITS`] (trusted HTML: only our
/// text and numbers). It carries its numbers, so a language switch can write
/// it again ([`renote`]).
fn omitted(o: Omitted) -> String {
    let lang = web_sys::window().and_then(|w| w.document()).map_or(Lang::Ko, |d| crate::preview_dom::page_lang(&d));
    let (n, kb) = (o.elements.unwrap_or(0), o.bytes.div_ceil(1024));
    let text = omitted_text(lang, n, kb);
    format!(
        r#"<p class="preview-omitted" role="note" data-testid="preview-omitted" data-n="{n}" data-kb="{kb}">{text}</p>"#
    )
}

/// An omitted block's note: `n` elements (0: its markdown was too long), `kb` KB.
fn omitted_text(lang: Lang, n: usize, kb: usize) -> String {
    match n {
        0 => t(lang, Key::PreviewOmittedLong).replace("{kb}", &grouped(kb)),
        n => t(lang, Key::PreviewOmitted).replace("{n}", &grouped(n)).replace("{kb}", &grouped(kb)),
    }
}

/// Write the preview's language-bound parts in `lang`: task boxes' names and
/// omitted blocks' notes (a block keeps its nodes across keys that change
/// only its text, and a cached block its HTML, until it is edited).
fn relabel(el: &Element, lang: Lang) -> Result<(), wasm_bindgen::JsValue> {
    crate::preview_dom::name_task_boxes(el, lang)?;
    // With its numbers: a post's own `<p class="preview-omitted">` has none (DOMPurify
    // takes no `data-` attribute), and is left as written.
    let notes = el.query_selector_all(".preview-omitted[data-n][data-kb]")?;
    for i in 0..notes.length() {
        let Some(note) = notes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let num = |k: &str| note.get_attribute(k).and_then(|v| v.parse::<usize>().ok());
        if let (Some(n), Some(kb)) = (num("data-n"), num("data-kb")) {
            note.set_text_content(Some(&omitted_text(lang, n, kb)));
        }
    }
    Ok(())
}

struct Live {
    draft: String,
    cache: BlockCache,
    /// The blocks' wrappers (see `preview_dom`).
    nodes: Vec<Element>,
    /// The body the preview is heading for: the newest the editor sent.
    target: AttrValue,
    /// The next slice, while a large change is being rendered (dropping it cancels).
    next: Option<Deferred>,
    /// Bytes of change the next slice renders, learnt from the last ones.
    budget: usize,
}

impl Live {
    fn new(draft: &str) -> Self {
        Live {
            draft: draft.to_string(),
            cache: BlockCache::default(),
            nodes: Vec::new(),
            target: AttrValue::default(),
            next: None,
            budget: SLICE_BYTES,
        }
    }
}

/// Mark the preview `aria-busy` while a change is drawn over several frames.
fn set_busy(el: &Element, busy: bool) {
    let done = if busy { el.set_attribute("aria-busy", "true") } else { el.remove_attribute("aria-busy") };
    if done.is_err() {
        web_sys::console::warn_1(&"hoego: could not mark the preview busy".into());
    }
}

/// Render one slice of the way to `live.target` into `el`; schedule the next
/// one if the preview is not there yet.
fn step(live: &Rc<RefCell<Live>>, el: &Element, task_ms: f64) {
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = || clock.as_ref().map_or(0.0, |p| p.now());
    let started = now();
    let mut l = live.borrow_mut();
    let body = l.target.clone();
    loop {
        let t0 = now();
        let budget = l.budget;
        let (patch, done) = SANITIZER.with(|s| {
            let budgeted = Budgeted::new(s, LIMITS, &omitted);
            l.cache.update_sliced(&body, &budgeted, budget)
        });
        let Live { nodes, .. } = &mut *l;
        if crate::preview_dom::apply(el, nodes, &patch).is_err() {
            web_sys::console::error_1(&"preview patch failed".into());
        }
        if done {
            l.budget = SLICE_BYTES;
            break;
        }
        // Size the next slice to take about SLICE_MS at the pace just seen.
        // (Growth is bounded: a cheap slice says little about the next one.)
        let pace = SLICE_MS / (now() - t0).max(1.0);
        l.budget = ((l.budget as f64 * pace.clamp(0.25, 2.0)) as usize).clamp(1 << 10, MAX_SLICE_BYTES);
        if now() - started > task_ms {
            let (live2, el2) = (live.clone(), el.clone());
            l.next = Some(Deferred::after_frame(move || step(&live2, &el2, TASK_MS)));
            // Still drawing (assistive tech waits; tests wait for it to go). Not set for a
            // keystroke, which is one slice: no attribute changes per key.
            set_busy(el, true);
            return;
        }
    }
    l.next = None;
    set_busy(el, false);
    crate::browser::mark("__hoegoPatchedAt");
}

/// The preview.
#[function_component(Preview)]
pub fn preview(p: &PreviewProps) -> Html {
    // Read by the image look-ups of the DOM patches this render's effects apply.
    crate::images::set_post(p.source.as_deref());
    let container = use_node_ref();
    let live = use_mut_ref(|| Live::new(""));
    let cut = use_mut_ref(Cut::default);
    // A body past MAX_BREAKS blank lines is previewed up to there.
    let end = cut.borrow_mut().update(&p.draft_id, &p.body);
    {
        let container = container.clone();
        let live = live.clone();
        use_effect_with((p.draft_id.clone(), p.body.clone()), move |(id, body)| {
            let body = match end {
                Some(end) => AttrValue::from(body[..end].to_string()),
                None => body.clone(),
            };
            if let Some(el) = container.cast::<Element>() {
                let opened = {
                    let mut l = live.borrow_mut();
                    let opened = l.draft != id.as_str();
                    if opened {
                        crate::preview_dom::clear(&el);
                        *l = Live::new(id);
                    }
                    l.target = body.clone();
                    opened
                };
                if opened && body.len() > LARGE_POST {
                    // A large draft just opened: its editor is laid out in the coming
                    // frame; the preview starts after it, in a task of its own.
                    let (live2, el2) = (live.clone(), el.clone());
                    live.borrow_mut().next = Some(Deferred::after_frame(move || step(&live2, &el2, TASK_MS)));
                } else {
                    // The first slice at once: a keystroke is always a single slice.
                    step(&live, &el, FIRST_TASK_MS);
                }
            }
            // A newer body (or leaving) cancels the pending slice; the next run starts from here.
            move || live.borrow_mut().next = None
        });
    }
    {
        // Task boxes' names and omitted blocks' notes are in the UI language.
        let container = container.clone();
        use_effect_with(p.lang, move |lang| {
            if let Some(el) = container.cast::<Element>() {
                crate::browser::warn_on_err(relabel(&el, *lang), "writing the preview in the new language");
            }
        });
    }
    {
        let container = container.clone();
        use_effect_with(p.images, move |_| {
            if let Some(el) = container.cast::<Element>() {
                crate::browser::warn_on_err(crate::images::show_imported(&el), "showing the imported images");
            }
        });
    }
    let onclick = Callback::from(|e: MouseEvent| {
        // Links in the preview never navigate away from the editor.
        if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            if t.closest("a").ok().flatten().is_some() {
                e.prevent_default();
            }
        }
    });
    html! {
        // A scrolling region: focusable so keyboard users can scroll it, and named.
        // Described: far chunks are empty boxes (preview_chunks.js), out of the
        // accessibility tree, so a screen reader is told where the whole text is.
        <div id="preview-scroll" class="preview-scroll" tabindex="0" role="region" aria-label={p.label.clone()} aria-describedby="Hoego-preview-note">
            <p id="Hoego-preview-note" class="sr-only">{ t(p.lang, Key::PreviewNote) }</p>
            <header class="card">
                <h1 class="card-title">{ &p.title }</h1>
                if !p.date.is_empty() { <time class="card-date">{ &p.date }</time> }
                // A header card, not an index: a post with thousands of tags shows the first ones.
                <div class="card-tags">
                    { for p.tags.iter().take(super::chips::SHOWN).map(|t| html! { <span class="tag">{ "#" }{ t }</span> }) }
                    if p.tags.len() > super::chips::SHOWN { <span class="tag">{ format!("+{}", p.tags.len() - super::chips::SHOWN) }</span> }
                </div>
            </header>
            <article class="markdown" data-testid="preview" ref={container} {onclick}></article>
            if let Some(end) = end {
                <p class="preview-omitted" role="note" data-testid="preview-rest">{ rest_note(p.lang, p.body.len() - end) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_moves_with_an_edit_before_it_and_stays_for_one_after_it() {
        let old = "a\n\nb\n\nc\n\nrest\n"; // cut at 6, before "c"
                                           // (new text, where the cut is)
        let cases = [
            ("a\n\n\nb\n\nc\n\nrest\n", Some(7)), // a blank line added before: moved, not recounted
            ("a\nb\n\nc\n\nrest\n", Some(5)),     // one removed
            ("a\n\nb\n\nc\n\nrest and more\n", Some(6)), // typing after it: stays
            ("a\n\nb\n\nc", Some(6)),             // cut short after it
            ("a\n\nb\nXc\n\nrest\n", None),       // the line ending above the cut edited
            ("a\n\nb\n\n", None),                 // nothing left after it
        ];
        for (new, want) in cases {
            assert_eq!(follow_end(old, 6, new), want, "{new:?}");
            if let Some(end) = want {
                assert!(new[..end].ends_with('\n'), "{new:?}: a line start");
            }
        }
        // A large paste before the cut is counted afresh.
        let paste = format!("{}{}", "\n".repeat(70_000), old);
        assert_eq!(follow_end(old, 6, &paste), None);
    }

    #[test]
    fn the_preview_stops_after_max_breaks_blank_lines() {
        let lf = |n: usize| "a\n\n".repeat(n);
        let crlf = |n: usize| "a\r\n\r\n".repeat(n);
        // (body, where the preview stops)
        let cases = [
            (String::new(), None),
            ("a\n".repeat(3 * MAX_BREAKS), None), // long, but no blank line
            (lf(MAX_BREAKS), None),               // exactly the limit, nothing after
            (lf(MAX_BREAKS) + "tail\n", Some(3 * MAX_BREAKS)), // the tail is cut
            (lf(MAX_BREAKS + 5), Some(3 * MAX_BREAKS)),
            (crlf(MAX_BREAKS + 1), Some(5 * MAX_BREAKS)),
            // Three newlines are two blank lines.
            ("a\n\n\n".repeat(MAX_BREAKS / 2 + 1), Some(4 * (MAX_BREAKS / 2))),
        ];
        for (body, want) in cases {
            let got = preview_end(&body);
            assert_eq!(got, want, "{} bytes", body.len());
            if let Some(end) = got {
                // A line start, and the part before it holds MAX_BREAKS blank lines.
                assert!(body[..end].ends_with('\n'));
                assert_eq!(preview_end(&body[..end]), None);
            }
        }
    }
}
