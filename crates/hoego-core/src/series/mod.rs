//! Series and history: retrospectives that belong together (the same
//! `series` front matter value, or one chosen tag), each group in date
//! order with every post's reviewed period and goal achievement rate.
//!
//! One pass per post: its front matter decides the group, and only posts
//! that join a group get their body scanned for the scoreboard (one
//! markdown pass each). Groups are kept in a `BTreeMap`, so building them
//! is O(n log n) in the number of posts, never quadratic.

mod chart;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use chart::{chart, Point};

use crate::date::PostDate;
use crate::export::parse_source_name;
use crate::goals::scoreboard;
use crate::period::{Period, PeriodKind};
use crate::post::Post;
use crate::value::Value;

/// What makes posts one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// The `series` front matter value: one group per distinct value.
    Series,
    /// Every post carrying this tag (exact match) is one group named after it.
    Tag(String),
}

/// One post handed in: its id, its file name (a `YYYY-MM-DD-slug.md`
/// name dates a post without a `date`) and the parsed post.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The draft's id, returned unchanged in [`Member::id`].
    pub id: &'a str,
    /// The imported file name, if any.
    pub name: Option<&'a str>,
    /// The post.
    pub post: &'a Post,
}

/// One post of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The id it came in with.
    pub id: String,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Front matter `date`, else the file name's date.
    pub date: Option<PostDate>,
    /// The period it reviews, short (`2024 H1`, `2024-03`); `None` undated.
    pub period: Option<String>,
    /// Goal achievement rate in thousandths; `None` when it has no goals.
    pub rate: Option<u32>,
}

/// Posts that belong together, oldest first (undated ones last, in the
/// order they came).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The series value or the tag.
    pub name: String,
    /// The period length its titles, tags or name suggest, if any.
    pub kind: Option<PeriodKind>,
    /// Its posts.
    pub members: Vec<Member>,
}

/// A member being built: the texts period detection reads come along.
struct Pending {
    member: Member,
    hints: Vec<String>,
}

/// The groups among `entries`, sorted by name.
pub fn groups<'a>(entries: impl IntoIterator<Item = Entry<'a>>, by: &GroupBy) -> Vec<Group> {
    let mut map: BTreeMap<String, Vec<Pending>> = BTreeMap::new();
    for e in entries {
        let Some(key) = group_key(e.post, by) else { continue };
        map.entry(key).or_default().push(pending(e));
    }
    map.into_iter().map(|(name, members)| finish(name, members)).collect()
}

/// The group a post joins, if any.
fn group_key(post: &Post, by: &GroupBy) -> Option<String> {
    match by {
        GroupBy::Series => series_value(post.field("series")?),
        GroupBy::Tag(tag) => post.view().tags.iter().any(|t| t == tag).then(|| tag.clone()),
    }
}

/// A series name: a scalar, or a list's first item (some themes write
/// `series: [name]`); blank is none.
fn series_value(v: &Value) -> Option<String> {
    let text = match v {
        Value::List(items) => items.first()?.as_text()?,
        other => other.as_text()?,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn pending(e: Entry<'_>) -> Pending {
    let v = e.post.view();
    let date = v.date.clone().or_else(|| e.name.and_then(|n| parse_source_name(n).0));
    let rate = scoreboard(e.post.body(), date.as_ref()).overall.rate_per_mille();
    let hints = v.title.iter().chain(&v.tags).chain(&v.categories).cloned().collect();
    Pending { member: Member { id: e.id.to_string(), title: v.title.clone(), date, period: None, rate }, hints }
}

/// Sort by date (stable: undated and same-day posts keep their order) and
/// label each member's period with the kind the whole group suggests.
fn finish(name: String, mut members: Vec<Pending>) -> Group {
    members.sort_by_key(|p| p.member.date.as_ref().map_or((1, 0, 0, 0, 0), date_key));
    let kind = PeriodKind::detect(
        std::iter::once(name.as_str()).chain(members.iter().flat_map(|p| p.hints.iter().map(String::as_str))),
    );
    let members = members
        .into_iter()
        .map(|p| {
            let mut m = p.member;
            m.period = m.date.as_ref().map(|d| match kind {
                Some(k) => Period::reviewed(k, d, m.title.as_deref().unwrap_or("")).label(),
                None => d.ymd(),
            });
            m
        })
        .collect();
    Group { name, kind, members }
}

/// Sort key: dated first (0), then date and time of day as written.
fn date_key(d: &PostDate) -> (u8, i64, u8, u8, u8) {
    let t = d.time.as_ref().map_or((0, 0, 0), |t| (t.hour, t.minute, t.second));
    let days = crate::date::days_from_civil(d.year, d.month, d.day);
    (0, days, t.0, t.1, t.2)
}

/// Tags used by posts, most used first (ties by name), for choosing one
/// to group by.
pub fn tags<'a>(posts: impl IntoIterator<Item = &'a Post>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in posts {
        for t in &p.view().tags {
            *counts.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
