//! The user's own templates: "Save as my template" in the editor, the
//! template menu of the library (built-in templates create at once; a user
//! template opens a preview first, where it can also be renamed or
//! deleted), and the storage effects behind them. Templates are written to
//! storage at once, read-modify-write (see `storage/templates.rs`); the
//! reducer only holds the list storage answered with.

use hoego_core::skeleton::{instantiate, template_from_post};
use hoego_core::templates::TEMPLATES;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{target_value, Ctx};
use crate::browser::{browser_offset, new_id, now_date, now_ms};
use crate::i18n::t;
use crate::state::{Action, Draft, Level, Notice};
use crate::storage::{merge_templates, update_templates, UserTemplate};

/// The prefix of a user template's value in the template menu.
const USER: &str = "user:";

/// Apply `change` to the stored templates and show the result. When
/// storage refuses, the change is kept in this tab only and the user is told.
fn change(ctx: &Ctx, done: &'static str, change: impl Fn(&mut Vec<UserTemplate>)) {
    let lang = ctx.lang;
    let (list, notice) = match update_templates(&change) {
        Ok(list) => (list, Notice { level: Level::Ok, text: t(lang, done).into() }),
        Err(e) => {
            let mut list = ctx.templates.clone();
            change(&mut list);
            (list, Notice { level: Level::Error, text: format!("{}: {}", t(lang, "tpl.failed"), e.message()) })
        }
    };
    ctx.dispatch(Action::Templates(list));
    ctx.dispatch(Action::Notify(notice));
}

/// Add a backup's templates (a changed one with a known id is kept as a copy).
pub fn restore_templates(ctx: &Ctx, incoming: Vec<UserTemplate>) {
    if incoming.is_empty() {
        return;
    }
    let new_ids: Vec<String> = incoming.iter().map(|_| new_id()).collect();
    change(ctx, "tpl.restored", move |list| {
        merge_templates(list, incoming.clone(), new_ids.clone());
    });
}

/// The value of the element with this id (an uncontrolled input).
fn input_value(id: &str) -> Option<String> {
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    Some(el.dyn_into::<web_sys::HtmlInputElement>().ok()?.value())
}

/// "Save as my template" for the editor bar: a name, and the draft's
/// structure stored as a template.
pub fn save_template_control(ctx: &Ctx, d: &Draft) -> Html {
    let lang = ctx.lang;
    let name = d.title().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| t(lang, "tpl.default").into());
    let on_save = {
        let (ctx, text) = (ctx.clone(), d.text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value("tpl-name").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            let tpl = UserTemplate {
                id: new_id(),
                name: name.unwrap_or_else(|| t(ctx.lang, "tpl.default").into()),
                text: template_from_post(&text),
                created: now_ms(),
            };
            change(&ctx, "tpl.saved", move |list| list.push(tpl.clone()));
        })
    };
    html! {
        <details class="tpl-save" onkeydown={super::close_details_on_escape}>
            <summary data-testid="tpl-save-toggle">{ t(lang, "tpl.save") }</summary>
            <form class="tpl-save-form" onsubmit={on_save}>
                <label for="tpl-name">{ t(lang, "tpl.name") }</label>
                <input id="tpl-name" data-testid="tpl-name" value={name} />
                <button type="submit" class="small" data-testid="tpl-save">{ t(lang, "tpl.save") }</button>
                <p class="hint">{ t(lang, "tpl.hint") }</p>
            </form>
        </details>
    }
}

/// A post made from a template, titled with its name and dated now.
fn made_from(tpl: &UserTemplate) -> String {
    instantiate(&tpl.text, &tpl.name, &now_date(browser_offset()))
}

/// The template menu and, for a chosen user template, its preview.
#[function_component(TemplatePicker)]
pub fn template_picker() -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let chosen = use_state(|| None::<String>);
    let lang = ctx.lang;
    let on_pick = {
        let (ctx, chosen) = (ctx.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let v = target_value(&e);
            match v.strip_prefix(USER) {
                Some(id) => chosen.set(Some(id.to_string())),
                None if !v.is_empty() => super::library::create_from_template(&ctx, &v),
                None => {}
            }
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                s.set_value("");
            }
        })
    };
    let preview = chosen.as_ref().and_then(|id| ctx.templates.iter().find(|t| &t.id == id)).map(|tpl| {
        let text = made_from(tpl);
        let create = {
            let (ctx, chosen, text) = (ctx.clone(), chosen.clone(), text.clone());
            Callback::from(move |_: MouseEvent| {
                chosen.set(None);
                ctx.dispatch(Action::Create { id: new_id(), text: text.clone(), at: now_ms() });
            })
        };
        let rename = {
            let (ctx, id) = (ctx.clone(), tpl.id.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(name) = input_value("tpl-rename").map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
                else {
                    return;
                };
                let id = id.clone();
                change(&ctx, "tpl.saved", move |list| {
                    list.iter_mut().filter(|t| t.id == id).for_each(|t| t.name = name.clone());
                });
            })
        };
        let delete = {
            let (ctx, chosen, id) = (ctx.clone(), chosen.clone(), tpl.id.clone());
            Callback::from(move |_: MouseEvent| {
                chosen.set(None);
                let id = id.clone();
                change(&ctx, "tpl.deleted", move |list| list.retain(|t| t.id != id));
            })
        };
        let close = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(None))
        };
        html! {
            <section class="tpl-preview" data-testid="tpl-preview" aria-labelledby="tpl-preview-title">
                <h2 id="tpl-preview-title">{ t(lang, "tpl.preview") }{ ": " }{ &tpl.name }</h2>
                <pre class="mono" data-testid="tpl-preview-text">{ text }</pre>
                <div class="lib-actions">
                    <button class="primary" data-testid="tpl-create" onclick={create}>{ t(lang, "tpl.create") }</button>
                    <form class="tpl-rename" onsubmit={rename}>
                        <input id="tpl-rename" data-testid="tpl-rename-name" aria-label={t(lang, "tpl.name")} value={tpl.name.clone()} />
                        <button type="submit" class="small" data-testid="tpl-rename">{ t(lang, "tpl.rename") }</button>
                    </form>
                    <button class="small ghost danger" data-testid="tpl-delete" onclick={delete}>{ t(lang, "tpl.delete") }</button>
                    <button class="small ghost" data-testid="tpl-close" onclick={close}>{ t(lang, "tpl.cancel") }</button>
                </div>
            </section>
        }
    });
    html! {
        <>
            <select class="template-select" data-testid="template-select" aria-label={t(lang, "new.template")} onchange={on_pick}>
                <option value="" selected=true>{ t(lang, "new.template") }{ "…" }</option>
                { for TEMPLATES.iter().filter(|t| t.name != "blank").map(|tp| html! { <option value={tp.name}>{ tp.label(lang) }</option> }) }
                if !ctx.templates.is_empty() {
                    <optgroup label={t(lang, "tpl.mine")}>
                        { for ctx.templates.iter().map(|tp| html! { <option value={format!("{USER}{}", tp.id)}>{ &tp.name }</option> }) }
                    </optgroup>
                }
            </select>
            { for preview }
        </>
    }
}
