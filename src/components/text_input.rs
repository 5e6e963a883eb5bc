//! A single-line input that is safe for IME input, like the body editor:
//! nothing is dispatched between `compositionstart` and `compositionend`, so
//! the re-render never writes the element's value mid-composition (which
//! would cancel a half-typed Hangul syllable in a title or tag).

use web_sys::HtmlInputElement;
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

/// The input.
#[function_component(TextInput)]
pub fn text_input(p: &TextInputProps) -> Html {
    let node = use_node_ref();
    let composing = use_mut_ref(|| false);
    {
        let node = node.clone();
        let composing = composing.clone();
        let cb = p.on_change.clone();
        use_effect_with((), move |_| {
            let mut undo: Vec<Box<dyn FnOnce()>> = Vec::new();
            if let Some(el) = node.cast::<HtmlInputElement>() {
                let target = web_sys::EventTarget::from(el.clone());
                let c1 = composing.clone();
                undo.push(Box::new(crate::browser::listen(&target, "compositionstart", move |_| {
                    *c1.borrow_mut() = true
                })));
                // Leaving the page mid-syllable (a reload, the tab closed): the text the
                // writer sees is sent before the app saves at `pagehide` (heard first, in
                // the capture phase), as the body does.
                if let Some(window) = web_sys::window() {
                    let (c, el, cb) = (composing.clone(), el.clone(), cb.clone());
                    undo.push(Box::new(crate::browser::listen_first(window.as_ref(), "pagehide", move |_| {
                        if *c.borrow() {
                            cb.emit(el.value());
                        }
                    })));
                }
                undo.push(Box::new(crate::browser::listen(&target, "compositionend", move |_| {
                    *composing.borrow_mut() = false;
                    cb.emit(el.value());
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
        use_effect_with(p.value.clone(), move |v| {
            if let Some(el) = node.cast::<HtmlInputElement>() {
                if !*composing.borrow() && el.value() != v.as_str() {
                    el.set_value(v);
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
            if let Some(el) = node.cast::<HtmlInputElement>() {
                cb.emit(el.value());
            }
        })
    };
    let onkeydown = {
        let cb = p.on_change.clone();
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if crate::browser::composition_dropped(&e, &composing) {
                if let Some(el) = node.cast::<HtmlInputElement>() {
                    cb.emit(el.value());
                }
            }
        })
    };
    html! { <input id={p.id.clone()} data-testid={p.testid.clone()} ref={node} {oninput} {onkeydown} autocomplete="off" /> }
}
