//! Export panel: target, offset, slug style; the resulting path, front
//! matter changes and warnings; downloads byte-identical to `hoego export`.

use std::cell::RefCell;
use std::rc::Rc;

use hoego_core::export::{export, Exported, Flavor, Target};
use hoego_core::slug::SlugStyle;
use hoego_core::templates::Lang;
use hoego_core::Offset;
use yew::prelude::*;

use super::{target_value, Ctx, Dispatch, LARGE_POST};
use crate::browser::download;
use crate::i18n::{t, Key};
use crate::lazy::Lazy;
use crate::state::{Action, Draft, ExportSettings, Level, Notice};

use crate::images::{Images, IMAGES};

/// Applies a control's new value to the settings.
type Update = dyn Fn(&mut ExportSettings, String);

/// Props.
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The draft.
    pub draft: Rc<Draft>,
}

/// An export of the current draft with the images available for it.
struct Computed {
    /// The draft and settings it was computed for.
    key: (String, ExportSettings),
    /// The draft revision it was computed from.
    rev: u64,
    out: Exported,
    /// Each available reference and the key of its image in `images`.
    keys: Vec<(String, String)>,
    images: Rc<Images>,
}

impl Computed {
    fn file_name(&self) -> &str {
        self.out.path.rsplit('/').next().unwrap_or("post.md")
    }

    /// `YYYY-MM-DD-slug.zip`, or `slug.zip` for Gatsby's `slug/index.md`.
    fn zip_name(&self) -> String {
        let stem = self.file_name().trim_end_matches(".md");
        let stem = if stem == "index" { self.out.path.split('/').rev().nth(1).unwrap_or("post") } else { stem };
        format!("{stem}.zip")
    }

    /// Was it exported with the images imported now? (Each change of them
    /// makes a new map: `Rc::make_mut` copies the one this export holds.)
    fn has_current_images(&self) -> bool {
        IMAGES.with(|i| Rc::ptr_eq(&i.borrow(), &self.images))
    }

    /// The post, then its images, at their site paths (the order `hoego export --zip` uses).
    fn zip_entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![(self.out.path.clone(), self.out.text.clone().into_bytes())];
        files.extend(super::batch::asset_files(&self.out, &self.keys, &self.images));
        files
    }
}

fn compute(draft: &Draft, s: &ExportSettings) -> Computed {
    let key = (draft.id.clone(), s.clone());
    let images = IMAGES.with(|i| i.borrow().clone());
    let Ok(post) = &draft.post else {
        return Computed { key, rev: draft.rev, out: Exported::default(), keys: Vec::new(), images };
    };
    let opts = super::batch::options(s, draft.name.clone());
    let by_name = crate::images::by_name(&images);
    let found = super::batch::image_keys(post, draft.name.as_deref(), &images, &by_name);
    let out = export(post, &opts, &super::batch::available(&found));
    let keys = found.into_iter().map(|(r, k)| (r, k.to_string())).collect();
    Computed { key, rev: draft.rev, out, keys, images }
}

/// Runs a download; a browser that refuses it becomes a notice, not silence.
fn deliver(ctx: &Dispatch, lang: Lang, name: &str, bytes: &[u8], mime: &str) {
    if let Err(e) = download(name, bytes, mime) {
        let text = format!("{}: {name} ({})", t(lang, Key::DownloadFailed), crate::storage::js_error(&e));
        ctx.dispatch(Action::Notify(Notice { level: Level::Error, text }));
    }
}

/// The export panel, once the lazy half of a split build is here (see
/// [`crate::lazy`]): a first visit draws its heading and a line saying it is on
/// its way (or that it failed and will be tried again online) until then, so the
/// panel's code and hoego-core's export are not in its first download. It sits
/// last in its column, so its arrival moves nothing above it.
#[function_component(ExportPanel)]
pub fn export_panel(p: &ExportProps) -> Html {
    let lazy = crate::lazy::use_lazy();
    let lang = use_context::<Ctx>().expect("state context").lang;
    let (busy, text) = match lazy {
        Lazy::Here => return html! { <ExportPlan draft={p.draft.clone()} /> },
        Lazy::Waiting => ("true", Key::ExportLoading),
        Lazy::Failed => ("false", Key::ExportUnavailable),
    };
    html! {
        <section class="export" aria-busy={busy} data-testid="export-pending">
            <h2 class="pane-title">{ t(lang, Key::Export) }</h2>
            <p class="hint" role="status">{ t(lang, text) }</p>
        </section>
    }
}

