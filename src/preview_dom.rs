//! Applying a [`Patch`] to the preview's DOM: only the changed top-level
//! blocks' nodes are removed and inserted; everything else stays in place
//! (no re-layout of the whole preview per keystroke).

use hoego_core::markdown::blocks::Patch;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Apply `patch` to `container`, whose children are `nodes` (one wrapper per block).
pub fn apply(container: &Element, nodes: &mut Vec<Element>, patch: &Patch) -> Result<(), JsValue> {
    let doc = container.owner_document().ok_or("no document")?;
    let start = patch.prefix;
    let end = start + patch.removed;
    for n in nodes.drain(start..end) {
        n.remove();
    }
    let before = nodes.get(start).cloned();
    let mut fresh = Vec::with_capacity(patch.inserted.len());
    for html in &patch.inserted {
        let div = doc.create_element("div")?;
        div.set_class_name("blk");
        div.set_inner_html(html);
        container.insert_before(&div, before.as_ref().map(|b| b.as_ref()))?;
        fresh.push(div);
    }
    nodes.splice(start..start, fresh);
    Ok(())
}
