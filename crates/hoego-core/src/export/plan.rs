//! The front matter half of an export, as data: [`plan`] looks at a post
//! and says which keys change to what, and why; [`apply`] makes the edits
//! and turns any edit the post refuses into a warning (nothing is dropped
//! silently). The plan holds no text of the post, so it can be snapshot
//! tested on its own.

use std::collections::{HashMap, HashSet};

use super::bools::Reader;
use super::{Flavor, Target};
use crate::date::PostDate;
use crate::error::{Warning, WarningCode};
use crate::field::FieldValue;
use crate::post::Post;
use crate::value::Value;
use crate::view::{list_items, taxonomy, Taxonomy};
use crate::yaml::scan::without_comment;

/// A front matter value an export writes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum FixValue {
    /// `true` / `false`.
    Bool(bool),
    /// A scalar.
    Text(String),
    /// A list of strings, always written as a YAML list.
    List(Vec<String>),
    /// Remove the key.
    Unset,
}

/// How a [`FixValue::Text`] is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Quoting {
    /// Quoted exactly when a YAML 1.1 or 1.2 reader would misread it plain
    /// (keeping the old value's quote style).
    AsNeeded,
    /// Written as given (in the old value's quotes, if it had some): the
    /// planner guarantees it reads back as intended.
    Verbatim,
}

/// One planned front matter change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    /// The key.
    pub key: String,
    /// Its new value.
    pub value: FixValue,
    /// How a scalar is quoted.
    pub quoting: Quoting,
    /// Why (the warning the change is reported under).
    pub code: WarningCode,
    /// What to tell the user; empty when the change list says it all.
    pub note: String,
}

impl Fix {
    fn new(key: &str, value: FixValue, code: WarningCode, note: impl Into<String>) -> Fix {
        Fix { key: key.to_string(), value, quoting: Quoting::AsNeeded, code, note: note.into() }
    }

    fn verbatim(mut self) -> Fix {
        self.quoting = Quoting::Verbatim;
        self
    }
}

/// Why the export writes its slug into a post's `slug:` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugRewrite {
    /// Another post of the export has the same slug: this one was renamed.
    Collision,
    /// The key walks out of its folder (`../../etc`): Jekyll would build a URL
    /// of it, and Lumen a page path.
    Unsafe,
    /// The key has a `#`, `%` or space, of which Gatsby cannot make a page path.
    NotUrl,
}

/// What the planner needs besides the post.
#[derive(Debug, Clone)]
pub struct PlanContext<'a> {
    /// The generator exported for.
    pub target: Target,
    /// The post's slug in the export (after collisions).
    pub slug: &'a str,
    /// Write `slug` into a `slug:` key the post already has, and why.
    pub slug_rewrite: Option<SlugRewrite>,
    /// The post's instant.
    pub date: &'a PostDate,
    /// The YAML reader the post was written for.
    pub source: Reader,
    /// Its `date` is written as it is (`placement::date_kept`).
    pub date_kept: bool,
    /// It has no readable `date`, and its file name gives one
    /// (`placement::dated_by_file_name`): a date only.
    pub dated_by_file_name: bool,
}

impl PlanContext<'_> {
    fn target_reader(&self) -> Reader {
        match self.target {
            Target::Jekyll => Reader::Psych,
            Target::Gatsby(_) => Reader::JsYaml,
        }
    }
}

/// The plain scalar text of `key`'s value (comment removed), or `None` when
/// the value is quoted, a collection or spans lines.
fn plain_scalar<'p>(post: &'p Post, key: &str) -> Option<&'p str> {
    plain_text(post.inline_value(key)?)
}

/// [`plain_scalar`] of the text after a key's colon.
fn plain_text(raw: &str) -> Option<&str> {
    let raw = without_comment(raw);
    if raw.is_empty() || raw.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    Some(raw)
}

fn date_fixes(post: &Post, cx: &PlanContext) -> Vec<Fix> {
    match cx.target {
        Target::Jekyll => {
            let current = post.inline_value("date").map(|raw| raw.trim_matches(['"', '\'']));
            // A date without a time (written so, or only in the file name) is read
            // by Jekyll as midnight in the site's time zone, which is also where the
            // URL's date comes from: adding our offset would move the URL a day back
            // on a UTC build (GitHub Pages). Keep it as written.
            let from_name = cx.dated_by_file_name;
            match &post.view().date {
                Some(_) if cx.date_kept => return Vec::new(),
                // No `date`: the file name's date (midnight), which Jekyll reads from the name.
                None if from_name && current.is_none() => return Vec::new(),
                // One Jekyll cannot read (`2022-13-45`): the file name's date, as a date only.
                None if from_name => {
                    let ymd = cx.date.ymd();
                    let fix = Fix::new("date", FixValue::Text(ymd.clone()), WarningCode::FrontMatterChanged, "");
                    return (current != Some(ymd.as_str())).then(|| fix.verbatim()).into_iter().collect();
                }
                _ => {}
            }
            let written = cx.date.to_jekyll();
            let fix = Fix::new("date", FixValue::Text(written.clone()), WarningCode::FrontMatterChanged, "");
            (current != Some(written.as_str())).then(|| fix.verbatim()).into_iter().collect()
        }
        Target::Gatsby(_) => {
            let iso = gatsby_date(post, cx);
            let quoted_ok = post.inline_value("date").is_some_and(|c| quoted_iso(c).is_some_and(|c| same_iso(c, &iso)));
            let fix = Fix::new("date", FixValue::Text(iso), WarningCode::FrontMatterChanged, "");
            (!quoted_ok).then_some(fix).into_iter().collect()
        }
    }
}

