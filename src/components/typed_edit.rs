//! Changes to the body made outside the body editor ("Insert summary table",
//! the summary's refresh) typed into it as one edit: through the browser's
//! own editing (`execCommand('insertText')`), so Ctrl+Z takes them back and
//! the undo history before them stays. Setting the textarea's value, the
//! other way, empties the browser's undo.
//!
//! The edit reaches the state as the writer's own keys do, through the
//! textarea's `input` event (`body.rs`).

use std::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement, Window};

use hoego_core::line_endings;

thread_local! {
    /// The body editor's last `input` was an undo or a redo.
    static HISTORY: Cell<bool> = const { Cell::new(false) };
    /// A composition (an input method's unfinished syllable) is open in the body editor.
    static COMPOSING: Cell<bool> = const { Cell::new(false) };
}

/// The body editor had an `input` event of this `inputType`.
pub(crate) fn note_input(input_type: &str) {
    HISTORY.with(|h| h.set(input_type.starts_with("history")));
}

/// A composition opened (`true`) or ended in the body editor.
pub(crate) fn note_composing(open: bool) {
    COMPOSING.with(|c| c.set(open));
}

/// Was the body editor's last edit an undo or a redo, not yet answered? Then
/// the summary is not refreshed this once: refreshed, it would come back
/// after each Ctrl+Z, and the writer could never undo past it. Asking answers
/// it, so a later change (the date in the form, another draft) refreshes again.
pub fn take_history() -> bool {
    HISTORY.with(|h| h.replace(false))
}

/// The body editor shows another draft, or is gone: nothing of the old one's
/// input is pending.
pub(crate) fn forget() {
    HISTORY.with(|h| h.set(false));
    COMPOSING.with(|c| c.set(false));
}

/// What came of [`edit_as_typed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// Typed into the editor.
    Done,
    /// Not now: a composition is open, or the editor's text is ahead of the
    /// state (a key on its way). The next analysis asks again.
    NotNow,
    /// It cannot be typed (see [`edit_as_typed`]): set the body instead.
    Cannot,
}

/// Who asks for the edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditBy {
    /// A click on a button. The editor takes the focus, its caret after the
    /// new text, so the undo is one key away; but when the editor was off
    /// screen (a phone, where the panels come under it) the page stays where
    /// it was and the focus goes to the element with this id: a tap must not
    /// throw the page up to the editor or open the on-screen keyboard.
    Click(&'static str),
    /// The app itself, while the writer is in the editor: the caret, the
    /// selection and the scroll stay where the writer had them. Only into a
    /// focused editor with no composition open.
    Refresh,
}

/// Make the body `new` (it is `old` now) by one edit typed into the body
/// editor (see the module's notes). [`Typed::Cannot`], and the caller sets
/// the body through the state: no editor on the page, a body edited a page at
/// a time (the change may be on another page), a click while the editor does
/// not hold `old`, a refresh into an editor without the focus, no text to
/// type (a deletion), or a browser that refuses the command.
pub fn edit_as_typed(old: &str, new: &str, by: EditBy) -> Typed {
    let Some((window, doc, el)) = editor() else { return Typed::Cannot };
    // The textarea has `\n` endings; its edits go back in the post's (`body::with_endings`).
    let (old, new) = (line_endings::to_lf(old), line_endings::to_lf(new));
    if by == EditBy::Refresh {
        if !doc.active_element().is_some_and(|a| &a == el.as_ref()) {
            return Typed::Cannot;
        }
        // Set now, the body would be the state's and not the editor's until the
        // composition ends, which sends the editor's text back over it.
        if COMPOSING.with(Cell::get) || el.value() != *old {
            return Typed::NotNow;
        }
    } else if el.value() != *old {
        return Typed::Cannot;
    }
    let (was, will): (Vec<u16>, Vec<u16>) = (old.encode_utf16().collect(), new.encode_utf16().collect());
    let (prefix, suffix) = utf16_change(&was, &will);
    let typed = String::from_utf16_lossy(&will[prefix..will.len() - suffix]);
    if typed.is_empty() {
        return Typed::Cannot;
    }
    let kept = Kept::now(&window, &doc, &el);
    let still = web_sys::FocusOptions::new();
    still.set_prevent_scroll(true);
    if el.focus_with_options(&still).is_err()
        || el.set_selection_range(prefix as u32, (was.len() - suffix) as u32).is_err()
    {
        return Typed::Cannot;
    }
    let done = matches!(doc.exec_command_with_show_ui_and_value("insertText", false, &typed), Ok(true));
    match by {
        EditBy::Refresh => kept.restore(&window, &el, |p| super::body::moved(p, prefix, suffix, was.len(), will.len())),
        EditBy::Click(_) if kept.on_screen => {}
        EditBy::Click(back_to) => {
            // The browser reveals the caret after an edit, scrolling the page to it.
            window.scroll_to_with_x_and_y(kept.page.0, kept.page.1);
            match doc.get_element_by_id(back_to).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(back) => crate::browser::warn_on_err(back.focus_with_options(&still), "focusing after an insert"),
                None => crate::browser::warn_on_err(el.blur(), "leaving the editor after an insert"),
            }
        }
    }
    if done {
        Typed::Done
    } else {
        Typed::Cannot
    }
}

