//! Images imported alongside posts, by their path as imported (from a folder,
//! `blog/assets/a.png`; alone, `a.png`): what the export bundles, and what the
//! preview shows in place of an image the post names by a path the page
//! cannot load (`./a.png` beside the post). A reference is matched to one by
//! `hoego_core::export::pick_image`, from the post's own imported path. This is the copy in
//! memory; `image_keeper.rs` keeps it in the browser's Cache Storage, so a
//! reload keeps the images until the writer forgets them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::storage::images::ShelfError;

/// Images by their path as imported (see the module's notes): the key.
pub type Images = HashMap<String, Rc<[u8]>>;

/// Each image's `blob:` URL, by key, with the bytes it was made of.
type Urls = HashMap<String, (Rc<[u8]>, String)>;

/// The attribute a preview `<img>` keeps its own reference in once its `src`
/// is a `blob:` URL, so the image can be looked up again when the images change.
const OWN_SRC: &str = "data-hoego-src";

thread_local! {
    /// The session's [`Images`]. Shared, not copied: each export (one per pause
    /// in typing) takes them all. Every change makes a new map when an export
    /// holds the old one (`Rc::make_mut`), which is how the export sees it.
    pub static IMAGES: RefCell<Rc<Images>> = RefCell::new(Rc::default());
    /// A `blob:` URL per image shown in the preview, with the bytes it was made
    /// of (an image imported again under the same name gets a new one).
    static URLS: RefCell<Urls> = RefCell::new(HashMap::new());
    /// Counts changes of [`IMAGES`], for [`Shelf::generation`].
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// The imported path of the post the preview shows, which its relative
    /// references are read from.
    static POST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The preview shows the post imported as `path` now (`None`: not imported,
/// or imported before paths were kept).
pub(crate) fn set_post(path: Option<&str>) {
    POST.with(|p| {
        if p.borrow().as_deref() != path {
            *p.borrow_mut() = path.map(str::to_string);
        }
    });
}

/// The keys of some images by their file name (a key's last part), so that
/// a reference is compared with the few of its name, not with every image.
pub type ByName<'i> = HashMap<&'i str, Vec<&'i str>>;

/// [`ByName`] of `images`.
pub fn by_name(images: &Images) -> ByName<'_> {
    let mut out: ByName = HashMap::new();
    for key in images.keys() {
        out.entry(key.rsplit('/').next().unwrap_or(key)).or_default().push(key);
    }
    out
}

/// The key of the image `reference` names in the post imported as `post`,
/// if one is held (`hoego_core::export::pick_image`).
pub fn key_for<'i>(by_name: &ByName<'i>, post: Option<&str>, reference: &str) -> Option<&'i str> {
    let r = hoego_core::export::image_ref(reference)?;
    hoego_core::export::pick_image(by_name.get(r.file_name.as_str())?.iter().copied(), post, &r)
}

/// Whether a reload keeps the imported images.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// Not known yet: the stored images are being read.
    Unknown,
    /// Every one is in this browser's storage.
    Stored,
    /// Some are being stored.
    Pending,
    /// The browser refused the last step; those not stored last for the session.
    Refused(ShelfError),
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
    /// Moves with every change of the images: the preview's `<img>`s are
    /// pointed at them again when it does.
    pub generation: u32,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf { count: 0, bytes: 0, kept: Kept::Unknown, generation: 0 }
    }
}

/// The images as they are now, with `kept` from the store.
pub(crate) fn shelf(kept: Kept) -> Shelf {
    let (count, bytes) = IMAGES.with(|i| {
        let i = i.borrow();
        (i.len(), i.values().map(|b| b.len()).sum())
    });
    Shelf { count, bytes, kept, generation: GENERATION.with(Cell::get) }
}

/// Whether `key` can be an image's key: a file name, or a relative path of
/// file names as a folder import gives it (no empty, `.` or `..` part, no
/// `\\` or control character, each part at most 255 bytes, 4,096 in all). A
/// backup's keys are held to it; so are imports, so backups always read back.
pub(crate) fn usable_key(key: &str) -> bool {
    (1..=4096).contains(&key.len())
        && key.split('/').all(|part| {
            (1..=255).contains(&part.len())
                && part != "."
                && part != ".."
                && !part.chars().any(|c| c.is_control() || c == '\\')
        })
}

