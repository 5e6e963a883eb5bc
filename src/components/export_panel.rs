//! Export panel: target, offset, slug style; the resulting path, front
//! matter changes and warnings; downloads byte-identical to `hoego export`.

use std::rc::Rc;

use hoego_core::export::{export, image_refs, ExportOptions, Exported, Flavor, ImageRef, Target};
use hoego_core::slug::SlugStyle;
use hoego_core::Offset;
use yew::prelude::*;

use super::{target_value, Ctx};
use crate::browser::{download, now_date};
use crate::i18n::t;
use crate::state::{Action, Draft, ExportSettings};

thread_local! {
    /// Images imported alongside posts this session, by file name.
    pub static IMAGES: std::cell::RefCell<Vec<(String, Vec<u8>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Applies a control's new value to the settings.
type Update = dyn Fn(&mut ExportSettings, String);

/// Props.
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The draft.
    pub draft: Rc<Draft>,
}

/// An export of the current draft with the images available for it.
struct Computed {
    out: Exported,
    refs: Vec<ImageRef>,
    images: Vec<(String, Vec<u8>)>,
}

impl Computed {
    fn file_name(&self) -> &str {
        self.out.path.rsplit('/').next().unwrap_or("post.md")
    }

    /// `YYYY-MM-DD-slug.zip`, or `slug.zip` for Gatsby's `slug/index.md`.
    fn zip_name(&self) -> String {
        let stem = self.file_name().trim_end_matches(".md");
        let stem = if stem == "index" { self.out.path.split('/').rev().nth(1).unwrap_or("post") } else { stem };
        format!("{stem}.zip")
    }

    /// The post, then its images, at their site paths (the order `hoego export --zip` uses).
    fn zip_entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![(self.out.path.clone(), self.out.text.clone().into_bytes())];
        for a in &self.out.assets {
            let name = self.refs.iter().find(|r| r.reference == a.reference).map(|r| r.file_name.as_str());
            if let Some((_, bytes)) = self.images.iter().find(|(n, _)| Some(n.as_str()) == name) {
                files.push((a.site_path.clone(), bytes.clone()));
            }
        }
        files
    }
}

fn compute(draft: &Draft, s: &ExportSettings) -> Computed {
    let Ok(post) = &draft.post else {
        return Computed { out: Exported::default(), refs: Vec::new(), images: Vec::new() };
    };
    let opts = ExportOptions {
        target: s.target,
        offset: s.offset,
        now: now_date(s.offset),
        slug_style: s.slug_style,
        source_name: draft.name.clone(),
    };
    let refs = image_refs(post);
    let images = IMAGES.with(|i| i.borrow().clone());
    let available: Vec<String> =
        refs.iter().filter(|r| images.iter().any(|(n, _)| *n == r.file_name)).map(|r| r.reference.clone()).collect();
    Computed { out: export(post, &opts, &available), refs, images }
}

