//! Applying a [`Patch`] to the preview's DOM: only the changed top-level
//! blocks' nodes are touched; everything else stays in place (no re-layout of
//! the whole preview per keystroke).
//!
//! Each block has a wrapper (`div.blk`); wrappers are grouped in chunks
//! (`div.chunk`, [`CHUNK`] blocks, split past twice that), and a chunk away from
//! the preview's visible part is an empty box of its last height
//! (`src/preview_chunks.js`). Chromium checks every watched element against the
//! viewport on each frame, so one per block cost ~2.5 ms a keystroke at 235 KB
//! (3,700 blocks) and ~15 ms at 1 MB; one per chunk costs a thirty-second of it.

use hoego_core::markdown::blocks::Patch;
use hoego_core::templates::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlInputElement};

use crate::i18n::{t, Key};

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/preview_chunks.js")]
extern "C" {
    /// Start hiding `chunk` while it is away from view (it must be in the page;
    /// it starts drawn, so its height is known when it is hidden).
    fn watch_chunk(chunk: &Element);
    /// Stop watching `chunk` (before it leaves the page).
    fn unwatch_chunk(chunk: &Element);
    /// Stop watching every chunk of the preview `container` is in.
    fn unwatch_all(container: &Element);
    /// Draw the chunk holding `el` now.
    #[wasm_bindgen(js_name = show_chunk_of)]
    pub fn show_chunk_of(el: &Element);
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/page.js")]
extern "C" {
    /// Set the data of text node `index` of `block` (document order) from
    /// `before` to `after`; `false`, changing nothing, unless the block has
    /// exactly `runs` text nodes (the parser joined no runs, so node `index`
    /// is run `index`) and that node holds `before`.
    fn set_text_run(block: &Element, index: usize, runs: usize, before: &str, after: &str) -> bool;
}

/// Blocks per chunk when chunks are made or split.
pub const CHUNK: usize = 32;

/// Empty the preview (another draft is opened).
pub fn clear(container: &Element) {
    unwatch_all(container);
    container.set_inner_html("");
}

/// Apply `patch` to `container`, whose blocks' wrappers are `nodes`, in order.
///
/// A block edited in place (the usual keystroke: one block out, one in) keeps its
/// wrapper and only gets new contents, so nothing around it is rebuilt; when
/// only one run of its text changed, only that text node does. Every
/// chunk whose blocks change is drawn (see [`changed`]).
pub fn apply(container: &Element, nodes: &mut Vec<Element>, patch: &Patch) -> Result<(), JsValue> {
    let doc = container.owner_document().ok_or("no document")?;
    let lang = page_lang(&doc);
    let kept = patch.removed.min(patch.inserted.len());
    for (node, html) in nodes[patch.prefix..patch.prefix + kept].iter().zip(&patch.inserted) {
        changed(node);
        // Only the text changed (the usual key): no new parser, nodes or styles.
        // Its checkboxes are the same elements, already named.
        let run = patch.text_run.as_ref();
        if run.is_some_and(|r| set_text_run(node, r.index, r.runs, &r.old, &r.new)) {
            continue;
        }
        node.set_inner_html(html);
        name_task_boxes(node, lang)?;
        crate::images::show_imported(node)?;
    }
    let start = patch.prefix + kept;
    let end = patch.prefix + patch.removed;
    // The chunks blocks left, each once (removed blocks are consecutive).
    let mut left: Vec<Element> = Vec::new();
    for n in nodes.drain(start..end) {
        let chunk = n.parent_element();
        n.remove();
        match chunk {
            Some(c) if c.child_element_count() == 0 => {
                unwatch_chunk(&c);
                c.remove();
            }
            Some(c) if left.last() != Some(&c) => left.push(c),
            _ => {}
        }
    }
    // Drawn once all removals are done: a chunk emptied by them is not drawn first.
    for c in left.iter().filter(|c| c.child_element_count() > 0) {
        changed(c);
    }
    if start < patch.prefix + patch.inserted.len() {
        let fresh = insert(container, &doc, nodes, start, &patch.inserted[kept..], lang)?;
        nodes.splice(start..start, fresh);
    }
    Ok(())
}

/// Insert wrappers for `htmls` before block `at` (into its chunk, or after the
/// last block, or into a new chunk), then split that chunk if it grew too long.
fn insert(
    container: &Element,
    doc: &Document,
    nodes: &[Element],
    at: usize,
    htmls: &[String],
    lang: Lang,
) -> Result<Vec<Element>, JsValue> {
    let before = nodes.get(at);
    let neighbour = before.or_else(|| at.checked_sub(1).and_then(|i| nodes.get(i)));
    let chunk = match neighbour.and_then(|n| n.parent_element()) {
        Some(c) => c,
        None => {
            let c = new_chunk(doc)?;
            container.append_child(&c)?;
            watch_chunk(&c);
            c
        }
    };
    changed(&chunk);
    let mut fresh = Vec::with_capacity(htmls.len());
    for html in htmls {
        let div = doc.create_element("div")?;
        div.set_class_name("blk");
        div.set_inner_html(html);
        name_task_boxes(&div, lang)?;
        crate::images::show_imported(&div)?;
        chunk.insert_before(&div, before.map(|b| b.as_ref()))?;
        fresh.push(div);
    }
    split(&chunk, doc)?;
    Ok(fresh)
}

/// The blocks of the chunk holding `el` change. A chunk away from view is an
/// empty box of the height it was drawn at, which its new blocks would not have
/// (an import's later slices landing in a chunk already hidden left the end of
/// the preview out of reach): draw it, and the observer makes it a box again,
/// of its new height, if it is still away from view. A drawn chunk (the one
/// being typed in, nearly always) costs a class check.
fn changed(el: &Element) {
    show_chunk_of(el);
}

/// Keep the first [`CHUNK`] blocks of an overlong chunk and move the rest, in
/// order, into new chunks of [`CHUNK`] right after it.
fn split(chunk: &Element, doc: &Document) -> Result<(), JsValue> {
    if (chunk.child_element_count() as usize) <= 2 * CHUNK {
        return Ok(());
    }
    let mut next = chunk.first_element_child();
    for _ in 0..CHUNK {
        next = next.and_then(|e| e.next_element_sibling());
    }
    let mut after = chunk.clone();
    while next.is_some() {
        let c = new_chunk(doc)?;
        after.after_with_node_1(&c)?;
        watch_chunk(&c);
        for _ in 0..CHUNK {
            let Some(e) = next else { break };
            next = e.next_element_sibling();
            c.append_child(&e)?;
        }
        after = c;
    }
    Ok(())
}

fn new_chunk(doc: &Document) -> Result<Element, JsValue> {
    let c = doc.create_element("div")?;
    c.set_class_name("chunk");
    Ok(c)
}

/// The UI language the page is shown in (`<html lang>`, set by the app).
pub(crate) fn page_lang(doc: &web_sys::Document) -> Lang {
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
            let key = if input.checked() { Key::TaskDone } else { Key::TaskOpen };
            input.set_attribute("aria-label", t(lang, key))?;
        }
    }
    Ok(())
}
