//! Outline (click to jump) and the stats bar.

use hoego_core::markdown::render::anchor_id;
use hoego_core::stats::analyze;
use yew::prelude::*;

use super::Ctx;
use crate::i18n::t;

/// Props for both.
#[derive(Properties, PartialEq)]
pub struct BodyOnly {
    /// Markdown body.
    pub body: AttrValue,
}

/// Headings, click to jump in the preview and the editor.
#[function_component(Outline)]
pub fn outline(p: &BodyOnly) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let headings = use_memo(p.body.clone(), |b| analyze(b).1);
    html! {
        <nav class="outline" aria-label={t(ctx.lang, "outline")}>
            <h2 class="pane-title">{ t(ctx.lang, "outline") }</h2>
            <ol>
            { for headings.iter().map(|h| {
                let id = anchor_id(&h.text);
                let text = h.text.clone();
                let body = p.body.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    jump(&id, &text, &body);
                });
                html! { <li class={format!("h{}", h.level)}><a href="#" {onclick}>{ &h.text }</a></li> }
            }) }
            </ol>
        </nav>
    }
}

/// Scroll the preview to the heading and put the editor's caret on it.
fn jump(id: &str, text: &str, body: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(h)) = doc.query_selector(&format!("[data-testid=preview] [id=\"{}\"]", id.replace('"', ""))) {
        h.scroll_into_view();
    }
    if let Some(ta) = doc.get_element_by_id("body").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        if let Some(pos) = body.lines().scan(0usize, |off, l| { let s = *off; *off += l.len() + 1; Some((s, l)) })
            .find(|(_, l)| l.trim_start().starts_with('#') && l.contains(text)).map(|(s, _)| s)
        {
            let u16pos = body[..pos].encode_utf16().count() as u32;
            let _ = ta.focus();
            let _ = ta.set_selection_range(u16pos, u16pos);
            let lines_before = body[..pos].matches('\n').count() as i32;
            ta.set_scroll_top(lines_before * 24 - 40);
        }
    }
}

/// Characters, without spaces, words, reading time, tasks.
#[function_component(StatsBar)]
pub fn stats_bar(p: &BodyOnly) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    let stats = use_memo(p.body.clone(), |b| analyze(b).0);
    let pct = if stats.tasks_total > 0 { stats.tasks_done * 100 / stats.tasks_total } else { 0 };
    html! {
        <footer class="stats" data-testid="stats">
            <span>{ stats.chars }{ " " }{ t(lang, "chars") }</span>
            <span>{ t(lang, "no_spaces") }{ " " }{ stats.chars_no_spaces }{ " " }{ t(lang, "chars") }</span>
            <span>{ stats.words }{ " " }{ t(lang, "words") }</span>
            <span>{ stats.reading_minutes }{ " " }{ t(lang, "minutes") }</span>
            <span>{ t(lang, "tasks") }{ " " }{ stats.tasks_done }{ "/" }{ stats.tasks_total }{ format!(" ({pct}%)") }</span>
        </footer>
    }
}