/// The `date` a Gatsby export writes, for the post's resolved instant. Gatsby
/// formats dates in UTC (`formatString` is moment.utc's), so `06:00+09:00` is
/// shown the day before. A date written without an offset (and the file name's
/// or now, which the export supplies) is written as its wall clock with none:
/// shown on its own day, as the post showed it if it was Gatsby's. One written
/// with an offset keeps it (`placement::resolve_date` says when it is shown on
/// another day).
fn gatsby_date(post: &Post, cx: &PlanContext) -> String {
    let (written, resolved) = (post.view().date.as_ref(), cx.date);
    if written.is_some_and(|d| d.offset.is_some()) {
        return resolved.to_iso();
    }
    let date_only = match written {
        Some(d) => d.time.is_none(),
        None => cx.dated_by_file_name,
    };
    let time = if date_only { None } else { resolved.time.clone() };
    PostDate { offset: None, time, ..resolved.clone() }.to_iso()
}

/// The text inside a `"…"` or `'…'` scalar.
fn quoted_iso(raw: &str) -> Option<&str> {
    ['"', '\''].into_iter().find_map(|q| raw.strip_prefix(q)?.strip_suffix(q))
}

/// Is `written` the ISO date `iso`, or the same with `Z` for `+00:00` (as
/// gatsby-starter-blog writes its posts' dates), which Gatsby reads alike?
fn same_iso(written: &str, iso: &str) -> bool {
    written == iso || written.strip_suffix(['Z', 'z']).is_some_and(|w| iso.strip_suffix("+00:00") == Some(w))
}

/// Is the post's `date` a date without a time, written on its line
/// (`2022-07-08` or `2022-7-8`, quoted or not)? Jekyll reads it as midnight in
/// the site's zone and takes the URL's date from it, so a Jekyll export keeps
/// it as written.
pub(crate) fn written_date_only(post: &Post) -> bool {
    let raw = post.inline_value("date").map(|raw| without_comment(raw).trim_matches(['"', '\'']));
    post.view().date.as_ref().is_some_and(|d| d.time.is_none() && raw.and_then(PostDate::parse).as_ref() == Some(d))
}

/// Is `v` already a list of non-empty strings (or of any scalars, for Jekyll)?
fn is_clean_list(v: &Value, strings_only: bool) -> bool {
    match v {
        Value::List(items) => items.iter().all(|i| match i {
            Value::String(s) => !s.trim().is_empty(),
            Value::Null => false,
            _ => !strings_only,
        }),
        _ => false,
    }
}

fn taxonomy_fixes(post: &Post, cx: &PlanContext) -> Vec<Fix> {
    let strings_only = matches!(cx.target, Target::Gatsby(_));
    let mut out = Vec::new();
    for t in [Taxonomy::Tags, Taxonomy::Categories] {
        let (plural, singular) = (post.field(t.plural()), post.field(t.singular()));
        let items = taxonomy(plural, singular);
        // Jekyll reads the singular key itself (it wins over the plural, so
        // both must become one); Lumen reads a singular `category` string.
        let target_reads_singular = match cx.target {
            Target::Jekyll => plural.is_none(),
            Target::Gatsby(Flavor::Lumen) => t == Taxonomy::Categories && matches!(singular, Some(Value::String(_))),
            Target::Gatsby(Flavor::StarterBlog) => false,
        };
        if singular.is_some() && !target_reads_singular {
            let note =
                format!("`{}` merged into `{}`: {}", t.singular(), t.plural(), crate::error::quoted_list(&items));
            out.push(Fix::new(t.plural(), FixValue::List(items), WarningCode::TaxonomyRenamed, note));
            out.push(Fix::new(t.singular(), FixValue::Unset, WarningCode::TaxonomyRenamed, ""));
        } else if let Some(v) = plural.filter(|v| !is_clean_list(v, strings_only)) {
            let items = list_items(v);
            let note = format!("`{}` written as a list of strings: {}", t.plural(), crate::error::quoted_list(&items));
            out.push(Fix::new(t.plural(), FixValue::List(items), WarningCode::ListNormalized, note));
        }
    }
    out
}

