//! Images imported alongside posts, by file name: what the export bundles,
//! and what the preview shows in place of an image the post names by a path
//! the page cannot load (`./a.png` beside the post). Held in memory and kept
//! in the browser's Cache Storage (`storage::images`), so a reload keeps them
//! until the writer forgets them; where the browser refuses that store, they
//! last for the session and the library says so.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::components::Ctx;
use crate::i18n::{t, Key};
use crate::state::{Action, Level, Notice};
use crate::storage::images::{self as store, ShelfError};

/// Images by file name.
pub type Images = HashMap<String, Rc<[u8]>>;

/// Each image's `blob:` URL, by file name, with the bytes it was made of.
type Urls = HashMap<String, (Rc<[u8]>, String)>;

thread_local! {
    /// The session's [`Images`]. Shared, not copied: each export (one per pause
    /// in typing) takes them all.
    pub static IMAGES: RefCell<Rc<Images>> = RefCell::new(Rc::default());
    /// A `blob:` URL per image shown in the preview, with the bytes it was made
    /// of (an image imported again under the same name gets a new one).
    static URLS: RefCell<Urls> = RefCell::new(HashMap::new());
    /// Whether the images are kept beyond the session, as last heard.
    static KEPT: RefCell<Kept> = const { RefCell::new(Kept::Unknown) };
    /// Counts changes of [`IMAGES`], for [`Shelf::generation`].
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Where the imported images are kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// Not known yet (the store is being read).
    Unknown,
    /// In this browser's storage: a reload keeps them.
    Stored,
    /// In memory only: the browser refused to store them (why).
    SessionOnly(String),
}

/// What the library says about the imported images.
#[derive(Debug, Clone, PartialEq)]
pub struct Shelf {
    /// How many there are.
    pub count: usize,
    /// Their total size in bytes.
    pub bytes: usize,
    /// Whether a reload keeps them.
    pub kept: Kept,
    /// Changes with every change of the images: views that show them (the
    /// preview's `<img>`s, the export's list) redo their work when it moves.
    pub generation: u32,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf { count: 0, bytes: 0, kept: Kept::Unknown, generation: 0 }
    }
}

/// The shelf as it is now.
fn shelf() -> Shelf {
    let (count, bytes) = IMAGES.with(|i| {
        let i = i.borrow();
        (i.len(), i.values().map(|b| b.len()).sum())
    });
    Shelf { count, bytes, kept: KEPT.with(|k| k.borrow().clone()), generation: GENERATION.with(|g| g.get()) }
}

fn changed() {
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
}

/// Hold `bytes` as the image `name` (replacing one of that name); true when it
/// replaced different bytes. [`keep`] stores what was added.
pub fn add(name: &str, bytes: Vec<u8>) -> bool {
    let new: Rc<[u8]> = bytes.into();
    let old = IMAGES.with(|i| Rc::make_mut(&mut i.borrow_mut()).insert(name.to_string(), new.clone()));
    changed();
    old.is_some_and(|b| b != new)
}

/// Store the images `names` (just added) in the browser, then tell the app.
/// A refusal keeps them in memory and says so.
pub fn keep(ctx: &Ctx, names: Vec<String>) {
    let held: Vec<(String, Rc<[u8]>)> =
        IMAGES.with(|i| names.into_iter().filter_map(|n| i.borrow().get(&n).cloned().map(|b| (n, b))).collect());
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let pairs: Vec<(&str, &[u8])> = held.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
        let done = store::put(&pairs).await;
        settle(&ctx, done, true);
    });
}

/// Record how the store answered and tell the app; a failure is a notice when
/// `say` (a store that is simply absent is not news at every start: the
/// library's storage area says it).
fn settle(ctx: &Ctx, done: Result<(), ShelfError>, say: bool) {
    let kept = match &done {
        Ok(()) => Some(Kept::Stored),
        // The images are still stored; only forgetting them failed.
        Err(e) if e.step == store::Step::Clear => None,
        Err(e) => Some(Kept::SessionOnly(e.to_string())),
    };
    if let Some(kept) = kept {
        KEPT.with(|k| *k.borrow_mut() = kept);
    }
    if let (Err(e), true) = (&done, say) {
        let text = format!("{}: {e}", t(ctx.lang, Key::ImagesStoreFailed));
        ctx.dispatch(Action::Notify(Notice { level: Level::Warn, text }));
    }
    ctx.dispatch(Action::Images(shelf()));
}

/// Read the stored images into memory (at start; one imported meanwhile wins).
pub fn restore(ctx: &Ctx) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = store::read_all().await.map(|stored| {
            IMAGES.with(|i| {
                let mut i = i.borrow_mut();
                let map = Rc::make_mut(&mut i);
                for (name, bytes) in stored {
                    map.entry(name).or_insert_with(|| bytes.into());
                }
            });
            changed();
        });
        settle(&ctx, done, false);
    });
}

/// Add the images of a restored backup that this browser does not have (one
/// of the same name here stays: a restore only adds), and store them.
pub fn restore_from_backup(ctx: &Ctx, images: Vec<(String, Vec<u8>)>) {
    let added: Vec<String> = IMAGES.with(|i| {
        let mut i = i.borrow_mut();
        let map = Rc::make_mut(&mut i);
        let mut added = Vec::new();
        for (name, bytes) in images {
            if !map.contains_key(&name) {
                map.insert(name.clone(), bytes.into());
                added.push(name);
            }
        }
        added
    });
    if !added.is_empty() {
        changed();
        keep(ctx, added);
    }
}

/// Forget every imported image, in memory and in the browser.
pub fn forget(ctx: &Ctx) {
    IMAGES.with(|i| *i.borrow_mut() = Rc::default());
    URLS.with(|u| {
        for (_, (_, url)) in u.borrow_mut().drain() {
            crate::browser::warn_on_err(web_sys::Url::revoke_object_url(&url), "freeing an image URL");
        }
    });
    changed();
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = store::clear().await;
        settle(&ctx, done, true);
    });
}

/// A URL the page can load for the imported image `reference` names, if one
/// of that name was imported: a `blob:` URL, made once per image.
fn preview_url(reference: &str) -> Option<String> {
    // The export's own rule for what file a reference names.
    let name = hoego_core::export::image_ref(reference)?.file_name;
    let bytes = IMAGES.with(|i| i.borrow().get(&name).cloned())?;
    URLS.with(|u| {
        let mut u = u.borrow_mut();
        if let Some((_, url)) = u.get(&name).filter(|(b, _)| Rc::ptr_eq(b, &bytes)) {
            return Some(url.clone());
        }
        let url = blob_url(&bytes).ok()?;
        if let Some((_, old)) = u.insert(name, (bytes, url.clone())) {
            crate::browser::warn_on_err(web_sys::Url::revoke_object_url(&old), "freeing an old image URL");
        }
        Some(url)
    })
}

fn blob_url(bytes: &[u8]) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Point the `<img>`s of a preview block that name an imported image at it.
/// A reference to anything else is left to the browser, as written.
pub fn show_imported(block: &web_sys::Element) -> Result<(), JsValue> {
    let imgs = block.query_selector_all("img[src]")?;
    for i in 0..imgs.length() {
        let Some(img) = imgs.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) else {
            continue;
        };
        let Some(src) = img.get_attribute("src") else { continue };
        if let Some(url) = preview_url(&src) {
            img.set_attribute("src", &url)?;
        }
    }
    Ok(())
}
