//! The body textarea, safe for IME input.
//!
//! The element is *uncontrolled*: Yew never writes its `value`. We write it
//! ourselves only when the body changed from outside (another draft, raw
//! mode) and never between `compositionstart` and `compositionend`, because
//! writing the value mid-composition cancels Hangul/Japanese/Chinese input.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use js_sys::JsString;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::{grouped, t, Key};
use crate::lazy::lazily;
use crate::paging;
use crate::text_delta::{guess_splice, utf16_to_byte};
use hoego_core::line_endings;
use hoego_core::split::LineEnding;
use hoego_core::templates::Lang;

/// The text as last sent up, in Rust, and the textarea's value it came from (a
/// JavaScript string: holding it costs nothing). `js` is `None` when the two
/// may differ (the state changed the body): the next edit reads the whole value.
#[derive(Default)]
struct Mirror {
    text: String,
    js: Option<JsString>,
    /// Line breaks in `text`, once counted; the per-key delta keeps the count.
    lines: Option<usize>,
    /// `text` before the writer's last edit (moved, not copied): when that edit
    /// grows the textarea past what it may hold, the body from before it goes
    /// to `undo_repage`.
    before_edit: Option<String>,
    /// The body from before the edit after which the textarea was paged anew,
    /// or before a join of two pages, and where in it the edit began: writing
    /// the page emptied the browser's own undo, so Ctrl+Z (before any other
    /// edit) puts this back.
    undo_repage: Option<Undo>,
    /// What that Ctrl+Z took away, for Ctrl+Shift+Z or Ctrl+Y (before any other edit).
    redo_repage: Option<Undo>,
    /// An edit since the textarea was last written replaced or deleted its whole
    /// text. Chromium's undo of such an edit puts the old text back into
    /// whatever the textarea holds by then (Chromium 156: select all, Delete, a
    /// new value, Ctrl+Z: the old text glued to the new), so the next write
    /// first makes the browser forget its undo ([`forget_undo`]).
    emptied: bool,
    /// A body changed from outside (another tab's save, the goals summary's
    /// refresh of a paged body) while a composition was
    /// open, not yet in the textarea: the next `send` (the composition's end)
    /// puts the textarea's edit into it ([`composed_into`]).
    outside: Option<String>,
}

/// A body to put back with Ctrl+Z (or, undone, with Ctrl+Shift+Z), and the
/// byte in it where the caret goes: for an undo, where the undone edit began,
/// so the writer is back on the page and line they were on (mapping the caret back from the edited text cannot tell the
/// end of one page's last line from the start of the next page's first line).
struct Undo {
    body: String,
    caret: usize,
    /// Was it edited a page at a time? A join keeps pages at the limit, where
    /// a body opened whole would not have them.
    paged: bool,
}

/// Where in `old` the edit that made it `new` began, `caret` being where the
/// edit left the caret in `new`: no later than where the two first differ,
/// and no later than the caret less what the edit added (a paste whose first
/// lines repeat the text after it shares more than its start with it).
/// Backed off to a character boundary.
fn edit_start(old: &str, new: &str, caret: Option<usize>) -> usize {
    let shared = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let by_caret = caret.map_or(usize::MAX, |c| (c + old.len()).saturating_sub(new.len()));
    let at = shared.min(by_caret).min(old.len());
    (0..=at).rev().find(|&i| old.is_char_boundary(i)).unwrap_or(0)
}

impl Mirror {
    /// The textarea was given `text` (an outside change, a page turn): nothing to undo.
    fn shown(text: String) -> Self {
        Mirror { text, ..Mirror::default() }
    }

    /// The writer edited the textarea to `text` (a `send` may find it unchanged:
    /// a cancelled composition, an outdent with nothing to outdent; the undo of
    /// a new page then stays).
    fn edited(&mut self, text: String, js: Option<JsString>, lines: Option<usize>) {
        if text == self.text {
            self.js = js;
            return;
        }
        self.emptied |= text.is_empty();
        self.before_edit = Some(std::mem::replace(&mut self.text, text));
        (self.js, self.lines, self.undo_repage, self.redo_repage) = (js, lines, None, None);
    }

    /// Line breaks in `text` (counted once after a whole-value read).
    fn lines(&mut self) -> usize {
        *self.lines.get_or_insert_with(|| paging::newlines(&self.text))
    }
}

/// The body around the page the textarea holds, when a very long body is
/// edited a page at a time (see [`crate::paging`]); empty otherwise. The body
/// is always `before + page + after`.
#[derive(Default)]
struct Around {
    before: String,
    after: String,
    /// Line breaks in `before` and `after`, counted once per page.
    before_lines: usize,
    after_lines: usize,
}

impl Around {
    fn of(body: &str, page: &Range<usize>) -> Self {
        let (before, after) = (&body[..page.start], &body[page.end..]);
        Around {
            before: before.to_string(),
            after: after.to_string(),
            before_lines: paging::newlines(before),
            after_lines: paging::newlines(after),
        }
    }

    fn is_paged(&self) -> bool {
        !(self.before.is_empty() && self.after.is_empty())
    }

    /// Where a page of `page_len` bytes between these parts lies in the body.
    fn range(&self, page_len: usize) -> Range<usize> {
        self.before.len()..self.before.len() + page_len
    }

    /// The whole body with `page` as the textarea holds it.
    fn join(&self, page: &str) -> String {
        if !self.is_paged() {
            return page.to_string();
        }
        [self.before.as_str(), page, self.after.as_str()].concat()
    }

    /// Is `body` this page between these parts?
    fn holds(&self, page: &str, body: &str) -> bool {
        body.len() == self.before.len() + page.len() + self.after.len()
            && body.starts_with(&self.before)
            && body.ends_with(&self.after)
            && &body[self.before.len()..self.before.len() + page.len()] == page
    }

    /// Where `page` is in the body, for the page bar (`None` when the whole
    /// body is shown).
    fn view(&self, page: &str, paged: bool) -> Option<PageView> {
        paged.then(|| {
            // The body's last line has no line break if its last part does not end in one.
            let last_part = [self.after.as_str(), page, self.before.as_str()].into_iter().find(|p| !p.is_empty());
            let open_end = last_part.is_none_or(|p| !p.ends_with('\n'));
            let (first, last, total) = paging::numbers(self.before_lines, page, self.after_lines, open_end);
            PageView { first, last, total, has_prev: !self.before.is_empty(), has_next: !self.after.is_empty() }
        })
    }
}

/// What the page bar shows.
#[derive(Debug, Clone, PartialEq)]
struct PageView {
    first: usize,
    last: usize,
    total: usize,
    has_prev: bool,
    has_next: bool,
}

/// The page bar's state, and what it shows now: callbacks made at the first
/// render compare against `shown`, not against their stale copy of the state,
/// so an unchanged bar causes no render.
#[derive(Clone)]
struct Bar {
    state: UseStateHandle<Option<PageView>>,
    shown: Rc<RefCell<Option<PageView>>>,
    /// Where the last page turn went, for a screen reader: a live region says it
    /// on a turn only (the bar's own numbers change with every line typed).
    said: UseStateHandle<Option<PageView>>,
}

impl Bar {
    fn show(&self, v: Option<PageView>) {
        if *self.shown.borrow() != v {
            if v.is_none() {
                // Paging ended: a later bar starts with nothing said. (Set without
                // reading it: a listener attached once holds the first render's handle.)
                self.said.set(None);
            }
            *self.shown.borrow_mut() = v.clone();
            self.state.set(v);
        }
    }

    /// The page was turned to the one shown: say where it is.
    fn turned(&self) {
        self.said.set(self.shown.borrow().clone());
    }
}

/// The caret's byte offset in `text`, the textarea's value (`None` when it has
/// no caret or the value is not `text`).
fn caret_byte(el: &HtmlTextAreaElement, text: &str) -> Option<usize> {
    let at = el.selection_start().ok()??;
    let len16 = js_value(el)?.length();
    utf16_to_byte(text, len16, at)
}

