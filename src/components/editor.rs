//! The editor screen: typed front matter form (or raw front matter), the
//! body, the live preview, outline, stats and export panel.

use std::rc::Rc;

use hoego_core::templates::Lang;
use hoego_core::value::Value;
use hoego_core::{FieldValue, Offset, Post, PostDate};
use yew::prelude::*;

use super::body::BodyEditor;
use super::chips::Chips;
use super::export_panel::ExportPanel;
use super::goals::{use_goal_action, use_summary_refresh, GoalsPanel};
use super::preview::Preview;
use super::side::{use_analysis, Outline, StatsBar};
use super::target::target_meter;
use super::text_input::TextInput;
use super::unapplied::{box_state, on_typed, BoxState};
use super::{Ctx, Dispatch};
use crate::browser::{browser_offset, now_ms};
use crate::i18n::{t, Key};
use crate::state::{Action, Draft, FmBox, Typed, TYPED_KEYS};

/// Props.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The draft.
    pub draft: Rc<Draft>,
}

/// `YYYY-MM-DDTHH:MM:SS` for a datetime-local input.
fn local_input(d: &PostDate) -> String {
    let t = d.time.clone().unwrap_or(hoego_core::date::Time { hour: 0, minute: 0, second: 0, frac: None });
    format!("{}T{:02}:{:02}:{:02}", d.ymd(), t.hour, t.minute, t.second)
}

