//! The library: every draft with title, date, dialect, size and last change;
//! new (blank or template), import (files, a folder, drop, paste; the rows
//! just imported highlighted), duplicate, delete with undo, search, and the
//! series and history section (`series.rs`).

use std::collections::HashSet;

use hoego_core::dialect::{detect, Dialect};
use hoego_core::stats::analyze_with;
use yew::prelude::*;

use super::batch::{download_site, with_target};
use super::import_pick::picked;
use super::series::{series_section, use_series};
use super::storage_info::storage_info;
use super::{target_value, Ctx};
use crate::browser::{browser_offset, date_time, decode_post, file_bytes, is_image_name, new_id, now_date, now_ms};
use crate::graphemes::IntlGraphemes;
use crate::i18n::{t, Key};
use crate::state::{Action, ExportSettings, ImportMessages, Imported, Level, Notice};
use hoego_core::export::{Flavor, Target};

fn messages(lang: hoego_core::templates::Lang) -> ImportMessages {
    ImportMessages {
        ok: t(lang, Key::ImportOk).into(),
        raw: t(lang, Key::ImportRaw).into(),
        bad: t(lang, Key::ImportBad).into(),
        same: t(lang, Key::ImportSame).into(),
        pasted: t(lang, Key::ImportPasted).into(),
    }
}

/// The largest post the browser opens (bytes): 1.1 MB. Past it one pass over
/// the post (parse, analysis, the textarea's layout of a long line) holds the
/// tab for longer than the 200 ms the app allows itself (2 MB of `*` took
/// 304 ms), and a browser keeps a few MB per site, every draft and revision
/// together: a 54 MB file froze the tab for seconds before its save failed.
/// The CLI has no such limit.
pub const MAX_POST_BYTES: usize = (11 << 20) / 10;

