//! Recovery view for a stored value that failed to load (damaged, or written
//! by a newer Hoego): its text, read-only, and download buttons. It is never
//! overwritten.

use yew::prelude::*;

use super::Ctx;
use crate::browser::download;
use crate::i18n::{t, Key};
use crate::state::{Action, Level, Notice};
use crate::storage::Problem;

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
    let save = |name: String, bytes: String, mime: &'static str| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = download(&name, bytes.as_bytes(), mime) {
                let text = format!("{}: {}", t(ctx.lang, Key::DownloadFailed), crate::storage::js_error(&e));
                ctx.dispatch(Action::Notify(Notice { level: Level::Error, text }));
            }
        })
    };
    let stem = b.key.replace('/', "_");
    let dl = save(format!("{stem}.json"), b.raw.clone(), "application/json");
    let dl_text = b.text.clone().map(|text| save(format!("{stem}.md"), text, "text/markdown"));
    let reason = match &b.problem {
        Problem::Unreadable(r) => r.clone(),
        Problem::Newer(n) => format!("{} (schema {n})", t(lang, Key::RecoveryNewer)),
    };
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Library))
    };
    html! {
        <section class="recovery" data-testid="recovery">
            <button class="ghost" data-testid="back" onclick={back}>{ t(lang, Key::Back) }</button>
            <h2>{ t(lang, Key::Recovery) }</h2>
            <p>{ t(lang, Key::RecoveryHint) }</p>
            <p><code>{ &b.key }</code>{ " — " }<span data-testid="recovery-reason">{ reason }</span></p>
            <textarea class="mono" readonly=true rows="16" aria-label={t(lang, Key::RecoveryRaw)} value={b.text.clone().unwrap_or_else(|| b.raw.clone())} />
            <button class="primary" onclick={dl}>{ t(lang, Key::Download) }</button>
            if let Some(cb) = dl_text {
                { " " }<button onclick={cb}>{ t(lang, Key::DownloadMd) }</button>
            }
        </section>
    }
}
