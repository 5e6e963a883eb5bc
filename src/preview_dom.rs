//! Applying a [`Patch`] to the preview's DOM: only the changed top-level
//! blocks' nodes are removed and inserted; everything else stays in place
//! (no re-layout of the whole preview per keystroke).

use hoego_core::markdown::blocks::Patch;
use hoego_core::templates::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlInputElement};

use crate::i18n::t;

/// Apply `patch` to `container`, whose children are `nodes` (one wrapper per block).
///
/// A block edited in place (the usual keystroke: one block out, one in) keeps its
/// wrapper and only gets new contents: a fresh wrapper would lose the size that
/// `content-visibility: auto` remembered for it and be laid out twice (first at the
/// placeholder size, then for real once found on screen), and every block after it
/// would move in between.
pub fn apply(container: &Element, nodes: &mut Vec<Element>, patch: &Patch) -> Result<(), JsValue> {
    let doc = container.owner_document().ok_or("no document")?;
    let lang = page_lang(&doc);
    let kept = patch.removed.min(patch.inserted.len());
    for (node, html) in nodes[patch.prefix..patch.prefix + kept].iter().zip(&patch.inserted) {
        node.set_inner_html(html);
        name_task_boxes(node, lang)?;
    }
    let start = patch.prefix + kept;
    let end = patch.prefix + patch.removed;
    for n in nodes.drain(start..end) {
        n.remove();
    }
    let before = nodes.get(start).cloned();
    let mut fresh = Vec::with_capacity(patch.inserted.len() - kept);
    for html in &patch.inserted[kept..] {
        let div = doc.create_element("div")?;
        div.set_class_name("blk");
        div.set_inner_html(html);
        name_task_boxes(&div, lang)?;
        container.insert_before(&div, before.as_ref().map(|b| b.as_ref()))?;
        fresh.push(div);
    }
    nodes.splice(start..start, fresh);
    Ok(())
}

/// The UI language the page is shown in (`<html lang>`, set by the app).
fn page_lang(doc: &web_sys::Document) -> Lang {
    let en = doc.document_element().and_then(|e| e.get_attribute("lang")).is_some_and(|l| l.starts_with("en"));
    if en {
        Lang::En
    } else {
        Lang::Ko
    }
}

/// Task-list checkboxes (`- [x]`) come out of markdown without a name; a
/// screen reader would announce "checkbox" alone. Name each for its state.
pub fn name_task_boxes(block: &Element, lang: Lang) -> Result<(), JsValue> {
    let boxes = block.query_selector_all("input[type=checkbox]")?;
    for i in 0..boxes.length() {
        if let Some(input) = boxes.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) {
            let key = if input.checked() { "task.done" } else { "task.open" };
            input.set_attribute("aria-label", t(lang, key))?;
        }
    }
    Ok(())
}