/// Booleans: every plain scalar keeps the meaning its source reader gave it
/// under the target's reader. A source boolean not spelled `true`/`false` is
/// written so; a source string the target would read as a boolean is quoted.
fn bool_fixes(post: &Post, cx: &PlanContext, skip: &[Fix]) -> Vec<Fix> {
    let mut out = Vec::new();
    // Each key's last entry (the one every reader keeps), by hash: a search per
    // key was quadratic (100,000 keys took minutes).
    let entries = post.yaml_entries();
    let last: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.key.as_str(), i)).collect();
    let skip: HashSet<&str> = skip.iter().map(|f| f.key.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for e in entries {
        if skip.contains(e.key.as_str()) || !seen.insert(e.key.as_str()) {
            continue;
        }
        let Some(raw) = last.get(e.key.as_str()).and_then(|&i| plain_text(entries[i].inline(post.head()))) else {
            continue;
        };
        match (cx.source.read_bool(raw), cx.target_reader().read_bool(raw)) {
            (Some(b), _) if raw != "true" && raw != "false" => {
                let note = format!("`{}: {raw}` written as `{b}`", e.key);
                out.push(Fix::new(&e.key, FixValue::Bool(b), WarningCode::BoolNormalized, note));
            }
            (None, Some(_)) => {
                let note = format!("`{}: {raw}` was text where the post came from; quoted so it stays text", e.key);
                out.push(Fix::new(&e.key, FixValue::Text(raw.to_string()), WarningCode::BoolQuoted, note));
            }
            _ => {}
        }
    }
    out
}

/// The boolean `key` holds for `reader` (a real boolean, or a plain scalar
/// the reader reads as one).
pub(crate) fn read_bool(post: &Post, key: &str, reader: Reader) -> Option<bool> {
    match post.field(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(_) => plain_scalar(post, key).and_then(|r| reader.read_bool(r)),
        _ => None,
    }
}

/// A nested map's `src`/`path` (Chirpy's `image: {path, alt}`).
fn map_src(v: &Value) -> Option<String> {
    ["path", "src", "url"].iter().find_map(|k| v.get(k).and_then(Value::as_text))
}

/// Fields whose name differs between generators.
fn mapping_fixes(post: &Post, cx: &PlanContext) -> Vec<Fix> {
    let mut out = Vec::new();
    let has = |k: &str| post.field(k).is_some();
    let as_date = |k: &str| post.field(k).and_then(Value::as_text).and_then(|t| PostDate::parse(&t));
    match cx.target {
        Target::Jekyll => {
            if let (Some(d), false) = (as_date("lastmod"), has("last_modified_at")) {
                let note = "`lastmod` (Hugo) also written as `last_modified_at` (Jekyll themes)";
                let written = d.to_jekyll();
                out.push(
                    Fix::new("last_modified_at", FixValue::Text(written), WarningCode::FieldMapped, note).verbatim(),
                );
            }
        }
        Target::Gatsby(_) => {
            if read_bool(post, "published", cx.source) == Some(false) && !has("draft") {
                let note = "`published: false` (Jekyll) also written as `draft: true`";
                out.push(Fix::new("draft", FixValue::Bool(true), WarningCode::FieldMapped, note));
            }
            let modified = as_date("lastmod").or_else(|| as_date("last_modified_at"));
            if let (Some(d), false) = (modified, has("updated")) {
                let note = "`lastmod`/`last_modified_at` also written as `updated`";
                out.push(Fix::new("updated", FixValue::Text(d.to_iso()), WarningCode::FieldMapped, note));
            }
            if let (Some(src), false) = (post.field("image").and_then(map_src), has("cover")) {
                let note = format!("`image:` map (Chirpy): its source `{src}` also written as `cover`");
                out.push(Fix::new("cover", FixValue::Text(src), WarningCode::FieldMapped, note));
            }
        }
    }
    out
}

/// `path` (`/posts/a b/`) with its last part replaced by `part` (`/posts/a-b/`);
/// `part` alone when a folder above it is no page path either (`/100%/a b/`).
fn with_last_part(path: &str, part: &str) -> String {
    let body = path.trim().trim_end_matches('/');
    let end = if body.len() < path.trim().len() { "/" } else { "" };
    match body.rsplit_once('/') {
        Some((head, _)) if super::placement::page_path_safe(head) => {
            format!("{head}/{part}{end}")
        }
        _ => part.to_string(),
    }
}

