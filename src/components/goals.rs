//! The live goal scoreboard beside the outline (one bar per section), the
//! summary table it writes into the post (refreshed after later edits), and
//! "Start next retrospective".
//!
//! The scoreboard comes with the debounced analysis (`side::use_analysis`),
//! so it is computed off the keystroke path, and the panel takes only that
//! and one callback that stays the same while a draft is open: typing does
//! not re-render it.

use std::rc::Rc;

use hoego_core::export::ExportOptions;
use hoego_core::goals::{scoreboard, summary, Section, SectionKind, Tally};
use hoego_core::next::{lang_of, next_draft, NextOptions};
use hoego_core::templates::Lang;
use hoego_core::PostDate;
use yew::prelude::*;

use super::side::Analysis;
use super::typed_edit::{edit_as_typed, take_history, EditBy, Typed};
use super::Ctx;
use crate::browser::{new_id, now_date, now_ms};
use crate::i18n::{goal_text, GoalText};
use crate::state::{Action, Draft};

/// What the panel's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalAction {
    /// Write (or refresh) the summary table into the post.
    Insert,
    /// Create and open the next period's draft.
    Next,
}

fn run(ctx: &Ctx, d: &Draft, action: GoalAction) {
    let Ok(post) = &d.post else { return };
    match action {
        GoalAction::Insert => {
            let body = post.body();
            let with = summary::insert(body, &scoreboard(body, post.view().date.as_ref()), lang_of(post));
            // Typed into the editor, so Ctrl+Z takes it back; else set (see `typed_edit`).
            if with != body && edit_as_typed(body, &with, EditBy::Click(GOALS_TITLE)) != Typed::Done {
                ctx.dispatch(Action::SetBody { body: with, typed: false, at: now_ms() });
            }
        }
        GoalAction::Next => {
            let s = &ctx.export;
            let (now, source_name) = (now_date(s.offset), d.name.clone());
            let export =
                ExportOptions { slug_style: s.slug_style, source_name, ..ExportOptions::new(s.target, s.offset, now) };
            let next = next_draft(post, &NextOptions { kind: None, lang: None, export });
            ctx.dispatch(Action::Create { id: new_id(), text: next.text, at: now_ms() });
        }
    }
}

/// The panel's callback, the same while the same draft is open (it reads the
/// latest draft when clicked).
#[hook]
pub fn use_goal_action(ctx: Ctx, draft: Rc<Draft>) -> Callback<GoalAction> {
    let id = draft.id.clone();
    let latest = use_mut_ref(|| (ctx.clone(), draft.clone()));
    *latest.borrow_mut() = (ctx, draft);
    use_callback(id, move |action: GoalAction, _| {
        let (ctx, d) = latest.borrow().clone();
        run(&ctx, &d, action);
    })
}

/// Keep a summary block in the post current: when the analysis of a body
/// with a block changes, rewrite the block if its numbers are stale.
#[hook]
pub fn use_summary_refresh(ctx: Ctx, analysis: Analysis, body: AttrValue, date: Option<PostDate>, lang: Lang) {
    use_effect_with(analysis, move |a| {
        // Scored again from the body this render has: the analysis may be of an older one.
        // Not after an undo or a redo: the table stays as the history has it until
        // the next edit (refreshed, it would come back after each Ctrl+Z).
        if take_history() {
            return;
        }
        let fresh = a.3.then(|| summary::refresh(&body, &scoreboard(&body, date.as_ref()), lang)).flatten();
        // Typed into the editor where the writer is, so the undo history stays.
        if let Some(new) = fresh.filter(|new| edit_as_typed(&body, new, EditBy::Refresh) == Typed::Cannot) {
            ctx.dispatch(Action::SetBody { body: new, typed: false, at: now_ms() });
        }
    });
}

/// Props: the debounced analysis and a stable callback only (equal when
/// they hold the same analysis, compared by pointer as in `side`).
#[derive(Properties)]
pub struct GoalsProps {
    /// The analysis (its scoreboard and "has a summary block").
    pub analysis: Analysis,
    /// UI language.
    pub lang: Lang,
    /// The buttons.
    pub on_action: Callback<GoalAction>,
}

impl PartialEq for GoalsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis) && self.lang == o.lang && self.on_action == o.on_action
    }
}

/// Sections listed; the rest are counted (`+N`), as in the outline: a pasted
/// post of 1,770 sections drew 7,000 nodes (and as many progress bars), whose
/// layout alone took 108 ms after each analysis. A retrospective has a dozen.
pub const GOALS_SHOWN: usize = 100;

fn rate(t: &Tally) -> String {
    t.rate_per_mille().map_or_else(|| "—".into(), summary::percent)
}

fn section_row(s: &Section, lang: Lang) -> Html {
    let t = &s.tally;
    let review = s.kind == SectionKind::Review;
    let (kind, count) = if review {
        ("review", format!("{}/{} · {}", t.achieved, t.total, rate(t)))
    } else {
        ("next", format!("{} {}", goal_text(lang, GoalText::Planned), t.total))
    };
    let per_mille = t.rate_per_mille().unwrap_or(0).to_string();
    html! {
        <li data-testid="goal-section" data-kind={kind} data-rate={per_mille.clone()}>
            <span title={s.heading.clone()}>{ &s.heading }</span>
            <span>{ count }</span>
            if review { <progress max="1000" value={per_mille} aria-label={s.heading.clone()} /> }
        </li>
    }
}

/// The panel's heading, where the focus goes after an insert on a phone (see
/// `typed_edit::EditBy::Click`): the button itself is disabled once the table is in.
const GOALS_TITLE: &str = "goals-title";

/// The scoreboard panel.
#[function_component(GoalsPanel)]
pub fn goals_panel(p: &GoalsProps) -> Html {
    let lang = p.lang;
    let tx = |k| goal_text(lang, k);
    let (board, in_post) = (&p.analysis.2, p.analysis.3);
    let o = &board.overall;
    let total = format!(
        "{} · {} {} · {} {} · {} {}",
        rate(o),
        tx(GoalText::Achieved),
        o.achieved,
        tx(GoalText::Partial),
        o.partial,
        tx(GoalText::Total),
        o.total
    );
    let action = |a: GoalAction| p.on_action.reform(move |_: MouseEvent| a);
    html! {
        <section class="goals" data-testid="goals">
            <h2 class="pane-title" id={GOALS_TITLE} tabindex="-1">{ tx(GoalText::Title) }</h2>
            <p class="hint" data-testid="goals-total">{ if board.sections.is_empty() { tx(GoalText::Empty).to_string() } else { total } }</p>
            <ul>{ for board.sections.iter().take(GOALS_SHOWN).map(|s| section_row(s, lang)) }</ul>
            if board.sections.len() > GOALS_SHOWN {
                <p class="hint" data-testid="goals-more">{ format!("+{}", board.sections.len() - GOALS_SHOWN) }</p>
            }
            <div class="buttons">
                <button class="small" data-testid="goals-insert" onclick={action(GoalAction::Insert)} disabled={in_post} title={if in_post { tx(GoalText::InPost) } else { "" }}>{ tx(GoalText::Insert) }</button>
                <button class="small primary" data-testid="next-retro" onclick={action(GoalAction::Next)} title={tx(GoalText::NextHint)}>{ tx(GoalText::Next) }</button>
            </div>
        </section>
    }
}
