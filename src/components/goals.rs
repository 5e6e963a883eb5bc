//! The live goal scoreboard beside the outline (one bar per section), the
//! summary table it writes into the post (refreshed after later edits), and
//! "Start next retrospective".
//!
//! Like the outline, the scoreboard is computed off the keystroke path (at
//! once for a newly opened draft, then 250 ms after the last change), and the
//! panel takes only debounced data and stable callbacks as props, so typing
//! does not re-render it.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use hoego_core::export::ExportOptions;
use hoego_core::goals::{scoreboard, summary, Scoreboard, Section, SectionKind, Tally};
use hoego_core::next::{lang_of, next_draft, NextOptions};
use hoego_core::templates::Lang;
use hoego_core::PostDate;
use yew::prelude::*;

use super::Ctx;
use crate::browser::{new_id, now_date, now_ms};
use crate::i18n::{goal_text, GoalText};
use crate::state::{Action, Draft};

/// The scoreboard of a body and whether the body holds a summary block.
pub type Board = Rc<(Scoreboard, bool)>;

fn score(body: &str, date: Option<&PostDate>) -> (Scoreboard, bool) {
    (scoreboard(body, date), summary::find(body).is_some())
}

/// Score `body` off the keystroke path. When the body holds a summary block
/// that no longer matches its goals, `on_refresh` gets the refreshed body.
#[hook]
pub fn use_scoreboard(
    draft_id: AttrValue,
    body: AttrValue,
    date: Option<PostDate>,
    lang: Lang,
    on_refresh: Callback<String>,
) -> Board {
    let state = use_state(|| Rc::new(score(&body, date.as_ref())));
    let timer = use_mut_ref(|| None::<Timeout>);
    let shown_draft = use_mut_ref(|| draft_id.to_string());
    let date_key = date.as_ref().map(PostDate::to_iso);
    {
        let state = state.clone();
        use_effect_with((draft_id, body, date_key), move |(id, body, _)| {
            let body = body.clone();
            if *shown_draft.borrow() != id.as_str() {
                *shown_draft.borrow_mut() = id.to_string();
                state.set(Rc::new(score(&body, date.as_ref())));
                return;
            }
            *timer.borrow_mut() = Some(Timeout::new(250, move || {
                let (board, has_block) = score(&body, date.as_ref());
                if has_block {
                    if let Some(fresh) = summary::refresh(&body, &board, lang) {
                        on_refresh.emit(fresh);
                    }
                }
                state.set(Rc::new((board, has_block)));
            }));
        });
    }
    (*state).clone()
}

/// Write (or refresh) the summary table into the draft's body.
fn insert_summary(ctx: &Ctx, d: &Draft) {
    let Ok(post) = &d.post else { return };
    let body = post.body();
    let board = scoreboard(body, post.view().date.as_ref());
    let with = summary::insert(body, &board, lang_of(post));
    if with != body {
        ctx.dispatch(Action::SetBody { body: with, at: now_ms() });
    }
}

/// Create and open the next period's draft.
fn start_next(ctx: &Ctx, d: &Draft) {
    let Ok(post) = &d.post else { return };
    let s = &ctx.export;
    let export = ExportOptions {
        target: s.target,
        offset: s.offset,
        now: now_date(s.offset),
        slug_style: s.slug_style,
        source_name: d.name.clone(),
    };
    let next = next_draft(post, &NextOptions { kind: None, lang: None, export });
    ctx.dispatch(Action::Create { id: new_id(), text: next.text, at: now_ms() });
}

/// The panel's two actions as callbacks that stay the same while the same
/// draft is open (they read the latest draft when clicked).
#[hook]
pub fn use_goal_actions(ctx: Ctx, draft: Rc<Draft>) -> (Callback<()>, Callback<()>) {
    let id = draft.id.clone();
    let latest = use_mut_ref(|| (ctx.clone(), draft.clone()));
    *latest.borrow_mut() = (ctx, draft);
    let l1 = latest.clone();
    let insert = use_callback(id.clone(), move |_: (), _| {
        let (ctx, d) = l1.borrow().clone();
        insert_summary(&ctx, &d);
    });
    let next = use_callback(id, move |_: (), _| {
        let (ctx, d) = latest.borrow().clone();
        start_next(&ctx, &d);
    });
    (insert, next)
}

/// Props: debounced data and stable callbacks only.
#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    /// The scoreboard.
    pub board: Board,
    /// UI language.
    pub lang: Lang,
    /// Insert the summary table.
    pub on_insert: Callback<()>,
    /// Start the next retrospective.
    pub on_next: Callback<()>,
}

fn rate(t: &Tally) -> String {
    t.rate_per_mille().map_or_else(|| "—".into(), summary::percent)
}

fn section_row(s: &Section, lang: Lang) -> Html {
    let t = &s.tally;
    let (kind, count) = match s.kind {
        SectionKind::Review => ("review", format!("{}/{} · {}", t.achieved, t.total, rate(t))),
        SectionKind::Next => ("next", format!("{} {}", goal_text(lang, GoalText::Planned), t.total)),
    };
    let per_mille = t.rate_per_mille().unwrap_or(0);
    html! {
        <li class="goal-row" data-testid="goal-section" data-kind={kind} data-rate={per_mille.to_string()}>
            <span class="goal-name" title={s.heading.clone()}>{ &s.heading }</span>
            <span class="goal-count">{ count }</span>
            if s.kind == SectionKind::Review {
                <span class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="1000" aria-valuenow={per_mille.to_string()}>
                    <span style={format!("width:{}%", summary::percent(per_mille).trim_end_matches('%'))}></span>
                </span>
            }
        </li>
    }
}

/// The scoreboard panel.
#[function_component(GoalsPanel)]
pub fn goals_panel(p: &GoalsProps) -> Html {
    let lang = p.lang;
    let tx = |k| goal_text(lang, k);
    let (board, in_post) = &*p.board;
    let o = &board.overall;
    let on_insert = p.on_insert.reform(|_: MouseEvent| ());
    let on_next = p.on_next.reform(|_: MouseEvent| ());
    html! {
        <section class="goals" data-testid="goals">
            <h2 class="pane-title">{ tx(GoalText::Title) }</h2>
            if board.sections.is_empty() {
                <p class="hint">{ tx(GoalText::Empty) }</p>
            } else {
                <p class="goals-total" data-testid="goals-total">
                    <strong>{ rate(o) }</strong>
                    { format!(" · {} {} · {} {} · {} {}", tx(GoalText::Achieved), o.achieved, tx(GoalText::Partial), o.partial, tx(GoalText::Total), o.total) }
                </p>
                <ul class="goal-bars">{ for board.sections.iter().map(|s| section_row(s, lang)) }</ul>
            }
            <div class="buttons">
                <button class="small" data-testid="goals-insert" onclick={on_insert} disabled={*in_post}>{ tx(GoalText::Insert) }</button>
                <button class="small primary" data-testid="next-retro" onclick={on_next} title={tx(GoalText::NextHint)}>{ tx(GoalText::Next) }</button>
            </div>
            if *in_post { <p class="hint">{ tx(GoalText::InPost) }</p> }
        </section>
    }
}