/// The element's value as a JavaScript string (no copy into wasm memory).
fn js_value(el: &HtmlTextAreaElement) -> Option<JsString> {
    js_sys::Reflect::get(el, &"value".into()).ok()?.dyn_into().ok()
}

/// The new text after one edit, from the mirror and only the inserted part of the
/// value, when the edit was a plain insertion or deletion at the caret and the
/// browser confirms both values are equal outside it; `None` otherwise.
fn apply_delta(el: &HtmlTextAreaElement, mirror: &Mirror) -> Option<(String, JsString, Option<usize>)> {
    let old = mirror.js.as_ref()?;
    let new = js_value(el)?;
    let (old_len, new_len) = (old.length(), new.length());
    let s = guess_splice(old_len, new_len, el.selection_end().ok()??)?;
    // `==` on two JsStrings is JavaScript's `===`: a native comparison, no copy.
    let same_before = new.slice(0, s.at) == old.slice(0, s.at);
    let same_after = new.slice(s.at + s.inserted, new_len) == old.slice(s.at + s.removed, old_len);
    let inserted = new.slice(s.at, s.at + s.inserted);
    if !(same_before && same_after && inserted.is_valid_utf16()) {
        return None;
    }
    let start = utf16_to_byte(&mirror.text, old_len, s.at)?;
    let end = utf16_to_byte(&mirror.text, old_len, s.at + s.removed)?;
    let inserted = String::from(inserted);
    let mut text = String::with_capacity(mirror.text.len() + inserted.len() - (end - start));
    text.push_str(&mirror.text[..start]);
    text.push_str(&inserted);
    text.push_str(&mirror.text[end..]);
    let lines = mirror.lines.map(|n| n + paging::newlines(&inserted) - paging::newlines(&mirror.text[start..end]));
    Some((text, new, lines))
}

/// Asks the body editor to put its caret on a heading: the outline sets
/// [`GOTO_ATTR`] on the textarea to the heading's text, [`GOTO_AT_ATTR`] to
/// where it starts in the body, and dispatches this event on it. The editor
/// looks in the whole body, so on a long body edited a page at a time it turns
/// to the heading's page.
pub const GOTO_EVENT: &str = "hoego-goto-heading";
/// See [`GOTO_EVENT`].
pub const GOTO_ATTR: &str = "data-goto-heading";
/// See [`GOTO_EVENT`]: a byte offset in the whole body.
pub const GOTO_AT_ATTR: &str = "data-goto-at";

/// Byte offset of the start of the heading line holding `text`: the line at
/// `at` (where the outline's analysis found it) when a heading still starts
/// there, else the first `#` line that holds the text (the body changed since
/// the analysis, which runs a moment after typing stops).
fn heading_offset(body: &str, text: &str, at: Option<usize>) -> Option<usize> {
    let at = at.filter(|&i| i <= body.len() && body.is_char_boundary(i));
    if let Some(i) = at {
        let start = body[..i].rfind('\n').map_or(0, |n| n + 1);
        let line = body[start..].split('\n').next().unwrap_or("");
        // An ATX heading's range starts at its `#` (also in a quote or a list item);
        // a setext heading's at its text, which its line holds, unless it has
        // markup or several lines: then its underline still follows.
        if body[i..].starts_with('#') || line.contains(text) || underline_follows(&body[start..]) {
            return Some(start);
        }
    }
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with('#') && line.contains(text) {
            return Some(at);
        }
        at += line.len();
    }
    setext_holding(body, text)
}

/// The start of the first setext heading whose lines, joined by spaces and
/// without emphasis or code marks, are `text` (the outline's text of it).
fn setext_holding(body: &str, text: &str) -> Option<usize> {
    let plain = |t: &str| t.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect::<String>();
    let want = plain(text);
    let (mut at, mut start, mut joined) = (0, None, String::new());
    for line in body.split_inclusive('\n') {
        let l = line.trim();
        if l.is_empty() {
            start = None;
        } else if let Some(s) = start.filter(|_| is_underline(line)) {
            if plain(&joined) == want {
                return Some(s);
            }
            start = None;
        } else {
            if start.is_none() {
                joined.clear();
            } else {
                joined.push(' ');
            }
            start = start.or(Some(at));
            joined.push_str(l);
        }
        at += line.len();
    }
    None
}

/// Whether a setext underline ends the paragraph that `text` starts with.
fn underline_follows(text: &str) -> bool {
    text.split('\n').skip(1).take_while(|l| !l.trim().is_empty()).any(is_underline)
}

/// Whether `line` is a setext underline: `=`s or `-`s, up to three spaces in.
fn is_underline(line: &str) -> bool {
    let u = line.trim_end();
    let indent = u.len() - u.trim_start_matches(' ').len();
    let u = u.trim_start();
    indent <= 3 && !u.is_empty() && (u.bytes().all(|b| b == b'=') || u.bytes().all(|b| b == b'-'))
}

/// The body as the post has it, and the post's line ending.
struct PostText {
    text: String,
    ending: LineEnding,
}

/// `edited`, the textarea's text made whole, as the post's text
/// (`line_endings::from_textarea`: the post's line endings, a NUL as U+FFFD),
/// which the post's text then is. `None`: a post of `\n` lines only, whose
/// text is the textarea's. Also whether a NUL was replaced: then the text sent
/// differs from the textarea's by more than line endings, and the textarea
/// must be given it back.
fn with_endings(post: &RefCell<Option<PostText>>, edited: String) -> (String, bool) {
    let nul = edited.contains('\0');
    let text = match post.borrow_mut().as_mut() {
        Some(post) => {
            let text = line_endings::from_textarea(&post.text, &edited, post.ending);
            post.text.clone_from(&text);
            text
        }
        None if nul => line_endings::from_textarea("", &edited, LineEnding::Lf),
        None => edited,
    };
    (text, nul)
}

/// Put `page` of `body` in the textarea, with the parts around it kept and the
/// page bar saying where it is (a page turn, a jump to a heading).
fn show_page(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, body: &str, page: Range<usize>) {
    *a = Around::of(body, &page);
    let text = &body[page];
    set_wrap(el, text);
    if m.emptied {
        lazily::<ForgetUndo>(forget_undo)(el);
    }
    el.set_value(text);
    *m = Mirror::shown(text.to_string());
    bar.show(a.view(text, a.is_paged()));
}

/// Turn from the page shown to the one after it (`forward`) or before it.
/// The caret goes to the new page's first line, or with `to_end` to its end
/// (an arrow key that went back past the page's start goes on from there).
/// False when there is no page that way.
fn turn_page(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, forward: bool, to_end: bool) -> bool {
    let body = a.join(&m.text);
    let here = a.range(m.text.len());
    let Some(page) = (if forward { paging::next(&body, &here) } else { paging::prev(&body, &here) }) else {
        return false;
    };
    show_page(el, m, a, bar, &body, page);
    bar.turned();
    // The preview follows the editor's scroll events, and a textarea already at
    // the scroll position it is given sends none: say where the new page is.
    let shown = if to_end { a.before.len() + m.text.len() } else { a.before.len() };
    crate::components::preview::follow(shown as f64 / body.len().max(1) as f64);
    if to_end {
        caret_on_page(el, &m.text, m.text.len());
        return true;
    }
    el.set_scroll_top(0);
    // Best effort: the caret goes to the page's first line.
    if el.set_selection_range(0, 0).is_err() {
        web_sys::console::warn_1(&"hoego: could not place the caret on the new page".into());
    }
    true
}