/// Change the map (a new one if an export holds the current one) and note
/// that the images changed.
pub(crate) fn change<R>(f: impl FnOnce(&mut Images) -> R) -> R {
    let r = IMAGES.with(|i| f(Rc::make_mut(&mut i.borrow_mut())));
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    r
}

/// Drop from memory the images of `asked` still held as they were, and free
/// their preview URLs; the names of those held now with other bytes, or
/// added since, which stay.
pub(crate) fn drop_held(asked: &Images) -> Vec<String> {
    let same = |n: &String, b: &Rc<[u8]>| asked.get(n).is_some_and(|a| Rc::ptr_eq(a, b));
    let kept = change(|map| {
        map.retain(|n, b| !same(n, b));
        map.keys().cloned().collect::<Vec<_>>()
    });
    URLS.with(|u| {
        u.borrow_mut().retain(|n, (_, url)| {
            let keep = kept.contains(n);
            if !keep {
                crate::browser::warn_on_err(web_sys::Url::revoke_object_url(url), "freeing an image URL");
            }
            keep
        })
    });
    kept
}

/// The images and their [`ByName`] index, as one look-up of a preview's
/// `<img>`s reads them (the index is made once for all of them).
struct Held<'i> {
    images: &'i Images,
    by_name: ByName<'i>,
    post: Option<String>,
}

/// A URL the page can load for the imported image `reference` names in the
/// post the preview shows, if one was imported: a `blob:` URL, made once per image.
fn preview_url(held: &Held, reference: &str) -> Option<String> {
    // The export's own rule for what file a reference names.
    let name = key_for(&held.by_name, held.post.as_deref(), reference)?.to_string();
    let bytes = held.images.get(&name)?.clone();
    URLS.with(|u| {
        let mut u = u.borrow_mut();
        if let Some((_, url)) = u.get(&name).filter(|(b, _)| Rc::ptr_eq(b, &bytes)) {
            return Some(url.clone());
        }
        let url = blob_url(&bytes, &name).ok()?;
        if let Some((_, old)) = u.insert(name, (bytes, url.clone())) {
            crate::browser::warn_on_err(web_sys::Url::revoke_object_url(&old), "freeing an old image URL");
        }
        Some(url)
    })
}

/// A `blob:` URL of the image `name`. Typed: the browser sniffs a PNG or JPEG
/// without one, but draws an SVG only as `image/svg+xml` (and in an `<img>`,
/// an SVG's scripts never run).
fn blob_url(bytes: &[u8], name: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    if name.to_ascii_lowercase().ends_with(".svg") {
        opts.set_type("image/svg+xml");
    }
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Point the `<img>`s under `root` that name an imported image at it, and
/// those that named one no longer held back at their own reference. A
/// reference to anything else is left to the browser, as written.
pub(crate) fn show_imported(root: &web_sys::Element) -> Result<(), JsValue> {
    let imgs = root.query_selector_all("img[src]")?;
    if imgs.length() == 0 {
        return Ok(());
    }
    let images = IMAGES.with(|i| i.borrow().clone());
    let held = Held { images: &images, by_name: by_name(&images), post: POST.with(|p| p.borrow().clone()) };
    for i in 0..imgs.length() {
        let Some(img) = imgs.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) else {
            continue;
        };
        let own = img.get_attribute(OWN_SRC);
        let Some(reference) = own.clone().or_else(|| img.get_attribute("src")) else { continue };
        match (preview_url(&held, &reference), own) {
            (Some(url), own) => {
                if own.is_none() {
                    img.set_attribute(OWN_SRC, &reference)?;
                }
                img.set_attribute("src", &url)?;
            }
            (None, Some(_)) => {
                img.set_attribute("src", &reference)?;
                img.remove_attribute(OWN_SRC)?;
            }
            (None, None) => {}
        }
    }
    Ok(())
}
