//! The root component: provides state, loads storage once, and runs the
//! effects at the edge: autosave (400 ms after the last change, and at once
//! on `visibilitychange`/`pagehide`), cross-tab sync, drop and paste import.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use hoego_core::templates::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::autosave::{self, save_now};
use crate::browser::{browser_lang, browser_offset, clock, listen, now_ms};
use crate::components::conflict::{conflict_dialog, use_conflict_modal};
use crate::components::editor::Editor;
use crate::components::library::{import_files, import_text, Library};
use crate::components::recovery::Recovery;
use crate::components::storage_info::storage_banner;
use crate::components::update_notice::update_notice;
use crate::components::Ctx;
use crate::i18n::{t, Key};
use crate::state::{Action, AppState, Level, SaveState, View};
use crate::storage::{self, Prefs};

const SAMPLE_KO: &str = include_str!("../assets/sample-ko.md");
const SAMPLE_EN: &str = include_str!("../assets/sample-en.md");

/// Autosave delay after the last change (the issue allows at most 500 ms).
const AUTOSAVE_MS: u32 = 400;

/// Always-visible save indicator.
#[function_component(SaveStatus)]
pub fn save_status() -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    let (class, text) = match &ctx.save {
        _ if !ctx.access.writable() => ("error", t(lang, Key::SaveMemory).to_string()),
        SaveState::Saved(at) if *at > 0.0 => ("saved", format!("{} {}", t(lang, Key::Saved), clock(*at))),
        SaveState::Saved(_) => ("saved", t(lang, Key::Saved).to_string()),
        SaveState::Pending => ("pending", t(lang, Key::Saving).to_string()),
        SaveState::Quota if ctx.unstored_drafts() => ("error", t(lang, Key::SaveQuotaNew).to_string()),
        SaveState::Quota => ("error", t(lang, Key::SaveQuota).to_string()),
        SaveState::Error(m) => ("error", format!("{}: {m}", t(lang, Key::SaveError))),
    };
    html! { <span class={classes!("save-status", class)} data-testid="save-status" role="status" aria-live="polite">{ text }</span> }
}

