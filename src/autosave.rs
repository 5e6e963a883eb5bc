//! Storage effects of the root component: write what changed, turn another
//! tab's writes (`storage` events on the index) into actions, and ask the
//! browser to keep the storage persistent after the first save. The reducer
//! decides; this module only reads, writes and dispatches.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::browser::now_ms;
use crate::components::Ctx;
use crate::state::{Action, AppState};
use crate::storage::{self, IndexRead, Lookup, SaveError};
use crate::sync::{External, Persist};

thread_local! {
    /// `navigator.storage.persist()` is asked once per page.
    static PERSIST_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Does anything need writing?
pub fn needed(state: &AppState) -> bool {
    state.access.writable() && (!state.to_save().is_empty() || !state.removed.is_empty())
}

/// Write every draft that needs it (and pending deletions), then report to
/// the reducer: saved revisions, conflicts found, the error that stopped it.
///
/// `latest` is the effects' copy of the state. What was saved is applied to
/// it at once (the reducer is pure), so a second save before Yew re-renders
/// (`visibilitychange` then `pagehide`) sees this one's revisions instead of
/// taking its own write for another tab's.
pub fn save_now(ctx: &Ctx, latest: &RefCell<Rc<AppState>>) {
    let state = latest.borrow().clone();
    if !needed(&state) {
        return;
    }
    let drafts = state.to_save();
    let items: Vec<_> = drafts.iter().map(|d| d.to_pending()).collect();
    let report = storage::save(&items, &state.ids(), &state.removed);
    if report.committed {
        let edits = Lookup::new(drafts.iter().map(|d| (d.id.as_str(), d.rev)));
        let revs: Vec<_> =
            report.saved.iter().map(|(id, rev)| (id.clone(), edits.get(id).unwrap_or(0), *rev)).collect();
        let saved = || Action::Saved { revs: revs.clone(), removed: state.removed.clone(), at: now_ms() };
        let mut next = (*state).clone();
        next.apply(saved());
        *latest.borrow_mut() = Rc::new(next);
        ctx.dispatch(saved());
    }
    if !report.conflicts.is_empty() {
        ctx.dispatch(Action::External(report.conflicts.into_iter().map(External::Saved).collect()));
    }
    match report.error {
        Some(e) => ctx.dispatch(Action::SaveFailed(e)),
        None if !report.saved.is_empty() => ask_persist(ctx),
        None => {}
    }
    refresh_usage(ctx);
}

/// A `storage` event: another tab changed the index (or cleared storage).
/// Reads the revisions this tab has not seen and dispatches them.
pub fn on_storage(ctx: &Ctx, state: &AppState, e: &web_sys::StorageEvent) {
    let key = e.key();
    // Another tab changed the user templates: show its list (a bad value is
    // left for the next load to report).
    if key.as_deref() == Some(storage::TEMPLATES_KEY) {
        if let Ok(list) = storage::load_templates() {
            ctx.dispatch(Action::Templates(list));
        }
        return;
    }
    if key.as_deref().is_some_and(|k| k != storage::INDEX_KEY) {
        return;
    }
    let index = match e.new_value().map(|raw| storage::parse_index(&raw)) {
        None => storage::Index::default(),
        Some(IndexRead::Ok(i)) => i,
        Some(IndexRead::Newer(n)) => return ctx.dispatch(Action::SaveFailed(SaveError::Newer(n))),
        Some(IndexRead::Broken(_)) => return,
    };
    let local = Lookup::new(state.drafts.iter().map(|d| (d.id.as_str(), d.base)));
    let stored = Lookup::new(index.0.iter().map(|e| (e.id.as_str(), e.rev)));
    let mut changes: Vec<External> = index
        .0
        .iter()
        .filter(|e| local.get(&e.id).is_none_or(|base| base < e.rev))
        .filter_map(|e| storage::read_revision(&e.id, e.rev)?.ok())
        .map(External::Saved)
        .collect();
    let gone = state.drafts.iter().filter(|d| d.base > 0 && !stored.has(&d.id));
    changes.extend(gone.map(|d| External::Removed(d.id.clone())));
    if !changes.is_empty() {
        ctx.dispatch(Action::External(changes));
    }
}

/// `navigator.storage`, if this browser has it.
pub fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    js_sys::Reflect::has(&nav, &"storage".into()).ok()?.then(|| nav.storage())
}

async fn bool_promise(p: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    wasm_bindgen_futures::JsFuture::from(p.ok()?).await.ok()?.as_bool()
}

/// Ask once per page for persistent storage (after the first save, so a
/// visitor who only looks is never asked), and report the answer.
fn ask_persist(ctx: &Ctx) {
    if PERSIST_ASKED.with(|a| a.replace(true)) {
        return;
    }
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = match storage_manager() {
            None => Persist::Unsupported,
            Some(m) => match bool_promise(m.persisted()).await {
                Some(true) => Persist::Granted,
                Some(false) => match bool_promise(m.persist()).await {
                    Some(true) => Persist::Granted,
                    Some(false) => Persist::Denied,
                    None => Persist::Unsupported,
                },
                None => Persist::Unsupported,
            },
        };
        ctx.dispatch(Action::Persisted(answer));
    });
}

/// Usage and quota in bytes (`navigator.storage.estimate()`), if known.
async fn estimate() -> Option<(f64, f64)> {
    let p = storage_manager()?.estimate().ok()?;
    let v = wasm_bindgen_futures::JsFuture::from(p).await.ok()?;
    let field = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok()?.as_f64();
    Some((field("usage")?, field("quota")?))
}

// What this origin's localStorage holds, in the UTF-16 code units browsers
// count it in (keys and values). Summed in JS: the values stay JS strings,
// never copied into wasm memory.
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/page.js")]
extern "C" {
    fn local_units() -> f64;
}

/// Read usage vs quota, what localStorage holds, and whether storage is
/// already persistent (from an earlier visit), for the library's storage area.
pub fn refresh_usage(ctx: &Ctx) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let usage = estimate().await;
        let local = Some(local_units()).filter(|&n| n >= 0.0);
        let persisted = match storage_manager() {
            Some(m) => bool_promise(m.persisted()).await,
            None => None,
        };
        ctx.dispatch(Action::Usage { usage, local, persisted });
    });
}