/// Backspace at a page's start, or Delete at its end (`forward`): the line
/// break between this page and the next one lies outside the textarea (a
/// page runs from a line start to its last line's end), so the browser has
/// nothing to delete. Delete it here, show the page holding the joined line
/// with the caret at the join, and keep the body from before for one Ctrl+Z.
/// The body stays in pages, even at the limit or under it, while it has more
/// than one page (see [`paging::holding`]).
/// False when there is no page that way. The caller sends the body up.
fn join_across(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, forward: bool) -> bool {
    let body = a.join(&m.text);
    let Some(at) = (if forward { Some(a.before.len() + m.text.len()) } else { a.before.len().checked_sub(1) }) else {
        return false;
    };
    if body.as_bytes().get(at) != Some(&b'\n') {
        return false;
    }
    let mut joined = body.clone();
    joined.remove(at);
    // Where the caret was: the start of this page, or the end of it.
    let caret = if forward { at } else { at + 1 };
    // Still in pages, as after lines deleted by typing: a join that took the body
    // to the limit used to end paging, and the next Enter began it again, each
    // time swapping the textarea's text (and emptying the browser's undo).
    let page = paging::holding(&joined, 0, at);
    let moved = page.start != a.before.len();
    // Writing the text the textarea already holds (a blank line joined away)
    // leaves the browser's undo and redo as they were, for edits before the join.
    m.emptied |= joined[page.clone()] == m.text;
    show_page(el, m, a, bar, &joined, page.clone());
    if moved {
        // Backspace took the writer onto the page before: say so, as a turn does.
        bar.turned();
    }
    m.undo_repage = Some(Undo { body, caret, paged: true });
    caret_on_page(el, &joined[page.clone()], at - page.start);
    crate::components::preview::follow(at as f64 / joined.len().max(1) as f64);
    true
}

/// [`forget_undo`]'s type.
type ForgetUndo = fn(&HtmlTextAreaElement);

/// Make the browser forget the textarea's undo and redo: taken out of the
/// page and put back where it was, it keeps its value, and Chromium drops the
/// undo steps of what it removed. The caret, the selection, the scroll and
/// the focus are put back as they were.
fn forget_undo(el: &HtmlTextAreaElement) {
    let Some(parent) = el.parent_node() else { return };
    let next = el.next_sibling();
    let (start, end, scroll, focused) = (el.selection_start(), el.selection_end(), el.scroll_top(), is_focused(el));
    el.remove();
    if parent.insert_before(el, next.as_ref()).is_err() {
        web_sys::console::warn_1(&"hoego: could not put the body's textarea back".into());
        return;
    }
    let still = web_sys::FocusOptions::new();
    // The page stays where it is: only the textarea's own scroll is put back below.
    still.set_prevent_scroll(true);
    if focused && el.focus_with_options(&still).is_err() {
        web_sys::console::warn_1(&"hoego: could not focus the body's textarea again".into());
    }
    if let (Ok(Some(s)), Ok(Some(e))) = (start, end) {
        // Best effort, as every caret placement here.
        if el.set_selection_range(s, e).is_ok() {
            el.set_scroll_top(scroll);
        }
    }
}

/// [`forget_undo`] in a microtask: after the caller's borrows are let go.
fn forget_undo_later(el: &HtmlTextAreaElement) {
    let el = el.clone();
    wasm_bindgen_futures::spawn_local(async move { forget_undo(&el) });
}

/// [`composed_into`]'s type.
type ComposedInto = fn(&HtmlTextAreaElement, &mut Mirror, &mut Around, &Bar, &str);
/// [`join_across`]'s type.
type JoinAcross = fn(&HtmlTextAreaElement, &mut Mirror, &mut Around, &Bar, bool) -> bool;
/// [`swap_repage`]'s type.
type SwapRepage = fn(&HtmlTextAreaElement, &mut Mirror, &mut Around, &Bar, bool);

/// A composition ended after the body was changed from outside while it was
/// open (another tab's save; see [`Mirror::outside`]): show that body
/// with what was composed put where it went in it ([`paging::rebase`]), the
/// caret after it, for `send` to take up. Sending the old text around the
/// syllable would have undone the other tab's edit.
fn composed_into(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, theirs: &str) {
    let page = el.value();
    let (old, mine) = (a.join(&m.text), a.join(&page));
    let caret = a.before.len() + caret_byte(el, &page).unwrap_or(page.len());
    let body = paging::rebase(&old, &mine, theirs);
    let at = paging::follow(&mine, &body, caret);
    let paged = a.is_paged() || paging::is_long(&body);
    show_at(el, m, a, bar, &body, at, paged);
}

/// Show `body` with the caret at byte `at`: the page holding it when `paged`
/// (pages counted from the body's start), else the whole body.
fn show_at(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, body: &str, at: usize, paged: bool) {
    let page = if paged { paging::holding(body, 0, at) } else { 0..body.len() };
    show_page(el, m, a, bar, body, page.clone());
    caret_on_page(el, &body[page.clone()], at.clamp(page.start, page.end) - page.start);
}

/// Join the two pages' lines across the caret ([`join_across`]) if it is at
/// the page's edge that way: its end (`forward`, Delete) or its start. True
/// when it did; the caller cancels the key or the input and sends the body up.
fn join_at_caret(
    el: &HtmlTextAreaElement,
    mirror: &RefCell<Mirror>,
    around: &RefCell<Around>,
    bar: &Bar,
    forward: bool,
) -> bool {
    let paged = around.borrow().is_paged();
    let join = lazily::<JoinAcross>(join_across);
    paged && caret_at_edge(el, forward) && join(el, &mut mirror.borrow_mut(), &mut around.borrow_mut(), bar, forward)
}

/// A deletion's `beforeinput` at a page's edge, for what keydown does not
/// see as Backspace or Delete: an input method's delete (Android keyboards
/// send key 229), a key mapped to a deletion. The browser has nothing there
/// to delete; join the two pages' lines instead. Only a cancelable one: the
/// browser goes on with any other, and would delete at the join as well.
/// True when it joined; the caller sends the body up.
fn join_on_input(
    e: &web_sys::InputEvent,
    el: &HtmlTextAreaElement,
    mirror: &RefCell<Mirror>,
    around: &RefCell<Around>,
    bar: &Bar,
) -> bool {
    let Some(forward) = deletes_forward(&e.input_type()) else { return false };
    let joined = e.cancelable() && join_at_caret(el, mirror, around, bar, forward);
    if joined {
        e.prevent_default();
    }
    joined
}

/// Does this `beforeinput` replace the textarea's whole text (select all,
/// then type, paste, cut or delete)? See [`Mirror::emptied`].
fn replaces_all(e: &web_sys::InputEvent, el: &HtmlTextAreaElement) -> bool {
    whole_selected(el) && !e.input_type().starts_with("history")
}

/// Is the textarea's whole, non-empty text selected? (The caret's start is
/// read first: on most keys it is not 0, and the value's length is not read.)
fn whole_selected(el: &HtmlTextAreaElement) -> bool {
    el.selection_start() == Ok(Some(0)) && {
        let len = js_value(el).map_or(0, |v| v.length());
        len > 0 && el.selection_end() == Ok(Some(len))
    }
}

/// Which way a `beforeinput` deletion goes: forward (Delete), back
/// (Backspace), or `None` for input that deletes nothing beside the caret.
/// The Input Events spec's deletions that have a way end in it
/// (`deleteContentBackward`, `deleteWordForward`, `deleteSoftLine…`,
/// `deleteHardLine…`); `deleteByCut`, `deleteByDrag`, `deleteContent` and
/// `deleteEntireSoftLine` have none.
fn deletes_forward(input_type: &str) -> Option<bool> {
    let way = input_type.strip_prefix("delete")?;
    if way.ends_with("Forward") {
        Some(true)
    } else {
        way.ends_with("Backward").then_some(false)
    }
}

/// Is the caret at the edge of the page a key would go past: its end
/// (`forward`, for ↓ and →) or its start? A selection is not a caret: Shift
/// with an arrow extends it within the page, as in any textarea.
fn caret_at_edge(el: &HtmlTextAreaElement, forward: bool) -> bool {
    let (Ok(Some(start)), Ok(Some(end))) = (el.selection_start(), el.selection_end()) else { return false };
    let edge = if forward { js_value(el).map_or(u32::MAX, |v| v.length()) } else { 0 };
    start == end && start == edge
}

