//! Whether the lazy half of a split build's wasm is here (scripts/lazy-wasm.mjs).
//!
//! Only a first visit starts without it, and its first screen is what the build's
//! profile keeps in the first download. The export panel waits for it
//! ([`use_lazy_ready`]) so that its code, and hoego-core's export behind it, are not in
//! that download. Every other start (a returning visit, an unsplit build, `trunk
//! serve`, the wasm-bindgen tests) has it from the start: the loader sets the flag
//! below only while a first visit runs without it.

use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Set to `true` by the loader while a first visit runs on the primary alone.
const PENDING: &str = "__hoegoLazyPending";

/// Fired on `window` (in a task of its own, never inside a wasm call) once it is here.
const READY_EVENT: &str = "hoego-lazy-ready";

/// True unless the loader says the lazy module is still on its way. A flag that cannot
/// be read is no loader's, so everything may be drawn: a call into a missing module
/// would still load it on the spot.
fn ready() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(PENDING)).map_or(true, |v| v != JsValue::TRUE)
}

/// Whether what waits for the lazy module may be drawn; turns true (and redraws) once
/// it has arrived.
#[hook]
pub fn use_lazy_ready() -> bool {
    let here = use_state(ready);
    {
        let here = here.clone();
        use_effect_with((), move |_| {
            let stop = (!*here).then(|| {
                let window = web_sys::window().expect("window");
                let set = here.clone();
                crate::browser::listen(window.as_ref(), READY_EVENT, move |_| set.set(true))
            });
            // It may have arrived between the first render and this effect.
            if ready() {
                here.set(true);
            }
            move || {
                if let Some(stop) = stop {
                    stop();
                }
            }
        });
    }
    *here
}
