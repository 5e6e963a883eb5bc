//! Live preview: sanitized HTML patched block by block (see
//! `hoego_core::markdown::blocks`), with a header card for title, date, tags.

use hoego_core::markdown::blocks::BlockCache;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::sanitize::DomPurify;

thread_local! {
    static SANITIZER: DomPurify = DomPurify::default();
}

/// Scroll the preview to the same fraction as the editor.
pub fn follow(frac: f64) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(el) = doc.get_element_by_id("preview-scroll") else { return };
    let max = (el.scroll_height() - el.client_height()).max(0) as f64;
    el.set_scroll_top((frac * max).round() as i32);
}

/// Props.
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// Which draft (a new id starts a fresh cache).
    pub draft_id: AttrValue,
    /// Markdown body.
    pub body: AttrValue,
    /// Header card title.
    pub title: AttrValue,
    /// Header card date (ISO).
    pub date: AttrValue,
    /// Header card tags.
    pub tags: Vec<String>,
    /// Accessible name of the scrolling preview ("미리보기" / "Preview").
    pub label: AttrValue,
}

struct Live {
    draft: String,
    cache: BlockCache,
    nodes: Vec<Element>,
}

/// The preview.
#[function_component(Preview)]
pub fn preview(p: &PreviewProps) -> Html {
    let container = use_node_ref();
    let live = use_mut_ref(|| Live { draft: String::new(), cache: BlockCache::default(), nodes: Vec::new() });
    {
        let container = container.clone();
        let live = live.clone();
        use_effect_with((p.draft_id.clone(), p.body.clone()), move |(id, body)| {
            let Some(el) = container.cast::<Element>() else { return };
            let mut l = live.borrow_mut();
            if l.draft != id.as_str() {
                el.set_inner_html("");
                *l = Live { draft: id.to_string(), cache: BlockCache::default(), nodes: Vec::new() };
            }
            let patch = SANITIZER.with(|s| l.cache.update(body, s));
            let Live { nodes, .. } = &mut *l;
            if crate::preview_dom::apply(&el, nodes, &patch).is_err() {
                web_sys::console::error_1(&"preview patch failed".into());
            }
            // Mark the moment the preview matches the editor (read by the latency benchmark).
            if let Some(w) = web_sys::window() {
                let _ = js_sys::Reflect::set(&w, &"__hoegoPreviewRev".into(), &(body.len() as f64).into());
            }
            crate::browser::mark("__hoegoPatchedAt");
        });
    }
    let onclick = Callback::from(|e: MouseEvent| {
        // Links in the preview never navigate away from the editor.
        if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            if t.closest("a").ok().flatten().is_some() {
                e.prevent_default();
            }
        }
    });
    html! {
        // A scrolling region: focusable so keyboard users can scroll it, and named.
        <div id="preview-scroll" class="preview-scroll" tabindex="0" role="region" aria-label={p.label.clone()}>
            <header class="card">
                <h1 class="card-title">{ &p.title }</h1>
                if !p.date.is_empty() { <time class="card-date">{ &p.date }</time> }
                // A header card, not an index: a post with thousands of tags shows the first ones.
                <div class="card-tags">
                    { for p.tags.iter().take(super::chips::SHOWN).map(|t| html! { <span class="tag">{ "#" }{ t }</span> }) }
                    if p.tags.len() > super::chips::SHOWN { <span class="tag">{ format!("+{}", p.tags.len() - super::chips::SHOWN) }</span> }
                </div>
            </header>
            <article class="markdown" data-testid="preview" ref={container} {onclick}></article>
        </div>
    }
}
