//! UI components. Thin: they read state, call `browser` effects, and
//! dispatch actions; all logic lives in hoego-core or the reducer.

pub mod batch;
pub mod body;
pub mod chips;
pub mod conflict;
pub mod editor;
pub mod export_panel;
pub mod goals;
pub mod library;
pub mod preview;
pub mod recovery;
pub mod side;
pub mod storage_info;
pub mod text_input;
pub mod update_notice;

use yew::prelude::*;

use crate::state::AppState;

/// Shared context: state and dispatcher.
pub type Ctx = UseReducerHandle<AppState>;

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
