//! The library's "Series and history" section: drafts grouped by their
//! `series` value or a chosen tag, each group in date order with its goal
//! achievement chart (see `hoego_core::series`; the markup is built in
//! `series_html.rs`). Closed by default; while closed nothing is computed,
//! and once open the groups are recomputed only when the drafts or the
//! grouping change (the library is not shown while typing, so never per
//! keystroke). A hook plus a render function rather than a component: each
//! Yew component costs the first load a few KB.

use std::rc::Rc;

use hoego_core::series::{self, Entry, Group, GroupBy};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::series_html::groups_html;
use super::{target_value, Ctx};
use crate::i18n::{t, Key};
use crate::state::{Action, Draft};

/// The groups and the tags to choose from.
type Computed = (Vec<Group>, Vec<(String, usize)>);

/// The section's state: open or not, the grouping, and what it shows.
pub struct SeriesState {
    open: UseStateHandle<bool>,
    by: UseStateHandle<GroupBy>,
    computed: Rc<Option<Computed>>,
}

/// The section's state. It opens by itself after an import of several
/// drafts, to show their history.
#[hook]
pub fn use_series(ctx: &Ctx) -> SeriesState {
    let open = use_state(|| false);
    let by = use_state(|| GroupBy::Series);
    {
        let open = open.clone();
        use_effect_with(ctx.imported.len(), move |n| {
            if *n > 1 {
                open.set(true);
            }
        });
    }
    let computed =
        use_memo((*open, (*by).clone(), ctx.drafts.clone()), |(open, by, drafts)| open.then(|| compute(drafts, by)));
    SeriesState { open, by, computed }
}

fn compute(drafts: &[Rc<Draft>], by: &GroupBy) -> Computed {
    let entries =
        drafts.iter().filter_map(|d| Some(Entry { id: &d.id, name: d.name.as_deref(), post: d.post.as_ref().ok()? }));
    let tags = series::tags(drafts.iter().filter_map(|d| d.post.as_ref().ok()));
    (series::groups(entries, by), tags)
}

/// The section.
pub fn series_section(ctx: &Ctx, st: &SeriesState) -> Html {
    let lang = ctx.lang;
    let toggle = {
        let open = st.open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    // One handler for every member's button (they are built as text).
    let on_open = {
        let ctx = ctx.clone();
        Callback::from(move |e: MouseEvent| {
            let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let button = target.and_then(|t| t.closest("[data-open]").ok().flatten());
            if let Some(id) = button.and_then(|b| b.get_attribute("data-open")) {
                ctx.dispatch(Action::Open(id));
            }
        })
    };
    html! {
        <details class="series" data-testid="series" open={*st.open}>
            <summary onclick={toggle}>{ t(lang, Key::Series) }</summary>
            if let Some((groups, tags)) = st.computed.as_ref() {
                { grouping_select(ctx, &st.by, tags) }
                if groups.is_empty() { <p class="hint">{ t(lang, Key::SeriesEmpty) }</p> }
                <div class="series-groups" onclick={on_open}>
                    { Html::from_html_unchecked(groups_html(lang, groups, &ctx.imported).into()) }
                </div>
            }
        </details>
    }
}

fn grouping_select(ctx: &Ctx, by: &UseStateHandle<GroupBy>, tags: &[(String, usize)]) -> Html {
    let lang = ctx.lang;
    let onchange = {
        let by = by.clone();
        Callback::from(move |e: Event| {
            let v = target_value(&e);
            by.set(v.strip_prefix("tag:").map_or(GroupBy::Series, |tag| GroupBy::Tag(tag.to_string())));
        })
    };
    html! {
        <label class="series-by">
            { t(lang, Key::SeriesBy) }
            <select data-testid="series-by" {onchange}>
                <option value="" selected={**by == GroupBy::Series}>{ t(lang, Key::SeriesKey) }</option>
                // The most used tags (a post with 30,000 tags must not put them all in a menu).
                { for shown_tags(tags, by).into_iter().map(|(tag, n)| html! {
                    <option value={format!("tag:{tag}")} selected={**by == GroupBy::Tag(tag.clone())}>{ format!("#{tag} ({n})") }</option>
                }) }
            </select>
        </label>
    }
}

/// At most [`super::chips::SHOWN`] tags for the menu, most used first, and the
/// one grouped by now even if it is rarer.
fn shown_tags<'a>(tags: &'a [(String, usize)], by: &GroupBy) -> Vec<&'a (String, usize)> {
    let mut shown: Vec<&(String, usize)> = tags.iter().collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let current = shown.iter().position(|(t, _)| matches!(by, GroupBy::Tag(c) if c == t));
    if let Some(i) = current.filter(|&i| i >= super::chips::SHOWN) {
        shown.swap(i, super::chips::SHOWN - 1);
    }
    shown.truncate(super::chips::SHOWN);
    shown
}
