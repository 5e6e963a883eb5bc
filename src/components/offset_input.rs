//! An offset box (`+09:00`). What was typed and is no offset stays in the box,
//! marked invalid and said so beside it, to be fixed: the box used to go back
//! to the last good offset in silence (`+25:00`, or `KST`, which it now reads).

use hoego_core::date::Offset;
use hoego_core::templates::Lang;
use yew::prelude::*;

use crate::i18n::{t, Key};

/// Props.
#[derive(Properties, PartialEq)]
pub struct OffsetInputProps {
    /// Element id (for a `<label for>`, and the message's id).
    pub id: AttrValue,
    /// data-testid, if any.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Its name when no `<label>` names it.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The offset it shows (`""` for none).
    pub value: AttrValue,
    /// Shown while empty.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// A good offset typed, or `None` once emptied (unless `required`).
    pub on_set: Callback<Option<Offset>>,
    /// An empty box is no offset either (the export's: it always has one).
    #[prop_or_default]
    pub required: bool,
    /// UI language.
    pub lang: Lang,
}

/// The box, and while it holds no offset, why.
#[function_component(OffsetInput)]
pub fn offset_input(p: &OffsetInputProps) -> Html {
    let bad = use_state_eq(|| None::<String>);
    let node = use_node_ref();
    {
        // Another offset from outside (another draft, another setting): what was typed is gone.
        let bad = bad.clone();
        use_effect_with(p.value.clone(), move |_| bad.set(None));
    }
    let onchange = {
        let (bad, on_set, required, node) = (bad.clone(), p.on_set.clone(), p.required, node.clone());
        Callback::from(move |e: Event| {
            let typed = super::target_value(&e);
            match (typed.trim().is_empty() && !required, Offset::parse_typed(&typed)) {
                (true, _) => {
                    bad.set(None);
                    on_set.emit(None);
                }
                (false, Some(o)) => {
                    bad.set(None);
                    // As it is written (`KST` → `+09:00`), even when that is the offset
                    // it had already, and nothing else draws the box again.
                    if let Some(el) = node.cast::<web_sys::HtmlInputElement>() {
                        el.set_value(&o.colon());
                    }
                    on_set.emit(Some(o));
                }
                (false, None) => bad.set(Some(typed)),
            }
        })
    };
    let why = format!("{}-bad", p.id);
    let shown = (*bad).clone().map_or_else(|| p.value.clone(), AttrValue::from);
    html! {
        <div class="offset-box">
            <input ref={node} id={p.id.clone()} class="offset" data-testid={p.testid.clone()} aria-label={p.label.clone()}
                value={shown} placeholder={p.placeholder.clone()} size="6" {onchange}
                aria-invalid={bad.is_some().then_some("true")} aria-describedby={bad.is_some().then(|| why.clone())} />
            if bad.is_some() {
                <p class="hint warn offset-bad" id={why} role="alert">{ t(p.lang, Key::OffsetBad) }</p>
            }
        </div>
    }
}
