//! The typed view of a post's front matter, read with the semantics real
//! generators use (Jekyll's Psych for lists and booleans; last duplicate wins).

use std::collections::HashSet;

use serde::{Serialize, Serializer};

use crate::date::PostDate;
use crate::error::{Warning, WarningCode};
use crate::value::Value;

/// The fields Hoego understands; every other key stays untouched in the source.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PostView {
    /// `title`, or the first `# heading` when there is none.
    pub title: Option<String>,
    /// `date`, as written (see [`PostDate`]); `None` when absent or malformed.
    #[serde(serialize_with = "iso")]
    pub date: Option<PostDate>,
    /// `tags` plus singular `tag`.
    pub tags: Vec<String>,
    /// `categories` plus singular `category`.
    pub categories: Vec<String>,
    /// `draft: true` or `published: false`.
    pub draft: bool,
    /// `description`, else `excerpt`, else `summary`.
    pub description: Option<String>,
    /// `slug`.
    pub slug: Option<String>,
    /// `layout`, else `template`.
    pub layout: Option<String>,
    /// `author` (string, or a map's `name`).
    pub author: Option<String>,
    /// `cover`, else `image` (string, or a map's `path`/`src`/`url`/`feature`).
    pub cover: Option<String>,
    /// `emoji`.
    pub emoji: Option<String>,
}

fn iso<S: Serializer>(d: &Option<PostDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_iso()),
        None => s.serialize_none(),
    }
}

/// Items of a list-ish value the way Jekyll reads them: a list (nulls dropped),
/// or a string split on whitespace.
pub fn list_items(v: &Value) -> Vec<String> {
    match v {
        Value::List(items) => items.iter().filter_map(Value::as_text).filter(|s| !s.trim().is_empty()).collect(),
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        Value::Null => Vec::new(),
        other => other.as_text().into_iter().collect(),
    }
}

/// A taxonomy with a plural key (`tags`) and the singular one some themes use (`tag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxonomy {
    /// `tags` / `tag`.
    Tags,
    /// `categories` / `category`.
    Categories,
}

impl Taxonomy {
    /// The plural key every target reads.
    pub fn plural(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
        }
    }

    /// The singular key (Jekyll, several Hugo themes).
    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tag",
            Taxonomy::Categories => "category",
        }
    }
}

/// The one rule for what a post's tags (or categories) are, shared by the
/// view (`hoego show`) and the export: the plural key's items, then the
/// singular key's, without repeats. A plural string splits on whitespace
/// (Jekyll's reading); a singular string is one item (Jekyll does not split it).
pub fn taxonomy(plural: Option<&Value>, singular: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let single = match singular {
        Some(Value::String(s)) => Some(s.trim()).filter(|s| !s.is_empty()).map(|s| vec![s.to_string()]),
        _ => None,
    };
    let items = plural.map(list_items).into_iter().chain(single.or_else(|| singular.map(list_items)));
    // A set, not `out.contains`: 40,000 tags must not cost 40,000² comparisons.
    let mut seen: HashSet<String> = HashSet::new();
    for i in items.flatten() {
        if seen.insert(i.clone()) {
            out.push(i);
        }
    }
    out
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_text).filter(|s| !s.trim().is_empty())
}

/// The title the fields give (a `title` that is non-blank text), if any:
/// without one, a post's title is its body's first H1.
pub(crate) fn field_title(fields: &[(String, Value)]) -> Option<String> {
    text(fields.iter().find(|(key, _)| key == "title").map(|(_, v)| v))
}

fn nested(v: Option<&Value>, keys: &[&str]) -> Option<String> {
    match v? {
        Value::Map(_) => keys.iter().find_map(|k| text(v?.get(k))),
        other => text(Some(other)),
    }
}

impl PostView {
    /// Build the view from fields (in source order, duplicates already
    /// resolved to their last value). `fields_line` gives a key's line for
    /// warnings; `body_title` gives the first H1 of the body, asked for only when
    /// the fields have no title (finding it scans the whole body).
    pub fn from_fields(
        fields: &[(String, Value)],
        fields_line: impl Fn(&str) -> Option<usize>,
        body_title: impl FnOnce() -> Option<String>,
        warnings: &mut Vec<Warning>,
    ) -> PostView {
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        let mut view = PostView { title: field_title(fields).or_else(body_title), ..PostView::default() };
        if let Some(d) = get("date") {
            match d.as_text() {
                Some(raw) => match PostDate::parse(&raw) {
                    Some(p) => view.date = Some(p),
                    None => warnings.push(Warning::new(
                        WarningCode::BadDate,
                        format!("`date: {raw}` is not a date Jekyll or Gatsby can read; it is kept as written"),
                        fields_line("date"),
                    )),
                },
                None if *d == Value::Null => {}
                None => warnings.push(Warning::new(
                    WarningCode::BadDate,
                    "`date` is not a single value",
                    fields_line("date"),
                )),
            }
        }
        view.tags = taxonomy(get(Taxonomy::Tags.plural()), get(Taxonomy::Tags.singular()));
        view.categories = taxonomy(get(Taxonomy::Categories.plural()), get(Taxonomy::Categories.singular()));
        view.draft = get("draft").and_then(Value::as_bool).unwrap_or(false)
            || get("published").and_then(Value::as_bool) == Some(false);
        view.description = text(get("description")).or_else(|| text(get("excerpt"))).or_else(|| text(get("summary")));
        view.slug = text(get("slug"));
        view.layout = text(get("layout")).or_else(|| text(get("template")));
        view.author = nested(get("author"), &["name", "display_name"]);
        view.cover = nested(get("cover"), &["path", "src", "url", "image"])
            .or_else(|| nested(get("image"), &["path", "src", "url", "feature", "teaser"]));
        view.emoji = text(get("emoji"));
        view
    }
}
