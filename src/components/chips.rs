//! A list of strings shown as removable chips with an input to add more.

use yew::prelude::*;

/// How many chips are drawn. Past that the list says how many more there are
/// (they stay in the front matter and are edited in raw mode): drawing tens of
/// thousands of chips, each with a button, froze the editor for seconds.
pub const SHOWN: usize = 200;

/// Props.
#[derive(Properties, PartialEq)]
pub struct ChipsProps {
    /// Current items.
    pub items: Vec<String>,
    /// Called with the new list.
    pub on_change: Callback<Vec<String>>,
    /// Placeholder.
    pub placeholder: AttrValue,
    /// data-testid of the input.
    pub testid: AttrValue,
    /// Input id (for the label).
    pub id: AttrValue,
    /// Accessible name of the chip list (e.g. "태그" / "Tags").
    pub list_label: AttrValue,
    /// Remove button name before the item (e.g. "태그 삭제" / "Remove tag"): read as "태그 삭제: 회고".
    pub remove_label: AttrValue,
}

/// Chips editor: Enter or comma adds, Backspace on empty removes the last.
#[function_component(Chips)]
pub fn chips(p: &ChipsProps) -> Html {
    let add = {
        let items = p.items.clone();
        let cb = p.on_change.clone();
        move |text: String, input: Option<web_sys::HtmlInputElement>| {
            let new: Vec<String> = hoego_core::field::parse_list(&text);
            if new.is_empty() {
                return;
            }
            let mut all = items.clone();
            for n in new {
                if !all.contains(&n) {
                    all.push(n);
                }
            }
            if let Some(i) = input {
                i.set_value("");
            }
            cb.emit(all);
        }
    };
    let onkeydown = {
        let add = add.clone();
        let items = p.items.clone();
        let cb = p.on_change.clone();
        Callback::from(move |e: KeyboardEvent| {
            use wasm_bindgen::JsCast;
            if e.is_composing() {
                return; // IME: Enter confirms the composition, not the chip
            }
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let value = input.as_ref().map(|i| i.value()).unwrap_or_default();
            if e.key() == "Enter" || e.key() == "," {
                e.prevent_default();
                add(value, input);
            } else if e.key() == "Backspace" && value.is_empty() && !items.is_empty() {
                let mut all = items.clone();
                all.pop();
                cb.emit(all);
            }
        })
    };
    let onblur = {
        let add = add.clone();
        Callback::from(move |e: FocusEvent| {
            use wasm_bindgen::JsCast;
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let v = input.as_ref().map(|i| i.value()).unwrap_or_default();
            add(v, input);
        })
    };
    let shared = std::rc::Rc::new(p.items.clone());
    html! {
        <div class="chips">
            <ul class="chip-list" aria-label={p.list_label.clone()}>
            { for p.items.iter().take(SHOWN).enumerate().map(|(i, item)| {
                // One shared copy of the list for every chip's button: a copy per
                // chip made 30,000 tags cost 30,000² string clones.
                let items = shared.clone();
                let cb = p.on_change.clone();
                let remove = Callback::from(move |_| {
                    let mut all: Vec<String> = items.as_ref().clone();
                    all.remove(i);
                    cb.emit(all);
                });
                let name = format!("{}: {item}", p.remove_label);
                html! { <li class="chip">{ item }<button type="button" class="chip-x" aria-label={name} onclick={remove}>{ "×" }</button></li> }
            }) }
            </ul>
            if p.items.len() > SHOWN { <span class="hint" data-testid="chips-more">{ format!("+{}", p.items.len() - SHOWN) }</span> }
            <input id={p.id.clone()} data-testid={p.testid.clone()} class="chip-input" placeholder={p.placeholder.clone()} {onkeydown} {onblur} />
        </div>
    }
}