/// Ctrl+Z right after the textarea was paged anew or two pages were joined
/// (or, with `redo`, Ctrl+Shift+Z or Ctrl+Y right after that Ctrl+Z): writing
/// the page emptied the browser's own undo, so put back the body kept for it,
/// on the page holding the caret kept with it, and keep what was shown for
/// the way back. The caller sends the body up.
fn swap_repage(el: &HtmlTextAreaElement, m: &mut Mirror, a: &mut Around, bar: &Bar, redo: bool) {
    let Some(to) = (if redo { m.redo_repage.take() } else { m.undo_repage.take() }) else { return };
    // An undo or a redo, as the browser's own are: the goals summary is not
    // refreshed after it (it would come back after each Ctrl+Z).
    super::typed_edit::note_input(if redo { "historyRedo" } else { "historyUndo" });
    let shown = Undo {
        caret: a.before.len() + caret_byte(el, &m.text).unwrap_or(0),
        body: a.join(&m.text),
        paged: a.is_paged(),
    };
    show_at(el, m, a, bar, &to.body, to.caret.min(to.body.len()), to.paged);
    *(if redo { &mut m.undo_repage } else { &mut m.redo_repage }) = Some(shown);
}

/// Put the caret at byte `at` of `page` (the textarea's text) and in view. On
/// the page's last line, scrolling to the bottom shows it, with no blur and
/// focus that would make a screen reader announce the field again.
fn caret_on_page(el: &HtmlTextAreaElement, page: &str, at: usize) {
    if page[at..].contains('\n') {
        put_caret_in_view(el, &page[..at]);
        return;
    }
    let at16 = page[..at].encode_utf16().count() as u32;
    el.set_scroll_top(el.scroll_height());
    if el.set_selection_range(at16, at16).is_err() {
        web_sys::console::warn_1(&"hoego: could not keep the caret".into());
    }
}

/// Answer a [`GOTO_EVENT`]: caret (and scroll) on the heading it names.
/// Returns where the textarea was scrolled to, when it was.
/// `source` is the post's body when it is not the textarea's text (it has a
/// `\r`): the analysis's offset is in it.
fn go_to_heading(
    el: &HtmlTextAreaElement,
    m: &mut Mirror,
    a: &mut Around,
    bar: &Bar,
    source: Option<&str>,
) -> Option<i32> {
    let text = el.get_attribute(GOTO_ATTR)?;
    let at = el.get_attribute(GOTO_AT_ATTR).and_then(|a| a.parse().ok());
    let at = at.map(|i| source.map_or(i, |s| line_endings::to_lf_offset(s, i)));
    if el.remove_attribute(GOTO_ATTR).is_err() || el.remove_attribute(GOTO_AT_ATTR).is_err() {
        web_sys::console::warn_1(&"hoego: could not clear the heading request".into());
    }
    let body = a.join(&m.text);
    let pos = heading_offset(&body, &text, at)?;
    if a.is_paged() && !a.range(m.text.len()).contains(&pos) {
        show_page(el, m, a, bar, &body, paging::page_at(&body, pos));
    }
    let caret = m.text[..pos - a.before.len()].encode_utf16().count() as u32;
    // The caret first, then focus: focusing a textarea scrolls its caret into view,
    // where the browser has laid out the wrapped lines a line count knows nothing of
    // (an estimate from newlines left the heading out of view below long paragraphs).
    // Focus only scrolls when it moves, so a focused editor is let go first.
    if is_focused(el) {
        crate::browser::warn_on_err(el.blur(), "refocusing the editor");
    }
    if el.set_selection_range(caret, caret).is_err() || el.focus().is_err() {
        web_sys::console::warn_1(&"hoego: could not put the caret on the heading".into());
    }
    Some(el.scroll_top())
}

/// Put the caret after `before` (the textarea's text up to it) and, if the
/// editor has focus, scroll it into view: the textarea was given other lines
/// under the writer's caret (paging began, or a page grew and was cut anew).
fn put_caret_in_view(el: &HtmlTextAreaElement, before: &str) {
    let at = before.encode_utf16().count() as u32;
    // As in `go_to_heading`: focusing scrolls the caret into view, and only
    // moving focus does, so a focused editor is let go first.
    let focused = is_focused(el);
    if focused {
        crate::browser::warn_on_err(el.blur(), "refocusing the editor");
    }
    if el.set_selection_range(at, at).is_err() || (focused && el.focus().is_err()) {
        web_sys::console::warn_1(&"hoego: could not keep the caret".into());
    }
}

fn is_focused(el: &HtmlTextAreaElement) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| a.is_same_node(Some(el)))
}

/// Props.
#[derive(Properties, PartialEq)]
pub struct BodyProps {
    /// Which draft (a new id resets the element).
    pub draft_id: AttrValue,
    /// The body as the state has it.
    pub body: AttrValue,
    /// Called with the element's text after user edits.
    pub on_change: Callback<String>,
    /// The keyboard hint shown under the editor (how Tab works and how to leave).
    pub keys_hint: AttrValue,
    /// UI language (the page bar of a very long body).
    pub lang: Lang,
    /// The post's line ending (the textarea has `\n` only; edits go back in this).
    pub ending: LineEnding,
    /// `body` is the text this editor last sent, unchanged since (see
    /// `Draft::typed_rev`): the echo of a key, with nothing to compare or write.
    #[prop_or_default]
    pub echo: bool,
}

/// Replace UTF-16 units `s..e` of the textarea with `text` as if typed: through
/// the browser's own editing (`insertText`), so Ctrl+Z undoes it and the undo
/// history before it stays (setting the value or `setRangeText` clears it).
/// `setRangeText` only where the browser refuses the command.
fn replace_as_typed(el: &HtmlTextAreaElement, text: &str, s: u32, e: u32, what: &str) {
    crate::browser::warn_on_err(el.set_selection_range(s, e), what);
    let doc = el.owner_document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    // `execCommand` is deprecated, but every engine keeps it for exactly this:
    // it is the only edit a script can make that the browser's undo knows about.
    let typed = doc.map(|d| d.exec_command_with_show_ui_and_value("insertText", false, text));
    match typed {
        Some(Ok(true)) => {}
        _ => crate::browser::warn_on_err(el.set_range_text_with_start_and_end(text, s, e), what),
    }
}

/// Wrap the selection in `left`/`right` (Ctrl+B, Ctrl+I) or make it a link.
/// Afterwards the text to type over is selected: the placeholder, or for a
/// link around selected text, `url` in `right`.
fn wrap(el: &HtmlTextAreaElement, left: &str, right: &str, placeholder: &str, url: Option<&str>) {
    let (Ok(Some(s)), Ok(Some(e))) = (el.selection_start(), el.selection_end()) else { return };
    let value = el.value();
    let utf16: Vec<u16> = value.encode_utf16().collect();
    let selected = String::from_utf16_lossy(&utf16[s as usize..e as usize]);
    let (text, select) = wrapped(&selected, left, right, placeholder, url);
    replace_as_typed(el, &text, s, e, "wrapping the selection");
    let units = |t: &str| t.encode_utf16().count() as u32;
    let start = s + units(&text[..select.start]);
    let end = start + units(&text[select]);
    crate::browser::warn_on_err(el.set_selection_range(start, end), "selecting the wrapped text");
}

/// `selected` wrapped, and the byte range of it to select after. Spaces and
/// line breaks at the selection's ends stay outside the markers: `**a\n**` is
/// no bold, and `[a\n](…)` ends the paragraph inside the link.
fn wrapped(selected: &str, left: &str, right: &str, placeholder: &str, url: Option<&str>) -> (String, Range<usize>) {
    let core = selected.trim();
    let (lead, trail) = match core.is_empty() {
        true => (selected, ""),
        false => (&selected[..selected.len() - selected.trim_start().len()], &selected[selected.trim_end().len()..]),
    };
    let inner = if core.is_empty() { placeholder } else { core };
    let text = format!("{lead}{left}{inner}{right}{trail}");
    let inner_at = lead.len() + left.len();
    let in_right = url.filter(|_| !core.is_empty()).and_then(|u| right.find(u).map(|i| i..i + u.len()));
    let select = match in_right {
        Some(r) => inner_at + inner.len() + r.start..inner_at + inner.len() + r.end,
        None => inner_at..inner_at + inner.len(),
    };
    (text, select)
}

