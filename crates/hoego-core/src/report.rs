//! The one-line JSON summary `hoego show` prints (and the app's library
//! shows): a stable contract that scripts depend on.

use serde::Serialize;

use crate::dialect::{detect, Dialect};
use crate::error::Warning;
use crate::goals::{of_post, Scoreboard};
use crate::post::Post;
use crate::stats::{analyze_with, Graphemes, Heading, Stats};
use crate::value::Value;

/// Everything `hoego show` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Detected dialect.
    pub dialect: Dialect,
    /// Why that dialect.
    pub dialect_reasons: Vec<String>,
    /// `yaml`, `toml` or `none`.
    pub front_matter: &'static str,
    /// Title.
    pub title: Option<String>,
    /// Date as written, ISO 8601.
    pub date: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// Draft?
    pub draft: bool,
    /// Slug.
    pub slug: Option<String>,
    /// Every key, as JSON.
    pub fields: FieldsJson,
    /// Body statistics.
    pub stats: Stats,
    /// Outline.
    pub headings: Vec<Heading>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// The goal scoreboard (see [`crate::goals`]).
    pub goals: Scoreboard,
}

/// Front matter fields serialized as one JSON object in source order.
#[derive(Debug, Clone)]
pub struct FieldsJson(pub Vec<(String, Value)>);

impl Serialize for FieldsJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Value::Map(self.0.clone()).serialize(s)
    }
}

/// Build the report for `post`.
#[cfg(feature = "graphemes")]
pub fn report(post: &Post) -> Report {
    report_with(post, &crate::stats::UnicodeGraphemes)
}

/// Build the report for `post`, clusters counted by `graphemes`.
pub fn report_with(post: &Post, graphemes: &dyn Graphemes) -> Report {
    let v = post.view();
    let d = detect(post);
    let (stats, headings) = analyze_with(post.body(), graphemes);
    Report {
        dialect: d.dialect,
        dialect_reasons: d.reasons,
        front_matter: post.kind().as_str(),
        title: v.title.clone(),
        date: v.date.as_ref().map(|d| d.to_iso()),
        tags: v.tags.clone(),
        categories: v.categories.clone(),
        draft: v.draft,
        slug: v.slug.clone(),
        fields: FieldsJson(post.fields().to_vec()),
        stats,
        headings,
        warnings: post.warnings().to_vec(),
        goals: of_post(post),
    }
}