/// The export plan and its controls.
///
/// Layout never moves under the pointer: the controls and the two download
/// buttons come first and have the same size for every target (the flavor
/// row is always there, disabled for Jekyll); what varies in height (path,
/// changes, warnings) comes after them. A new draft or new settings are
/// exported in the same render that shows them; only typing is debounced.
#[function_component(ExportPlan)]
fn export_plan(p: &ExportProps) -> Html {
    // All hooks first: Yew requires the same hooks in the same order on every render.
    let ctx = use_context::<Ctx>().expect("state context");
    let shown = use_mut_ref(|| None::<Rc<Computed>>);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    // A large draft's first export, waiting for a frame of its own (see `frames`).
    let deferred = use_mut_ref(|| None::<crate::frames::Deferred>);
    let redraw = use_force_update();
    // The key a deferred first export of a large draft is being computed for.
    let pending = use_mut_ref(|| None::<(String, ExportSettings)>);
    // The draft of the newest render, for the downloads (see `ExportView`).
    let latest = use_mut_ref(|| p.draft.clone());
    *latest.borrow_mut() = p.draft.clone();
    let s = ctx.export.clone();
    let key = (p.draft.id.clone(), s.clone());
    let new_draft = shown.borrow().as_ref().is_none_or(|c| c.key.0 != key.0);
    if new_draft && p.draft.text.len() > LARGE_POST {
        // A large draft just opened: export it a task later, so opening is not
        // one long task (downloads always export fresh, so nothing stale can leave).
        if pending.borrow().as_ref() != Some(&key) {
            *shown.borrow_mut() = None;
            *pending.borrow_mut() = Some(key.clone());
            timer.borrow_mut().take();
            let (shown2, pending2, draft, settings) = (shown.clone(), pending.clone(), p.draft.clone(), s.clone());
            let redraw = redraw.clone();
            *deferred.borrow_mut() = Some(crate::frames::Deferred::after_frame(move || {
                if pending2.borrow().as_ref() == Some(&(draft.id.clone(), settings.clone())) {
                    *shown2.borrow_mut() = Some(Rc::new(compute(&draft, &settings)));
                    *pending2.borrow_mut() = None;
                    redraw.force_update();
                }
            }));
        }
    } else if shown.borrow().as_ref().is_none_or(|c| c.key != key || !c.has_current_images()) {
        // New draft, settings or images: export now, and drop a pending typing
        // update, which would otherwise show the old result 300 ms later.
        timer.borrow_mut().take();
        deferred.borrow_mut().take();
        *pending.borrow_mut() = None;
        *shown.borrow_mut() = Some(Rc::new(compute(&p.draft, &s)));
    }
    {
        let (shown, timer, draft, settings) = (shown.clone(), timer.clone(), p.draft.clone(), s.clone());
        use_effect_with((p.draft.id.clone(), p.draft.rev), move |_| {
            let current = shown.borrow().as_ref().is_some_and(|c| c.key == (draft.id.clone(), settings.clone()));
            let stale = current && shown.borrow().as_ref().is_some_and(|c| c.rev != draft.rev);
            if stale {
                // Typing: an export is O(post), so the shown figures follow 300 ms behind.
                let (shown2, timer2) = (shown.clone(), timer.clone());
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(300, move || {
                    let fresh = Rc::new(compute(&draft, &settings));
                    let same_key = shown2.borrow().as_ref().is_some_and(|c| c.key == fresh.key);
                    if same_key {
                        *shown2.borrow_mut() = Some(fresh);
                        redraw.force_update();
                    }
                    timer2.borrow_mut().take();
                }));
            }
        });
    }
    let lang = ctx.lang;
    if p.draft.post.is_err() {
        return html! {};
    }
    let Some(current) = shown.borrow().clone() else { return html! {} };
    html! { <ExportView {current} settings={s} {lang} dispatch={ctx.dispatcher()} {latest} /> }
}