/// The editor screen.
#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    let d = &p.draft;
    // From the `&str`: one copy of the body per render, not two (a String, then its Rc).
    let body_text = d.post.as_ref().map_or_else(|_| AttrValue::default(), |p| AttrValue::from(p.body()));
    let (date, post_lang) =
        d.post.as_ref().map_or((None, lang), |p| (p.view().date.clone(), hoego_core::next::lang_of(p)));
    // Edited as one text (see `AppState::whole_text`) even once the front matter reads:
    // no analysis and no summary refresh for panels that are not shown.
    let whole = ctx.whole_text.as_deref() == Some(d.id.as_str());
    let analysed = if whole { AttrValue::default() } else { body_text.clone() };
    let analysis = use_analysis(AttrValue::from(d.id.clone()), analysed.clone(), date.clone());
    // Formatted when the date changes, not on every key typed in the body.
    let date_iso = use_memo(date.clone(), |d| AttrValue::from(d.as_ref().map(|d| d.to_iso()).unwrap_or_default()));
    // Held by the app state, not the boxes (see `components/unapplied.rs`).
    let raw_held = ctx.held(&d.id, FmBox::Raw).cloned();
    let other_held = ctx.held(&d.id, FmBox::Other).cloned();
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Library))
    };
    use_summary_refresh(ctx.clone(), analysis.clone(), analysed, date, post_lang);
    let on_action = use_goal_action(ctx.clone(), d.clone());
    let main = match &d.post {
        Ok(post) if !whole => {
            let on_body = {
                let ctx = ctx.clone();
                Callback::from(move |body: String| ctx.dispatch(Action::SetBody { body, typed: true, at: now_ms() }))
            };
            html! {
                <>
                    <section class="pane form-pane">
                        if ctx.fm_raw { <RawFrontMatter shown={AttrValue::from(post.front_matter_text())} ending={post.line_ending()} id={d.id.clone()} held={raw_held} /> } else { <Form draft={d.clone()} {lang} url={hoego_core::export::post_url(post, &super::batch::options(&ctx.export, d.name.clone()))}
                            edit_error={ctx.edit_error.clone()} dispatch={ctx.dispatcher()} held={other_held} /> }
                    </section>
                    <section class="pane body-pane">
                        <label class="pane-title" for="body">{ t(lang, Key::Body) }</label>
                        <BodyEditor draft_id={d.id.clone()} body={body_text.clone()} on_change={on_body} keys_hint={t(lang, Key::BodyKeys)} {lang} ending={body_ending(post, &body_text)} echo={d.typed_rev == d.rev} />
                    </section>
                    <section class="pane preview-pane">
                        <h2 class="pane-title">{ t(lang, Key::Preview) }</h2>
                        <Preview draft_id={d.id.clone()} body={body_text.clone()}
                            title={post.view().title.clone().unwrap_or_default()}
                            date={(*date_iso).clone()}
                            tags={post.view().tags.clone()} label={t(lang, Key::Preview)} {lang} images={ctx.images.generation}
                            source={d.name.clone().map(AttrValue::from)} />
                    </section>
                    <aside class="pane side-pane">
                        <Outline analysis={analysis.clone()} {lang} />
                        <GoalsPanel analysis={analysis.clone()} {lang} {on_action} />
                        <ExportPanel draft={d.clone()} />
                    </aside>
                </>
            }
        }
        read => {
            let on_text = {
                let ctx = ctx.clone();
                Callback::from(move |text: String| ctx.dispatch(Action::SetText { text, at: now_ms() }))
            };
            let notice = match read {
                // No export of a post that does not read, but its text can leave as it is.
                Err(e) => html! {
                    <p class="notice warn" data-testid="raw-notice">{ t(lang, Key::RawMode) }<br/><code>{ e }</code><br/>
                        <button type="button" class="small" data-testid="raw-download-md"
                            onclick={super::storage_info::download_as_written(&ctx, d)}>{ t(lang, Key::DownloadThis) }</button>
                    </p>
                },
                Ok(_) => {
                    let ctx = ctx.clone();
                    html! {
                        <p class="notice" data-testid="whole-text-ok">{ t(lang, Key::WholeTextReads) }{ " " }
                            <button type="button" class="small" data-testid="edit-as-form" onclick={move |_| ctx.dispatch(Action::EditAsForm)}>{ t(lang, Key::EditAsForm) }</button>
                        </p>
                    }
                }
            };
            html! {
                <section class="pane raw-pane">
                    { notice }
                    <label class="pane-title" for="body">{ t(lang, Key::RawText) }</label>
                    <BodyEditor draft_id={d.id.clone()} body={AttrValue::from(d.text.as_str())} on_change={on_text} keys_hint={t(lang, Key::BodyKeys)} {lang} ending={hoego_core::split::LineEnding::detect(&d.text)} />
                </section>
            }
        }
    };
    let on_target = {
        let ctx = ctx.clone();
        Callback::from(move |target| ctx.dispatch(Action::SetTarget { target, at: now_ms() }))
    };
    let stats = match &d.post {
        Ok(_) if !whole => html! { <StatsBar analysis={analysis.clone()} {lang} /> },
        _ => html! { <div class="stats" data-testid="stats"></div> },
    };
    html! {
        <div class="editor">
            <div class="editor-bar">
                <button class="ghost" data-testid="back" onclick={back}>{ t(lang, Key::Back) }</button>
                <span class="editor-name">{ d.title().unwrap_or_else(|| t(lang, Key::Untitled).into()) }</span>
                { super::templates::save_template_control(&ctx, d) }
                if d.post.is_ok() && !whole {
                    <div class="seg" role="group" aria-label={t(lang, Key::Mode)}>
                        <button data-testid="mode-form" aria-pressed={(!ctx.fm_raw).to_string()} class={classes!(if ctx.fm_raw { "" } else { "on" })} onclick={{ let c = ctx.clone(); move |_| c.dispatch(Action::SetFmRaw(false)) }}>{ t(lang, Key::ModeForm) }</button>
                        <button data-testid="mode-raw" aria-pressed={ctx.fm_raw.to_string()} class={classes!(if ctx.fm_raw { "on" } else { "" })} onclick={{ let c = ctx.clone(); move |_| c.dispatch(Action::SetFmRaw(true)) }}>{ t(lang, Key::ModeRaw) }</button>
                    </div>
                }
            </div>
            <div class="editor-grid">{ main }</div>
            <div class="statusbar">
                { stats }
                { target_meter(&analysis.0, lang, d.target, on_target) }
            </div>
        </div>
    }
}

