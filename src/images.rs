//! Images imported alongside posts this session, by file name: what the
//! export bundles, and what the preview shows in place of an image the post
//! names by a path the page cannot load (`./a.png` beside the post). Memory
//! only: imported images are not stored, and a reload forgets them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsValue;

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