/// Why a post of `bytes` is not opened (`None`: it is).
fn too_big(lang: hoego_core::templates::Lang, bytes: usize) -> Option<String> {
    // Tenths of a MB in integers: formatting a float pulls ~8 KB of code into the wasm.
    let mb = |b: usize| {
        let tenths = (b * 10 + (1 << 19)) >> 20;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    (bytes > MAX_POST_BYTES)
        .then(|| t(lang, Key::ImportTooBig).replace("{mb}", &mb(bytes)).replace("{max}", &mb(MAX_POST_BYTES)))
}

/// Read files (picked or dropped) and import them. Images are kept for zip
/// bundles; everything else becomes a draft or an error message.
pub fn import_files(ctx: Ctx, files: Vec<web_sys::File>) {
    wasm_bindgen_futures::spawn_local(async move {
        let lang = ctx.lang;
        let mut items = Vec::new();
        for f in files {
            let name = f.name();
            // From a folder, its path in it (`blog/_posts/a.md`): a post's relative image
            // references are read from there, and a Gatsby bundle's slug is its folder.
            let path = super::import_pick::relative_path(&f);
            // Judged by its size before reading it: nothing of a huge file is read.
            let size = f.size() as usize;
            if let Some(why) = too_big(lang, size).filter(|_| !is_image_name(&name)) {
                items.push(Imported { id: new_id(), name: Some(path), text: Err(why), note: None, parsed: None });
                continue;
            }
            let bytes = match file_bytes(&f).await {
                Ok(b) => b,
                Err(e) => {
                    items.push(Imported {
                        id: new_id(),
                        name: Some(path),
                        text: Err(format!("read failed: {}", crate::storage::js_error(&e))),
                        note: None,
                        parsed: None,
                    });
                    continue;
                }
            };
            if name == "_config.yml" {
                let text = decode_post(&bytes)
                    .map_err(|e| e.describe(lang))
                    .and_then(|(s, _)| hoego_core::export::SiteConfig::parse(&s).map_err(|e| e.located()));
                let notice = match text {
                    Ok(site) => {
                        super::batch::SITE.with(|c| *c.borrow_mut() = site);
                        Notice { level: Level::Ok, text: format!("{}: {name}", t(lang, Key::SiteImported)) }
                    }
                    Err(e) => Notice { level: Level::Error, text: format!("{}: {name}: {e}", t(lang, Key::SiteBad)) },
                };
                ctx.dispatch(Action::Notify(notice));
                continue;
            }
            if is_image_name(&name) {
                if !crate::images::usable_key(&path) {
                    let why = t(lang, Key::ImageNameBad).to_string();
                    items.push(Imported { id: new_id(), name: Some(path), text: Err(why), note: None, parsed: None });
                    continue;
                }
                // Images are kept by their path as imported: `2023/cover.png` and
                // `2024/cover.png` are two. One imported again with other bytes
                // replaces it: say so rather than swap one in silently.
                if crate::image_keeper::add(&ctx, path.clone(), bytes) {
                    let text = format!("{}: {path}", t(lang, Key::ImportImageDup));
                    ctx.dispatch(Action::Notify(Notice { level: Level::Warn, text }));
                }
                continue;
            }
            let (text, note) = match decode_post(&bytes) {
                Ok((s, euc)) => (Ok(s), euc.then(|| t(lang, Key::ImportEuckr).to_string())),
                Err(e) => (Err(e.describe(lang)), None),
            };
            items.push(Imported { id: new_id(), name: Some(path), text, note, parsed: None });
        }
        if !items.is_empty() {
            // Parse here, in the task that read the files, and draw the editor in a
            // task after the next frame: one task for both took ~180 ms for a 1 MB post.
            let items: Vec<Imported> = items.into_iter().map(Imported::parsed).collect();
            crate::frames::run_after_frame(move || {
                ctx.dispatch(Action::Import { items, at: now_ms(), messages: messages(lang) });
            });
        }
    });
}

/// Import pasted text as a draft.
pub fn import_text(ctx: &Ctx, text: String) {
    if text.trim().is_empty() {
        return;
    }
    let text = match too_big(ctx.lang, text.len()) {
        Some(why) => Err(why),
        None => Ok(text),
    };
    let items = vec![Imported { id: new_id(), name: None, text, note: None, parsed: None }];
    ctx.dispatch(Action::Import { items, at: now_ms(), messages: messages(ctx.lang) });
}

/// Create a draft from a template and open it.
pub fn create_from_template(ctx: &Ctx, name: &str) {
    let Some(tpl) = hoego_core::templates::template(name) else { return };
    let title = tpl.label(ctx.lang);
    let text = tpl.render(title, &now_date(browser_offset()), ctx.lang);
    ctx.dispatch(Action::Create { id: new_id(), text, at: now_ms() });
}

/// What the library shows of a draft: (dialect, `None` in raw mode; date;
/// characters without spaces).
type Meta = (Option<Dialect>, String, usize);

thread_local! {
    /// Each draft's [`Meta`] by id, with what identifies the text it was
    /// computed from: the count is a full markdown parse, too slow to repeat
    /// for every draft on every render.
    static META: std::cell::RefCell<std::collections::HashMap<String, (MetaKey, Meta)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Revision, last change and length: a draft's text changes only with one of them.
type MetaKey = (u64, u64, usize);

fn meta(d: &crate::state::Draft) -> Meta {
    let key: MetaKey = (d.rev, d.updated.to_bits(), d.text.len());
    let cached = META.with(|m| m.borrow().get(&d.id).filter(|(k, _)| *k == key).map(|c| c.1.clone()));
    if let Some(m) = cached {
        return m;
    }
    let m = match &d.post {
        Ok(p) => (
            Some(detect(p).dialect),
            p.view().date.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
            analyze_with(p.body(), &IntlGraphemes).0.chars_no_spaces,
        ),
        Err(_) => (None, String::new(), 0),
    };
    META.with(|c| c.borrow_mut().insert(d.id.to_string(), (key, m.clone())));
    m
}

/// The site zip's target: the one picked, else the one every selected draft
/// was written for (`state::written_for`), else Jekyll.
fn selection_target(ctx: &Ctx, selected: &HashSet<&str>) -> Target {
    if ctx.export.chosen || selected.is_empty() {
        return ctx.export.target;
    }
    // Drafts in raw mode (not in the zip) and plain ones (written for no generator) abstain.
    let mut targets =
        ctx.drafts.iter().filter(|d| selected.contains(d.id.as_str())).filter_map(|d| match (&d.post, meta(d).0) {
            (Ok(p), Some(dialect)) if dialect != Dialect::Plain => Some(crate::state::written_for(p, dialect)),
            _ => None,
        });
    let first = targets.next().unwrap_or(Target::Jekyll);
    if targets.all(|t| t == first) {
        first
    } else {
        Target::Jekyll
    }
}

/// The library screen.
#[function_component(Library)]
pub fn library() -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    let on_new = {
        let ctx = ctx.clone();
        Callback::from(move |_| create_from_template(&ctx, "blank"))
    };
    let on_files = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| import_files(ctx.clone(), picked(&e, false)))
    };
    let on_folder = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| import_files(ctx.clone(), picked(&e, true)))
    };
    let series = use_series(&ctx);
    let paste_ref = use_node_ref();
    let on_paste_add = {
        let ctx = ctx.clone();
        let r = paste_ref.clone();
        Callback::from(move |_| {
            if let Some(ta) = r.cast::<web_sys::HtmlTextAreaElement>() {
                import_text(&ctx, ta.value());
                ta.set_value("");
            }
        })
    };
    let on_search = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| ctx.dispatch(Action::SetSearch(target_value(&e.into()))))
    };
    let selected = use_state(Vec::<String>::new);
    // Drafts deleted since they were selected are not selected any more.
    // Sets by hash: a search per row was quadratic with a big folder import.
    let ids: HashSet<&str> = ctx.drafts.iter().map(|d| d.id.as_str()).collect();
    let live: Vec<String> = selected.iter().filter(|id| ids.contains(id.as_str())).cloned().collect();
    let live_set: HashSet<&str> = live.iter().map(String::as_str).collect();
    let lit_set: HashSet<&str> = ctx.imported.iter().map(String::as_str).collect();
    let on_all = {
        let (ctx, selected, n) = (ctx.clone(), selected.clone(), live.len());
        Callback::from(move |_: MouseEvent| {
            let all: Vec<String> = ctx.drafts.iter().map(|d| d.id.clone()).collect();
            selected.set(if n == all.len() { Vec::new() } else { all });
        })
    };
    let on_batch_target = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| ctx.dispatch(Action::SetExport(with_target(&ctx.export, &target_value(&e)))))
    };
    // Until a target is picked, the site zip is for what the selection was written for.
    let batch_settings = ExportSettings { target: selection_target(&ctx, &live_set), ..ctx.export.clone() };
    // Library order, drafts and settings as they are at the moment of the click.
    let on_batch_download = {
        let (ctx, live, settings) = (ctx.clone(), live.clone(), batch_settings.clone());
        Callback::from(move |_: MouseEvent| download_site(&ctx, &live, &settings))
    };
    let batch_value = match batch_settings.target {
        Target::Jekyll => "jekyll",
        Target::Gatsby(Flavor::StarterBlog) => "gatsby",
        Target::Gatsby(Flavor::Lumen) => "lumen",
    };
    let q = ctx.search.to_lowercase();
    let shown: Vec<_> = ctx
        .drafts
        .iter()
        .filter(|d| {
            q.is_empty()
                || d.title().unwrap_or_default().to_lowercase().contains(&q)
                // The file's name, not its folders (`blog/_posts/` would match every post).
                || crate::state::file_part(d.name.as_deref()).unwrap_or("").to_lowercase().contains(&q)
        })
        .cloned()
        .collect();
    html! {
        <section class="library">
            <div class="lib-actions">
                <button class="primary" data-testid="new-draft" onclick={on_new}>{ "+ " }{ t(lang, Key::New) }</button>
                { super::templates::template_picker(&ctx) }
                <label class="button file-button">
                    { t(lang, Key::Import) }
                    <input type="file" data-testid="import-file" multiple=true accept=".md,.markdown,.mdx,.txt,text/markdown,text/plain,image/*" onchange={on_files} />
                </label>
                <label class="button file-button">
                    { t(lang, Key::ImportFolder) }
                    <input type="file" data-testid="import-folder" webkitdirectory=true multiple=true onchange={on_folder} />
                </label>
                <input class="search" data-testid="search" type="search" aria-label={t(lang, Key::Search)} placeholder={t(lang, Key::Search)} value={ctx.search.clone()} oninput={on_search} />
            </div>
            <p class="hint">{ t(lang, Key::ImportHint) }</p>
            { super::templates::template_preview(&ctx) }
            if !ctx.broken.is_empty() {
                <div class="notice error">
                    <strong>{ t(lang, Key::Recovery) }</strong>
                    <ul>{ for ctx.broken.iter().enumerate().map(|(i, b)| {
                        let ctx = ctx.clone();
                        html! { <li><a href="#" onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); ctx.dispatch(Action::OpenRecovery(i)) })}>{ &b.key }</a></li> }
                    }) }</ul>
                </div>
            }
            if let Some((d, _)) = &ctx.undo {
                <div class="notice">
                    { t(lang, Key::Deleted) }{ ": " }{ d.title().unwrap_or_default() }{ " " }
                    <button class="small" data-testid="undo-delete" onclick={{ let ctx = ctx.clone(); move |_| ctx.dispatch(Action::UndoDelete) }}>{ t(lang, Key::Undo) }</button>
                </div>
            }
            if shown.is_empty() { <p class="empty">{ t(lang, Key::Empty) }</p> }
            <div class="batch-bar" data-testid="batch-bar">
                <button class="small" data-testid="batch-all" onclick={on_all}>{ t(lang, Key::BatchAll) }</button>
                <span class="batch-count" data-testid="batch-count">{ live.len() }</span>
                <select aria-label={t(lang, Key::ExportTarget)} data-testid="batch-target" onchange={on_batch_target}>
                    <option value="jekyll" selected={batch_value == "jekyll"}>{ "Jekyll" }</option>
                    <option value="gatsby" selected={batch_value == "gatsby"}>{ "Gatsby (starter-blog)" }</option>
                    <option value="lumen" selected={batch_value == "lumen"}>{ "Gatsby (Lumen)" }</option>
                </select>
                <button class="primary" data-testid="batch-download" disabled={live.is_empty()} onclick={on_batch_download}>
                    { t(lang, Key::BatchDownload) }
                </button>
            </div>
            <ul class="draft-list" data-testid="draft-list">
            { for shown.iter().map(|d| {
                let id = d.id.clone();
                let open = { let ctx = ctx.clone(); let id = id.clone(); Callback::from(move |_| ctx.dispatch(Action::Open(id.clone()))) };
                let dup = { let ctx = ctx.clone(); let id = id.clone(); Callback::from(move |e: MouseEvent| { e.stop_propagation(); ctx.dispatch(Action::Duplicate { id: id.clone(), new_id: new_id(), at: now_ms() }) }) };
                let del = { let ctx = ctx.clone(); let id = id.clone(); Callback::from(move |e: MouseEvent| { e.stop_propagation(); ctx.dispatch(Action::Delete(id.clone())) }) };
                let is_selected = live_set.contains(id.as_str());
                let toggle = {
                    let (selected, id, live) = (selected.clone(), id.clone(), live.clone());
                    Callback::from(move |_: Event| {
                        let mut next: Vec<String> = live.iter().filter(|x| **x != id).cloned().collect();
                        if !live.contains(&id) {
                            next.push(id.clone());
                        }
                        selected.set(next);
                    })
                };
                let (dialect, date, chars) = meta(d);
                let dialect = dialect.map_or("raw", Dialect::as_str);
                let lit = lit_set.contains(id.as_str());
                // After a failed save (storage full), which drafts a reload would lose or
                // take back to their last stored text: the notice alone did not say.
                let unsaved = ctx.save_failed && d.dirty();
                html! {
                    <li class={if lit { "draft-item imported" } else { "draft-item" }} data-testid="draft-item" data-id={id.clone()}>
                        <label class="draft-select">
                            <input type="checkbox" data-testid="draft-select" aria-label={t(lang, Key::BatchSelect)} checked={is_selected} onchange={toggle} />
                        </label>
                        <button class="draft-open" onclick={open}>
                            <span class="draft-title">{ d.title().unwrap_or_else(|| t(lang, Key::Untitled).into()) }</span>
                            <span class="meta">
                                <span class={classes!("badge", dialect)}>{ dialect }</span>
                                if lit { <span class="badge imported" data-testid="imported-badge">{ t(lang, Key::ImportNew) }</span> }
                                if unsaved { <span class="badge raw" data-testid="unsaved-badge">{ t(lang, Key::DraftUnsaved) }</span> }
                                if !date.is_empty() { <span>{ date }</span> }
                                <span>{ crate::i18n::count(lang, chars, Key::Chars) }{ " (" }{ t(lang, Key::NoSpaces) }{ ")" }</span>
                                <span title="last change">{ date_time(d.updated) }</span>
                            </span>
                        </button>
                        <span class="draft-actions">
                            <button class="small ghost" onclick={dup}>{ t(lang, Key::Duplicate) }</button>
                            <button class="small ghost danger" data-testid="delete-draft" onclick={del}>{ t(lang, Key::Delete) }</button>
                        </span>
                    </li>
                }
            }) }
            </ul>
            { series_section(&ctx, &series) }
            <details class="paste" onkeydown={super::close_details_on_escape}>
                <summary>{ t(lang, Key::Paste) }</summary>
                <textarea ref={paste_ref} data-testid="paste-text" rows="8" class="mono" placeholder={t(lang, Key::PastePlaceholder)} />
                <button class="small" data-testid="paste-add" onclick={on_paste_add}>{ t(lang, Key::PasteAdd) }</button>
            </details>
            { storage_info(&ctx) }
        </section>
    }
}