/// What the form shows. Not the app state itself: a component reading the state
/// context is drawn again on every change of it, which here is every key typed
/// in the body (~0.3 ms a key of diffing a form that did not change).
#[derive(Properties)]
struct FormProps {
    draft: Rc<Draft>,
    lang: Lang,
    /// The post's URL on its site (`hoego_core::export::post_url`), `None`
    /// when the site's permalink has a placeholder Hoego does not fill in.
    /// Worked out by the editor: with no `title` key the title, and so the
    /// slug, comes from the body's first heading.
    url: Option<String>,
    edit_error: Option<String>,
    dispatch: Dispatch,
    /// What was typed into the other-keys box and not applied.
    held: Option<Typed>,
}

impl PartialEq for FormProps {
    /// Equal when everything the form shows is: the body is not part of it.
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.draft, &o.draft);
        let same_draft = Rc::ptr_eq(a, b)
            || (a.id == b.id
                && a.name == b.name
                && match (&a.post, &b.post) {
                    (Ok(x), Ok(y)) => x.front_matter_text() == y.front_matter_text(),
                    _ => false,
                });
        same_draft
            && self.lang == o.lang
            && self.url == o.url
            && self.edit_error == o.edit_error
            && self.dispatch == o.dispatch
            && self.held == o.held
    }
}

fn set(ctx: &Dispatch, key: &'static str, value: FieldValue) {
    ctx.dispatch(Action::SetField { key: key.into(), value, at: now_ms() });
}

/// A text field bound to a key: empty text removes a key that has no other
/// content, otherwise writes a string.
fn text_field(
    ctx: &Dispatch,
    post: &Post,
    lang: Lang,
    key: &'static str,
    label: Key,
    value: Option<String>,
    testid: Option<&'static str>,
) -> Html {
    let id = format!("f-{key}");
    // A list or a map (jekyll-seo-tag's `author:` with `name:` and `twitter:`) is no
    // line of text: a key typed here would replace all of it. Shown as written, not
    // edited here (the raw front matter mode edits it).
    if post.field(key).is_some_and(|v| matches!(v, Value::List(_) | Value::Map(_))) {
        let entry = post.yaml_entries().iter().rev().find(|e| e.key == key);
        let raw = entry.map(|e| post.head()[e.colon_end..e.range.end].split_whitespace().collect::<Vec<_>>().join(" "));
        return html! {
            <div class="field">
                <label for={id.clone()}>{ t(lang, label) }</label>
                <input {id} disabled=true value={raw.unwrap_or_default()} />
            </div>
        };
    }
    let exists = post.field(key).is_some();
    let on_change = {
        let ctx = ctx.clone();
        Callback::from(move |v: String| {
            match (v.is_empty(), exists) {
                (true, false) => {}
                // Clearing an optional field removes its key rather than writing `key: ""`.
                (true, true) if key != "title" => ctx.dispatch(Action::UnsetField { key: key.into(), at: now_ms() }),
                _ => set(&ctx, key, FieldValue::Str(v)),
            }
        })
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ t(lang, label) }</label>
            <TextInput id={id} testid={testid.map(AttrValue::from)} value={AttrValue::from(value.unwrap_or_default())} {on_change} />
        </div>
    }
}

/// The line ending new body lines get: the body's own (a body pasted from
/// Windows under LF front matter stays CRLF), else the post's.
fn body_ending(post: &Post, body: &str) -> hoego_core::split::LineEnding {
    match body.contains('\n') {
        true => hoego_core::split::LineEnding::detect(body),
        false => post.line_ending(),
    }
}

/// Other fields longer than this get no textarea (the raw mode edits them).
const OTHER_INLINE_MAX: usize = 32 << 10;

