//! The installed-app edge: service worker registration with the "new version"
//! signal, and files the OS opens with the installed app (`launchQueue`).
//!
//! The worker itself is `pwa/sw.js`, written into `dist/sw.js` by
//! `scripts/postbuild.mjs` with the build's file list and content hash. The JS
//! half of this module is `src/pwa.js`; it reports through window events
//! (`hoego-update`, and launched files as a `drop`), so the wasm needs no new
//! callback types (the first-load budget). It does nothing in browsers without
//! service workers or `launchQueue`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pwa.js")]
extern "C" {
    /// Register `sw.js` and start taking OS file launches. Call once the app
    /// listens for `drop` and [`UPDATE_EVENT`].
    pub fn start();
    #[wasm_bindgen(js_name = apply_update)]
    fn apply_update_js();
}

/// Fired on `window` when a newer deployment is installed and waiting.
pub const UPDATE_EVENT: &str = "hoego-update";

/// Let the waiting worker take over, then reload the page.
pub fn update_now() {
    apply_update_js();
}
