//! The conflict dialog: another tab saved a draft while this tab had unsaved
//! changes to it. A modal `<dialog>` (the browser keeps focus inside it and
//! makes the page behind it inert); it opens with focus on "keep both", and
//! Escape also keeps both, the choice that loses nothing. Focus returns to
//! where it was when the dialog closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Ctx;
use crate::browser::{clock, new_id};
use crate::i18n::{t, Key};
use crate::state::Action;
use crate::sync::Choice;

/// Open the dialog as a modal and focus the safe choice; the returned
/// function closes it and gives focus back.
fn open_modal(node: &NodeRef) -> impl FnOnce() {
    let dialog = node.cast::<web_sys::HtmlDialogElement>();
    let before = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    if let Some(d) = &dialog {
        if !d.open() && d.show_modal().is_err() {
            d.set_open(true);
        }
        let safe = d.query_selector("[data-testid=conflict-keep-both]").ok().flatten();
        if let Some(b) = safe.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
            if b.focus().is_err() {
                web_sys::console::warn_1(&"hoego: could not focus the conflict dialog".into());
            }
        }
    }
    move || {
        if let Some(d) = dialog.filter(|d| d.open()) {
            d.close();
        }
        if let Some(el) = before.filter(|e| e.is_connected()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            if el.focus().is_err() {
                web_sys::console::warn_1(&"hoego: could not give focus back".into());
            }
        }
    }
}

/// The dialog's element, opened as a modal while a conflict waits. (A hook
/// of the root component rather than a component of its own: each Yew
/// component costs the first load a few KB of wasm.)
#[hook]
pub fn use_conflict_modal(ctx: &Ctx) -> NodeRef {
    let node = use_node_ref();
    let showing = ctx.conflicts.first().map(|c| (c.id.clone(), c.theirs.rev));
    {
        let node = node.clone();
        use_effect_with(showing, move |showing| {
            let close: Box<dyn FnOnce()> = match showing {
                Some(_) => Box::new(open_modal(&node)),
                None => Box::new(|| {}),
            };
            close
        });
    }
    node
}

/// The dialog (always in the page, open only while a conflict waits).
pub fn conflict_dialog(ctx: &Ctx, node: &NodeRef) -> Html {
    let choose = |choice: Choice| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::Resolve { choice, new_id: new_id() }))
    };
    let oncancel = {
        let ctx = ctx.clone();
        // Escape: the browser closes the dialog; keep both so nothing is lost.
        Callback::from(move |_: Event| ctx.dispatch(Action::Resolve { choice: Choice::KeepBoth, new_id: new_id() }))
    };
    let lang = ctx.lang;
    let body = ctx.conflicts.first().map(|c| {
        let mine = ctx.drafts.iter().find(|d| d.id == c.id);
        let title = mine.and_then(|d| d.title()).unwrap_or_else(|| t(lang, Key::Untitled).into());
        let chars = |s: &str| s.chars().count();
        html! {
            <>
                <p class="conflict-draft"><strong>{ title }</strong></p>
                <dl class="conflict-sides">
                    <dt>{ t(lang, Key::ConflictMine) }</dt>
                    <dd data-testid="conflict-mine">{ mine.map_or(0, |d| chars(&d.text)) }{ " " }{ t(lang, Key::Chars) }</dd>
                    <dt>{ t(lang, Key::ConflictTheirs) }</dt>
                    <dd data-testid="conflict-theirs">{ chars(&c.theirs.text) }{ " " }{ t(lang, Key::Chars) }{ " · " }{ clock(c.theirs.updated) }</dd>
                </dl>
                if ctx.conflicts.len() > 1 { <p class="hint">{ ctx.conflicts.len() - 1 }{ " " }{ t(lang, Key::ConflictMore) }</p> }
            </>
        }
    });
    html! {
        <dialog ref={node.clone()} class="conflict-dialog" data-testid="conflict-dialog" aria-labelledby="conflict-title" aria-describedby="conflict-desc" {oncancel}>
            <h2 id="conflict-title">{ t(lang, Key::ConflictTitle) }</h2>
            <p id="conflict-desc">{ t(lang, Key::ConflictBody) }</p>
            { body.unwrap_or_default() }
            <div class="dialog-actions">
                <button class="primary" data-testid="conflict-keep-both" onclick={choose(Choice::KeepBoth)}>{ t(lang, Key::ConflictKeepBoth) }</button>
                <button data-testid="conflict-keep-mine" onclick={choose(Choice::KeepMine)}>{ t(lang, Key::ConflictKeepMine) }</button>
                <button class="danger" data-testid="conflict-take-theirs" onclick={choose(Choice::TakeTheirs)}>{ t(lang, Key::ConflictTakeTheirs) }</button>
            </div>
            <p class="hint">{ t(lang, Key::ConflictEscape) }</p>
        </dialog>
    }
}
