//! The user's own templates: "Save as my template" in the editor, the
//! template menu of the library (built-in templates create at once; a user
//! template opens a preview first, where it can also be renamed or
//! deleted), and the storage effects behind them. Templates are written to
//! storage at once, read-modify-write (see `storage/templates.rs`); the
//! reducer only holds the list storage answered with (a refused write changes
//! nothing and says so).

use hoego_core::skeleton::{instantiate, template_from_post};
use hoego_core::templates::TEMPLATES;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{target_value, Ctx};
use crate::browser::{browser_offset, new_id, now_date, now_ms};
use crate::i18n::{t, Key};
use crate::state::{Action, Draft, Level, Notice};
use crate::storage::{merge_templates, update_templates, UserTemplate};

/// The prefix of a user template's value in the template menu.
const USER: &str = "user:";

/// Apply `change` to the stored templates and show the result. When
/// storage refuses, nothing changes and the user is told so: a change kept in
/// this tab only would be dropped, unannounced, by the next successful write
/// or another tab's (both replace the list with what storage holds).
fn change(ctx: &Ctx, done: Key, change: &dyn Fn(&mut Vec<UserTemplate>)) {
    let lang = ctx.lang;
    match update_templates(change) {
        Ok(list) => {
            ctx.dispatch(Action::Templates(list));
            ctx.dispatch(Action::Notify(Notice { level: Level::Ok, text: t(lang, done).into() }));
        }
        Err(e) => {
            let text = format!("{}: {}", t(lang, Key::TplFailed), e.message());
            ctx.dispatch(Action::Notify(Notice { level: Level::Error, text }));
        }
    }
}

/// Add a backup's templates (a changed one with a known id is kept as a copy).
pub fn restore_templates(ctx: &Ctx, incoming: Vec<UserTemplate>) {
    if incoming.is_empty() {
        return;
    }
    let new_ids: Vec<String> = incoming.iter().map(|_| new_id()).collect();
    change(ctx, Key::TplRestored, &|list| {
        merge_templates(list, incoming.clone(), new_ids.clone());
    });
}

/// "Save as my template" for the editor bar: the draft's structure, named
/// after its title (renamed in the library's preview).
pub fn save_template_control(ctx: &Ctx, d: &std::rc::Rc<Draft>) -> Html {
    let lang = ctx.lang;
    let on_save = {
        // The draft is shared, not copied: this runs on every render of the editor.
        let (ctx, d) = (ctx.clone(), d.clone());
        Callback::from(move |_: MouseEvent| {
            let name = d.title().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| t(lang, Key::TplDefault).into());
            let tpl = UserTemplate { id: new_id(), name, text: template_from_post(&d.text), created: now_ms() };
            change(&ctx, Key::TplSaved, &|list| list.push(tpl.clone()));
        })
    };
    html! {
        <button class="ghost small" data-testid="tpl-save" title={t(lang, Key::TplHint)} onclick={on_save}>{ t(lang, Key::TplSave) }</button>
    }
}

/// A post made from a template, titled with its name and dated now.
fn made_from(tpl: &UserTemplate) -> String {
    instantiate(&tpl.text, &tpl.name, &now_date(browser_offset()))
}

/// The template menu: built-in templates, then the user's (a function, not
/// a component: each component costs the first load a few KB).
pub fn template_picker(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let on_pick = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = target_value(&e);
            match v.strip_prefix(USER) {
                Some(id) => ctx.dispatch(Action::PreviewTemplate(Some(id.to_string()))),
                None if !v.is_empty() => super::library::create_from_template(&ctx, &v),
                None => {}
            }
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                s.set_value("");
            }
        })
    };
    html! {
            <select class="template-select" data-testid="template-select" aria-label={t(lang, Key::NewTemplate)} onchange={on_pick}>
                <option value="" selected=true>{ t(lang, Key::NewTemplate) }{ "…" }</option>
                { for TEMPLATES.iter().filter(|t| t.name != "blank").map(|tp| html! { <option value={tp.name}>{ tp.label(lang) }</option> }) }
                if !ctx.templates.is_empty() {
                    <optgroup label={t(lang, Key::TplMine)}>
                        { for ctx.templates.iter().map(|tp| html! { <option value={format!("{USER}{}", tp.id)}>{ &tp.name }</option> }) }
                    </optgroup>
                }
            </select>
    }
}

/// The user template chosen in the menu, if any, as the post it would
/// create, with create, rename (the name box, saved on change), delete and close.
pub fn template_preview(ctx: &Ctx) -> Html {
    let Some(tpl) = ctx.tpl_preview.as_ref().and_then(|id| ctx.templates.iter().find(|t| &t.id == id)) else {
        return html! {};
    };
    let lang = ctx.lang;
    let text = made_from(tpl);
    let create = {
        let (ctx, text) = (ctx.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Create { id: new_id(), text: text.clone(), at: now_ms() })
        })
    };
    let rename = {
        let (ctx, id) = (ctx.clone(), tpl.id.clone());
        Callback::from(move |e: Event| {
            let name = target_value(&e).trim().to_string();
            if !name.is_empty() {
                change(&ctx, Key::TplSaved, &|list| {
                    list.iter_mut().filter(|t| t.id == id).for_each(|t| t.name = name.clone())
                });
            }
        })
    };
    let delete = {
        let (ctx, id) = (ctx.clone(), tpl.id.clone());
        Callback::from(move |_: MouseEvent| change(&ctx, Key::TplDeleted, &|list| list.retain(|t| t.id != id)))
    };
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::PreviewTemplate(None)))
    };
    html! {
        <section class="tpl-preview" data-testid="tpl-preview" aria-labelledby="tpl-preview-title">
            <h2 id="tpl-preview-title">{ t(lang, Key::TplPreview) }{ ": " }{ &tpl.name }</h2>
            <pre class="mono" data-testid="tpl-preview-text">{ text }</pre>
            <div class="lib-actions">
                <button class="primary" data-testid="tpl-create" onclick={create}>{ t(lang, Key::TplCreate) }</button>
                <input data-testid="tpl-rename" aria-label={t(lang, Key::TplName)} value={tpl.name.clone()} onchange={rename} />
                <button class="small ghost danger" data-testid="tpl-delete" onclick={delete}>{ t(lang, Key::TplDelete) }</button>
                <button class="small ghost" data-testid="tpl-close" onclick={close}>{ t(lang, Key::TplCancel) }</button>
            </div>
        </section>
    }
}
