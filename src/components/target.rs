//! The length target in the status bar: a `<progress>` with a spoken and
//! shown label ("1,234 / 3,000자 (공백 제외)"), a "goal reached" mark in
//! words (not colour alone), and a small control to set or clear it.
//!
//! Progress comes from the debounced analysis the stats bar shows, so the
//! target adds no work per keystroke.

use hoego_core::target::{LengthTarget, LengthUnit, UNITS};
use hoego_core::templates::Lang;
use yew::prelude::*;

use super::side::Analysis;
use crate::i18n::{length_label, t};

/// Props. Equal when the analysis (by pointer), language and target are:
/// `on_set` is made afresh by each editor render and changes nothing.
#[derive(Properties)]
pub struct TargetProps {
    /// The debounced analysis of the body.
    pub analysis: Analysis,
    /// UI language.
    pub lang: Lang,
    /// The draft's target.
    pub target: Option<LengthTarget>,
    /// Set (`Some`) or clear (`None`) the target.
    pub on_set: Callback<Option<LengthTarget>>,
}

impl PartialEq for TargetProps {
    fn eq(&self, o: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.analysis, &o.analysis) && self.lang == o.lang && self.target == o.target
    }
}

fn unit_key(u: LengthUnit) -> &'static str {
    match u {
        LengthUnit::CharsNoSpaces => "target.unit.chars-no-spaces",
        LengthUnit::CharsWithSpaces => "target.unit.chars",
        LengthUnit::Words => "target.unit.words",
    }
}

/// Progress towards the target, and the control that sets it.
#[function_component(TargetMeter)]
pub fn target_meter(p: &TargetProps) -> Html {
    let unit_ref = use_node_ref();
    let goal_ref = use_node_ref();
    let lang = p.lang;
    let on_apply = {
        let (u, g, set) = (unit_ref.clone(), goal_ref.clone(), p.on_set.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let unit = u.cast::<web_sys::HtmlSelectElement>().and_then(|s| LengthUnit::parse(&s.value()));
            let goal = g.cast::<web_sys::HtmlInputElement>().and_then(|i| i.value().trim().parse::<u32>().ok());
            if let (Some(unit), Some(goal)) = (unit, goal) {
                set.emit(LengthTarget::new(unit, goal));
            }
        })
    };
    let on_clear = {
        let set = p.on_set.clone();
        Callback::from(move |_: MouseEvent| set.emit(None))
    };
    let meter = p.target.map(|target| {
        let pr = target.progress(&p.analysis.0);
        let label = length_label(lang, target.unit, pr.current, pr.goal);
        html! {
            <span class={classes!("target", pr.reached.then_some("reached"))} data-testid="target" data-reached={pr.reached.to_string()}>
                <progress data-testid="target-progress" max={pr.goal.to_string()} value={pr.current.min(pr.goal).to_string()} aria-label={label.clone()}></progress>
                <span data-testid="target-label">{ label }</span>
                if pr.reached { <strong data-testid="target-reached">{ t(lang, "target.reached") }</strong> }
            </span>
        }
    });
    let current = p.target.unwrap_or(LengthTarget { unit: LengthUnit::CharsNoSpaces, goal: 3000 });
    html! {
        <div class="target-bar">
            { for meter }
            <details class="target-control" onkeydown={super::close_details_on_escape}>
                <summary data-testid="target-toggle">{ t(lang, "target") }</summary>
                <form class="target-form" onsubmit={on_apply}>
                    <label>{ t(lang, "target.unit") }{ " " }
                        <select ref={unit_ref} data-testid="target-unit">
                            { for UNITS.iter().map(|u| html! { <option value={u.as_str()} selected={*u == current.unit}>{ t(lang, unit_key(*u)) }</option> }) }
                        </select>
                    </label>
                    <label>{ t(lang, "target.goal") }{ " " }
                        <input ref={goal_ref} data-testid="target-goal" type="number" min="1" step="1" size="7" value={current.goal.to_string()} />
                    </label>
                    <button type="submit" class="small" data-testid="target-set">{ t(lang, "target.set") }</button>
                    if p.target.is_some() {
                        <button type="button" class="small ghost" data-testid="target-clear" onclick={on_clear}>{ t(lang, "target.clear") }</button>
                    }
                </form>
            </details>
        </div>
    }
}