/// Keys the target needs that the post lacks.
fn added_fixes(post: &Post, cx: &PlanContext, categories: &[String]) -> Vec<Fix> {
    let mut out = Vec::new();
    let has = |k: &str| post.field(k).is_some();
    let added = |k: &str, v: &str| Fix::new(k, FixValue::Text(v.into()), WarningCode::FieldAdded, "");
    if let (Some(why), true) = (cx.slug_rewrite, has("slug")) {
        let mut value = cx.slug.to_string();
        let (code, note) = match why {
            SlugRewrite::Collision => (
                WarningCode::PathCollision,
                format!("`slug` set to `{}`: another post in this export has the same one", cx.slug),
            ),
            SlugRewrite::Unsafe => {
                (WarningCode::SlugUnsafe, format!("`slug` set to `{}`: it named a path out of its folder", cx.slug))
            }
            SlugRewrite::NotUrl => {
                // Only its last part changes: `/posts/a b/` stays under `/posts/`.
                let written = post.field("slug").and_then(|v| v.as_text()).unwrap_or_default();
                value = with_last_part(&written, cx.slug);
                let note = format!("`slug` set to `{value}`: Gatsby cannot make a page path of `#`, `%` or a space");
                (WarningCode::SlugUnsafe, note)
            }
        };
        out.push(Fix::new("slug", FixValue::Text(value), code, note));
    }
    match cx.target {
        Target::Jekyll if !has("layout") => out.push(added("layout", "post")),
        Target::Gatsby(Flavor::Lumen) => {
            if !has("template") {
                out.push(added("template", "\"post\"").verbatim());
            }
            if !has("slug") {
                out.push(added("slug", cx.slug));
            }
            let singular_string = matches!(post.field("category"), Some(Value::String(_)));
            if !singular_string {
                out.push(added("category", categories.first().map_or("retrospective", String::as_str)));
            }
        }
        _ => {}
    }
    out
}

/// Plan the front matter changes that make `post` (YAML front matter) read
/// as its author meant in `cx.target`.
pub fn plan(post: &Post, cx: &PlanContext) -> Vec<Fix> {
    let mut fixes = date_fixes(post, cx);
    fixes.extend(taxonomy_fixes(post, cx));
    let bools = bool_fixes(post, cx, &fixes);
    fixes.extend(bools);
    fixes.extend(mapping_fixes(post, cx));
    let categories = post.view().categories.clone();
    fixes.extend(added_fixes(post, cx, &categories));
    fixes
}

/// Apply `fixes` to `post` in order. A fix the post refuses (the edit would
/// not parse, or would move the end of the front matter) leaves that key as
/// it was and becomes an `edit-failed` warning; the others still apply.
pub fn apply(post: &mut Post, fixes: &[Fix], warnings: &mut Vec<Warning>) {
    for f in fixes.iter().filter(|f| !f.note.is_empty()) {
        warnings.push(Warning::new(f.code, f.note.clone(), None));
    }
    // Runs of sets to distinct keys go in as one edit of the front matter
    // (one edit each re-reads the whole front matter: quadratic with many
    // keys); an unset, or a key set twice, ends a run, so order is kept.
    let mut run: Vec<(String, FieldValue)> = Vec::new();
    let mut keys: HashSet<&str> = HashSet::new();
    for f in fixes {
        let value = match (&f.value, f.quoting) {
            (FixValue::Bool(b), _) => Some(FieldValue::Bool(*b)),
            (FixValue::Text(t), Quoting::AsNeeded) => Some(FieldValue::Str(t.clone())),
            (FixValue::Text(t), Quoting::Verbatim) => Some(FieldValue::Text(t.clone())),
            (FixValue::List(items), _) => Some(FieldValue::StrictList(items.clone())),
            (FixValue::Unset, _) => None,
        };
        if value.is_none() || !keys.insert(&f.key) {
            set_run(post, &mut run, warnings);
            keys.clear();
            keys.insert(&f.key);
        }
        match value {
            Some(v) => run.push((f.key.clone(), v)),
            None => {
                if let Err(e) = post.unset(&f.key) {
                    warnings.push(edit_failed(&f.key, &e));
                }
            }
        }
    }
    set_run(post, &mut run, warnings);
}

/// Set a run of distinct keys in one edit; a key the post refuses keeps its value.
fn set_run(post: &mut Post, run: &mut Vec<(String, FieldValue)>, warnings: &mut Vec<Warning>) {
    for (key, e) in post.set_many(run) {
        warnings.push(edit_failed(&key, &e));
    }
    run.clear();
}

fn edit_failed(key: &str, e: &crate::error::EditError) -> Warning {
    let text = format!("could not write `{key}` for the target ({e}); it was left as it was");
    Warning::new(WarningCode::EditFailed, text, None)
}
