//! A form field that is safe for IME input, like the body editor: nothing is
//! dispatched between `compositionstart` and `compositionend`, so the
//! re-render never writes the element's value mid-composition (which would
//! cancel a half-typed Hangul syllable in a title or tag).
//!
//! One line (`<input>`), or a `<textarea>` when the value it is given from
//! outside (a draft opened, a raw edit) has a line break: an `<input>` drops
//! line breaks from its value, so a `description: |` of two lines showed glued
//! and was saved as one line at the first key.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props.
#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    /// Element id (for its label).
    pub id: AttrValue,
    /// Current value from state.
    pub value: AttrValue,
    /// Called with the new text after user edits (never mid-composition).
    pub on_change: Callback<String>,
    /// data-testid, if any.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The element's text, whichever of the two it is.
fn value_of(node: &NodeRef) -> Option<String> {
    match node.cast::<HtmlInputElement>() {
        Some(el) => Some(el.value()),
        None => node.cast::<HtmlTextAreaElement>().map(|el| el.value()),
    }
}

/// Write the element's text, whichever of the two it is.
fn set_value_of(node: &NodeRef, v: &str) {
    match node.cast::<HtmlInputElement>() {
        Some(el) => el.set_value(v),
        None => node.cast::<HtmlTextAreaElement>().into_iter().for_each(|el| el.set_value(v)),
    }
}

/// The field.
#[function_component(TextInput)]
pub fn text_input(p: &TextInputProps) -> Html {
    let node = use_node_ref();
    let composing = use_mut_ref(|| false);
    // A value came from outside (another tab's save) during the composition: the
    // field still shows the text before it, which must not be sent at `pagehide`.
    let stale = use_mut_ref(|| false);
    // Chosen when a value comes from outside, never while the writer types: a
    // field must not turn into another element under the caret. (An `<input>`
    // drops a lone CR too.)
    let multiline = use_state(|| p.value.contains(['\n', '\r']));
    {
        let node = node.clone();
        let composing = composing.clone();
        let stale = stale.clone();
        let cb = p.on_change.clone();
        // Again for the new element when the field switches between the two.
        use_effect_with(*multiline, move |_| {
            let mut undo: Vec<Box<dyn FnOnce()>> = Vec::new();
            if let Some(el) = node.cast::<web_sys::Element>() {
                let target = web_sys::EventTarget::from(el);
                let (c1, s1) = (composing.clone(), stale.clone());
                undo.push(Box::new(crate::browser::listen(&target, "compositionstart", move |_| {
                    *c1.borrow_mut() = true;
                    *s1.borrow_mut() = false;
                })));
                // Leaving the page mid-syllable (a reload, the tab closed): the text the
                // writer sees is sent before the app saves at `pagehide` (heard first, in
                // the capture phase), as the body does.
                if let Some(window) = web_sys::window() {
                    let (c, node, cb) = (composing.clone(), node.clone(), cb.clone());
                    undo.push(Box::new(crate::browser::listen_first(window.as_ref(), "pagehide", move |_| {
                        if *c.borrow() && !*stale.borrow() {
                            value_of(&node).into_iter().for_each(|v| cb.emit(v));
                        }
                    })));
                }
                // Its end sends what the field shows, even after another tab's change
                // (`stale`): the writer has just typed it and sees it, where the body
                // rebases a composition onto the other tab's text (`paging::rebase`).
                // A one-line field has no such rebase yet: the later edit wins.
                undo.push(Box::new(crate::browser::listen(&target, "compositionend", move |_| {
                    *composing.borrow_mut() = false;
                    value_of(&node).into_iter().for_each(|v| cb.emit(v));
                })));
            }
            move || undo.into_iter().for_each(|u| u())
        });
    }
    // Write the value only when it differs from what the element shows and no
    // composition is in progress (external changes: another draft, raw edits).
    {
        let node = node.clone();
        let composing = composing.clone();
        let multiline = multiline.clone();
        use_effect_with((p.value.clone(), *multiline), move |(v, lines)| {
            let shown = value_of(&node);
            let differs = shown.as_deref().is_some_and(|s| s != v.as_str());
            if *composing.borrow() {
                *stale.borrow_mut() |= differs;
            } else if differs {
                let has_lines = v.contains(['\n', '\r']);
                if has_lines != *lines {
                    // The other element: this effect runs again for it, and writes it.
                    multiline.set(has_lines);
                } else {
                    set_value_of(&node, v);
                }
            }
        });
    }
    let oninput = {
        let cb = p.on_change.clone();
        let composing = composing.clone();
        let node = node.clone();
        Callback::from(move |e: InputEvent| {
            let dropped = crate::browser::composition_dropped_by_input(&e, &composing);
            if !dropped && (*composing.borrow() || e.is_composing()) {
                return;
            }
            value_of(&node).into_iter().for_each(|v| cb.emit(v));
        })
    };
    let onkeydown = {
        let cb = p.on_change.clone();
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if crate::browser::composition_dropped(&e, &composing) {
                value_of(&node).into_iter().for_each(|v| cb.emit(v));
            }
        })
    };
    let (id, testid) = (p.id.clone(), p.testid.clone());
    if *multiline {
        html! { <textarea {id} data-testid={testid} ref={node} {oninput} {onkeydown} rows="3" /> }
    } else {
        html! { <input {id} data-testid={testid} ref={node} {oninput} {onkeydown} autocomplete="off" /> }
    }
}
