//! Imported images kept in the browser's Cache Storage, so that a reload does
//! not forget them. Not localStorage: it holds ~5 MB of text per site, which a
//! few photos would fill, and then no draft could be saved.
//!
//! Layout (schema 1): one cache, [`CACHE`]; one entry per image, keyed by the
//! URL `hoego-images/<key, percent-encoded>` relative to the page (the key is the
//! image's path as imported, or its file name: `images.rs`; so any
//! sub-path works), whose body is the image's bytes. Nothing fetches these
//! URLs: they are keys, under this page's address (the app served at two paths
//! keeps two sets). The cache is the images' only copy besides memory, so
//! nothing deletes an entry but [`put`] (same name, new bytes) and [`clear`]
//! (the user's "forget images"). Its name must not start with `hoego-`: the
//! service worker deletes every `hoego-*` cache but its own build's on each
//! update (pwa/sw.js).
//!
//! The calls themselves are JS, in `src/page.js`; this is their typed face.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The cache's name, with its schema version (also in `src/page.js`).
pub const CACHE: &str = "hoego.images.v1";

#[wasm_bindgen(module = "/src/page.js")]
extern "C" {
    fn put_images(names: Array, bodies: Array) -> Promise;
    fn read_images() -> Promise;
    fn clear_images() -> Promise;
    fn hear_images(on_heard: &JsValue);
    fn read_named(names: Array, all: bool) -> Promise;
}

/// The store after another tab's change.
#[derive(Debug, Default, PartialEq)]
pub struct Heard {
    /// Every name stored now, when asked for (after a clear).
    pub stored: Option<Vec<String>>,
    /// The images asked for that are stored, as they are stored now.
    pub images: Vec<(String, Vec<u8>)>,
}

/// The browser refused a step (no Cache Storage here, quota, a storage error).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{step}: {js}")]
pub struct ShelfError {
    /// What was being done.
    pub step: Step,
    /// The browser's error, as text.
    pub js: String,
}

/// A step of [`put`], [`read_all`] or [`clear`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Writing images.
    Put,
    /// Reading the stored images.
    Read,
    /// Deleting the stored images.
    Clear,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Step::Put => "storing",
            Step::Read => "reading",
            Step::Clear => "deleting",
        })
    }
}

/// The promise's value, or its rejection as the step's error.
async fn wait(step: Step, p: Promise) -> Result<JsValue, ShelfError> {
    JsFuture::from(p).await.map_err(|e| ShelfError { step, js: super::js_error(&e) })
}

/// Store each `(name, bytes)`, replacing an image of that name.
pub async fn put(images: &[(&str, &[u8])]) -> Result<(), ShelfError> {
    let names: Array = images.iter().map(|(n, _)| JsValue::from_str(n)).collect();
    let bodies: Array = images.iter().map(|(_, b)| JsValue::from(Uint8Array::from(*b))).collect();
    wait(Step::Put, put_images(names, bodies)).await.map(|_| ())
}

/// Every stored image, by key.
pub async fn read_all() -> Result<Vec<(String, Vec<u8>)>, ShelfError> {
    Ok(pairs(wait(Step::Read, read_images()).await?))
}

/// `[[name, Uint8Array], …]` as `(name, bytes)`.
fn pairs(list: JsValue) -> Vec<(String, Vec<u8>)> {
    let pair = |p: JsValue| {
        let p: Array = p.unchecked_into();
        Some((p.get(0).as_string()?, p.get(1).dyn_into::<Uint8Array>().ok()?.to_vec()))
    };
    list.unchecked_into::<Array>().iter().filter_map(pair).collect()
}

/// Call `f(cleared, names)` for each store (`names`) or clear another tab of
/// this page's address makes (a `BroadcastChannel` in `src/page.js`; nothing
/// where the browser has none). For the page's life.
pub fn hear(f: impl Fn(bool, Vec<String>) + 'static) {
    let f = Closure::<dyn Fn(bool, Array)>::new(move |cleared: bool, names: Array| {
        f(cleared, names.iter().filter_map(|n| n.as_string()).collect());
    });
    hear_images(&f.into_js_value());
}

/// The stored images of `names` (absent ones left out), and with `all` every
/// name stored.
pub async fn read_after(names: &[String], all: bool) -> Result<Heard, ShelfError> {
    let names: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    let v = wait(Step::Read, read_named(names, all)).await?;
    let field = |k: &str| js_sys::Reflect::get(&v, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let stored = field("stored");
    let stored = Array::is_array(&stored)
        .then(|| stored.unchecked_into::<Array>().iter().filter_map(|n| n.as_string()).collect());
    Ok(Heard { stored, images: pairs(field("pairs")) })
}

/// Delete every stored image of this page's address.
pub async fn clear() -> Result<(), ShelfError> {
    wait(Step::Clear, clear_images()).await.map(|_| ())
}
