//! Recovery view for a stored value that failed to load: its raw text and a
//! download button. It is never overwritten.

use yew::prelude::*;

use super::Ctx;
use crate::browser::download;
use crate::i18n::t;
use crate::state::Action;

/// Props.
#[derive(Properties, PartialEq)]
pub struct RecoveryProps {
    /// Index into `broken`.
    pub index: usize,
}

/// The recovery view.
#[function_component(Recovery)]
pub fn recovery(p: &RecoveryProps) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    let Some(b) = ctx.broken.get(p.index).cloned() else { return html! {} };
    let raw = b.raw.clone();
    let name = format!("{}.json", b.key.replace('/', "_"));
    let dl = Callback::from(move |_| {
        let _ = download(&name, raw.as_bytes(), "application/json");
    });
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Library))
    };
    html! {
        <section class="recovery" data-testid="recovery">
            <button class="ghost" data-testid="back" onclick={back}>{ t(lang, "back") }</button>
            <h2>{ t(lang, "recovery") }</h2>
            <p>{ t(lang, "recovery.hint") }</p>
            <p><code>{ &b.key }</code>{ " — " }{ &b.reason }</p>
            <textarea class="mono" readonly=true rows="16" aria-label={t(lang, "recovery.raw")} value={b.raw.clone()} />
            <button class="primary" onclick={dl}>{ t(lang, "download") }</button>
        </section>
    }
}
