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

use crate::state::{Action, AppState};

/// Posts longer than this (bytes) are analyzed and exported one task after
/// the editor opens, not in the same task: opening a 1 MB post must not add
/// the whole analysis and export to the browser's own work on the textarea.
pub const LARGE_POST: usize = 128 << 10;

/// Shared context: the state, and dispatch. Every action lands the body
/// editor's held key first (see [`crate::typing`]), so nothing acts on a
/// state the editor is ahead of.
#[derive(Clone, PartialEq)]
pub struct Ctx(UseReducerHandle<AppState>);

impl Ctx {
    /// The app's state handle.
    pub fn new(handle: UseReducerHandle<AppState>) -> Self {
        Ctx(handle)
    }

    /// Apply `action`, after the body editor's held key.
    pub fn dispatch(&self, action: Action) {
        crate::typing::land();
        self.0.dispatch(action);
    }

    /// A [`Dispatch`] for this state.
    pub fn dispatcher(&self) -> Dispatch {
        Dispatch(self.0.dispatcher())
    }
}

impl std::ops::Deref for Ctx {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}

/// Sends actions to the app state. Stable across renders, unlike the state: a
/// component given this instead of reading [`Ctx`] is not drawn again on every
/// change of the state. Lands the body editor's held key first, as [`Ctx`] does.
#[derive(Clone, PartialEq)]
pub struct Dispatch(UseReducerDispatcher<AppState>);

impl Dispatch {
    /// Apply `action`, after the body editor's held key.
    pub fn dispatch(&self, action: Action) {
        crate::typing::land();
        self.0.dispatch(action);
    }

    /// Apply `action` now: for [`crate::typing`], which holds the key.
    pub(crate) fn dispatch_now(&self, action: Action) {
        self.0.dispatch(action);
    }
}

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
