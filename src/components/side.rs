//! Outline (click to jump) and the stats bar, and the debounced analysis
//! they (and the goal scoreboard) are drawn from.

use std::collections::HashMap;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use hoego_core::goals::{scoreboard, summary, Scoreboard};
use hoego_core::markdown::render::anchor_id;
use hoego_core::stats::{analyze_with, Heading, Stats};
use hoego_core::templates::Lang;
use hoego_core::PostDate;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::LARGE_POST;
use crate::frames::Deferred;
use crate::graphemes::IntlGraphemes;
use crate::i18n::{count, t, Key};

/// Stats, outline, goal scoreboard and "has a summary block" of a body,
/// computed together.
pub type Analysis = Rc<(Stats, Vec<Heading>, Scoreboard, bool)>;

fn analyze(body: &str, date: Option<&PostDate>) -> Analysis {
    let (stats, headings) = analyze_with(body, &IntlGraphemes);
    Rc::new((stats, headings, scoreboard(body, date), summary::find(body).is_some()))
}

/// Analyze `body` off the keystroke path: at once for a new draft (after a
/// frame for a large one, so opening it is not one long task), then 250 ms
/// after the last change, so typing only pays for the preview patch. `date`
/// (the post's) tells next-period goal sections from review ones.
#[hook]
pub fn use_analysis(draft_id: AttrValue, body: AttrValue, date: Option<PostDate>) -> Analysis {
    let large = body.len() > LARGE_POST;
    let state = use_state(|| analyze(if large { "" } else { &body }, date.as_ref()));
    let timer = use_mut_ref(|| None::<Timeout>);
    // A large draft's first analysis waits for a frame of its own (see `frames`).
    let deferred = use_mut_ref(|| None::<Deferred>);
    let shown_draft = use_mut_ref(|| draft_id.to_string());
    // A large body's first analysis is still owed (it was not done at mount).
    let owed = use_mut_ref(|| large);
    {
        let state = state.clone();
        use_effect_with((draft_id, body, date), move |(id, body, date)| {
            let (body, date) = (body.clone(), date.clone());
            let first = *shown_draft.borrow() != id.as_str() || std::mem::take(&mut *owed.borrow_mut());
            *shown_draft.borrow_mut() = id.to_string();
            // A newer body cancels what is owed for an older one.
            timer.borrow_mut().take();
            deferred.borrow_mut().take();
            let large = body.len() > LARGE_POST;
            let run = move || state.set(analyze(&body, date.as_ref()));
            match (first, large) {
                (true, false) => run(),
                (true, true) => *deferred.borrow_mut() = Some(Deferred::after_frame(run)),
                (false, _) => *timer.borrow_mut() = Some(Timeout::new(250, run)),
            }
        });
    }
    (*state).clone()
}

/// Props for both: only the (debounced) analysis and the UI language. They
/// deliberately do not read the app context, which changes on every
/// keystroke: re-rendering a long outline per keystroke cost ~15 ms at 235 KB.
/// Equal when they hold the same analysis (each debounce makes a new one):
/// comparing by pointer saves the wasm a deep comparison of the scoreboard.
#[derive(Properties)]
pub struct AnalysisProps {
    /// Stats, outline and goals of the body.
    pub analysis: Analysis,
    /// UI language.
    pub lang: Lang,
}

impl PartialEq for AnalysisProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis) && self.lang == o.lang
    }
}

/// Headings listed; the rest are counted (`+N`): a post of thousands of
/// headings would otherwise add thousands of nodes to every layout.
const OUTLINE_SHOWN: usize = 500;