/// The window, the document and the body editor, when it holds the whole body.
fn editor() -> Option<(Window, HtmlDocument, HtmlTextAreaElement)> {
    let window = web_sys::window()?;
    let doc = window.document()?.dyn_into::<HtmlDocument>().ok()?;
    if doc.query_selector("[data-testid=body-pages]").ok().flatten().is_some() {
        return None;
    }
    let el = doc.get_element_by_id("body")?.dyn_into::<HtmlTextAreaElement>().ok()?;
    Some((window, doc, el))
}

/// Where the writer was before an edit: the page's scroll, the editor's
/// scroll and selection, and whether the editor was on screen.
struct Kept {
    page: (f64, f64),
    scroll: i32,
    selection: Option<(u32, u32)>,
    on_screen: bool,
}

impl Kept {
    fn now(window: &Window, doc: &HtmlDocument, el: &HtmlTextAreaElement) -> Kept {
        let rect = el.get_bounding_client_rect();
        let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        // On screen: a few lines of it between the sticky top bar and the fixed status bar.
        let edge = |sel: &str, bottom: bool| {
            let r = doc.query_selector(sel).ok().flatten().map(|e| e.get_bounding_client_rect());
            r.map(|r| if bottom { r.bottom() } else { r.top() })
        };
        let (top, bottom) = (edge(".topbar", true).unwrap_or(0.0), edge(".statusbar", false).unwrap_or(height));
        let selection = match (el.selection_start(), el.selection_end()) {
            (Ok(Some(s)), Ok(Some(e))) => Some((s, e)),
            _ => None,
        };
        Kept {
            page: (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0)),
            scroll: el.scroll_top(),
            selection,
            on_screen: rect.bottom().min(bottom) - rect.top().max(top) >= 48.0,
        }
    }

    /// Put the writer back, the selection carried across the edit by `carry`.
    fn restore(&self, window: &Window, el: &HtmlTextAreaElement, carry: impl Fn(u32) -> u32) {
        if let Some((s, e)) = self.selection {
            crate::browser::warn_on_err(el.set_selection_range(carry(s), carry(e)), "keeping the caret");
        }
        el.set_scroll_top(self.scroll);
        window.scroll_to_with_x_and_y(self.page.0, self.page.1);
    }
}

/// The changed span between two UTF-16 texts, as `common_ends` finds it but
/// never inside a surrogate pair (😀 → 😁 share their first unit): what is
/// typed over it is whole characters.
fn utf16_change(was: &[u16], will: &[u16]) -> (usize, usize) {
    let (mut prefix, mut suffix) = hoego_core::span::common_ends(was, will);
    let high = |u: u16| (0xD800..0xDC00).contains(&u);
    let low = |u: u16| (0xDC00..0xE000).contains(&u);
    if prefix > 0 && high(was[prefix - 1]) {
        prefix -= 1;
    }
    if suffix > 0 && low(was[was.len() - suffix]) {
        suffix -= 1;
    }
    (prefix, suffix)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_is_whole_characters() {
        let u = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        let cases: &[(&str, &str, &str)] =
            &[("a😀b", "a😁b", "😁"), ("ab", "a표b", "표"), ("😀", "😀😀", "😀"), ("x😀", "x😀😀y", "😀y")];
        for (was, will, typed) in cases {
            let (w, n) = (u(was), u(will));
            let (p, s) = super::utf16_change(&w, &n);
            assert_eq!(String::from_utf16(&n[p..n.len() - s]).ok().as_deref(), Some(*typed), "{was} → {will}");
            assert!(
                String::from_utf16(&w[..p]).is_ok() && String::from_utf16(&w[w.len() - s..]).is_ok(),
                "{was}: kept parts whole"
            );
        }
    }
}
