//! Whether the lazy half of a split build's wasm is here (scripts/lazy-wasm.mjs).
//!
//! Only a first visit starts without it, and its first screen is what the build's
//! profile keeps in the first download. The export panel waits for it ([`use_lazy`])
//! so that its code, and hoego-core's export behind it, are not in that download.
//! Every other start (a returning visit, an unsplit build, `trunk serve`, the
//! wasm-bindgen tests) has it from the start: the loader sets the flags below only
//! while a first visit runs without it.

use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Set to `true` by the loader while a first visit runs on the primary alone.
const PENDING: &str = "__hoegoLazyPending";
/// Set to `true` by the loader while its last prefetch has failed (it tries again
/// after a wait that doubles up to a minute, and when the service worker takes
/// control or the network comes back).
const FAILED: &str = "__hoegoLazyFailed";
/// Fired on `window` (in a task of its own, never inside a wasm call) once it is here.
const READY_EVENT: &str = "hoego-lazy-ready";
/// Fired on `window` when a prefetch has failed.
const FAILED_EVENT: &str = "hoego-lazy-failed";

/// `f`, opaque to the optimizer: for code a first screen never runs (an
/// import, another tab's save, a long body's pages) called from code it does
/// run. Called through a pointer, it is not inlined into its caller, so the
/// profile that splits the wasm (scripts/lazy-wasm.mjs) leaves it in the lazy
/// module (the first load is near its budget: BENCHMARKS.md).
pub(crate) fn lazily<F>(f: F) -> F {
    std::hint::black_box(f)
}

/// Where the lazy module is, for what waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lazy {
    /// On its way.
    Waiting,
    /// Its last fetch failed; the loader tries again (shortly, and once online).
    Failed,
    /// Here: what waits for it may be drawn.
    Here,
}

/// A loader's flag. One that cannot be read is no loader's (an unsplit build): not set.
fn flag(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name)).is_ok_and(|v| v == JsValue::TRUE)
}

/// What the loader's flags say now.
fn now() -> Lazy {
    match (flag(PENDING), flag(FAILED)) {
        (false, _) => Lazy::Here,
        (true, false) => Lazy::Waiting,
        (true, true) => Lazy::Failed,
    }
}

/// Where the lazy module is; redraws when the loader says it has arrived or failed.
#[hook]
pub fn use_lazy() -> Lazy {
    // `_eq`: an event or the check below that changes nothing draws nothing.
    let state = use_state_eq(now);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().filter(|_| *state != Lazy::Here);
            let stops = window.map(|window| {
                let (ready, failed) = (state.clone(), state.clone());
                (
                    crate::browser::listen(window.as_ref(), READY_EVENT, move |_| ready.set(now())),
                    crate::browser::listen(window.as_ref(), FAILED_EVENT, move |_| failed.set(now())),
                )
            });
            // It may have arrived, or failed, between the first render and this effect.
            state.set(now());
            move || {
                if let Some((a, b)) = stops {
                    a();
                    b();
                }
            }
        });
    }
    *state
}
