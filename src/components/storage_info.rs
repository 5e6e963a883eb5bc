//! Where drafts live, said plainly: the library's storage area (usage vs
//! quota, whether storage is persistent, export all drafts, restore from a
//! backup) and the banner shown when this browser cannot save at all.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Ctx;
use crate::backup::{backup_zip, read_backup};
use crate::browser::{date_time, download, file_bytes, new_id, now_ms};
use crate::i18n::{t, Key};
use crate::state::{Action, Level, Notice};
use crate::storage::Access;
use crate::sync::{Persist, RestoreReport};

/// `n / d` with one decimal, by integer arithmetic: formatting floats would
/// pull Rust's float printing code (~20 KB) into the wasm.
fn tenths(n: f64, d: f64) -> String {
    let t = (n * 10.0 / d).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

/// `1.2 MB` style sizes.
fn bytes(n: f64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut scale = 1.0;
    let mut i = 0;
    while n >= scale * 1000.0 && i + 1 < units.len() {
        scale *= 1000.0;
        i += 1;
    }
    if i == 0 {
        format!("{} B", n as u64)
    } else {
        format!("{} {}", tenths(n, scale), units[i])
    }
}

fn notify(ctx: &Ctx, level: Level, text: String) {
    ctx.dispatch(Action::Notify(Notice { level, text }));
}

/// Download every draft as one backup zip.
fn export_all(ctx: &Ctx) {
    let at = now_ms();
    let name = format!("hoego-drafts-{}.zip", date_time(at).replace([' ', ':'], "-"));
    let images = crate::images::IMAGES.with(|i| i.borrow().clone());
    let done = backup_zip(&ctx.drafts, &ctx.templates, &images, at)
        .and_then(|zip| download(&name, &zip, "application/zip").map_err(|e| crate::storage::js_error(&e)));
    if let Err(e) = done {
        notify(ctx, Level::Error, format!("{}: {e}", t(ctx.lang, Key::DownloadFailed)));
    }
}

/// Read a picked backup and merge it (the reducer decides what happens to each draft).
fn restore(ctx: Ctx, file: web_sys::File) {
    wasm_bindgen_futures::spawn_local(async move {
        let read = file_bytes(&file).await.map_err(|e| crate::storage::js_error(&e));
        match read.and_then(|b| read_backup(&b).map_err(|e| e.to_string())) {
            Ok(backup) => {
                let new_ids = backup.drafts.iter().map(|_| new_id()).collect();
                super::templates::restore_templates(&ctx, backup.templates);
                crate::image_keeper::add_from_backup(&ctx, backup.images);
                if !backup.skipped_images.is_empty() {
                    notify(&ctx, Level::Warn, skipped_line(ctx.lang, &backup.skipped_images));
                }
                ctx.dispatch(Action::Restore { items: backup.drafts, new_ids });
            }
            Err(e) => notify(&ctx, Level::Error, format!("{}: {}: {e}", t(ctx.lang, Key::BackupBad), file.name())),
        }
    });
}

/// `Images … (3): "a.png", "", "b.png"`: a count and the first few names,
/// each cut to its last 60 characters, where a path's file name is (a crafted
/// backup can name thousands, or long ones).
fn skipped_line(lang: hoego_core::templates::Lang, names: &[String]) -> String {
    let tail = |n: &str| n.chars().rev().take(60).collect::<Vec<char>>().into_iter().rev().collect::<String>();
    let shown: Vec<String> = names.iter().take(5).map(|n| hoego_core::quoted(&tail(n))).collect();
    let more = if names.len() > 5 { " …" } else { "" };
    format!("{} ({}): {}{more}", t(lang, Key::BackupImagesSkipped), names.len(), shown.join(", "))
}

fn report_line(lang: hoego_core::templates::Lang, r: &RestoreReport) -> String {
    let parts = [
        (r.added, Key::BackupAdded),
        (r.replaced, Key::BackupReplaced),
        (r.copied, Key::BackupCopied),
        (r.kept_newer, Key::BackupKept),
        (r.unchanged, Key::BackupUnchanged),
    ];
    let said: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, k)| format!("{} {n}", t(lang, *k))).collect();
    format!("{}: {}", t(lang, Key::BackupDone), if said.is_empty() { "0".into() } else { said.join(" · ") })
}

/// What a browser lets one site keep in localStorage, in UTF-16 code units
/// (keys and values): 5 MiB of them in Firefox and Safari, 10 MiB of bytes (as
/// many units) in Chromium; the smaller is what a user can count on.
const LOCAL_CAP: f64 = 5.0 * 1024.0 * 1024.0;

/// From this share of [`LOCAL_CAP`] on, the line says so in the warning colour.
const LOCAL_WARN: f64 = 0.8;