/// Messages, each with its own close button beside it. The live region is
/// always in the page so screen readers announce what is added to it; errors
/// are alerts (assertive), the rest polite.
#[function_component(Notices)]
fn notices() -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    html! {
        <div class="notices-live" aria-live="polite">
            if !ctx.notices.is_empty() {
                <div class="notices" data-testid="notices">
                { for ctx.notices.iter().enumerate().map(|(i, n)| {
                    let ctx = ctx.clone();
                    let close = Callback::from(move |_| ctx.dispatch(Action::DismissNotice(i)));
                    let role = (n.level == Level::Error).then_some("alert");
                    let name = format!("{}: {}", t(lang, Key::Dismiss), n.text);
                    html! {
                        <div class={classes!("notice", n.level.class())} {role}>
                            <span class="notice-text">{ &n.text }</span>
                            <button class="small ghost notice-x" aria-label={name} onclick={close}>{ t(lang, Key::Dismiss) }</button>
                        </div>
                    }
                }) }
                </div>
            }
        </div>
    }
}

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    let ctx: Ctx = use_reducer(|| {
        let prefs = storage::load_prefs();
        let lang = prefs.as_ref().and_then(|p| Lang::parse(&p.lang)).unwrap_or_else(browser_lang);
        let dark = prefs.as_ref().map(|p| p.theme == "dark").unwrap_or_else(|| {
            web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches())
        });
        AppState::new(lang, dark, browser_offset())
    });
    let latest = use_mut_ref(|| Rc::new(AppState::new(Lang::Ko, false, browser_offset())));
    *latest.borrow_mut() = Rc::new((*ctx).clone());
    let timer = use_mut_ref(|| None::<Timeout>);
    // A newer deployment is installed and waiting (the service worker says so).
    let update_ready = use_state(|| false);
    let dialog = use_conflict_modal(&ctx);
    // Front matter text typed and not applied (any draft's) is in no draft and
    // no storage, nor are edits a failed save could not write: leaving the page
    // asks first.
    crate::browser::use_leave_guard(ctx.holds_unapplied() || ctx.unsaved_after_failure());

    // Load once.
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let loaded = storage::Loaded { open: storage::open::remembered(), ..storage::load_all(now_ms()) };
            let first_run = loaded.first_run && loaded.drafts.is_empty() && loaded.broken.is_empty();
            ctx.dispatch(Action::Loaded(loaded));
            autosave::refresh_usage(&ctx);
            crate::image_keeper::restore(&ctx);
            if first_run {
                let sample = if ctx.lang == Lang::Ko { SAMPLE_KO } else { SAMPLE_EN };
                ctx.dispatch(Action::Create { id: crate::browser::new_id(), text: sample.to_string(), at: now_ms() });
            }
        });
    }
    // The open draft, for a reload of this tab (once loaded: before, nothing is open yet).
    {
        let open = match &ctx.view {
            View::Editor(id) => Some(id.clone()),
            _ => None,
        };
        use_effect_with((open, ctx.loaded), |(open, loaded)| {
            if *loaded {
                storage::open::remember(open.as_deref());
            }
        });
    }
    // Preferences and theme.
    {
        let (lang, dark) = (ctx.lang, ctx.dark);
        use_effect_with((lang, dark), move |(lang, dark)| {
            if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let theme = html.set_attribute("data-theme", if *dark { "dark" } else { "light" });
                crate::browser::warn_on_err(theme, "setting the theme");
                let page_lang = html.set_attribute("lang", if *lang == Lang::Ko { "ko" } else { "en" });
                crate::browser::warn_on_err(page_lang, "setting the page language");
            }
            storage::save_prefs(&Prefs {
                lang: if *lang == Lang::Ko { "ko" } else { "en" }.into(),
                theme: if *dark { "dark" } else { "light" }.into(),
            });
        });
    }
    // Autosave: debounce on every change of any draft's revision or the draft list.
    {
        let sig: Vec<(String, u64, u64)> = ctx.drafts.iter().map(|d| (d.id.clone(), d.rev, d.saved_rev)).collect();
        let needs = autosave::needed(&ctx);
        let ctx2 = ctx.clone();
        let latest = latest.clone();
        let timer = timer.clone();
        use_effect_with((sig, ctx.conflicts.len(), ctx.removed.len()), move |_| {
            if needs {
                let t = Timeout::new(AUTOSAVE_MS, move || save_now(&ctx2, &latest));
                *timer.borrow_mut() = Some(t);
            }
        });
    }
    // Save at once when the page is hidden or unloaded; cross-tab sync; drop and paste.
    {
        let ctx = ctx.clone();
        let latest = latest.clone();
        let ready = update_ready.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("window");
            let document = window.document().expect("document");
            let flush = {
                let ctx = ctx.clone();
                let latest = latest.clone();
                Rc::new(move || save_now(&ctx, &latest))
            };
            let f1 = flush.clone();
            let u1 = listen(document.as_ref(), "visibilitychange", move |_| f1());
            let f2 = flush.clone();
            let u2 = listen(window.as_ref(), "pagehide", move |_| f2());
            let (c3, l3) = (ctx.clone(), latest.clone());
            let u3 = listen(window.as_ref(), "storage", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                    autosave::on_storage(&c3, &l3.borrow().clone(), e);
                }
            });
            // Taking `dragover` is what lets a file be dropped (and not opened); text
            // over a field is left to the browser, or it could not be dropped there.
            let u4 = listen(window.as_ref(), "dragover", |e| {
                if carries_files(&e) || !in_field(&e) {
                    e.prevent_default();
                }
            });
            let c5 = ctx.clone();
            let u5 = listen(window.as_ref(), "drop", move |e| {
                // Text dragged into a field (a sentence moved in the body) is the
                // browser's to insert; files anywhere are imported, never opened.
                // (Told as `dragover` told it, so the two never disagree.)
                if !carries_files(&e) && in_field(&e) {
                    return;
                }
                e.prevent_default();
                let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else { return };
                let mut files = Vec::new();
                if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                    for i in 0..list.length() {
                        if let Some(f) = list.get(i) {
                            files.push(f);
                        }
                    }
                }
                import_files(c5.clone(), files);
            });
            let c6 = ctx.clone();
            let u6 = listen(window.as_ref(), "paste", move |e| {
                // A paste into a field is just a paste; elsewhere a whole post becomes a draft.
                if in_field(&e) {
                    return;
                }
                let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
                let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
                if text.contains('\n') {
                    e.prevent_default();
                    import_text(&c6, text);
                }
            });
            let u7 = listen(window.as_ref(), crate::pwa::UPDATE_EVENT, move |_| ready.set(true));
            // Now that `drop` is heard: service worker, and files the OS launched us with.
            crate::pwa::start();
            move || {
                u1();
                u2();
                u3();
                u4();
                u5();
                u6();
                u7();
            }
        });
    }

    let lang = ctx.lang;
    let toggle_lang = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::SetLang(if ctx.lang == Lang::Ko { Lang::En } else { Lang::Ko })))
    };
    let toggle_theme = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::SetDark(!ctx.dark)))
    };
    let screen = match (&ctx.view, ctx.current()) {
        _ if !ctx.loaded => html! {},
        (View::Editor(_), Some(d)) => html! { <Editor draft={d.clone()} /> },
        (View::Recovery(i), _) => html! { <Recovery index={*i} /> },
        _ => html! { <Library /> },
    };
    html! {
        <ContextProvider<Ctx> context={ctx.clone()}>
            <div class="app">
                <header class="topbar">
                    <div class="brand"><span class="logo">{ "회고" }</span><span class="name">{ "Hoego" }</span><span class="tagline">{ t(lang, Key::AppTagline) }</span></div>
                    <div class="top-actions">
                        <SaveStatus />
                        <button class="ghost" data-testid="toggle-lang" onclick={toggle_lang} title={t(lang, Key::Lang)}>{ if lang == Lang::Ko { "English" } else { "한국어" } }</button>
                        <button class="ghost" data-testid="toggle-theme" onclick={toggle_theme} title={t(lang, Key::Theme)}>{ if ctx.dark { "☀" } else { "☾" } }</button>
                    </div>
                </header>
                if *update_ready {
                    { update_notice(lang) }
                }
                { storage_banner(&ctx) }
                <Notices />
                <main>{ screen }</main>
                { conflict_dialog(&ctx, &dialog) }
            </div>
        </ContextProvider<Ctx>>
    }
}

/// Does a drag event carry files (its data's types say so)?
fn carries_files(e: &web_sys::Event) -> bool {
    let data = e.dyn_ref::<web_sys::DragEvent>().and_then(|d| d.data_transfer());
    data.is_some_and(|d| d.types().includes(&"Files".into(), 0))
}

/// Is the event's target a field the writer types in (a paste or a drop there is
/// the browser's own)?
fn in_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
