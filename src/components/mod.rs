//! UI components. Thin: they read state, call `browser` effects, and
//! dispatch actions; all logic lives in hoego-core or the reducer.

pub mod batch;
pub mod body;
pub mod chips;
pub mod conflict;
pub mod disclosure;
pub mod editor;
pub mod export_panel;
pub mod goals;
pub mod import_pick;
pub mod library;
pub mod offset_input;
pub mod preview;
pub mod recovery;
pub mod series;
pub mod series_html;
pub mod side;
pub mod storage_info;
pub mod target;
pub mod templates;
pub mod text_input;
pub mod typed_edit;
pub mod unapplied;
pub mod update_notice;

use yew::prelude::*;

use crate::state::AppState;

/// Posts longer than this (bytes) are analyzed and exported one task after
/// the editor opens, not in the same task: opening a 1 MB post must not add
/// the whole analysis and export to the browser's own work on the textarea.
pub const LARGE_POST: usize = 128 << 10;

/// Shared context: state and dispatcher.
pub type Ctx = UseReducerHandle<AppState>;

/// Sends actions to the app state. Stable across renders, unlike the state: a
/// component given this instead of reading [`Ctx`] is not drawn again on every
/// change of the state.
pub type Dispatch = UseReducerDispatcher<AppState>;

/// Read the value of the input/textarea/select an event came from.
pub fn target_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let t = e.target();
    if let Some(i) = t.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>()) {
        return i.value();
    }
    if let Some(i) = t.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>()) {
        return i.value();
    }
    if let Some(i) = t.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlSelectElement>()) {
        return i.value();
    }
    String::new()
}

/// `onkeydown` for a `<details>`: Escape closes it and puts focus back on its
/// summary, so what a keyboard user opened can be closed the same way.
pub fn close_details_on_escape(e: KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if e.key() != "Escape" {
        return;
    }
    // Yew delegates events from its root, so `currentTarget` is not the
    // <details>: find it from where the key was pressed.
    let Some(details) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("details[open]").ok().flatten())
    else {
        return;
    };
    e.stop_propagation();
    if details.remove_attribute("open").is_err() {
        return;
    }
    if let Some(summary) =
        details.query_selector("summary").ok().flatten().and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        if summary.focus().is_err() {
            web_sys::console::warn_1(&"could not focus the summary".into());
        }
    }
}
