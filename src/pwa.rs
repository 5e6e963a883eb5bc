//! The installed-app edge: service worker registration with the "new version"
//! signal, and files the OS opens with the installed app (`launchQueue`).
//!
//! The worker itself is `pwa/sw.js`, written into `dist/sw.js` by
//! `scripts/postbuild.mjs` with the build's file list and content hash. The JS
//! half of this module is `src/pwa.js`; it does nothing in browsers without
//! service workers or `launchQueue`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pwa.js")]
extern "C" {
    fn register_worker(on_update: &JsValue);
    fn apply_update();
    fn on_launch_files(on_files: &JsValue);
}

/// Register `sw.js`; `on_update` runs when a newer deployment is installed and
/// waiting (it may run more than once).
pub fn register(on_update: impl Fn() + 'static) {
    // JS owns the callback from here on: the worker may report at any time.
    let cb = Closure::<dyn Fn()>::new(on_update).into_js_value();
    register_worker(&cb);
}

/// Let the waiting worker take over, then reload the page.
pub fn update_now() {
    apply_update();
}

/// Call `on_files` with the files the OS launched the installed app with.
pub fn launch_files(on_files: impl Fn(Vec<web_sys::File>) + 'static) {
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |arr: js_sys::Array| {
        on_files(arr.iter().filter_map(|f| f.dyn_into::<web_sys::File>().ok()).collect());
    })
    .into_js_value();
    on_launch_files(&cb);
}