/// The export panel.
#[function_component(ExportPanel)]
pub fn export_panel(p: &ExportProps) -> Html {
    let ctx = use_context::<Ctx>().expect("state context");
    let lang = ctx.lang;
    if p.draft.post.is_err() {
        return html! {};
    }
    let s = ctx.export.clone();
    // Shown figures follow typing 300 ms behind (an export is O(post)); downloads
    // always export the current text at click time.
    let shown = use_state(|| None::<Rc<Computed>>);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let shown = shown.clone();
        let draft = p.draft.clone();
        let settings = s.clone();
        let last_key = use_mut_ref(|| None::<(String, ExportSettings)>);
        use_effect_with((p.draft.id.clone(), p.draft.rev, s.clone()), move |deps| {
            // A new draft or new settings show at once; typing is debounced.
            let key = Some((deps.0.clone(), deps.2.clone()));
            let fresh = *last_key.borrow() != key;
            *last_key.borrow_mut() = key;
            let run = move || shown.set(Some(Rc::new(compute(&draft, &settings))));
            if fresh {
                run();
            } else {
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(300, run));
            }
        });
    }
    let Some(current) = (*shown).clone() else { return html! {} };
    let out = &current.out;
    let set = |f: Rc<Update>| {
        let ctx = ctx.clone();
        let s = s.clone();
        Callback::from(move |e: Event| {
            let mut n = s.clone();
            f(&mut n, target_value(&e));
            ctx.dispatch(Action::SetExport(n));
        })
    };
    let on_target = set(Rc::new(|n, v| {
        n.target = match (v.as_str(), n.target) {
            ("gatsby", Target::Gatsby(f)) => Target::Gatsby(f),
            ("gatsby", _) => Target::Gatsby(Flavor::StarterBlog),
            _ => Target::Jekyll,
        }
    }));
    let on_flavor =
        set(Rc::new(|n, v| n.target = Target::Gatsby(if v == "lumen" { Flavor::Lumen } else { Flavor::StarterBlog })));
    let on_offset = set(Rc::new(|n, v| {
        if let Some(o) = Offset::parse(&v) {
            n.offset = o;
        }
    }));
    let on_slug = set(Rc::new(|n, v| n.slug_style = SlugStyle::parse(&v).unwrap_or_default()));
    let md = {
        let draft = p.draft.clone();
        let s = s.clone();
        Callback::from(move |_| {
            let c = compute(&draft, &s);
            let _ = download(c.file_name(), c.out.text.as_bytes(), "text/markdown;charset=utf-8");
        })
    };
    let zip = {
        let draft = p.draft.clone();
        let s = s.clone();
        Callback::from(move |_| {
            let c = compute(&draft, &s);
            if let Ok(bytes) = hoego_core::export::bundle::zip_files(&c.zip_entries()) {
                let _ = download(&c.zip_name(), &bytes, "application/zip");
            }
        })
    };
    let target_value = match s.target {
        Target::Jekyll => "jekyll",
        Target::Gatsby(_) => "gatsby",
    };
    let slug_value = match s.slug_style {
        SlugStyle::Romanize => "romanize",
        SlugStyle::Keep => "keep",
        SlugStyle::Ascii => "ascii",
    };
    html! {
        <section class="export">
            <h2 class="pane-title">{ t(lang, "export") }</h2>
            <div class="grid2">
                <label for="x-target">{ t(lang, "export.target") }</label>
                <select id="x-target" data-testid="export-target" onchange={on_target}>
                    <option value="jekyll" selected={target_value == "jekyll"}>{ "Jekyll" }</option>
                    <option value="gatsby" selected={target_value == "gatsby"}>{ "Gatsby" }</option>
                </select>
                if let Target::Gatsby(f) = s.target {
                    <label for="x-flavor">{ t(lang, "export.flavor") }</label>
                    <select id="x-flavor" data-testid="export-flavor" onchange={on_flavor}>
                        <option value="starter-blog" selected={f == Flavor::StarterBlog}>{ "gatsby-starter-blog" }</option>
                        <option value="lumen" selected={f == Flavor::Lumen}>{ "Lumen" }</option>
                    </select>
                }
                <label for="x-offset">{ t(lang, "offset") }</label>
                <input id="x-offset" data-testid="export-offset" value={s.offset.colon()} onchange={on_offset} size="6" />
                <label for="x-slug">{ t(lang, "export.slug_style") }</label>
                <select id="x-slug" data-testid="export-slug-style" onchange={on_slug}>
                    <option value="romanize" selected={slug_value == "romanize"}>{ "romanize (2023nyeon-hoego)" }</option>
                    <option value="keep" selected={slug_value == "keep"}>{ "keep (2023년-회고)" }</option>
                    <option value="ascii" selected={slug_value == "ascii"}>{ "ascii" }</option>
                </select>
            </div>
            <p class="path"><span>{ t(lang, "export.path") }</span><code data-testid="export-path">{ &out.path }</code></p>
            <details open=true>
                <summary>{ t(lang, "export.diff") }{ format!(" ({})", out.changes.len()) }</summary>
                if out.changes.is_empty() { <p class="hint">{ t(lang, "export.nochange") }</p> }
                <div class="diff" data-testid="export-diff">
                { for out.changes.iter().map(|c| html! {
                    <div class="diff-item">
                        if let Some(b) = &c.before { <pre class="del">{ b.lines().map(|l| format!("- {l}\n")).collect::<String>() }</pre> }
                        if let Some(a) = &c.after { <pre class="add">{ a.lines().map(|l| format!("+ {l}\n")).collect::<String>() }</pre> }
                    </div>
                }) }
                </div>
            </details>
            if !out.warnings.is_empty() {
                <details>
                    <summary>{ t(lang, "export.warnings") }{ format!(" ({})", out.warnings.len()) }</summary>
                    <ul class="warnings" data-testid="export-warnings">{ for out.warnings.iter().map(|w| html! { <li>{ &w.message }</li> }) }</ul>
                </details>
            }
            <div class="buttons">
                <button class="primary" data-testid="export-md" onclick={md}>{ t(lang, "download.md") }</button>
                <button data-testid="export-zip" onclick={zip}>{ t(lang, "download.zip") }</button>
            </div>
        </section>
    }
}
