//! UI components. Thin: they read state, call `browser` effects, and
//! dispatch actions; all logic lives in hoego-core or the reducer.

pub mod body;
pub mod chips;
pub mod editor;
pub mod export_panel;
pub mod library;
pub mod preview;
pub mod recovery;
pub mod side;

use std::rc::Rc;

use yew::prelude::*;

use crate::state::{Action, AppState};

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

/// A callback that dispatches the action built from an event's value.
pub fn on_value(ctx: &Ctx, f: impl Fn(String) -> Option<Action> + 'static) -> Callback<Event> {
    let ctx = ctx.clone();
    let f = Rc::new(f);
    Callback::from(move |e: Event| {
        if let Some(a) = f(target_value(&e)) {
            ctx.dispatch(a);
        }
    })
}
