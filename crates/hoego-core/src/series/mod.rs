//! Series and history: retrospectives that belong together (the same
//! `series` front matter value, or one chosen tag), each group in date
//! order with every post's reviewed period and goal achievement rate.
//!
//! One pass per post: its front matter decides the group, and only posts
//! that join a group get their body scanned for the scoreboard (one
//! markdown pass each). One unstable sort of (group, date + arrival) keys
//! then groups and orders them: O(n log n), never quadratic. (No
//! `BTreeMap` or stable sort: their code costs the browser build ~10 KB of
//! gzip, see `src/storage/mod.rs`.)

mod chart;
#[cfg(test)]
mod tests;

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
    let mut found: Vec<(String, Option<Pending>)> = Vec::new();
    for e in entries {
        let Some(key) = group_key(e.post, by) else { continue };
        found.push((key, Some(pending(e))));
    }
    let mut keys: Vec<(&str, u64)> =
        found.iter().enumerate().map(|(i, (key, p))| (key.as_str(), order(p.as_ref(), i))).collect();
    sort_keys(&mut keys);
    let order: Vec<usize> = keys.iter().map(|(_, k)| (k & INDEX_MASK) as usize).collect();
    let mut out: Vec<(String, Vec<Pending>)> = Vec::new();
    for i in order {
        let (key, slot) = &mut found[i];
        let Some(p) = slot.take() else { continue };
        match out.last_mut() {
            Some((name, members)) if name == key => members.push(p),
            _ => out.push((std::mem::take(key), vec![p])),
        }
    }
    out.into_iter().map(|(name, members)| finish(name, members)).collect()
}

/// Bits of [`order`] that hold the arrival index (4 million posts).
const INDEX_BITS: u32 = 22;
const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;

/// A member's place as one number: undated last (bit 63), then the day
/// (23 bits, years 0–9999 fit), the time of day in seconds (17 bits), and
/// the arrival index, so equal dates keep the order posts came in.
fn order(p: Option<&Pending>, index: usize) -> u64 {
    let index = (index as u64).min(INDEX_MASK);
    let Some(d) = p.and_then(|p| p.member.date.as_ref()) else { return 1 << 63 | index };
    let day = (crate::date::days_from_civil(d.year, d.month, d.day) + (1 << 22)).clamp(0, (1 << 23) - 1) as u64;
    let secs = d.time.as_ref().map_or(0, |t| u64::from(t.hour) * 3600 + u64::from(t.minute) * 60 + u64::from(t.second));
    day << 40 | secs << INDEX_BITS | index
}

/// Sort (group, order) pairs. The same instantiation as the app's storage
/// lookup (`(&str, u64)`, unstable): one sort's code in the wasm.
fn sort_keys(v: &mut [(&str, u64)]) {
    v.sort_unstable();
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

/// Label each member (already in date order) with its period, of the kind
/// the whole group suggests.
fn finish(name: String, members: Vec<Pending>) -> Group {
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

/// Tags used by posts, by name, with how many posts use each (for
/// choosing one to group by).
pub fn tags<'a>(posts: impl IntoIterator<Item = &'a Post>) -> Vec<(String, usize)> {
    let mut all: Vec<(&str, u64)> =
        posts.into_iter().flat_map(|p| p.view().tags.iter().map(|t| (t.as_str(), 0))).collect();
    sort_keys(&mut all);
    let mut out: Vec<(String, usize)> = Vec::new();
    for (t, _) in all {
        match out.last_mut() {
            Some((name, n)) if name == t => *n += 1,
            _ => out.push((t.to_string(), 1)),
        }
    }
    out
}