#[function_component(Form)]
fn form(p: &FormProps) -> Html {
    // Every hook before the early return: Yew requires the same hooks in the same order on each render.
    let other_ref = use_node_ref();
    // Validate as you type: parse the box's text without applying it.
    let other_error = use_state_eq(|| None::<String>);
    // The other-keys box belongs to one draft and one text: another starts afresh,
    // without what was typed in the old one or its error.
    let other = p.draft.post.as_ref().map(|post| post.other_fields_text(TYPED_KEYS)).unwrap_or_default();
    let other_box = box_state(p.held.as_ref(), &p.draft.id, &other);
    {
        // A box drawn afresh checks what it holds (text typed before a mode switch).
        let err = other_error.clone();
        let held = p.held.as_ref().map(|t| t.text.clone());
        use_effect_with(other_box.key.clone(), move |_| err.set(held.as_deref().and_then(yaml_error)));
    }
    let (ctx, lang) = (&p.dispatch, p.lang);
    let Ok(post) = &p.draft.post else { return html! {} };
    let v = post.view();
    // A date without an offset shows none (the box's placeholder is this browser's):
    // it stays without one until one is typed (see `PostDate::from_form`).
    let written_offset = v.date.as_ref().and_then(|d| d.offset);
    let offset = written_offset.unwrap_or_else(browser_offset);
    let date_value = v.date.as_ref().map(local_input).unwrap_or_default();
    let on_date = {
        let ctx = ctx.clone();
        let was = v.date.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = PostDate::from_form(&super::target_value(&e), offset, was.as_ref()) {
                set(&ctx, "date", FieldValue::Date(d));
            }
        })
    };
    let on_offset = {
        let ctx = ctx.clone();
        let date = v.date.clone();
        Callback::from(move |typed: Option<Offset>| {
            let Some(d) = date.clone() else { return };
            match typed {
                // Emptied: the time goes back to having no offset.
                None if d.time.is_some() => set(&ctx, "date", FieldValue::Date(PostDate { offset: None, ..d })),
                None => {}
                Some(o) => {
                    set(&ctx, "date", FieldValue::Date(PostDate { offset: Some(o), ..d.with_default_offset(o) }))
                }
            }
        })
    };
    let list = |key: &'static str| {
        let ctx = ctx.clone();
        Callback::from(move |items: Vec<String>| set(&ctx, key, FieldValue::List(items)))
    };
    let on_draft = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let checked =
                e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            set(&ctx, "draft", FieldValue::Bool(checked));
        })
    };
    let layout_key =
        if post.field("template").is_some() && post.field("layout").is_none() { "template" } else { "layout" };
    let url = &p.url;
    let apply_other = {
        let ctx = ctx.clone();
        let r = other_ref.clone();
        let shown = other.clone();
        let ending = post.line_ending();
        let draft = p.draft.clone();
        Callback::from(move |_| {
            if let Some(t) = r.cast::<web_sys::HtmlTextAreaElement>() {
                // The textarea's `\n` lines back in the post's own endings (a CRLF post).
                let text = hoego_core::line_endings::from_textarea(&shown, &t.value(), ending);
                // As the raw box: only text the post takes is no longer unapplied.
                let takes = draft.post.as_ref().is_ok_and(|p| p.clone().set_other_fields(TYPED_KEYS, &text).is_ok());
                ctx.dispatch(Action::SetOtherFields { text, at: now_ms() });
                if takes {
                    ctx.dispatch(Action::Release { draft: draft.id.clone(), kind: FmBox::Other });
                }
            }
        })
    };
    let on_other_input = {
        let (ctx, err) = (ctx.clone(), other_error.clone());
        let (held, draft, shown) = (p.held.clone(), p.draft.id.clone(), other.clone());
        Callback::from(move |e: InputEvent| {
            let text = super::target_value(&e.into());
            err.set(yaml_error(&text));
            ctx.dispatch(on_typed(held.as_ref(), FmBox::Other, &draft, &shown, text));
        })
    };
    let large_other = other.len() > OTHER_INLINE_MAX;
    html! {
        <form class="fm-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { text_field(ctx, post, lang, "title", Key::Title, v.title.clone().filter(|_| post.field("title").is_some()), Some("field-title")) }
            <div class="field date-row">
                <label for="f-date">{ t(lang, Key::Date) }</label>
                <div class="row">
                    <input id="f-date" type="datetime-local" step="1" data-testid="field-date" value={date_value} onchange={on_date} />
                    <super::offset_input::OffsetInput id="f-offset" label={t(lang, Key::DateOffset)} {lang}
                        value={written_offset.map(Offset::colon).unwrap_or_default()} placeholder={offset.colon()} on_set={on_offset} />
                </div>
                if post.field("date").is_some() && v.date.is_none() {
                    <p class="hint warn">{ post.field("date").and_then(|d| d.as_text()).unwrap_or_default() }</p>
                }
            </div>
            <div class="field">
                <label for="f-tags">{ t(lang, Key::Tags) }</label>
                <Chips id="f-tags" testid="field-tags" list_label={t(lang, Key::Tags)} remove_label={t(lang, Key::TagRemove)} items={v.tags.clone()} on_change={list("tags")} placeholder={t(lang, Key::ChipAdd)} />
            </div>
            <div class="field">
                <label for="f-categories">{ t(lang, Key::Categories) }</label>
                <Chips id="f-categories" testid="field-categories" list_label={t(lang, Key::Categories)} remove_label={t(lang, Key::CategoryRemove)} items={v.categories.clone()} on_change={list("categories")} placeholder={t(lang, Key::ChipAdd)} />
            </div>
            { text_field(ctx, post, lang, "description", Key::Description, post.field("description").and_then(|d| d.as_text()), None) }
            { text_field(ctx, post, lang, "slug", Key::Slug, post.field("slug").and_then(|d| d.as_text()), None) }
            <p class="hint" data-testid="url-hint">
                if let Some(url) = url { { t(lang, Key::Url) }{ ": " }{ url } } else { { t(lang, Key::UrlByPermalink) } }
            </p>
            <label class="check"><input type="checkbox" checked={v.draft} onchange={on_draft} />{ t(lang, Key::Draft) }</label>
            { text_field(ctx, post, lang, layout_key, Key::Layout, post.field(layout_key).and_then(|d| d.as_text()), None) }
            { text_field(ctx, post, lang, "cover", Key::Cover, post.field("cover").and_then(|d| d.as_text()), None) }
            { text_field(ctx, post, lang, "author", Key::Author, post.field("author").and_then(|d| d.as_text()), None) }
            <div class="field">
                <label for="f-other">{ t(lang, Key::Other) }</label>
                if large_other {
                    // No textarea: it would lay out all its text (seconds for a huge front
                    // matter, even folded). The raw front matter mode edits it all.
                    <p class="hint">{ format!("{} KB → ", other.len() >> 10) }{ t(lang, Key::ModeRaw) }</p>
                } else {
                    // Keyed on its draft and text and given the text as the default, not
                    // as its value: a value is written back on every render, and each key
                    // here could render the form (the error check), undoing what was typed.
                    <textarea id="f-other" key={other_box.key.as_str()} class="mono" rows="5" ref={other_ref} defaultvalue={other_box.text.clone()} oninput={on_other_input} spellcheck="false" />
                }
                // Apply right below the box, the notes that come and go while typing
                // after it: a note above would move the button under a pending click.
                <button type="button" class="small" onclick={apply_other} disabled={other_error.is_some() || large_other}>{ t(lang, Key::Apply) }</button>
                if let Some(e) = &*other_error { <p class="hint error">{ e }</p> }
                if let Some(e) = &p.edit_error { <p class="hint error">{ e }</p> }
                { unapplied_notes(lang, &other_box, "other-unapplied") }
            </div>
        </form>
    }
}