/// Indent (or outdent) the list items on the selected lines.
fn indent(el: &HtmlTextAreaElement, outdent: bool) {
    let (Ok(Some(s)), Ok(Some(e))) = (el.selection_start(), el.selection_end()) else { return };
    let value = el.value();
    let utf16: Vec<u16> = value.encode_utf16().collect();
    // A selection ending at a line's start (a whole line selected by Shift+Down)
    // does not take that line.
    let e_line = if e > s && utf16[e as usize - 1] == b'\n' as u16 { e - 1 } else { e };
    let line_start = utf16[..s as usize].iter().rposition(|&c| c == b'\n' as u16).map_or(0, |i| i + 1);
    let line_end =
        utf16[e_line as usize..].iter().position(|&c| c == b'\n' as u16).map_or(utf16.len(), |i| e_line as usize + i);
    let block = String::from_utf16_lossy(&utf16[line_start..line_end]);
    let mut delta_first: i64 = 0;
    let mut total: i64 = 0;
    let lines: Vec<String> = block
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let (new, d) = if outdent {
                let n = l.len() - l.trim_start_matches(' ').len();
                let cut = n.min(2);
                (l[cut..].to_string(), -(cut as i64))
            } else {
                (format!("  {l}"), 2)
            };
            if i == 0 {
                delta_first = d;
            }
            total += d;
            new
        })
        .collect();
    // Nothing to outdent: no edit, so no empty step in the undo history.
    if total == 0 && delta_first == 0 && outdent {
        return;
    }
    replace_as_typed(el, &lines.join("\n"), line_start as u32, line_end as u32, "indenting the lines");
    let ns = (i64::from(s) + delta_first).max(line_start as i64) as u32;
    let ne = (i64::from(e) + total).max(i64::from(ns)) as u32;
    crate::browser::warn_on_err(el.set_selection_range(ns, ne), "selecting the indented lines");
}

/// The key a shortcut goes by: `key` itself (the letter, wherever the layout
/// puts it: AZERTY, Dvorak, Turkish ç), unless it is in a script other than
/// Latin (a Korean input source on a Mac gives "ㅠ" for Cmd+B, a Russian layout
/// "и", an Arabic one "لا"); then the Latin letter of the key's place (`code`
/// "KeyB"), as the browser's own Ctrl+Z does. Not with Alt: AltGr is Ctrl+Alt on
/// Windows, and AltGr+I types "í" on US-International, which must stay a letter.
fn shortcut_key(e: &KeyboardEvent, key: &str) -> String {
    // Past Latin Extended-B (U+024F), bar Latin Extended Additional (Vietnamese).
    let not_latin = |c: char| c > '\u{24F}' && !('\u{1E00}'..='\u{1EFF}').contains(&c);
    if e.alt_key() || key.is_empty() || !key.chars().all(not_latin) {
        return key.to_string();
    }
    let code = e.code();
    code.strip_prefix("Key").map_or_else(|| key.to_string(), str::to_ascii_lowercase)
}

