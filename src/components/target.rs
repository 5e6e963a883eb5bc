//! The length target in the status bar: a unit menu ("no target" first) and
//! a goal box, then a `<progress>` with a spoken and shown label
//! ("1,234 / 3,000자 (공백 제외)") and a "goal reached" mark in words (not
//! colour alone).
//!
//! Progress comes from the debounced analysis the stats bar shows, so the
//! count is not recomputed per keystroke (the editor redraws these few
//! nodes with it).

use hoego_core::stats::Stats;
use hoego_core::target::{LengthTarget, LengthUnit, UNITS};
use hoego_core::templates::Lang;
use yew::prelude::*;

use crate::i18n::{length_label, t, Key};

/// The goal a unit starts with when none was typed.
const DEFAULT_GOAL: u32 = 3000;

fn unit_key(u: LengthUnit) -> Key {
    match u {
        LengthUnit::CharsNoSpaces => Key::TargetUnitCharsNoSpaces,
        LengthUnit::CharsWithSpaces => Key::TargetUnitChars,
        LengthUnit::Words => Key::TargetUnitWords,
    }
}

/// The value of the form control with this id.
fn control_value(id: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    match el.dyn_into::<web_sys::HtmlSelectElement>() {
        Ok(s) => Some(s.value()),
        Err(el) => Some(el.dyn_into::<web_sys::HtmlInputElement>().ok()?.value()),
    }
}

/// The unit menu, the goal box and the progress towards the target. (A
/// function, not a component: a component costs the first load a few KB;
/// this draws a handful of nodes from the debounced stats.)
pub fn target_meter(
    stats: &Stats,
    lang: Lang,
    target: Option<LengthTarget>,
    on_set: Callback<Option<LengthTarget>>,
) -> Html {
    // Either control changed: read both. No unit clears; a unit with an
    // empty or zero goal takes the default goal.
    let on_change = Callback::from(move |_: Event| {
        let unit = control_value("target-unit").and_then(|u| LengthUnit::parse(&u));
        let goal = control_value("target-goal").and_then(|g| g.trim().parse::<u32>().ok());
        on_set.emit(unit.and_then(|unit| LengthTarget::new(unit, goal.filter(|g| *g > 0).unwrap_or(DEFAULT_GOAL))));
    });
    let meter = target.map(|target| {
        let pr = target.progress(stats);
        let label = length_label(lang, target.unit, pr.current, pr.goal);
        html! {
            <span class="target" data-testid="target" data-reached={pr.reached.to_string()}>
                <progress data-testid="target-progress" max={pr.goal.to_string()} value={pr.current.min(pr.goal).to_string()} aria-label={label.clone()}></progress>
                <span data-testid="target-label">{ label }</span>
                if pr.reached { <strong data-testid="target-reached">{ t(lang, Key::TargetReached) }</strong> }
            </span>
        }
    });
    let unit = target.map(|t| t.unit);
    html! {
        <div class="target-bar">
            <select id="target-unit" data-testid="target-unit" aria-label={t(lang, Key::Target)} onchange={on_change.clone()}>
                <option value="" selected={unit.is_none()}>{ t(lang, Key::TargetNone) }</option>
                { for UNITS.iter().map(|u| html! { <option value={u.as_str()} selected={unit == Some(*u)}>{ t(lang, unit_key(*u)) }</option> }) }
            </select>
            if let Some(target) = target {
                <input id="target-goal" data-testid="target-goal" type="number" min="1" aria-label={t(lang, Key::TargetGoal)} value={target.goal.to_string()} onchange={on_change} />
            }
            { for meter }
        </div>
    }
}