/// Headings, click to jump in the preview and the editor.
#[function_component(Outline)]
pub fn outline(p: &AnalysisProps) -> Html {
    let headings = &p.analysis.1;
    html! {
        <nav class="outline" aria-label={t(p.lang, Key::Outline)}>
            <h2 class="pane-title">{ t(p.lang, Key::Outline) }</h2>
            <ol>
            { for headings.iter().take(OUTLINE_SHOWN).zip(nth_of_id(headings)).map(|(h, (id, nth))| {
                let (text, offset) = (h.text.clone(), h.offset);
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    jump(&id, nth, &text, offset);
                });
                html! { <li class={format!("h{}", h.level)}><a href="#" {onclick}>{ &h.text }</a></li> }
            }) }
            </ol>
            if headings.len() > OUTLINE_SHOWN { <p class="hint">{ format!("+{}", headings.len() - OUTLINE_SHOWN) }</p> }
        </nav>
    }
}

/// Each heading's preview id, and how many headings before it have that id:
/// headings of the same text (a yearly post's "마치며" in every section) share
/// an id, since the preview renders each block on its own.
fn nth_of_id(headings: &[Heading]) -> impl Iterator<Item = (String, usize)> + '_ {
    let mut seen: HashMap<String, usize> = HashMap::new();
    headings.iter().map(move |h| {
        let id = anchor_id(&h.text);
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        (id, *n - 1)
    })
}

/// Ask the editor to put its caret on the heading (at `offset` in the whole
/// body: see `body::GOTO_EVENT`), then scroll the preview to the `nth`
/// heading with the preview id `id`.
///
/// Both at once, in the click: the editor's scroll event, which the preview
/// follows by fraction (`preview::follow`), comes a frame later, and the
/// editor does not pass that one on (it would carry the preview away from the heading).
/// A preview scroll left for later could land after the user's own scroll.
fn jump(id: &str, nth: usize, text: &str, offset: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(ta) = doc.get_element_by_id("body") {
        let asked = ta.set_attribute(super::body::GOTO_ATTR, text).is_ok()
            && ta.set_attribute(super::body::GOTO_AT_ATTR, &offset.to_string()).is_ok()
            && web_sys::Event::new(super::body::GOTO_EVENT).and_then(|e| ta.dispatch_event(&e)).is_ok();
        if !asked {
            web_sys::console::warn_1(&"hoego: could not ask the editor to go to the heading".into());
        }
    }
    // Headings only: a footnote's id (`user-content-fn-…`) can equal a heading's ("## Fn 1").
    let selector = format!("[data-testid=preview] :is(h1, h2, h3, h4, h5, h6)[id=\"{}\"]", id.replace('"', ""));
    // Not there (past where the preview stops, or in a block too large to draw): no scroll.
    let found = doc.query_selector_all(&selector).ok().and_then(|all| all.item(nth as u32));
    if let Some(h) = found.and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
        // A chunk away from view is an empty box: draw it, then scroll.
        crate::preview_dom::show_chunk_of(&h);
        h.scroll_into_view();
    }
}

/// Characters, without spaces, words, reading time, tasks.
#[function_component(StatsBar)]
pub fn stats_bar(p: &AnalysisProps) -> Html {
    let lang = p.lang;
    let stats = &p.analysis.0;
    // Written as the goals panel writes a rate (2/3 is 66.7% in both, not 66% here).
    let (done, total) = (stats.tasks_done, stats.tasks_total);
    let per_mille = (done * 2000 + total).checked_div(2 * total).unwrap_or(0);
    let pct = hoego_core::goals::summary::percent(u32::try_from(per_mille).unwrap_or(1000));
    html! {
        <footer class="stats" data-testid="stats">
            <span>{ count(lang, stats.chars, Key::Chars) }</span>
            <span>{ t(lang, Key::NoSpaces) }{ " " }{ count(lang, stats.chars_no_spaces, Key::Chars) }</span>
            <span>{ stats.words }{ " " }{ t(lang, Key::Words) }</span>
            <span>{ stats.reading_minutes }{ " " }{ t(lang, Key::Minutes) }</span>
            // A post with no task list has no tasks to count: "0/0 (0.0%)" said nothing.
            if total > 0 {
                <span data-testid="stats-tasks">{ t(lang, Key::Tasks) }{ " " }{ done }{ "/" }{ total }{ format!(" ({pct})") }</span>
            }
        </footer>
    }
}