/// Is the caret on a list item line (where Tab should indent)?
fn on_list_line(el: &HtmlTextAreaElement) -> bool {
    let Ok(Some(s)) = el.selection_start() else { return false };
    let value = el.value();
    let utf16: Vec<u16> = value.encode_utf16().collect();
    let start = utf16[..s as usize].iter().rposition(|&c| c == b'\n' as u16).map_or(0, |i| i + 1);
    let end = utf16[start..].iter().position(|&c| c == b'\n' as u16).map_or(utf16.len(), |i| start + i);
    let line = String::from_utf16_lossy(&utf16[start..end]);
    let t = line.trim_start();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where caret position `p` (UTF-16) moves when the text changes only in
/// `[prefix, old_len - suffix)`: before the change it stays, after it it
/// shifts by the length difference, inside it goes to the change's end.
pub(crate) fn moved(p: u32, prefix: usize, suffix: usize, old_len: usize, new_len: usize) -> u32 {
    let p = p as usize;
    let out = if p <= prefix {
        p
    } else if p >= old_len - suffix {
        p + new_len - old_len
    } else {
        new_len - suffix
    };
    out as u32
}

/// A line this long (bytes) turns wrapping off in the textarea.
const UNWRAPPED_OVER: usize = 16 << 10;

/// Chromium wraps a line with no break opportunity (1 MB of `*`) character
/// by character: that textarea took ~190 ms to lay out, ~150 ms unwrapped.
/// A text with a line over [`UNWRAPPED_OVER`] bytes (never prose: a paragraph
/// is a few hundred) scrolls sideways instead. Decided when a text is written
/// in from outside (opening, a page turn), not per key.
fn set_wrap(el: &HtmlTextAreaElement, text: &str) {
    let long = text.split('\n').any(|l| l.len() > UNWRAPPED_OVER);
    if el.set_attribute("wrap", if long { "off" } else { "soft" }).is_err() {
        web_sys::console::warn_1(&"hoego: could not set the body's wrapping".into());
    }
}

/// Write a value that changed from outside (e.g. the goal summary table
/// refreshed) without throwing the writer's caret and scroll position to
/// the end: only the changed span moves them.
fn replace_keeping_caret(el: &HtmlTextAreaElement, body: &str) {
    let (Ok(Some(s)), Ok(Some(e)), true) = (el.selection_start(), el.selection_end(), is_focused(el)) else {
        el.set_value(body);
        return;
    };
    let old: Vec<u16> = el.value().encode_utf16().collect();
    let new: Vec<u16> = body.encode_utf16().collect();
    let (prefix, suffix) = hoego_core::span::common_ends(&old, &new);
    let scroll = el.scroll_top();
    el.set_value(body);
    let at = |p| moved(p, prefix, suffix, old.len(), new.len());
    // Best effort: a caret the browser refuses to place just stays at the end.
    if el.set_selection_range(at(s), at(e)).is_ok() {
        el.set_scroll_top(scroll);
    }
}

/// The body editor.
#[function_component(BodyEditor)]
pub fn body_editor(p: &BodyProps) -> Html {
    let node = use_node_ref();
    let composing = use_mut_ref(|| false);
    // The last text we sent up: when the state echoes it back, do not write.
    let mirror: Rc<RefCell<Mirror>> = use_mut_ref(Mirror::default);
    // The last text sent had a NUL replaced: its echo differs from the textarea.
    let rewrote = use_mut_ref(|| false);
    // The body as the post has it, when that is not the textarea's text (which
    // has `\n` endings only): edits go back to it through `with_endings`.
    let source: Rc<RefCell<Option<PostText>>> = use_mut_ref(|| None);
    // The draft the textarea holds.
    let shown = use_mut_ref(String::new);
    // The rest of a very long body, around the page in the textarea.
    let around: Rc<RefCell<Around>> = use_mut_ref(Around::default);
    let bar = Bar {
        state: use_state(|| None::<PageView>),
        shown: use_mut_ref(|| None),
        said: use_state(|| None::<PageView>),
    };
    {
        let node = node.clone();
        let composing = composing.clone();
        let mirror = mirror.clone();
        let around = around.clone();
        let bar = bar.clone();
        let body = p.body.clone();
        let source = source.clone();
        let (echo, rewrote) = (p.echo, rewrote.clone());
        use_effect_with((p.draft_id.clone(), body, p.ending), move |(id, body, ending)| {
            // The echo of this editor's own key, which the textarea already holds:
            // no scan of the whole body for `\r`, nor a compare with it (at 1 MB,
            // ~0.8 ms a key); only a count of the textarea's lines, in case the key
            // (a paste) took it past what a page may hold.
            let grown = || paging::overgrown(mirror.borrow_mut().lines(), around.borrow().is_paged());
            if echo && !*rewrote.borrow() && *shown.borrow() == id.as_str() && !grown() {
                return;
            }
            {
                let mut post = source.borrow_mut();
                if *ending == LineEnding::Lf && !body.contains('\r') {
                    *post = None;
                } else if post.as_ref().is_none_or(|p| p.text != body.as_str() || p.ending != *ending) {
                    // Not the echo of the text this editor just sent (every key).
                    *post = Some(PostText { text: body.to_string(), ending: *ending });
                }
            }
            // The textarea's text has `\n` endings only: everything here works on that.
            let lf = line_endings::to_lf(body);
            let body: &str = &lf;
            // Another draft (an import landing, "keep both", the next retrospective):
            // a composition still open belongs to the old one. Drop it and write the
            // new text, so its end cannot send the old draft's text into this one.
            let switched = *shown.borrow() != id.as_str();
            if switched {
                *shown.borrow_mut() = id.to_string();
                *composing.borrow_mut() = false;
                super::typed_edit::forget();
            }
            let Some(el) = node.cast::<HtmlTextAreaElement>() else { return };
            let mut m = mirror.borrow_mut();
            let mut a = around.borrow_mut();
            // Our own edit coming back: nothing to write, unless typing or a paste
            // grew the textarea's text past what it may hold (then it is paged anew).
            let echo = !switched && a.holds(&m.text, body);
            if echo && !paging::overgrown(m.lines(), a.is_paged()) {
                // Back to what the textarea holds (another tab's edit taken back
                // during a composition): nothing outside to put a syllable into.
                m.outside = None;
                return;
            }
            if *composing.borrow() {
                // The text under an open composition stays as it is, and so do the
                // parts around it, until its end puts what it composed into this body.
                m.outside = Some(body.to_string());
                return;
            }
            let was_paged = a.is_paged();
            let paged = paging::is_long(body);
            // Where the caret was in the whole body, carried across the change.
            let old_whole = a.join(&m.text);
            let caret = caret_byte(&el, &m.text).map(|c| paging::follow(&old_whole, body, a.before.len() + c));
            // Where the old page starts now (the body's start, when it was whole).
            let from = if was_paged { paging::follow(&old_whole, body, a.before.len()) } else { 0 };
            let page = if !paged {
                0..body.len()
            } else if switched {
                paging::page_at(body, 0)
            } else {
                // The page the caret is on, counting pages from the old one: the same
                // page moved by a change before it, or, when the page (or the whole
                // body) grew too long, the part of it the caret is in.
                paging::holding(body, from, caret.unwrap_or(from).max(from))
            };
            // The writer's own edit grew the textarea: keep the body from before it
            // for Ctrl+Z, since writing the new page empties the browser's undo.
            let undo = if echo {
                let edited = caret_byte(&el, &m.text);
                m.before_edit.take().map(|t| Undo {
                    caret: a.before.len() + edit_start(&t, &m.text, edited),
                    body: a.join(&t),
                    paged: a.is_paged(),
                })
            } else {
                None
            };
            *a = Around::of(body, &page);
            let text = &body[page.clone()];
            if el.value() != text {
                set_wrap(&el, text);
                if m.emptied {
                    // Another draft: a composition of the old one may still be open in
                    // the browser, so the textarea is moved once this effect has let go
                    // (an end that fires then sends this draft's own text).
                    let forget = if switched { forget_undo_later } else { forget_undo };
                    lazily::<ForgetUndo>(forget)(&el);
                }
                if switched || (was_paged == paged && page.start == from) {
                    replace_keeping_caret(&el, text);
                } else {
                    // Paging began, ended or moved under the caret: the textarea holds other lines now.
                    el.set_value(text);
                    let at = caret.filter(|c| (page.start..=page.end).contains(c)).map_or(0, |c| c - page.start);
                    put_caret_in_view(&el, &text[..at]);
                }
            }
            *m = Mirror::shown(text.to_string());
            m.undo_repage = undo;
            bar.show(a.view(text, paged));
        });
    }
    let escaped = use_mut_ref(|| false);
    // Where an outline jump scrolled the textarea: the scroll event of that jump
    // must not move the preview, which the jump scrolls to the heading itself.
    let jumped: Rc<RefCell<Option<i32>>> = use_mut_ref(|| None);
    // Send the whole value (after our own edits, Tab, composition, or whenever a
    // delta cannot be trusted).
    let send = {
        let node = node.clone();
        let cb = p.on_change.clone();
        let source = source.clone();
        let mirror = mirror.clone();
        let around = around.clone();
        let bar = bar.clone();
        let rewrote = rewrote.clone();
        Rc::new(move || {
            if let Some(el) = node.cast::<HtmlTextAreaElement>() {
                let outside = mirror.borrow_mut().outside.take();
                if let Some(theirs) = outside {
                    let rare = lazily::<ComposedInto>(composed_into);
                    rare(&el, &mut mirror.borrow_mut(), &mut around.borrow_mut(), &bar, &theirs);
                }
                let js = js_value(&el);
                let v = js.as_ref().map_or_else(|| el.value(), String::from);
                let a = around.borrow();
                let whole = a.join(&v);
                let pv = a.view(&v, a.is_paged());
                mirror.borrow_mut().edited(v, js, None);
                bar.show(pv);
                let (text, nul) = with_endings(&source, whole);
                *rewrote.borrow_mut() = nul;
                cb.emit(text);
            }
        })
    };
    let oninput = {
        let send = send.clone();
        let composing = composing.clone();
        let node = node.clone();
        let around = around.clone();
        let mirror = mirror.clone();
        let source = source.clone();
        let cb = p.on_change.clone();
        let rewrote = rewrote.clone();
        Callback::from(move |e: InputEvent| {
            super::typed_edit::note_input(&e.input_type());
            if crate::browser::composition_dropped_by_input(&e, &composing) {
                super::typed_edit::note_composing(false);
                return send();
            }
            // Mid-composition text is provisional; the final text comes with compositionend.
            if *composing.borrow() || e.is_composing() {
                return;
            }
            let delta = node.cast::<HtmlTextAreaElement>().and_then(|el| apply_delta(&el, &mirror.borrow()));
            match delta {
                // A long body's page bar counts lines: a paged edit goes the whole way.
                Some((text, js, lines)) if !around.borrow().is_paged() => {
                    mirror.borrow_mut().edited(text.clone(), Some(js), lines);
                    let (text, nul) = with_endings(&source, text);
                    *rewrote.borrow_mut() = nul;
                    cb.emit(text);
                }
                _ => send(),
            }
        })
    };
    // Yew has no composition listeners: attach them to the element directly.
    // The outline's jumps arrive the same way (see [`GOTO_EVENT`]).
    {
        let node = node.clone();
        let composing = composing.clone();
        let send = send.clone();
        let (mirror, around, bar, jumped) = (mirror.clone(), around.clone(), bar.clone(), jumped.clone());
        let source = source.clone();
        use_effect_with((), move |_| {
            let el = node.cast::<web_sys::HtmlTextAreaElement>();
            let mut undo: Vec<Box<dyn FnOnce()>> = Vec::new();
            if let Some((ta, el)) = el.map(|ta| (ta.clone(), web_sys::EventTarget::from(ta))) {
                let c1 = composing.clone();
                undo.push(Box::new(crate::browser::listen(&el, "compositionstart", move |_| {
                    *c1.borrow_mut() = true;
                    super::typed_edit::note_composing(true);
                })));
                // Leaving the page mid-syllable (a reload, the tab closed): the text the
                // writer sees is sent, syllable and all, before the app saves at `pagehide`
                // (src/app.rs; this is heard first, in the capture phase). Not while another
                // tab's body is held: sending would undo that tab's edit. (A tab only hidden
                // ends its composition as it loses focus.)
                if let Some(window) = web_sys::window() {
                    let (c, m, send) = (composing.clone(), mirror.clone(), send.clone());
                    undo.push(Box::new(crate::browser::listen_first(window.as_ref(), "pagehide", move |_| {
                        if *c.borrow() && m.borrow().outside.is_none() {
                            send();
                        }
                    })));
                }
                let (c2, c3, send3) = (composing.clone(), composing.clone(), send.clone());
                undo.push(Box::new(crate::browser::listen(&el, "compositionend", move |_| {
                    *c2.borrow_mut() = false;
                    super::typed_edit::note_composing(false);
                    send();
                })));
                let (m3, a3, b3) = (mirror.clone(), around.clone(), bar.clone());
                undo.push(Box::new(crate::browser::listen(&el, "beforeinput", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::InputEvent>() else { return };
                    if replaces_all(e, &ta) {
                        m3.borrow_mut().emptied = true;
                    }
                    if !*c3.borrow() && !e.is_composing() && join_on_input(e, &ta, &m3, &a3, &b3) {
                        send3();
                    }
                })));
                undo.push(Box::new(crate::browser::listen(&el, GOTO_EVENT, move |_| {
                    if let Some(ta) = node.cast::<HtmlTextAreaElement>() {
                        if !*composing.borrow() {
                            let (m, a) = (&mut mirror.borrow_mut(), &mut around.borrow_mut());
                            let post = source.borrow();
                            let post = post.as_ref().map(|p| p.text.as_str());
                            *jumped.borrow_mut() = go_to_heading(&ta, m, a, &bar, post);
                            // The jump's scroll event comes in the next frame, before this
                            // runs; a jump that scrolled nothing must not skip a later scroll.
                            let jumped = jumped.clone();
                            crate::frames::run_after_frame(move || *jumped.borrow_mut() = None);
                        }
                    }
                })));
            }
            move || {
                undo.into_iter().for_each(|u| u());
                super::typed_edit::forget();
            }
        });
    }
    let onkeydown = {
        let composing = composing.clone();
        let send = send.clone();
        let escaped = escaped.clone();
        let (mirror, around, bar) = (mirror.clone(), around.clone(), bar.clone());
        let lang = p.lang;
        Callback::from(move |e: KeyboardEvent| {
            if crate::browser::composition_dropped(&e, &composing) {
                super::typed_edit::note_composing(false);
                send();
            }
            if *composing.borrow() || e.is_composing() {
                return;
            }
            // Tab indents list items here, so Escape then Tab (or Shift+Tab) is the
            // way out of the editor, as in code editors; any other key re-arms Tab.
            // A lone modifier (the Shift of Shift+Tab) changes nothing.
            let key = e.key();
            if !matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
                let after_escape = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
                if after_escape && key == "Tab" {
                    return;
                }
            }
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) else { return };
            let ctrl = e.ctrl_key() || e.meta_key();
            // On a page of a long body, a key at the page's edge goes on past it, as in
            // one text: a plain arrow to the next or previous page, Backspace or Delete
            // (with any modifier) joining the two pages' lines. Deletions are joined here
            // and not only from their `beforeinput` (`join_on_input`): Safari sends none
            // where there is nothing to delete.
            let plain = !(ctrl || e.shift_key() || e.alt_key());
            // (forward: the key goes past the page's end; joins: Backspace or Delete)
            let edge = match key.as_str() {
                "ArrowDown" | "ArrowRight" => Some((true, false)),
                "ArrowUp" | "ArrowLeft" => Some((false, false)),
                "Delete" => Some((true, true)),
                "Backspace" => Some((false, true)),
                _ => None,
            };
            if let Some((forward, joins)) = edge.filter(|&(_, joins)| plain || joins) {
                if joins && join_at_caret(&el, &mirror, &around, &bar, forward) {
                    e.prevent_default();
                    send();
                } else if !joins
                    && around.borrow().is_paged()
                    && caret_at_edge(&el, forward)
                    && turn_page(&el, &mut mirror.borrow_mut(), &mut around.borrow_mut(), &bar, forward, !forward)
                {
                    e.prevent_default();
                }
                return;
            }
            // Ctrl+B/I/K and Tab type through `execCommand`, which sends no `beforeinput`.
            if (ctrl || key == "Tab") && whole_selected(&el) {
                mirror.borrow_mut().emptied = true;
            }
            let short = shortcut_key(&e, &key);
            let handled = match (ctrl, short.as_str()) {
                (true, "b" | "B") => {
                    wrap(&el, "**", "**", t(lang, Key::PlaceholderBold), None);
                    true
                }
                (true, "i" | "I") => {
                    wrap(&el, "*", "*", t(lang, Key::PlaceholderItalic), None);
                    true
                }
                (true, "k" | "K") => {
                    wrap(&el, "[", "](https://)", t(lang, Key::PlaceholderLink), Some("https://"));
                    true
                }
                (false, "Tab") if on_list_line(&el) => {
                    indent(&el, e.shift_key());
                    true
                }
                (true, "z" | "Z" | "y" | "Y") if !e.alt_key() => {
                    // Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (after our own undo only:
                    // otherwise they are the browser's).
                    let redo = e.shift_key() || short.eq_ignore_ascii_case("y");
                    let m = mirror.borrow();
                    let mine = if redo { m.redo_repage.is_some() } else { m.undo_repage.is_some() };
                    drop(m);
                    if mine {
                        let swap = lazily::<SwapRepage>(swap_repage);
                        swap(&el, &mut mirror.borrow_mut(), &mut around.borrow_mut(), &bar, redo);
                    }
                    mine
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
                send();
            }
        })
    };
    let onscroll = {
        let around = around.clone();
        let mirror = mirror.clone();
        let jumped = jumped.clone();
        Callback::from(move |e: Event| {
            // Preview follows the editor: share the scroll fraction through a DOM event.
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                // The scroll an outline jump made (events come a frame later): the
                // jump put the preview on the heading; any other scroll follows.
                if jumped.borrow_mut().take() == Some(el.scroll_top()) {
                    return;
                }
                let max = (el.scroll_height() - el.client_height()).max(1) as f64;
                let frac = f64::from(el.scroll_top()) / max;
                // On a page of a long body, the fraction of the whole body.
                let (a, page) = (around.borrow(), mirror.borrow().text.len() as f64);
                let (before, after) = (a.before.len() as f64, a.after.len() as f64);
                crate::components::preview::follow((before + frac * page) / (before + page + after).max(1.0));
            }
        })
    };
    let turn = |forward: bool| {
        let (node, composing, mirror, around, bar) =
            (node.clone(), composing.clone(), mirror.clone(), around.clone(), bar.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(el) = node.cast::<HtmlTextAreaElement>() else { return };
            if *composing.borrow() {
                return;
            }
            let (mut m, mut a) = (mirror.borrow_mut(), around.borrow_mut());
            // At the first or last page there is none to turn to (and its button is disabled).
            if !turn_page(&el, &mut m, &mut a, &bar, forward, false) {
                web_sys::console::debug_1(&"hoego: no page that way".into());
            }
        })
    };
    let lang = p.lang;
    let position = |v: &PageView| {
        t(lang, Key::PagesPos)
            .replace("{first}", &grouped(v.first))
            .replace("{last}", &grouped(v.last))
            .replace("{total}", &grouped(v.total))
    };
    let said = bar.said.as_ref().map(position).unwrap_or_default();
    let page_bar = bar.state.as_ref().map(|v| {
        let pos = position(v);
        let n = grouped(paging::PAGE_LINES);
        let lines = |k: Key| t(lang, k).replace("{n}", &n).replace("{over}", &grouped(paging::PAGED_OVER));
        html! {
            <>
            // Fixed places: the buttons never move under the pointer as the numbers change.
            <div class="page-bar" role="group" aria-label={t(lang, Key::PagesGroup)} data-testid="body-pages">
                <button type="button" class="small" data-testid="page-prev" disabled={!v.has_prev} onclick={turn(false)}>{ lines(Key::PagesPrev) }</button>
                <span class="page-pos" data-testid="page-pos">{ pos }</span>
                <button type="button" class="small" data-testid="page-next" disabled={!v.has_next} onclick={turn(true)}>{ lines(Key::PagesNext) }</button>
            </div>
            <span class="sr-only" aria-live="polite" data-testid="page-said">{ said.clone() }</span>
            <p id="body-pages-why" class="hint">{ lines(Key::PagesWhy) }</p>
            </>
        }
    });
    html! {
        <>
        { for page_bar }
        <textarea id="body" class="body-text" data-testid="body" ref={node} spellcheck="false"
            aria-describedby={if bar.state.is_some() { "body-keys body-pages-why" } else { "body-keys" }}
            {oninput} {onkeydown} {onscroll}
            autocomplete="off" />
        <p id="body-keys" class="hint">{ p.keys_hint.clone() }</p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn a_deletion_goes_the_way_its_input_type_names() {
        let table = [
            ("deleteContentBackward", Some(false)),
            ("deleteWordBackward", Some(false)),
            ("deleteSoftLineBackward", Some(false)),
            ("deleteHardLineBackward", Some(false)),
            ("deleteContentForward", Some(true)),
            ("deleteWordForward", Some(true)),
            ("deleteSoftLineForward", Some(true)),
            ("deleteHardLineForward", Some(true)),
            ("deleteByCut", None),
            ("deleteByDrag", None),
            ("deleteContent", None),
            ("deleteEntireSoftLine", None),
            ("insertText", None),
            ("historyUndo", None),
            ("", None),
        ];
        for (input_type, want) in table {
            assert_eq!(super::deletes_forward(input_type), want, "{input_type}");
        }
    }

    #[test]
    fn an_edit_begins_where_old_and_new_part_on_a_character_boundary() {
        // (old, new, the caret after the edit, where the edit began)
        let table = [
            ("abc", "abd", None, 2),
            ("줄 400", "줄 400\n붙임 0", Some(16), 7),
            ("줄 201", "붙임\n줄 201", Some(7), 0),
            // 한 and 할 share their first two bytes: the edit begins before the syllable.
            ("가한", "가할", Some(6), 3),
            ("", "x", Some(1), 0),
            ("same", "same", None, 4),
            // A paste at the start that repeats the text after it ("a\nb\n" before "a\nb"):
            // the texts share all of the old one; the caret (4) less what was added (4) is 0.
            ("a\nb", "a\nb\na\nb", Some(4), 0),
            // A deletion: the caret is where it began.
            ("abcdef", "abef", Some(2), 2),
            // A paste over a selection ("cd" → "XYZ"): no later than where the texts part.
            ("abcdef", "abXYZef", Some(5), 2),
        ];
        for (old, new, caret, want) in table {
            assert_eq!(super::edit_start(old, new, caret), want, "{old:?} → {new:?}");
        }
    }

    #[test]
    fn page_bar_counts_agree_with_the_whole_body() {
        use super::{paging, Around};
        let long: String = (0..5_000).map(|i| format!("줄 {i}\n")).collect();
        for body in [long.clone(), format!("{long}open end"), format!("{long}\n")] {
            let mut page = paging::page_at(&body, 0);
            loop {
                let a = Around::of(&body, &page);
                let v = a.view(&body[page.clone()], true).unwrap();
                assert_eq!((v.first, v.last, v.total), paging::line_numbers(&body, &page));
                match paging::next(&body, &page) {
                    Some(p) => page = p,
                    None => break,
                }
            }
        }
    }

    #[test]
    fn wrapping_keeps_spaces_and_line_breaks_outside_and_selects_what_to_type() {
        use super::wrapped;
        // (selected, left, right, url) → (text, selected after)
        let table = [
            ("", "**", "**", None, "**굵게**", "굵게"),
            ("a b", "**", "**", None, "**a b**", "a b"),
            ("첫 줄\n", "**", "**", None, "**첫 줄**\n", "첫 줄"),
            (" x \r\n", "*", "*", None, " *x* \r\n", "x"),
            ("  ", "**", "**", None, "  **굵게**", "굵게"),
            ("첫 줄\n", "[", "](https://)", Some("https://"), "[첫 줄](https://)\n", "https://"),
            ("", "[", "](https://)", Some("https://"), "[굵게](https://)", "굵게"),
        ];
        for (selected, left, right, url, text, select) in table {
            let (got, r) = wrapped(selected, left, right, "굵게", url);
            assert_eq!((got.as_str(), &got[r]), (text, select), "{selected:?}");
        }
    }

    #[test]
    fn edits_go_back_in_the_posts_endings_without_nul() {
        use super::{with_endings, LineEnding, PostText};
        use std::cell::RefCell;
        let crlf = RefCell::new(Some(PostText { text: "a\r\nb\r\n".into(), ending: LineEnding::CrLf }));
        assert_eq!(with_endings(&crlf, "a\nbc\n".into()), ("a\r\nbc\r\n".into(), false));
        // The post is now the edited text: the next edit is taken from it.
        assert_eq!(with_endings(&crlf, "a\nbc\nd\n".into()), ("a\r\nbc\r\nd\r\n".into(), false));
        assert_eq!(with_endings(&crlf, "a\0\nbc\nd\n".into()), ("a\u{FFFD}\r\nbc\r\nd\r\n".into(), true));
        // Emptied, then typed again: still the post's CRLF.
        assert_eq!(with_endings(&crlf, String::new()), (String::new(), false));
        assert_eq!(with_endings(&crlf, "x\ny".into()), ("x\r\ny".into(), false));
        let lf = RefCell::new(None);
        assert_eq!(with_endings(&lf, "a\0b\n".into()), ("a\u{FFFD}b\n".into(), true));
        assert_eq!(with_endings(&lf, "a\n".into()), ("a\n".into(), false));
    }

    #[test]
    fn heading_offsets() {
        use super::heading_offset;
        // (body, heading text, where the analysis found it, offset)
        let table = [
            ("# A\ntext\n## B\n", "B", None, Some(9)),
            ("B\n## B\n", "B", None, Some(2)),
            ("  ### 회고\n", "회고", None, Some(0)),
            ("한글\n## 목표\n", "목표", None, Some(7)),
            ("no heading\n", "no", None, None),
            // The second of two headings of the same text: where the analysis found it.
            ("## 마치며\n끝\n## 마치며\n", "마치며", Some(17), Some(17)),
            // Inside the heading's line (an offset after its indent): that line.
            ("x\n  ## 마치며\n", "마치며", Some(4), Some(2)),
            // A setext heading, which has no `#`.
            ("Setext\n===\n", "Setext", Some(0), Some(0)),
            // Setext headings of two lines, or with markup: no line holds the outline's text.
            ("x\n\n첫 줄\n둘째 줄\n===\n", "첫 줄 둘째 줄", Some(3), Some(3)),
            ("x\n\n한 줄 *강조* 제목\r\n---\r\n", "한 줄 강조 제목", Some(3), Some(3)),
            // A paragraph that lost its underline since: the first `#` line, or nothing.
            ("x\n\n첫 줄\n둘째 줄\n\n===\n", "첫 줄 둘째 줄", Some(3), None),
            // Stale (a line typed above since the analysis): found by its text.
            ("x\ny\n\n첫 줄\n둘째 **줄**\n===\n", "첫 줄 둘째 줄", Some(3), Some(5)),
            ("a\n---\n\n한 줄 `x`\n---\n", "한 줄 x", None, Some(7)),
            // Formatting in the line (its text is not in it): where the `#` is.
            ("x\n## Part `two`\n", "Part two", Some(2), Some(2)),
            ("x\n## [Hoego](https://x) 회고\n", "Hoego 회고", Some(2), Some(2)),
            ("x\n> ## 인용\n", "인용", Some(4), Some(2)),
            // Stale (the body changed since): the first line that holds it.
            ("## 마치며\n끝\n다른 줄\n", "마치며", Some(17), Some(0)),
            ("## A\n", "A", Some(99), Some(0)),
            // Not on a character boundary: ignored, not a panic.
            ("## 가\n## 가\n", "가", Some(4), Some(0)),
        ];
        for (body, text, at, want) in table {
            assert_eq!(heading_offset(body, text, at), want, "{body:?} at {at:?}");
        }
    }

    #[test]
    fn caret_moves_only_past_the_changed_span() {
        // "ab[XY]cd" → "ab[Z]cd": prefix 2, suffix 2, old 6, new 5.
        let cases = [(0, 0), (2, 2), (3, 3), (4, 3), (5, 4), (6, 5)];
        for (before, after) in cases {
            assert_eq!(moved(before, 2, 2, 6, 5), after, "{before}");
        }
        // A longer replacement after the caret leaves it alone.
        assert_eq!(moved(1, 3, 0, 4, 40), 1);
    }
}