/// The imported images' line: how many, their size, whether a reload keeps
/// them, and the button that forgets them (after asking). Its `data-state`
/// is always there: `unknown` until the stored images are read.
fn images_line(ctx: &Ctx) -> Html {
    use crate::images::Kept;
    let lang = ctx.lang;
    let shelf = &ctx.images;
    let (state, refused) = match &shelf.kept {
        Kept::Unknown => ("unknown", None),
        Kept::Stored => ("stored", None),
        Kept::Pending => ("pending", None),
        Kept::Refused(e) => ("refused", Some(e.to_string())),
    };
    let key = match (shelf.count, &shelf.kept) {
        (0, Kept::Refused(_)) => Some(Key::ImagesUnavailable),
        (0, _) => None,
        (_, Kept::Stored) => Some(Key::ImagesKept),
        (_, Kept::Unknown | Kept::Pending) => Some(Key::ImagesPending),
        (_, Kept::Refused(_)) => Some(Key::ImagesSession),
    };
    let text =
        key.map(|k| t(lang, k).replace("{n}", &shelf.count.to_string()).replace("{size}", &bytes(shelf.bytes as f64)));
    let on_forget = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(w) = web_sys::window() else { return };
            match w.confirm_with_message(t(ctx.lang, Key::ImagesForgetAsk)) {
                Ok(true) => crate::image_keeper::forget(&ctx),
                Ok(false) => {}
                Err(e) => notify(
                    &ctx,
                    Level::Error,
                    format!("{}: {}", t(ctx.lang, Key::ImagesForgetFailed), crate::storage::js_error(&e)),
                ),
            }
        })
    };
    html! {
        <div class="storage-images" data-testid="storage-images" data-state={state} data-count={shelf.count.to_string()}>
            if let Some(text) = text {
                <p>
                    { text }
                    if let Some(why) = refused {
                        { " " }<code>{ why }</code>
                    }
                    if shelf.count > 0 {
                        { " " }<button data-testid="images-forget" onclick={on_forget}>{ t(lang, Key::ImagesForget) }</button>
                    }
                </p>
            }
        </div>
    }
}

/// The library's storage area. (Functions, not components: each Yew
/// component costs the first load a few KB of wasm.)
pub fn storage_info(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let on_export = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| export_all(&ctx))
    };
    let on_restore = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                restore(ctx.clone(), f);
            }
            input.set_value("");
        })
    };
    let persist = match ctx.persist {
        Persist::Granted => ("granted", Key::PersistGranted),
        Persist::Denied => ("denied", Key::PersistDenied),
        Persist::Unsupported => ("unsupported", Key::PersistUnsupported),
        Persist::NotAsked => ("not-asked", Key::PersistNotasked),
    };
    let used = match ctx.usage {
        Some((u, q)) if q > 0.0 => {
            format!("{} {} / {} ({}%)", t(lang, Key::StorageUsage), bytes(u), bytes(q), tenths(u * 100.0, q))
        }
        _ => t(lang, Key::StorageUnknown).to_string(),
    };
    let local = ctx.local.map(|n| {
        let class = if n >= LOCAL_WARN * LOCAL_CAP { "warn" } else { "" };
        // Chromium counts Latin-1 text at a byte a character and lets twice as much of
        // it in: past the cap the line says 100 %, not a share over it.
        (class, t(lang, Key::StorageLocal).replace("{pct}", &tenths(n.min(LOCAL_CAP) * 100.0, LOCAL_CAP)))
    });
    html! {
        <section class="storage-info" data-testid="storage-info" aria-labelledby="storage-title">
            <h2 id="storage-title">{ t(lang, Key::Storage) }</h2>
            <p data-testid="storage-usage">{ used }</p>
            if let Some((class, text)) = local {
                <p class={classes!("storage-local", class)} data-testid="storage-local">{ text }</p>
            }
            <p data-testid="storage-persist" data-state={persist.0}>{ t(lang, persist.1) }</p>
            { images_line(ctx) }
            <div class="lib-actions">
                <button data-testid="export-all" onclick={on_export}>{ t(lang, Key::BackupExport) }</button>
                <label class="button file-button">
                    { t(lang, Key::BackupRestore) }
                    <input type="file" data-testid="restore-file" accept=".zip,application/zip" onchange={on_restore} />
                </label>
            </div>
            <p class="hint">{ t(lang, Key::BackupRules) }</p>
            if let Some(r) = &ctx.restored {
                <p class="notice ok" data-testid="restore-report" role="status">{ report_line(lang, r) }</p>
            }
        </section>
    }
}

/// Download `d`'s text as it is (no export): what the storage banner offers
/// when nothing can be saved, and raw mode when the post cannot be exported.
pub fn download_as_written(ctx: &Ctx, d: &crate::state::Draft) -> Callback<MouseEvent> {
    // A folder import's name is its path there: the file is named by its last part.
    let name = crate::state::file_part(d.name.as_deref()).map(str::to_string);
    let (name, text) = (name.unwrap_or_else(|| format!("{}.md", d.id)), d.text.clone());
    let ctx = ctx.clone();
    Callback::from(move |_: MouseEvent| {
        if let Err(e) = download(&name, text.as_bytes(), "text/markdown") {
            notify(
                &ctx,
                Level::Error,
                format!("{}: {}", t(ctx.lang, Key::DownloadFailed), crate::storage::js_error(&e)),
            );
        }
    })
}

/// Shown above every screen when drafts cannot be saved in this browser.
pub fn storage_banner(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let (why, detail) = match &ctx.access {
        Access::Writable => return html! {},
        Access::Unavailable(m) => (t(lang, Key::StorageUnavailable), m.clone()),
        Access::Newer(n) => (t(lang, Key::StorageNewer), format!("schema {n}")),
    };
    let on_all = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| export_all(&ctx))
    };
    let this = ctx.current().map(|d| download_as_written(ctx, d));
    html! {
        <div class="notice error storage-banner" role="alert" data-testid="storage-banner">
            <p>{ why }</p>
            <p class="hint"><code>{ detail }</code></p>
            <button class="primary" data-testid="banner-download-all" onclick={on_all}>{ t(lang, Key::DownloadAll) }</button>
            if let Some(cb) = this {
                { " " }<button data-testid="banner-download-md" onclick={cb}>{ t(lang, Key::DownloadThis) }</button>
            }
        </div>
    }
}