#[derive(Properties)]
struct RawProps {
    /// The post's front matter text (not the post: a copy of it per key typed
    /// in the body would copy the body too).
    shown: AttrValue,
    /// The post's line ending.
    ending: hoego_core::split::LineEnding,
    /// The draft's id (the box is keyed on it).
    id: AttrValue,
    /// What was typed into the box and not applied.
    held: Option<Typed>,
}

impl PartialEq for RawProps {
    fn eq(&self, o: &Self) -> bool {
        self.shown == o.shown && self.ending == o.ending && self.id == o.id && self.held == o.held
    }
}

#[function_component(RawFrontMatter)]
fn raw_front_matter(p: &RawProps) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let r = use_node_ref();
    let shown = p.shown.to_string();
    let raw_box = box_state(p.held.as_ref(), &p.id, &shown);
    let oninput = {
        let (ctx, held, draft, shown) = (ctx.clone(), p.held.clone(), p.id.clone(), shown.clone());
        Callback::from(move |e: InputEvent| {
            let text = super::target_value(&e.into());
            ctx.dispatch(on_typed(held.as_ref(), FmBox::Raw, &draft, &shown, text))
        })
    };
    let apply = {
        let ctx = ctx.clone();
        let r = r.clone();
        let shown = shown.clone();
        let ending = p.ending;
        let draft = p.id.to_string();
        Callback::from(move |_| {
            if let Some(t) = r.cast::<web_sys::HtmlTextAreaElement>() {
                // The textarea's `\n` lines back in the post's own endings (a CRLF post).
                let text = hoego_core::line_endings::from_textarea(&shown, &t.value(), ending);
                // Text the post refuses stays unapplied (the error says why); text it
                // takes is applied, whatever the post makes of it.
                let post = ctx.current().filter(|d| d.id == draft).and_then(|d| d.post.as_ref().ok());
                let takes = post.is_some_and(|p| p.clone().set_front_matter_text(&text).is_ok());
                ctx.dispatch(Action::SetFrontMatter { text, at: now_ms() });
                if takes {
                    ctx.dispatch(Action::Release { draft: draft.clone(), kind: FmBox::Raw });
                }
            }
        })
    };
    html! {
        <div class="field">
            <label for="f-raw">{ t(ctx.lang, Key::ModeRaw) }</label>
            // Keyed on its draft and the text it started from, with the text as the
            // default: a value is written back whenever the app's state changes (an
            // autosave), undoing what was typed and not yet applied.
            <textarea id="f-raw" key={raw_box.key.as_str()} data-testid="raw-front-matter" class="mono raw-fm" rows="16" ref={r} defaultvalue={raw_box.text.clone()} {oninput} spellcheck="false" />
            // Notes after Apply, not above it (see the form's other-keys box).
            <button type="button" class="small" onclick={apply}>{ t(ctx.lang, Key::Apply) }</button>
            if let Some(e) = &ctx.edit_error { <p class="hint error">{ e }</p> }
            { unapplied_notes(ctx.lang, &raw_box, "raw-unapplied") }
        </div>
    }
}

/// Why the other-keys box's text is not front matter YAML, if it is not.
fn yaml_error(text: &str) -> Option<String> {
    hoego_core::yaml::parse_entries(text, 0..text.len(), 1).err().map(|e| e.located())
}

/// A box's notes on what it holds: typed and not applied, and typed before
/// the front matter changed underneath (Apply puts this text in its place).
fn unapplied_notes(lang: Lang, b: &BoxState, testid: &'static str) -> Html {
    html! {
        <>
            if b.pending { <p class="hint warn" data-testid={testid}>{ t(lang, Key::Unapplied) }</p> }
            if b.pending && b.stale { <p class="hint warn" data-testid="unapplied-stale">{ t(lang, Key::UnappliedStale) }</p> }
        </>
    }
}