/// What the export panel shows. Drawn again only when the export shown or the
/// settings change, not on every key typed in the body (the panel itself is:
/// it reads the app state); the downloads read the newest draft from `latest`.
#[derive(Properties)]
struct ExportViewProps {
    current: Rc<Computed>,
    settings: ExportSettings,
    lang: Lang,
    dispatch: Dispatch,
    latest: Rc<RefCell<Rc<Draft>>>,
}

impl PartialEq for ExportViewProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.current, &o.current)
            && self.settings == o.settings
            && self.lang == o.lang
            && self.dispatch == o.dispatch
            && Rc::ptr_eq(&self.latest, &o.latest)
    }
}

#[function_component(ExportView)]
fn export_view(p: &ExportViewProps) -> Html {
    let (ctx, s, lang) = (&p.dispatch, &p.settings, p.lang);
    let out = &p.current.out;
    let set = |f: Rc<Update>| {
        let ctx = ctx.clone();
        let s = s.clone();
        Callback::from(move |e: Event| {
            let mut n = s.clone();
            f(&mut n, target_value(&e));
            ctx.dispatch(Action::SetExport(n));
        })
    };
    let on_target = set(Rc::new(|n, v| {
        n.target = match (v.as_str(), n.target) {
            ("gatsby", Target::Gatsby(f)) => Target::Gatsby(f),
            ("gatsby", _) => Target::Gatsby(Flavor::StarterBlog),
            _ => Target::Jekyll,
        };
        n.chosen = true;
    }));
    let on_flavor = set(Rc::new(|n, v| {
        n.target = Target::Gatsby(if v == "lumen" { Flavor::Lumen } else { Flavor::StarterBlog });
        n.chosen = true;
    }));
    let on_offset = {
        let (ctx, s) = (ctx.clone(), s.clone());
        Callback::from(move |o: Option<Offset>| {
            if let Some(o) = o.filter(|o| *o != s.offset) {
                ctx.dispatch(Action::SetExport(ExportSettings { offset: o, ..s.clone() }));
            }
        })
    };
    let on_slug = set(Rc::new(|n, v| n.slug_style = SlugStyle::parse(&v).unwrap_or_default()));
    // Downloads export the newest draft with these settings, never the debounced view.
    let md = {
        let (ctx, latest, s) = (ctx.clone(), p.latest.clone(), s.clone());
        Callback::from(move |_| {
            let c = compute(&latest.borrow(), &s);
            deliver(&ctx, lang, c.file_name(), c.out.text.as_bytes(), "text/markdown;charset=utf-8");
        })
    };
    let zip = {
        let (ctx, latest, s) = (ctx.clone(), p.latest.clone(), s.clone());
        Callback::from(move |_| {
            let c = compute(&latest.borrow(), &s);
            match hoego_core::export::bundle::zip_files(&c.zip_entries()) {
                Ok(bytes) => deliver(&ctx, lang, &c.zip_name(), &bytes, "application/zip"),
                Err(e) => ctx.dispatch(Action::Notify(Notice {
                    level: Level::Error,
                    text: format!("{}: {e}", t(lang, Key::DownloadFailed)),
                })),
            }
        })
    };
    let flavor = match s.target {
        Target::Gatsby(f) => Some(f),
        Target::Jekyll => None,
    };
    let target_value = match s.target {
        Target::Jekyll => "jekyll",
        Target::Gatsby(_) => "gatsby",
    };
    let slug_value = match s.slug_style {
        SlugStyle::Romanize => "romanize",
        SlugStyle::Keep => "keep",
        SlugStyle::Ascii => "ascii",
    };
    html! {
        <section class="export">
            <h2 class="pane-title">{ t(lang, Key::Export) }</h2>
            <div class="grid2">
                <label for="x-target">{ t(lang, Key::ExportTarget) }</label>
                <select id="x-target" data-testid="export-target" onchange={on_target}>
                    <option value="jekyll" selected={target_value == "jekyll"}>{ "Jekyll" }</option>
                    <option value="gatsby" selected={target_value == "gatsby"}>{ "Gatsby" }</option>
                </select>
                // Always present (disabled for Jekyll) so switching target moves nothing below it.
                <label for="x-flavor">{ t(lang, Key::ExportFlavor) }</label>
                <select id="x-flavor" data-testid="export-flavor" onchange={on_flavor} disabled={flavor.is_none()}>
                    <option value="starter-blog" selected={flavor == Some(Flavor::StarterBlog)}>{ "gatsby-starter-blog" }</option>
                    <option value="lumen" selected={flavor == Some(Flavor::Lumen)}>{ "Lumen" }</option>
                </select>
                <label for="x-offset">{ t(lang, Key::ExportOffset) }</label>
                <super::offset_input::OffsetInput id="x-offset" testid="export-offset" {lang} value={s.offset.colon()} on_set={on_offset} required=true />
                <label for="x-slug">{ t(lang, Key::ExportSlugStyle) }</label>
                <select id="x-slug" data-testid="export-slug-style" onchange={on_slug}>
                    <option value="romanize" selected={slug_value == "romanize"}>{ t(lang, Key::SlugRomanize) }</option>
                    <option value="keep" selected={slug_value == "keep"}>{ t(lang, Key::SlugKeep) }</option>
                    <option value="ascii" selected={slug_value == "ascii"}>{ t(lang, Key::SlugAscii) }</option>
                </select>
            </div>
            <div class="buttons">
                <button class="primary" data-testid="export-md" onclick={md}>{ t(lang, Key::DownloadMd) }</button>
                <button data-testid="export-zip" onclick={zip}>{ t(lang, Key::DownloadZip) }</button>
            </div>
            // Below the buttons, so its coming and going moves neither of them.
            if !out.assets.is_empty() {
                <p class="hint" data-testid="export-md-images">{ t(lang, Key::ExportZipOnly).replace("{n}", &out.assets.len().to_string()) }</p>
            }
            <p class="path"><span>{ t(lang, Key::ExportPath) }</span><code data-testid="export-path">{ &out.path }</code></p>
            <super::disclosure::Disclosure id="Hoego-export-diff" open=true
                summary={format!("{} ({})", t(lang, Key::ExportDiff), out.changes.len())}>
                if out.changes.is_empty() { <p class="hint">{ t(lang, Key::ExportNochange) }</p> }
                <div class="diff" data-testid="export-diff">
                { for out.changes.iter().map(|c| html! {
                    <div class="diff-item">
                        if let Some(b) = &c.before { <pre class="del">{ b.lines().map(|l| format!("- {l}\n")).collect::<String>() }</pre> }
                        if let Some(a) = &c.after { <pre class="add">{ a.lines().map(|l| format!("+ {l}\n")).collect::<String>() }</pre> }
                    </div>
                }) }
                </div>
            </super::disclosure::Disclosure>
            if !out.warnings.is_empty() {
                <super::disclosure::Disclosure id="Hoego-export-warnings"
                    summary={format!("{} ({})", t(lang, Key::ExportWarnings), out.warnings.len())}>
                    <ul class="warnings" data-testid="export-warnings">{ for out.warnings.iter().map(|w| warning_item(lang, w)) }</ul>
                </super::disclosure::Disclosure>
            }
        </section>
    }
}

/// One export warning: its detail, which hoego-core writes in English; in the
/// Korean UI led by the Korean headline of its code.
fn warning_item(lang: Lang, w: &hoego_core::Warning) -> Html {
    match lang {
        Lang::Ko => html! {
            <li><strong>{ crate::warning_titles::title_ko(w.code) }</strong>{ " " }<span lang="en">{ &w.message }</span></li>
        },
        Lang::En => html! { <li>{ &w.message }</li> },
    }
}
